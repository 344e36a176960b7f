import { expect, test } from "@playwright/test";
import { startServer } from "./helpers";

const PAGES = ["/", "/news/lukashenko-kazakhstan-sco", "/section/politics", "/news", "/no-such-page"];

test.describe("security headers", () => {
  for (const url of PAGES) {
    test(`${url} carries a nonce policy and the standard headers`, { tag: "@smoke" }, async ({ request }) => {
      const res = await request.get(url);
      const h = res.headers();
      const csp = h["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("mc.yandex.ru"); // Metrika is off without METRIKA_ID
      // Every script that runs carries this response's nonce (JSON-LD is data, not code).
      const html = await res.text();
      const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !tag.includes('type="application/ld+json"'));
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"]).toContain("camera=()");
      expect(h["x-powered-by"]).toBeUndefined();
      expect(h["strict-transport-security"]).toBeUndefined(); // SITE_URL is http here
      // Shared caches may keep pages briefly; a 404 is not cached.
      if (res.status() === 200) {
        expect(h["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
        expect(Date.parse(h["last-modified"] ?? "")).toBeGreaterThan(Date.parse("2024-01-01"));
      }
      else expect(h["cache-control"]).toContain("no-store");
    });
  }

  test("each response gets its own nonce", async ({ request }) => {
    const a = (await request.get("/")).headers()["content-security-policy"];
    const b = (await request.get("/")).headers()["content-security-policy"];
    expect(a).not.toBe(b);
  });

  test("media answers carry nosniff and a no-script policy", async ({ request }) => {
    const h = (await request.get("/media/lukashenko-kazakhstan-sco.jpg")).headers();
    expect(h["content-type"]).toBe("image/jpeg");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["content-security-policy"]).toContain("default-src 'none'");
  });
});

test.describe("a server without tokens, behind https", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");
  // Starting a second production server takes a while on a busy two-core machine.
  test.describe.configure({ timeout: 120_000 });

  test("hides the revalidate and preview endpoints and sends HSTS", async ({ playwright }) => {
    const server = await startServer(3290 + test.info().parallelIndex, { SITE_URL: "https://news.example", REVALIDATE_TOKEN: undefined, PREVIEW_TOKEN: undefined });
    const request = await playwright.request.newContext({ baseURL: server.base });
    try {
      const home = await request.get("/");
      expect(home.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(home.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
      const revalidate = await request.post("/api/revalidate", { headers: { Authorization: "Bearer anything" } });
      expect(revalidate.status()).toBe(404);
      expect((await request.get("/api/draft?token=&slug=e2e-draft", { maxRedirects: 0 })).status()).toBe(404);
    } finally {
      await request.dispose();
      server.stop();
    }
  });
});
