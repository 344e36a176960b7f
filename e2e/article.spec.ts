import { expect, test } from "@playwright/test";
import { blockByHeading, datetimes, HIDDEN_TITLES, isSortedNewestFirst, SEED } from "./helpers";

test.describe("the seed article", () => {
  test.beforeEach(async ({ page }) => {
    const res = await page.goto(`/news/${SEED.slug}`);
    expect(res?.status()).toBe(200);
  });

  test("has the title as its only h1, the lead, source and date line", { tag: "@smoke" }, async ({ page }) => {
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.locator("h1")).toHaveText(SEED.title);
    await expect(page).toHaveTitle(new RegExp(`^${SEED.title} — `));
    const header = page.locator("article header");
    await expect(header).toContainText("Александр Лукашенко рассчитывает на поддержку Казахстана");
    await expect(header).toContainText("Источник материала: Mir24.TV Belarus");
    // The seed's date line with the time beside the date.
    await expect(header).toContainText("04.03.2024, 12:40 — Разное");
    await expect(header.locator("time")).toHaveAttribute("datetime", "2024-03-04T12:40:00+03:00");
  });

  test("keeps the date with its time, and the reading time, each on one line", async ({ page }) => {
    const header = page.locator("article header");
    for (const el of [header.locator("time"), header.getByTestId("reading-time")])
      expect(await el.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe("nowrap");
  });

  test("shows the photo with its alt text and credit", async ({ page }) => {
    const img = page.locator("article figure img");
    await expect(img).toHaveAttribute("alt", /Переговоры за длинным деревянным столом/);
    await expect(page.locator("article figure figcaption")).toHaveText("Фото: Официальный сайт президента Республики Беларусь");
    // The optimised image really loads (it goes through the media route and the optimizer).
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  });

  test("renders the body with both quotes, without repeating the lead", async ({ page }) => {
    const body = page.locator(".article-body");
    await expect(body.locator("blockquote")).toHaveCount(2);
    await expect(body.locator("blockquote").first()).toContainText("«Вы сегодня председательствуете в организации ОДКБ и ШОС.");
    await expect(body).toContainText("Товарооборот Беларуси и Казахстана за прошлый год превысил миллиард долларов.");
    await expect(body).not.toContainText("передает «МИР 24»");
  });

  test("links to the original and to the older and newer article of the section", async ({ page }) => {
    await expect(page.getByRole("link", { name: "(оригинал новости)" })).toHaveAttribute("href", "https://mir24.tv/news/16588420");
    const neighbours = page.getByRole("navigation", { name: "Соседние новости рубрики" });
    const prev = neighbours.locator('a[rel="prev"]');
    const next = neighbours.locator('a[rel="next"]');
    await expect(prev).toContainText("←");
    await expect(next).toContainText("→");
    const prevHref = (await prev.getAttribute("href"))!;
    const nextHref = (await next.getAttribute("href"))!;
    expect(prevHref).toMatch(/^\/news\/[a-z0-9-]+$/);

    // Older and newer, and both in the same section (their "more news" block names politics).
    for (const [href, older] of [
      [prevHref, true],
      [nextHref, false],
    ] as const) {
      await page.goto(href);
      const when = Date.parse((await page.locator("article header time").getAttribute("datetime"))!);
      expect(when < Date.parse("2024-03-04T12:40:00+03:00")).toBe(older);
      expect(await page.locator("#more-news-title").innerText()).toBe("ДРУГИЕ НОВОСТИ ПОЛИТИКИ");
    }
  });

  test("lists five other politics stories under a capitalised heading", async ({ page }) => {
    const heading = page.locator("#more-news-title");
    expect(await heading.innerText()).toBe("ДРУГИЕ НОВОСТИ ПОЛИТИКИ");
    const links = page.locator('section[aria-labelledby="more-news-title"] a');
    await expect(links).toHaveCount(5);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).not.toContain(`/news/${SEED.slug}`);
    expect(isSortedNewestFirst(await datetimes(page.locator('section[aria-labelledby="more-news-title"]')))).toBe(true);
  });

  test("has the news feed with ten timed items and the top news", { tag: "@smoke" }, async ({ page }) => {
    const feed = blockByHeading(page, "Лента новостей");
    await expect(feed.locator("li")).toHaveCount(10);
    // The last 24 hours are relative ("30 минут назад"); older items end with the clock.
    for (const text of await feed.locator("li time").allInnerTexts()) expect(text).toMatch(/\d{2}:\d{2}$| назад$/);
    expect(isSortedNewestFirst(await datetimes(feed))).toBe(true);

    const top = blockByHeading(page, "ТОП-новости Беларуси");
    const count = await top.locator("li").count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(5);
    const sidebar = await page.locator("aside").innerText();
    for (const hidden of HIDDEN_TITLES) expect(sidebar).not.toContain(hidden);
  });
});

