import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { previewCookie, startServer } from "./helpers";

/** The inline scripts of a page (JSON-LD is data, not code, and needs no hash) and their CSP hashes. */
function inlineScripts(html: string): { tag: string; hash: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/\bsrc=/.test(attrs!) && !/type="application\/ld\+json"/.test(attrs!))
    .map(([tag, , text]) => ({ tag: tag!.slice(0, 80), hash: `'sha256-${createHash("sha256").update(text!, "utf8").digest("base64")}'` }));
}

const PAGES = ["/", "/news/lukashenko-kazakhstan-sco", "/section/politics", "/news", "/no-such-page"];

test.describe("security headers", () => {
  for (const url of PAGES) {
    test(`${url} carries a hash policy that allows each of its inline scripts, and the standard headers`, { tag: "@smoke" }, async ({ request }) => {
      const res = await request.get(url);
      const h = res.headers();
      const csp = h["content-security-policy"] ?? "";
      expect(csp).not.toContain("nonce");
      expect(csp).toMatch(/script-src 'self'( 'sha256-[\w+/]+=')+ 'strict-dynamic';/);
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("mc.yandex.ru"); // Metrika is off without METRIKA_ID
      expect(h["x-page-csp"]).toBeUndefined(); // the proxy's note to server.mjs stays inside
      // Every script that runs is inline (no Next runtime) and allowed by its hash.
      const html = await res.text();
      expect(html).not.toMatch(/<script\b[^>]*\bsrc=/);
      const scripts = inlineScripts(html);
      expect(scripts.length).toBeGreaterThan(0);
      for (const { tag, hash } of scripts) expect(csp, tag).toContain(hash);
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"]).toContain("camera=()");
      expect(h["x-powered-by"]).toBeUndefined();
      expect(h["strict-transport-security"]).toBeUndefined(); // SITE_URL is http here
      // Shared caches may keep pages briefly; a 404 is not cached.
      if (res.status() === 200) {
        expect(h["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
        expect(Date.parse(h["last-modified"] ?? "")).toBeGreaterThan(Date.parse("2024-01-01"));
        expect(h["etag"]).toMatch(/^"[\w-]+"$/);
      } else expect(h["cache-control"]).toContain("no-store");
    });
  }

  test("two answers of the same page are the same bytes, policy included", async ({ request }) => {
    for (const url of ["/", "/news/lukashenko-kazakhstan-sco", "/no-such-page"]) {
      const [a, b] = [await request.get(url), await request.get(url)];
      expect(a.headers()["content-security-policy"]).toBe(b.headers()["content-security-policy"]);
      expect((await a.body()).equals(await b.body()), url).toBe(true);
    }
  });

  test("a page's scripts run in Chromium without a single policy violation", async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, "needs scripts to run");
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to run: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    for (const url of ["/", "/news/lukashenko-kazakhstan-sco", "/no-such-page"]) {
      await page.goto(url);
      // The head script ran (it marks <html>), and so did the toggle's (it marks the pressed choice).
      await expect(page.locator("html")).toHaveAttribute("data-js", "");
    }
    await page.goto("/news/lukashenko-kazakhstan-sco");
    await expect(page.getByRole("button", { name: /Скопировать ссылку/ })).toBeVisible(); // the copy-link script ran
    expect(violations).toEqual([]);
  });

  test("media answers carry nosniff and a no-script policy", async ({ request }) => {
    const h = (await request.get("/media/lukashenko-kazakhstan-sco.jpg")).headers();
    expect(h["content-type"]).toBe("image/jpeg");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["content-security-policy"]).toContain("default-src 'none'");
  });
});

/** A page's validators, and what the server answers a request that names them. */
async function validators(request: APIRequestContext, url: string) {
  const h = (await request.get(url)).headers();
  expect(h["etag"], url).toMatch(/^"[\w-]+"$/);
  expect(h["last-modified"], url).toMatch(/ GMT$/);
  return { etag: h["etag"]!, lastModified: h["last-modified"]! };
}
const statusWith = async (request: APIRequestContext, url: string, headers: Record<string, string>) => (await request.get(url, { headers })).status();

