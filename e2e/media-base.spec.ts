// MEDIA_BASE_URL (docs/production.md, "Photos from a CDN or an object store"): the pages point their
// photos to that base, under the paths `npm run media:export` writes, and a wrong value stops the
// server with a message that names it. Starts servers of its own beside the suite's, on its content.
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { serverEnv } from "../lib/server/server-env.mjs";
import { SEED, startServer } from "./helpers";

// After the suite's own server and its instances (E2E_PORT + 1, + 2): a checkout's own range.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 7;
const CDN = "https://cdn.example/photos";

test.describe("photos from MEDIA_BASE_URL", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "the server's HTML is what is checked: once, in the no-js project");
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test("an article's photo, its srcset, its structured data crops and the feed's enclosure point to the base", async ({ request }) => {
    // With a trailing slash, as an operator may write it: the URLs have one slash.
    const server = await startServer(PORT, { MEDIA_BASE_URL: `${CDN}/` });
    try {
      const html = await (await request.get(`${server.base}/news/${SEED.slug}`)).text();
      const img = /<img[^>]*\bsrc="([^"]+)"[^>]*>/.exec(html.slice(html.indexOf("<main")));
      expect(img, "the article's photo").not.toBeNull();
      expect(img![1]).toMatch(new RegExp(`^${CDN}/media/${SEED.slug}\\.jpg~\\d+w\\.webp$`));
      const srcset = /\bsrcSet="([^"]+)"|\bsrcset="([^"]+)"/.exec(img![0]);
      const candidates = (srcset![1] ?? srcset![2]!).split(", ").map((c) => c.split(" ")[0]!);
      expect(candidates.length).toBeGreaterThan(3);
      for (const c of candidates) expect(c).toMatch(new RegExp(`^${CDN}/media/${SEED.slug}\\.jpg~\\d+w\\.webp$`));
      const ld = [...html.matchAll(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/gs)].map(
        (m) => JSON.parse(m[1]!) as { "@type"?: string; image?: string[] },
      );
      expect(ld.find((d) => d["@type"] === "NewsArticle")?.image).toEqual(["16x9", "4x3", "1x1"].map((r) => `${CDN}/media/${SEED.slug}.jpg~${r}.jpg`));
      const rss = await (await request.get(`${server.base}/rss.xml`)).text();
      expect(rss).toContain(`<enclosure url="${CDN}/media/${SEED.slug}.jpg"`);
      expect(rss).not.toMatch(/<enclosure url="http:\/\/[^"]*\/media\//);
    } finally {
      server.stop();
    }
  });

  test("a value that is not an http(s) URL stops the server with a message naming MEDIA_BASE_URL", async () => {
    const child = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(PORT + 1)], {
      env: serverEnv({ ...process.env, CONTENT_DIR: ".e2e/content", INDEX_DB: ".e2e/index.sqlite", MEDIA_BASE_URL: "cdn.example/photos" }),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('MEDIA_BASE_URL: is not a URL (got "cdn.example/photos")');
  });
});
