import { expect, test } from "@playwright/test";

test.skip(!!process.env.E2E_BASE_URL, "needs the preview token of the server this suite starts");

test("an editor previews a draft under a banner, uncached and noindex, and leaves with a button", { tag: "@smoke" }, async ({ page }) => {
  const res = await page.goto("/api/draft?token=e2e-preview-token&slug=e2e-draft");
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/news\/e2e-draft$/);
  await expect(page.locator("h1")).toHaveText("Черновик: эта новость не должна появиться на сайте");
  await expect(page.getByRole("status")).toContainText("Черновик");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  expect(res?.headers()["cache-control"]).toMatch(/no-store/);

  await page.getByRole("button", { name: "Выйти из предпросмотра" }).click();
  await expect(page.locator("h1")).toHaveText("Страница не найдена");
});

test("a scheduled article shows when it is due", { tag: "@smoke" }, async ({ page }) => {
  await page.goto("/api/draft?token=e2e-preview-token&slug=e2e-scheduled");
  await expect(page.getByRole("status")).toContainText("Запланировано на 01.01.2099 в 09:00");
});

test("a wrong token or unknown slug is refused and reveals nothing", { tag: "@smoke" }, async ({ request }) => {
  expect((await request.get("/api/draft?token=nope&slug=e2e-draft", { maxRedirects: 0 })).status()).toBe(401);
  expect((await request.get("/api/draft?token=e2e-preview-token&slug=no-such", { maxRedirects: 0 })).status()).toBe(404);
  expect((await request.get("/api/draft?token=e2e-preview-token&slug=../x", { maxRedirects: 0 })).status()).toBe(400);
  // Without draft mode the draft stays a 404.
  expect((await request.get("/news/e2e-draft")).status()).toBe(404);
});
