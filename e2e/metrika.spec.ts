import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";

test.describe("Yandex.Metrika", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "the notice and the counter need JavaScript");
  test.describe.configure({ mode: "serial" });

  let server: ChildProcess | undefined;
  const port = 3280;
  const base = `http://127.0.0.1:${port}`;

  test.beforeAll(async ({ playwright }) => {
    server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
      env: { ...process.env, CONTENT_DIR: ".e2e/content", METRIKA_ID: "12345678", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    const request = await playwright.request.newContext();
    await expect.poll(async () => (await request.get(base).catch(() => undefined))?.status(), { timeout: 30_000 }).toBe(200);
    await request.dispose();
  });

  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  test("loads only after the reader accepts, remembers the choice, and keeps the server HTML complete", async ({ page, request }) => {
    const tagRequests: string[] = [];
    // No traffic leaves this machine: the tag is answered with a stub that records its calls.
    await page.route("https://mc.yandex.ru/**", (route) => {
      tagRequests.push(route.request().url());
      return route.fulfill({ contentType: "application/javascript", body: "window.__ymLoaded = true;" });
    });

    const html = await (await request.get(`${base}/news/lukashenko-kazakhstan-sco`)).text();
    expect(html).toContain("Товарооборот Беларуси и Казахстана");
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
    expect(await page.evaluate(() => typeof window.ym)).toBe("function");

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
