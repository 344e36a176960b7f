import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import Parser from "rss-parser";
import { datetimes, isSortedNewestFirst, newsCount, SEED } from "./helpers";

// Fixtures: e2e/fixtures/articles/e2e-partner/ (three stories of «Вестник Полесья», the newest
// also reported by two other partners, and one from a partner no longer in sources.json), plus
// eighteen older ones and the partner «Тихая газета» without articles from e2e/prepare-content.mjs.
const PARTNER = "/source/vestnik-polesya";
const ARTICLE = "/news/e2e-partner-river-port";
const FIXTURES_NEWEST_FIRST = ["/news/e2e-partner-river-port", "/news/e2e-partner-cranberry", "/news/e2e-partner-library"];

/** The hrefs of the article links listed in <main>, in order. */
function listed(page: Page): Promise<string[]> {
  return page.locator("main article h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
}

/** The partner's total, read from «21 новость». */
async function total(page: Page): Promise<number> {
  const text = await page.getByTestId("source-count").innerText();
  return Number(/^(\d+)/.exec(text)?.[1]);
}

test.describe("an article from a partner", () => {
  test("names the partner with a link to its page, and the others that reported it with links to their originals", { tag: "@smoke" }, async ({ page }) => {
    const res = await page.goto(ARTICLE);
    expect(res?.status()).toBe(200);
    const header = page.locator("article header");
    await expect(header.getByTestId("source")).toHaveText("Источник материала: Вестник Полесья");
    await expect(header.getByTestId("source").getByRole("link", { name: "Вестник Полесья" })).toHaveAttribute("href", PARTNER);

    // «Также сообщают» comes right after the source line, each partner linking out to its original.
    await expect(header.getByTestId("also")).toHaveText("Также сообщают: Гродненские ведомости, Витебский курьер");
    expect(await header.locator("[data-testid=source] + [data-testid=also]").count()).toBe(1);
    const also = header.getByTestId("also").getByRole("link");
    await expect(also).toHaveCount(2);
    await expect(also.nth(0)).toHaveAttribute("href", "https://example.com/grodno-vedomosti/pinsk-port");
    await expect(also.nth(1)).toHaveAttribute("href", "https://example.net/vitebsk-kurier/pinsk-port");
    for (const i of [0, 1]) await expect(also.nth(i)).toHaveAttribute("rel", "noopener noreferrer");

    // The link to the partner's own original stays where it was.
    await expect(page.getByRole("link", { name: "(оригинал новости)" })).toHaveAttribute("href", "https://example.org/vestnik-polesya/2023/05/river-port");
  });

  test("keeps its structured data and head valid", async ({ page }) => {
    await page.goto(ARTICLE);
    const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((b) => JSON.parse(b));
    expect(data.map((d) => d["@type"])).toEqual(["NewsArticle", "BreadcrumbList"]);
    expect(data[0]).toMatchObject({ datePublished: "2023-05-12T09:30:00+03:00", articleSection: "Общество" });
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/news\/e2e-partner-river-port$/);
  });

  test("links a partner removed from sources.json while it still has a page, and no page for a plain source", async ({ page }) => {
    await page.goto("/news/e2e-partner-former");
    await expect(page.getByTestId("source").getByRole("link", { name: "Бывшая газета" })).toHaveAttribute("href", "/source/e2e-partner-former");
    await expect(page.getByTestId("also")).toHaveCount(0);
    await page.goto(`/news/${SEED.slug}`);
    await expect(page.getByTestId("source")).toHaveText("Источник материала: Mir24.TV Belarus");
    await expect(page.getByTestId("source").getByRole("link")).toHaveCount(0);
    await expect(page.getByTestId("also")).toHaveCount(0);
  });
});

