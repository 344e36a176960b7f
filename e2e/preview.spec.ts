import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { previewCookie } from "./helpers";

test.skip(!!process.env.E2E_BASE_URL, "needs the preview token of the server this suite starts");

const TOKEN = "e2e-preview-token";

/** The editor's way in: the form at /api/draft?slug=…, the token typed into it. */
async function openPreview(page: Page, slug: string) {
  const form = await page.goto(`/api/draft?slug=${slug}`);
  expect(form?.status()).toBe(200);
  await page.getByLabel("Токен предпросмотра").fill(TOKEN);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/news/${slug}`)),
    page.getByRole("button", { name: "Открыть предпросмотр" }).click(),
  ]);
  return res;
}

test("the preview form carries a policy of its own: its styles apply, nothing may run or load", async ({ page }) => {
  const res = await page.goto("/api/draft?slug=e2e-draft");
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp.startsWith("default-src 'none'; style-src 'unsafe-inline';")).toBe(true);
  expect(csp).not.toMatch(/script-src/);
  const button = page.getByRole("button", { name: "Открыть предпросмотр" });
  expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(22, 23, 26)");
});

async function status(request: APIRequestContext, url: string, cookie: string) {
  return (await request.get(url, { headers: { Cookie: cookie }, maxRedirects: 0 })).status();
}

test("an editor previews a draft under a banner, uncached and noindex, and leaves with a button", { tag: "@smoke" }, async ({ page }) => {
  const res = await openPreview(page, "e2e-draft");
  expect(res.status()).toBe(200);
  await expect(page).toHaveURL(/\/news\/e2e-draft$/);
  await expect(page.locator("h1")).toHaveText("Черновик: эта новость не должна появиться на сайте");
  await expect(page.getByRole("status")).toContainText("Черновик");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  expect(res.headers()["cache-control"]).toMatch(/private.*no-store/);

  await page.getByRole("button", { name: "Выйти из предпросмотра" }).click();
  await expect(page.locator("h1")).toHaveText("Страница не найдена");
});

test("a scheduled article shows when it is due", { tag: "@smoke" }, async ({ page }) => {
  await openPreview(page, "e2e-scheduled");
  await expect(page.getByRole("status")).toContainText("Запланировано на 01.01.2099 в 09:00");
});

test("the token travels in the body or a header, never in the URL", { tag: "@smoke" }, async ({ request }) => {
  const form = await request.post("/api/draft", { form: { token: TOKEN, slug: "e2e-draft" }, maxRedirects: 0 });
  expect(form.status()).toBe(303);
  expect(form.headers()["location"]).toBe("/news/e2e-draft");
  const cookie = form.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/^editor_preview=v1\.e2e-draft\.\d+\.[\w-]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/);

  const bearer = await request.post("/api/draft?slug=e2e-scheduled", { headers: { Authorization: `Bearer ${TOKEN}` }, maxRedirects: 0 });
  expect(bearer.status()).toBe(303);
  expect(bearer.headers()["set-cookie"]).toMatch(/^editor_preview=v1\.e2e-scheduled\./);

  // A token in the URL opens nothing: the answer is the form, with no cookie.
  const url = await request.get(`/api/draft?token=${TOKEN}&slug=e2e-draft`, { maxRedirects: 0 });
  expect(url.status()).toBe(200);
  expect(url.headers()["set-cookie"]).toBeUndefined();
  expect(await url.text()).not.toContain(TOKEN);
});

test("a wrong token or unknown slug is refused and reveals nothing", { tag: "@smoke" }, async ({ request }) => {
  expect((await request.post("/api/draft", { form: { token: "nope", slug: "e2e-draft" }, maxRedirects: 0 })).status()).toBe(401);
  expect((await request.post("/api/draft", { form: { token: TOKEN, slug: "no-such" }, maxRedirects: 0 })).status()).toBe(404);
  expect((await request.post("/api/draft", { form: { token: TOKEN, slug: "../x" }, maxRedirects: 0 })).status()).toBe(400);
  // Without a preview cookie the draft stays a 404.
  expect((await request.get("/news/e2e-draft")).status()).toBe(404);
});

test.describe("a preview cookie", () => {
  const now = Date.now();

  test("opens only the article it names, and only while it is signed with today's token and not expired", async ({ request }) => {
    const good = previewCookie("e2e-draft", TOKEN, now + 3_600_000);
    const draft = await request.get("/news/e2e-draft", { headers: { Cookie: good } });
    expect(draft.status()).toBe(200);
    expect(draft.headers()["cache-control"]).toMatch(/private.*no-store/);
    expect(await status(request, "/news/e2e-scheduled", good)).toBe(404); // another article
    expect(await status(request, "/news/e2e-draft", previewCookie("e2e-draft", "the-old-token", now + 3_600_000))).toBe(404); // token changed
    expect(await status(request, "/news/e2e-draft", previewCookie("e2e-draft", TOKEN, now - 1000))).toBe(404); // expired
    expect(await status(request, "/news/e2e-draft", `editor_preview=${good.split("=")[1]!.replace(/\.[\w-]+$/, ".AAAA")}`)).toBe(404); // forged
  });

  test("Next's own draft-mode cookie shows nothing hidden any more", async ({ request }) => {
    // The build-wide id that used to open every draft, taken from the build itself.
    const id = JSON.parse(readFileSync(".next/prerender-manifest.json", "utf8")).preview.previewModeId as string;
    expect(await status(request, "/news/e2e-draft", `__prerender_bypass=${id}`)).toBe(404);
    expect(await status(request, "/news/e2e-scheduled", `__prerender_bypass=${id}`)).toBe(404);
  });
});
