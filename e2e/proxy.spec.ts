// nginx with the shipped configuration (deploy/nginx) in front of two app instances that share the
// content folder. Runs only with E2E_PROXY=1 (`npm run test:e2e:proxy`, see playwright.config.ts).
import { randomUUID } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { proxyStack, SEED } from "./helpers";

const stack = proxyStack()!;
const DIR = path.resolve(".e2e/content/articles/culture");
const WITHIN = 5_000; // the promise to editors, through the proxy too

const cacheStatus = async (request: APIRequestContext, url: string, headers?: Record<string, string>) =>
  (await request.get(url, { headers })).headers()["x-cache-status"];

/** What a reader sees of a page: its text without scripts, and its article links in order. */
async function visible(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  const html = await res.text();
  const body = html.slice(html.indexOf("<body"));
  const text = body
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const links = [...body.matchAll(/href="(\/news\/[^"]+)"/g)].map((m) => m[1]);
  return { text, links };
}

function article(title: string) {
  return `---\ntitle: "${title}"\ndate: "2023-06-03T10:00:00+03:00"\nsection: culture\n---\nТекст новости для двух серверов.\n`;
}

/** Headlines keep short words to the next one with a no-break space; a reader sees a space. */
const spaced = (text: string) => text.replace(/\u00a0/g, " ");

async function titleOf(request: APIRequestContext, url: string): Promise<string | number> {
  const res = await request.get(url);
  if (res.status() !== 200) return res.status();
  return spaced(/<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1] ?? "");
}

