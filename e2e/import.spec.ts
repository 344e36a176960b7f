import { expect, test } from "@playwright/test";

// What `npm run import` made of the demo partners' feeds (content/sources.json, content/feeds/),
// imported into the suite's content by e2e/prepare-content.mjs exactly as the command does it.
const BRIDGE = "/news/v-gomele-otkryli-novyy-most-cherez-sozh";

test.describe("an imported article", () => {
  test("shows the partner, the original, its downloaded photo and «Также сообщают»", { tag: "@smoke" }, async ({ page }) => {
    const res = await page.goto(BRIDGE);
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1")).toHaveText("В Гомеле открыли новый мост через Сож");
    const source = page.getByTestId("source");
    await expect(source).toHaveText("Источник материала: Вестник Полесья");
    await expect(source.getByRole("link", { name: "Вестник Полесья" })).toHaveAttribute("href", "/source/vestnik-polesya");
    await expect(page.getByRole("link", { name: "(оригинал новости)" })).toHaveAttribute(
      "href",
      "https://example.org/vestnik-polesya/news/2024/03/05/most-cherez-sozh",
    );
    // The same story from another partner did not become a second article: it is listed here.
    const also = page.getByTestId("also");
    await expect(also).toContainText("Также сообщают:");
    await expect(also.getByRole("link", { name: "Витебский курьер" })).toHaveAttribute("href", "https://example.org/vitebsk-kurier/2024/03/05/most-gomel");
    // The photo was downloaded into the content folder and is served by the portal, not hot-linked.
    const img = page.locator("article figure img");
    await expect(img).toHaveAttribute(
      "src",
      /media%2Fvestnik-polesya%2Fv-gomele-otkryli-novyy-most-cherez-sozh\.jpg|\/media\/vestnik-polesya\/v-gomele-otkryli-novyy-most-cherez-sozh\.jpg/,
    );
    await expect(page.locator("article figure figcaption")).toHaveText("Фото: Вестник Полесья");
    const photo = await page.request.get("/media/vestnik-polesya/v-gomele-otkryli-novyy-most-cherez-sozh.jpg");
    expect(photo.status()).toBe(200);
    expect(photo.headers()["content-type"]).toBe("image/jpeg");
    // The body is the partner's full text, as paragraphs.
    await expect(page.locator("article").getByText("Первыми по мосту проехали автобусы маршрута № 22.")).toBeVisible();
  });

  test("the other partner's copy has no page of its own", async ({ page }) => {
    expect((await page.goto("/news/novyy-most-cherez-sozh-otkryt-v-gomele"))?.status()).toBe(404);
  });

  test("a windows-1251 partner's story reads right, and its lead-only text sends the reader to the original", async ({ page }) => {
    expect((await page.goto("/news/v-vitebske-startoval-festival-ulichnykh-teatrov"))?.status()).toBe(200);
    await expect(page.locator("h1")).toHaveText("В Витебске стартовал фестиваль уличных театров");
    await expect(page.getByText("В программе более 40 спектаклей")).toBeVisible();
    await expect(page.getByRole("link", { name: "(оригинал новости)" })).toHaveAttribute("href", "https://example.org/vitebsk-kurier/2024/03/04/festival");
  });

  test("an Atom partner's HTML arrives as text without its script, with the picture of its text as the photo", async ({ page }) => {
    const messages: string[] = [];
    page.on("dialog", (d) => {
      messages.push(d.message());
      void d.dismiss();
    });
    expect((await page.goto("/news/v-grodnenskom-zamke-otkroyut-zal-srednevekovogo-oruzhiya"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Что покажут" })).toBeVisible();
    for (const item of [/мечи XIV.XVI\sвеков/, /реконструкцию доспеха витязя/, /мастерскую оружейника/])
      await expect(page.getByRole("listitem").filter({ hasText: item })).toHaveCount(1);
    await expect(page.locator("article figure img")).toHaveAttribute("alt", "Зал Старого замка");
    const body = page.locator("article");
    expect(await body.locator("[onclick], iframe").count()).toBe(0);
    await expect(body).not.toContainText("партнёрский скрипт");
    expect(messages).toEqual([]);
  });

  test("appears on its partner's page and in the partner's feed", async ({ page, request }) => {
    await page.goto("/source/vestnik-polesya");
    await expect(page.locator(`main article h2 a[href="${BRIDGE}"]`)).toHaveCount(1);
    const rss = await (await request.get("/source/vestnik-polesya/rss.xml")).text();
    // The feed's text is typeset as the page's is (no-break spaces after short words).
    expect(rss.replace(/\u00a0/g, " ")).toContain("<title>В Гомеле открыли новый мост через Сож</title>");
  });
});
