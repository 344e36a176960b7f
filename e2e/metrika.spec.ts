import { expect, test } from "@playwright/test";
import { startServer } from "./helpers";

test.describe("Yandex.Metrika", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "the notice and the counter need JavaScript");
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  let server: { base: string; stop: () => void } | undefined;
  let base = "";

  test.beforeAll(async () => {
    server = await startServer(3280, { METRIKA_ID: "12345678" });
    base = server.base;
  });

  test.afterAll(() => server?.stop());

  test("loads only after the reader accepts, remembers the choice, and keeps the server HTML complete", async ({ page, request }) => {
    const tagRequests: string[] = [];
    // No traffic leaves this machine: the tag is answered with a stub that records its calls.
    await page.route("https://mc.yandex.ru/**", (route) => {
      tagRequests.push(route.request().url());
      return route.fulfill({ contentType: "application/javascript", body: "window.__ymLoaded = true;" });
    });

    const html = await (await request.get(`${base}/news/lukashenko-kazakhstan-sco`)).text();
    expect(html).toContain("Товарооборот Беларуси и\u00A0Казахстана"); // typeset body text
    const csp = (await request.get(base)).headers()["content-security-policy"];
    expect(csp).toContain("https://mc.yandex.ru");

    await page.goto(`${base}/news/lukashenko-kazakhstan-sco`);
    const notice = page.getByRole("dialog", { name: "Согласие на cookie" });
    await expect(notice).toBeVisible();
    await page.waitForTimeout(300);
    expect(tagRequests).toEqual([]);

    await notice.getByRole("button", { name: "Разрешить" }).click();
    await expect(notice).toBeHidden();
    await expect.poll(() => tagRequests.some((u) => u.endsWith("/metrika/tag.js"))).toBe(true);
    expect(await page.evaluate(() => typeof (window as { ym?: unknown }).ym)).toBe("function");

    await page.goto(`${base}/section/politics`);
    await expect(page.getByRole("dialog", { name: "Согласие на cookie" })).toHaveCount(0);
    await expect.poll(() => tagRequests.length).toBeGreaterThan(1);
  });

  test("a reader who declines gets no counter", async ({ page }) => {
    let loaded = false;
    await page.route("https://mc.yandex.ru/**", (route) => {
      loaded = true;
      return route.abort();
    });
    await page.goto(base);
    await page.getByRole("button", { name: "Не разрешать" }).click();
    await page.goto(`${base}/news`);
    await expect(page.getByRole("dialog", { name: "Согласие на cookie" })).toHaveCount(0);
    await page.waitForTimeout(300);
    expect(loaded).toBe(false);
  });
});

test.describe("Yandex.Metrika without JavaScript", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "the plain-form notice is for readers without JavaScript");
  test.describe.configure({ timeout: 120_000 });

  let server: { base: string; stop: () => void } | undefined;
  test.beforeAll(async () => {
    server = await startServer(3281, { METRIKA_ID: "12345678" });
  });
  test.afterAll(() => server?.stop());

  test("the notice is a form, and the <noscript> pixel appears only after consent", async ({ page }) => {
    const pixels: string[] = [];
    await page.route("https://mc.yandex.ru/**", (route) => {
      pixels.push(route.request().url());
      return route.fulfill({ contentType: "image/gif", body: Buffer.from("R0lGODlhAQABAAAAACw=", "base64") });
    });
    const first = await page.goto(`${server!.base}/news/lukashenko-kazakhstan-sco`);
    expect(first?.headers()["cache-control"]).toContain("s-maxage");
    expect(pixels).toEqual([]);

    await page.getByRole("button", { name: "Разрешить" }).click();
    await expect(page).toHaveURL(/\/news\/lukashenko-kazakhstan-sco$/);
    await expect.poll(() => pixels).toEqual(["https://mc.yandex.ru/watch/12345678"]);
    await expect(page.getByRole("button", { name: "Разрешить" })).toHaveCount(0);
    // The page now depends on the reader's cookie, so shared caches must not keep it.
    const again = await page.goto(`${server!.base}/section/politics`);
    expect(again?.headers()["cache-control"]).not.toContain("public");
  });
});

test("without METRIKA_ID there is neither a notice nor a counter", async ({ page }) => {
  let loaded = false;
  await page.route("https://mc.yandex.ru/**", (route) => {
    loaded = true;
    return route.abort();
  });
  await page.goto("/");
  await page.waitForTimeout(300);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(loaded).toBe(false);
});