test.describe("nginx in front of the app", { tag: "@smoke" }, () => {
  test("keeps pages and feeds in its micro-cache and sends them compressed", async ({ request }) => {
    for (const url of ["/", `/news/${SEED.slug}`, "/section/politics", "/rss.xml"]) {
      // A copy is kept a second or two: a repeat soon after is answered from the cache. (The first
      // answer may take seconds on a busy machine: the feed renders 50 articles in full.)
      expect((await request.get(url)).status(), url).toBe(200);
      await expect.poll(() => cacheStatus(request, url), { message: url, timeout: 15_000 }).toBe("HIT");
      const res = await request.get(url, { headers: { "Accept-Encoding": "gzip" } });
      expect(res.headers()["content-encoding"], url).toBe("gzip");
      expect(res.headers()["vary"], url).toMatch(/Accept-Encoding/i);
      expect(res.headers()["cache-control"], url).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
      // Next's internal route (/ru/…) stays between nginx and the app.
      expect(res.headers()["x-middleware-rewrite"], url).toBeUndefined();
    }
    const plain = await request.get("/", { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    expect(await plain.text()).toContain("<h1");
  });

  test("serves Next's build output cacheable for a year, the stylesheet compressed", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const css = /\/_next\/static\/[^"]+\.css/.exec(html)?.[0];
    expect(css).toBeTruthy();
    const sheet = await request.get(css!, { headers: { "Accept-Encoding": "gzip" } });
    expect(sheet.status()).toBe(200);
    expect(sheet.headers()["content-encoding"]).toBe("gzip");
    // The fonts the stylesheet names are build output too.
    // (With `?dpl=<id>` after them: the deploymentId, next.config.ts.)
    const font = /url\(([^)?]+\.woff2)(?:\?[^)]*)?\)/.exec(await sheet.text())?.[1];
    expect(font).toBeTruthy();
    for (const asset of [css!, new URL(font!, `http://x${css}`).pathname]) {
      const res = await request.get(asset);
      expect(res.status(), asset).toBe(200);
      expect(res.headers()["cache-control"], asset).toBe("public, max-age=31536000, immutable");
    }
    // A name that does not exist (say, from an older build) is not made to stick.
    const missing = await request.get("/_next/static/chunks/no-such-chunk.js");
    expect(missing.status()).toBe(404);
    expect(missing.headers()["cache-control"] ?? "").not.toContain("immutable");
  });

  test("keeps article photos as long as the app says", async ({ request }) => {
    const url = `/media/${SEED.slug}.jpg`;
    const res = await request.get(url);
    expect(res.headers()["content-type"]).toBe("image/jpeg");
    expect(res.headers()["cache-control"]).toMatch(/max-age=3600\b/);
    await expect.poll(() => cacheStatus(request, url), { timeout: 15_000 }).toBe("HIT");
  });

  test("never caches the 404 page, the API or a POST", async ({ request }) => {
    for (let i = 0; i < 2; i++) {
      const res = await request.get("/no-such-page");
      expect(res.status()).toBe(404);
      expect(res.headers()["x-cache-status"]).toBe("MISS");
    }
    for (let i = 0; i < 2; i++) {
      const res = await request.post("/api/revalidate");
      expect(res.status()).toBe(401);
      expect(res.headers()["x-cache-status"]).toBeUndefined();
    }
    expect((await request.post("/section/politics")).headers()["x-cache-status"]).not.toBe("HIT");
  });

  test("bypasses the cache for an editor's preview and a reader who answered the Metrika notice", async ({ request }) => {
    // A URL nobody asked for yet, so a stored copy would show as a HIT below.
    const url = `/section/culture?proxy-check=${randomUUID()}`;
    for (const cookie of ["editor_preview=anything", "theme=dark; metrika_consent=granted"]) {
      expect(await cacheStatus(request, url, { Cookie: cookie }), cookie).toBe("BYPASS");
      expect(await cacheStatus(request, url, { Cookie: cookie }), cookie).toBe("BYPASS");
    }
    // Nothing those readers got was stored.
    expect(await cacheStatus(request, url)).toBe("MISS");
    // A cookie that merely ends in the same name is not a bypass.
    expect(await cacheStatus(request, `/news/${SEED.slug}`, { Cookie: "xeditor_preview=1" })).not.toBe("BYPASS");

    // The real thing: a draft preview through the proxy shows the draft, uncached.
    const preview = await request.post("/api/draft", { form: { token: "e2e-preview-token", slug: "e2e-draft" } });
    expect(preview.status()).toBe(200);
    expect(preview.headers()["x-cache-status"]).toBe("BYPASS");
    expect(spaced(await preview.text())).toContain("Черновик: эта новость не должна появиться на сайте");
  });

  test("tells the app the reader's host and scheme, whatever the reader claims", async ({ request }) => {
    // The consent form returns to the page it was on only when the referrer is this very host
    // (port included), and marks its cookie Secure only over https.
    const res = await request.post("/api/consent", {
      form: { choice: "denied" },
      headers: { Referer: `${stack.base}/section/politics`, "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
    expect(res.headers()["location"]).toBe("/section/politics");
    expect(res.headers()["set-cookie"]).toContain("metrika_consent=denied");
    expect(res.headers()["set-cookie"]).not.toContain("Secure");
  });

  test("both instances and the proxy show the same pages", async ({ request }) => {
    for (const url of ["/", `/news/${SEED.slug}`, "/section/politics", "/news"]) {
      // Other tests add articles meanwhile; within a few seconds all three must agree.
      await expect(async () => {
        const [proxied, ...direct] = await Promise.all([stack.base, ...stack.instances].map((base) => visible(request, base + url)));
        expect(proxied!.links.length, url).toBeGreaterThan(5);
        for (const page of direct) {
          expect(page.links, url).toEqual(proxied!.links);
          expect(page.text, url).toBe(proxied!.text);
        }
      }).toPass({ timeout: 3 * WITHIN });
    }
  });

  test("an article written into the shared folder shows on both instances and through the proxy within 5 s", async ({ request }, info) => {
    const slug = `proxy-shared-${info.project.name}`;
    const file = path.join(DIR, `${slug}.md`);
    const url = `/news/${slug}`;
    try {
      await writeFile(file, article("Новость для двух серверов"));
      for (const base of [stack.base, ...stack.instances]) {
        await expect.poll(() => titleOf(request, base + url), { timeout: WITHIN, message: base }).toBe("Новость для двух серверов");
      }
      // Fresh in the cache now. Edited while nobody reads it: the first reader 5 s later gets the
      // edit, not the copy nginx still holds.
      await writeFile(file, article("Новость для двух серверов, исправленная"));
      await new Promise((r) => setTimeout(r, WITHIN));
      expect(await titleOf(request, stack.base + url)).toBe("Новость для двух серверов, исправленная");

      await rm(file);
      for (const base of [stack.base, ...stack.instances]) {
        await expect.poll(() => titleOf(request, base + url), { timeout: WITHIN, message: base }).toBe(404);
      }
    } finally {
      await rm(file, { force: true });
    }
  });

  test("a partner added to sources.json is read by the stack's importer, and its story reaches readers through the proxy", async ({ request }, info) => {
    // One project edits sources.json: two at once would overwrite each other's edit.
    test.skip(info.project.name !== "no-js", "edits the shared sources.json; runs once");
    const content = path.resolve(".e2e/content");
    const sourcesFile = path.join(content, "sources.json");
    const before = await readFile(sourcesFile, "utf8");
    const feed = path.join(content, "feeds", "e2e-proxy-partner.xml");
    const title = "Новость партнёра через прокси";
    try {
      await writeFile(
        feed,
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>П</title><item><title>${title}</title><link>https://example.org/proxy/1</link><guid>proxy-1</guid><pubDate>Mon, 04 Mar 2024 10:00:00 +0300</pubDate><description>Текст новости, которую принёс импортёр.</description></item></channel></rss>`,
      );
      const sources = [...JSON.parse(before), { id: "e2e-proxy-partner", name: "Прокси-партнёр", url: "file:feeds/e2e-proxy-partner.xml", section: "culture" }];
      // Replaced whole, as an editor's save does: the importer never reads half a list.
      await writeFile(`${sourcesFile}.tmp`, JSON.stringify(sources));
      await rename(`${sourcesFile}.tmp`, sourcesFile);
      // Dated in a month that has other stories, so that no month's sitemap comes and goes with it
      // (the sitemap spec may be reading them meanwhile). The importer reads a new partner at once; the instances see its file within a second or
      // so, and nginx within two more.
      await expect.poll(() => titleOf(request, `${stack.base}/news/novost-partnera-cherez-proksi`), { timeout: 20_000 }).toBe(title);
    } finally {
      await writeFile(sourcesFile, before);
      await rm(feed, { force: true });
      await rm(path.join(content, "articles", "e2e-proxy-partner"), { recursive: true, force: true });
    }
  });

  test("refuses an over-long URL itself with a plain 414, and readers around it never notice", async ({ request }) => {
    // A 7.6 KB query once came back in Next's x-middleware-rewrite header: with the cache key it
    // overflowed nginx's buffer (502), and nginx then took the instances away from every reader.
    const long = [`/?utm=${"a".repeat(7600)}`, `/search?q=${"%D0%B0".repeat(1300)}`, `/news/${SEED.slug}?x=${"b".repeat(4200)}`, `/?q=${"c".repeat(9000)}`];
    for (const url of long) {
      const res = await request.get(url);
      expect(res.status(), url.slice(0, 40)).toBe(414);
      const headers = res.headers();
      expect(headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(headers["cache-control"]).toBe("no-store");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
      expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'self'");
      expect(await res.text()).toBe("Слишком длинный адрес.\n");
    }
    // Just under the limit it is an ordinary page, with no internal header echoing the URL.
    const near = await request.get(`/?utm=${"d".repeat(4000)}`);
    expect(near.status()).toBe(200);
    expect(Object.keys(near.headers()).filter((name) => name.startsWith("x-middleware-"))).toEqual([]);

    // Readers whose requests reach the app (the Metrika-answer cookie bypasses the cache), with
    // over-long URLs among them: every reader gets the page.
    const reader = (url: string) => request.get(url, { headers: { Cookie: "metrika_consent=denied" } }).then((r) => r.status());
    const pages = ["/", "/news", "/section/politics", `/news/${SEED.slug}`];
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => [
        reader(pages[i % pages.length]!),
        ...(i % 10 === 0 ? [request.get(long[(i / 10) % long.length]!).then((r) => -r.status())] : []),
      ]).flat(),
    );
    const readers = statuses.filter((s) => s > 0);
    expect(
      readers.filter((s) => s !== 200),
      "readers' statuses other than 200",
    ).toEqual([]);
    expect(statuses.filter((s) => s < 0).map((s) => -s)).toEqual(Array(6).fill(414));
  });
});
