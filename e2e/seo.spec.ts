import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import Parser from "rss-parser";

const SCHEMAS = path.resolve("../shared/schemas");
const SEED = "/news/lukashenko-kazakhstan-sco";

/** Validates XML against one of the shared sitemap schemas with xmllint; throws with its message. */
function validate(xml: string, schema: string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "xml-")), "doc.xml");
  writeFileSync(file, xml);
  execFileSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, schema), file], { stdio: "pipe" });
}

async function text(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  return { body: await res.text(), headers: res.headers() };
}

test.describe("the head of an article", () => {
  test("has canonical, hreflang, robots, Open Graph, Twitter and RSS tags", async ({ page }) => {
    await page.goto(SEED);
    const meta = (sel: string) => page.locator(sel).first().getAttribute("content");
    const canonical = await page.locator('link[rel="canonical"]').getAttribute("href");
    expect(canonical).toMatch(/^https?:\/\/[^/]+\/news\/lukashenko-kazakhstan-sco$/);
    await expect(page.locator('link[rel="alternate"][hreflang="ru"]')).toHaveAttribute("href", canonical!);
    await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", canonical!);
    expect(await meta('meta[name="robots"]')).toContain("max-image-preview:large");
    expect(await meta('meta[name="description"]')).toMatch(/^Александр Лукашенко рассчитывает/);
    expect(await meta('meta[property="og:type"]')).toBe("article");
    expect(await meta('meta[property="og:locale"]')).toBe("ru_RU");
    expect(await meta('meta[property="og:site_name"]')).toBe("Свежий выпуск");
    expect(await meta('meta[property="article:published_time"]')).toBe("2024-03-04T12:40:00+03:00");
    expect(await meta('meta[property="article:modified_time"]')).toBe("2024-03-04T12:40:00+03:00");
    expect(await meta('meta[property="article:section"]')).toBe("Политика");
    expect(await page.locator('meta[property="article:tag"]').evaluateAll((m) => m.map((e) => e.getAttribute("content")))).toEqual([
      "Казахстан",
      "ШОС",
      "Лукашенко",
    ]);
    expect(await meta('meta[property="og:image:width"]')).toBe("1200");
    expect(await meta('meta[property="og:image:height"]')).toBe("630");
    expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", /\/rss\.xml$/);

    // The preview image really is a 1200×630 PNG, drawn for this article.
    const ogPath = new URL((await meta('meta[property="og:image"]'))!).pathname;
    expect(ogPath).toBe("/news/lukashenko-kazakhstan-sco/opengraph-image");
    const img = await page.request.get(ogPath);
    expect(img.headers()["content-type"]).toBe("image/png");
    const png = await img.body();
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  test("carries NewsArticle and BreadcrumbList structured data", async ({ page }) => {
    await page.goto(SEED);
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    const data = blocks.map((b) => JSON.parse(b));
    const article = data.find((d) => d["@type"] === "NewsArticle");
    expect(article).toMatchObject({
      headline: expect.any(String),
      datePublished: "2024-03-04T12:40:00+03:00",
      inLanguage: "ru",
      isAccessibleForFree: true,
      articleSection: "Политика",
    });
    expect(article.image).toHaveLength(3);
    for (const url of article.image) expect((await page.request.get(new URL(url).pathname)).status()).toBe(200);
    const crumbs = data.find((d) => d["@type"] === "BreadcrumbList");
    expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Главная", "Политика", article.headline]);
  });

  test("home and section pages describe themselves", async ({ page }) => {
    await page.goto("/");
    const home = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((b) => JSON.parse(b)["@type"]);
    expect(home).toEqual(["WebSite", "NewsMediaOrganization"]);
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "website");
    await page.goto("/section/politics");
    const section = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((b) => JSON.parse(b));
    expect(section[0]).toMatchObject({ "@type": "CollectionPage", name: "Политика", breadcrumb: { "@type": "BreadcrumbList" } });
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').nth(1)).toHaveAttribute("href", /\/section\/politics\/rss\.xml$/);
  });
});

test("preview cards render any title, and only for published articles", async ({ request }) => {
  const tricky = await request.get("/news/e2e-feed-escaping/opengraph-image");
  expect(tricky.status()).toBe(200);
  expect(tricky.headers()["content-type"]).toBe("image/png");
  expect((await request.get("/news/e2e-draft/opengraph-image")).status()).toBe(404);
});

test.describe("files for crawlers", () => {
  // The news sitemap is named while the last two days hold an article (here the fresh fixture);
  // without one it answers 404 and robots.txt leaves it out (lib/seo/sitemaps.test.ts).
  test("robots.txt names both sitemaps", { tag: "@smoke" }, async ({ request }) => {
    const { body } = await text(request, "/robots.txt");
    expect(body).toMatch(/Sitemap: https?:\/\/\S+\/sitemap\.xml/);
    expect(body).toMatch(/Sitemap: https?:\/\/\S+\/news-sitemap\.xml/);
  });

  test("the sitemap index and every sitemap it names validate", { tag: "@smoke" }, async ({ request }) => {
    const index = await text(request, "/sitemap.xml");
    validate(index.body, "siteindex.xsd");
    const locs = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(locs).toContain("/sitemaps/pages.xml");
    expect(locs).toContain("/sitemaps/articles-2024-03.xml");
    let articles = 0;
    for (const loc of locs) {
      const { body } = await text(request, loc);
      validate(body, "sitemap-all.xsd");
      if (loc.includes("articles-")) articles += (body.match(/<url>/g) ?? []).length;
    }
    const feed = await text(request, "/sitemaps/articles-2024-03.xml");
    expect(feed.body).toContain("/news/lukashenko-kazakhstan-sco</loc>");
    expect(feed.body).not.toContain("e2e-draft");
    expect(articles).toBeGreaterThan(40);
  });

  test("the Google News sitemap validates and holds only the last two days", async ({ request }) => {
    const { body } = await text(request, "/news-sitemap.xml");
    validate(body, "sitemap-all.xsd");
    // Only the fixture from half an hour ago; the demo content is from 2024.
    expect((body.match(/<url>/g) ?? []).length).toBe(1);
    expect(body).toContain("/news/e2e-fresh</loc>");
    expect(body).toContain("<news:name>Свежий выпуск</news:name>");
    expect(body).toContain("<news:language>ru</news:language>");
    // Titles are typeset when indexed: a non-breaking space binds «для» to the next word.
    expect(body).toContain("<news:title>Свежая новость для\u00A0новостных агрегаторов</news:title>");
  });
});

test.describe("feeds", () => {
  const parser = new Parser({
    customFields: {
      item: [
        ["content:encoded", "contentEncoded"],
        ["yandex:full-text", "fullText"],
        ["yandex:genre", "genre"],
      ],
    },
  });

  test("/rss.xml parses, escapes any title and carries full text and photos", { tag: "@smoke" }, async ({ request }) => {
    const { body, headers } = await text(request, "/rss.xml");
    expect(headers["content-type"]).toContain("application/rss+xml");
    const feed = await parser.parseString(body);
    expect(feed.title).toBe("Свежий выпуск");
    expect(feed.items).toHaveLength(50);
    expect(body).toMatch(/<atom:link href="https?:\/\/[^"]+\/rss\.xml" rel="self"/);
    const tricky = feed.items.find((i) => i.link?.endsWith("/news/e2e-feed-escaping"))!;
    // Typeset when indexed ("прямых" → «прямых»), and still escaped: & and <тегов> survive as text.
    expect(tricky.title).toBe("Тест «кавычек» & «прямых» <тегов> и\u00A0эмодзи 🚀");
    expect((tricky as { contentEncoded?: string }).contentEncoded).toContain("Второй абзац.");
    const seed = feed.items.find((i) => i.link?.endsWith(SEED))!;
    expect(seed.enclosure).toMatchObject({ type: "image/jpeg", url: expect.stringMatching(/\/media\/lukashenko-kazakhstan-sco\.jpg$/) });
    expect(seed.categories).toEqual(["Политика"]);
    for (const hidden of ["e2e-draft", "e2e-scheduled"]) expect(body).not.toContain(hidden);
  });

  test("each section has its feed", async ({ request }) => {
    const feed = await parser.parseString((await text(request, "/section/sport/rss.xml")).body);
    expect(feed.title).toBe("Спорт — Свежий выпуск");
    expect(feed.items.length).toBe(21);
    expect((await request.get("/section/weather/rss.xml")).status()).toBe(404);
  });

  test("/yandex.rss declares the Yandex namespace and holds the last three days only", async ({ request }) => {
    const { body } = await text(request, "/yandex.rss");
    expect(body).toContain('xmlns:yandex="http://news.yandex.ru"');
    const feed = await parser.parseString(body);
    expect(feed.items.map((i) => i.link?.replace(/^https?:\/\/[^/]+/, ""))).toEqual(["/news/e2e-fresh"]); // demo content is from 2024
    const item = feed.items[0] as { fullText?: string; genre?: string };
    expect(item.fullText).toBe("Первый абзац свежей новости.\n\nВторой абзац свежей новости.");
    expect(item.genre).toBe("message");
  });
});