test.describe("a partner's page", () => {
  test("lists what the partner sent, newest first, 20 a page, with its name, a line about it and its feed", { tag: "@smoke" }, async ({ page }) => {
    const res = await page.goto(PARTNER);
    expect(res?.status()).toBe(200);
    await expect(page).toHaveTitle("Вестник Полесья — Свежий выпуск");
    await expect(page.locator("h1")).toHaveText("Вестник Полесья");
    await expect(page.getByTestId("source-intro")).toContainText("Материалы, которые «Свежий выпуск» получает от партнёра «Вестник Полесья»");
    const n = await total(page);
    expect(n).toBeGreaterThanOrEqual(21);
    await expect(page.getByTestId("source-count")).toHaveText(newsCount(n));
    await expect(page.locator("main article")).toHaveCount(20);
    const hrefs = await listed(page);
    expect(hrefs.filter((h) => FIXTURES_NEWEST_FIRST.includes(h))).toEqual(FIXTURES_NEWEST_FIRST);
    expect(hrefs).not.toContain("/news/e2e-partner-former");
    expect(isSortedNewestFirst(await datetimes(page.locator("main > div > div").first()))).toBe(true);

    // The feed: announced in the head and linked on the page.
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').nth(1)).toHaveAttribute("href", /\/source\/vestnik-polesya\/rss\.xml$/);
    await expect(page.getByRole("link", { name: "RSS-лента материалов партнёра" })).toHaveAttribute("href", `${PARTNER}/rss.xml`);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/source\/vestnik-polesya$/);
    expect(await page.locator('meta[name="robots"]').first().getAttribute("content")).toContain("index, follow");
  });

  test("pages on like a section, the oldest story last", async ({ page }) => {
    await page.goto(PARTNER);
    const pages = Math.ceil((await total(page)) / 20);
    const next = page.getByRole("navigation", { name: "Страницы" }).getByRole("link", { name: /Вперёд/ });
    await expect(next).toHaveAttribute("href", `${PARTNER}?page=2`);
    const res = await page.goto(`${PARTNER}?page=${pages}`);
    expect(res?.status()).toBe(200);
    await expect(page).toHaveTitle(`Вестник Полесья — страница ${pages} — Свежий выпуск`);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/source/vestnik-polesya\\?page=${pages}$`));
    await expect(page.getByRole("navigation", { name: "Страницы" })).toContainText(`Страница ${pages} из ${pages}`);
    await expect(page.locator("main article").last()).toContainText("Архив партнёра: выпуск номер 1");
    // From page 2 on, the breadcrumb leads back to the first page.
    await expect(page.getByRole("navigation", { name: "Навигационная цепочка" }).getByRole("link", { name: "Вестник Полесья" })).toHaveAttribute(
      "href",
      PARTNER,
    );
    expect((await page.goto(`${PARTNER}?page=${pages + 1}`))?.status()).toBe(404);
  });

  test("describes itself as a collection one step below the home page", async ({ page }) => {
    await page.goto(PARTNER);
    const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((b) => JSON.parse(b));
    expect(data[0]).toMatchObject({ "@type": "CollectionPage", name: "Вестник Полесья", url: expect.stringMatching(/\/source\/vestnik-polesya$/) });
    expect(data[0].breadcrumb.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Главная", "Вестник Полесья"]);
  });

  test("of a partner with nothing yet says so", async ({ page }) => {
    const res = await page.goto("/source/e2e-partner-quiet");
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1")).toHaveText("Тихая газета");
    await expect(page.getByTestId("source-count")).toHaveText(newsCount(0));
    await expect(page.locator("main")).toContainText("От этого партнёра пока не пришло ни одного материала.");
    await expect(page.locator("main article")).toHaveCount(0);
  });

  test("of a partner removed from sources.json stays while its articles do, named as they name it", async ({ page }) => {
    const res = await page.goto("/source/e2e-partner-former");
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1")).toHaveText("Бывшая газета");
    expect(await listed(page)).toEqual(["/news/e2e-partner-former"]);
  });

  for (const bad of ["/source/nope", "/source/nope/rss.xml", "/source/vestnik-polesya?page=0", "/source/vestnik_polesya", "/source/vestnik-polesya/extra"]) {
    test(`answers 404 for ${bad}`, { tag: bad === "/source/nope" ? "@smoke" : [] }, async ({ page }) => {
      const res = await page.goto(bad);
      expect(res?.status()).toBe(404);
      await expect(page.locator("h1")).toHaveText("Страница не найдена");
    });
  }

  test("sends upper case to its own URL", async ({ request }) => {
    const res = await request.get("/Source/Vestnik-Polesya", { maxRedirects: 0 });
    expect(res.status()).toBe(308);
    expect(new URL(res.headers()["location"]!, "http://x").pathname).toBe(PARTNER);
  });
});

test.describe("a partner's feed", () => {
  const parser = new Parser();

  test("is well-formed RSS listing the partner's articles newest first", { tag: "@smoke" }, async ({ request }) => {
    const res = await request.get(`${PARTNER}/rss.xml`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/rss+xml");
    const body = await res.text();
    // xmllint checks that it is well-formed XML, whatever rss-parser forgives.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "rss-")), "feed.xml");
    writeFileSync(file, body);
    execFileSync("xmllint", ["--noout", file], { stdio: "pipe" });
    expect(body).toMatch(/<atom:link href="https?:\/\/[^"]+\/source\/vestnik-polesya\/rss\.xml" rel="self"/);

    const feed = await parser.parseString(body);
    expect(feed.title).toBe("Вестник Полесья — Свежий выпуск");
    expect(feed.link).toMatch(/\/source\/vestnik-polesya$/);
    expect(feed.items.length).toBeGreaterThanOrEqual(21);
    const links = feed.items.map((i) => new URL(i.link!).pathname);
    expect(links.filter((l) => FIXTURES_NEWEST_FIRST.includes(l))).toEqual(FIXTURES_NEWEST_FIRST);
    expect(links).not.toContain("/news/e2e-partner-former");
    expect(isSortedNewestFirst(feed.items.map((i) => Date.parse(i.pubDate!)))).toBe(true);
  });

  test("exists for a partner without articles too, empty", async ({ request }) => {
    const feed = await parser.parseString(await (await request.get("/source/e2e-partner-quiet/rss.xml")).text());
    expect(feed.title).toBe("Тихая газета — Свежий выпуск");
    expect(feed.items).toEqual([]);
  });
});

test("the pages sitemap lists the partner pages", async ({ request }) => {
  const body = await (await request.get("/sitemaps/pages.xml")).text();
  for (const id of ["vestnik-polesya", "grodno-vedomosti", "vitebsk-kurier", "e2e-partner-quiet", "e2e-partner-former"]) {
    expect(body).toMatch(new RegExp(`<loc>https?://[^<]+/source/${id}</loc>`));
  }
});