test.describe("conditional requests", () => {
  for (const url of ["/", "/news/lukashenko-kazakhstan-sco", "/section/politics", `/tag/${encodeURIComponent("ШОС")}`]) {
    test(`${url} has its own ETag and Last-Modified and answers a request that names them with 304`, { tag: "@smoke" }, async ({ request }) => {
      // Tests running beside this one edit the demo content, and the sidebar of every page lists
      // the newest stories: a page may change between two requests. The claim is checked again
      // then, on the page as it now is; a server that never answers 304 still fails.
      await expect(async () => {
        const { etag, lastModified } = await validators(request, url);
        // The same bytes, the same validators (from the page itself: lib/server/page-validators.mjs).
        expect(await validators(request, url)).toEqual({ etag, lastModified });
        const same = await request.get(url, { headers: { "If-None-Match": etag } });
        expect(same.status()).toBe(304);
        expect(same.headers()["etag"]).toBe(etag);
        expect(same.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
        expect((await same.body()).length).toBe(0);
        expect(await statusWith(request, url, { "If-Modified-Since": lastModified })).toBe(304);
        expect(await statusWith(request, url, { "If-Modified-Since": new Date(Date.parse(lastModified) - 1000).toUTCString() })).toBe(200);
        // If-None-Match decides when sent (RFC 9110): another tag gets the page whatever the date says.
        expect(await statusWith(request, url, { "If-None-Match": '"other"', "If-Modified-Since": lastModified })).toBe(200);
      }).toPass({ timeout: 20_000 });
    });
  }

  test("pages do not share one validator", async ({ request }) => {
    const tags = await Promise.all(
      ["/", "/news", "/section/politics", "/news/lukashenko-kazakhstan-sco"].map(async (url) => (await validators(request, url)).etag),
    );
    expect(new Set(tags).size).toBe(tags.length);
  });

  test("a change with no newer date still gets new validators: an article edited without `updated`, and one taken off a list", async ({ request }, info) => {
    test.skip(!!process.env.E2E_BASE_URL, "edits the content folder of the server this suite starts");
    const slug = `validators-${info.project.name}`;
    const file = path.resolve(".e2e/content/articles/culture", `${slug}.md`);
    const url = `/news/${slug}`;
    const list = "/section/culture";
    const write = (title: string) => writeFile(file, `---\ntitle: "${title}"\ndate: "2023-06-01T10:00:00+03:00"\nsection: culture\n---\nТекст.\n`);
    const shows = async (page: string, text: string) => (await (await request.get(page)).text()).includes(text);
    try {
      await write("Первая редакция");
      await expect.poll(() => shows(list, `href="${url}"`), { timeout: 5_000 }).toBe(true);
      const article = await validators(request, url);
      const before = await validators(request, list);

      // A typo fixed without `updated`: the dates on the page stay, the page does not.
      await write("Вторая редакция");
      await expect.poll(() => shows(url, "Вторая редакция"), { timeout: 5_000 }).toBe(true);
      expect(await statusWith(request, url, { "If-None-Match": article.etag })).toBe(200);
      expect(await statusWith(request, url, { "If-Modified-Since": article.lastModified })).toBe(200);

      // Taken down: the list's newest article, and so its newest date, is the same as before.
      await rm(file);
      await expect.poll(() => shows(list, `href="${url}"`), { timeout: 5_000 }).toBe(false);
      expect(await statusWith(request, list, { "If-None-Match": before.etag })).toBe(200);
      expect(await statusWith(request, list, { "If-Modified-Since": before.lastModified })).toBe(200);
    } finally {
      await rm(file, { force: true });
    }
  });

  test("a 404 carries no validators", async ({ request }) => {
    const missing = await request.get("/no-such-page");
    expect(missing.status()).toBe(404);
    expect(missing.headers()["etag"]).toBeUndefined();
    expect(missing.headers()["last-modified"]).toBeUndefined();
  });
});

test.describe("a server without tokens, behind https", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");
  // Starting a second production server takes a while on a busy two-core machine.
  test.describe.configure({ timeout: 120_000 });

  test("hides the revalidate and preview endpoints and sends HSTS", async ({ playwright }) => {
    const server = await startServer(3290 + test.info().parallelIndex, {
      SITE_URL: "https://news.example",
      REVALIDATE_TOKEN: undefined,
      PREVIEW_TOKEN: undefined,
    });
    const request = await playwright.request.newContext({ baseURL: server.base });
    try {
      const home = await request.get("/");
      expect(home.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(home.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
      const revalidate = await request.post("/api/revalidate", { headers: { Authorization: "Bearer anything" } });
      expect(revalidate.status()).toBe(404);
      expect((await request.get("/api/draft?slug=e2e-draft", { maxRedirects: 0 })).status()).toBe(404);
      expect((await request.post("/api/draft", { form: { token: "", slug: "e2e-draft" }, maxRedirects: 0 })).status()).toBe(404);
      // Without PREVIEW_TOKEN no cookie opens anything: one signed with the old token, a made-up
      // one, or Next's own draft-mode id from this build.
      const id = JSON.parse(readFileSync(".next/prerender-manifest.json", "utf8")).preview.previewModeId as string;
      for (const Cookie of [
        previewCookie("e2e-draft", "e2e-preview-token", Date.now() + 3_600_000),
        "editor_preview=v1.e2e-draft.9999999999.AAAA",
        `__prerender_bypass=${id}`,
      ]) {
        expect((await request.get("/news/e2e-draft", { headers: { Cookie } })).status(), Cookie).toBe(404);
        expect((await request.get("/news/e2e-scheduled", { headers: { Cookie } })).status(), Cookie).toBe(404);
      }
    } finally {
      await request.dispose();
      server.stop();
    }
  });
});