test("an article dated 23:30 UTC shows the next day in Minsk", async ({ page }) => {
  await page.goto("/news/europe-spring-floods-preparation");
  await expect(page.locator("article header")).toContainText("05.03.2024");
  await expect(page.locator("article header")).toContainText("02:30");
});

test("hostile markup in a valid article is rendered inert", async ({ page }) => {
  const res = await page.goto("/news/e2e-hostile-markup");
  expect(res?.status()).toBe(200);
  const body = page.locator(".article-body");
  await expect(body).toContainText("нормальная ссылка");
  expect(await body.locator("script, img, iframe, [onerror]").count()).toBe(0);
  await expect(body.getByText("Ссылка\u2011ловушка")).not.toHaveAttribute("href", /.+/);
  await expect(page).not.toHaveTitle("взломано");
});

test("pages reach the reader without Next's client runtime, compressed, with their length", async ({ request }) => {
  for (const path of [`/news/${SEED.slug}`, "/", "/section/politics", "/news", "/no-such-page"]) {
    const res = await request.get(path, { headers: { "Accept-Encoding": "gzip" } });
    const html = await res.text();
    expect(html, path).toContain("</html>");
    expect(html, path).not.toMatch(/<script[^>]+src="\/_next\/|__next_f|TURBOPACK/);
    if (process.env.E2E_BASE_URL) continue;
    const h = res.headers();
    expect(h["content-encoding"], path).toBe("gzip");
    // Sent whole, not chunked: nginx can cache and serve it as a static file.
    expect(h["transfer-encoding"], path).toBeUndefined();
    expect(Number(h["content-length"]), path).toBeGreaterThan(1000);
    expect(Number(h["content-length"]), path).toBeLessThan(Buffer.byteLength(html) / 2);
  }
  const plain = await request.get("/", { headers: { "Accept-Encoding": "identity" } });
  if (!process.env.E2E_BASE_URL) {
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers()["content-length"])).toBe((await plain.body()).length);
  }
});

test("an update on the day of publication shows its time only", async ({ page }) => {
  await page.goto("/news/weather-spring-forecast");
  const updated = page.locator("article header").getByTestId("updated");
  await expect(updated).toHaveText("Обновлено в 12:45");
});

test("«По теме» offers related stories, none of which «Другие новости …» already shows", async ({ page }) => {
  // Agro drones share «Сельское хозяйство», «Посевная» and «Минская область» with economy stories.
  await page.goto("/news/agro-drones-pilot");
  const related = page.getByRole("region", { name: "По теме" });
  const links = related.getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(2);
  expect(count).toBeLessThanOrEqual(5);
  const relatedHrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  // The one sharing three tags first, then the one sharing two.
  expect(relatedHrefs.slice(0, 2)).toEqual(["/news/spring-sowing-preparation", "/news/harvest-plans-2024"]);
  const moreHrefs = await page.locator('section[aria-labelledby="more-news-title"] a').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  for (const href of relatedHrefs) {
    expect(moreHrefs).not.toContain(href);
    expect(href).not.toBe("/news/agro-drones-pilot");
  }
});
