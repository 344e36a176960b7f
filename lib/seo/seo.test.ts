import { describe, expect, it } from "vitest";
import { buildArticle } from "@/lib/content/build-index";
import { renderBody } from "@/lib/content/markdown";
import { makeArticle, makeIndex, makeStore, testSections, testSite } from "@/lib/content/test-helpers";
import { rssXml, yandexRssXml } from "./feeds";
import {
  articleBreadcrumbs,
  articleTrail,
  collectionPageJsonLd,
  headline,
  newsArticleJsonLd,
  sectionTrail,
  serializeJsonLd,
  sourceCollectionJsonLd,
  tagCollectionJsonLd,
  trailItems,
  webSiteJsonLd,
} from "./json-ld";
import { pageMetadata } from "./metadata";
import { drawableText } from "./og-image";
import { pagesSitemapXml } from "./sitemaps";
import { articleImagePath, articlePath, newsPath, sectionPath, sectionRssPath, sourcePath, sourceRssPath, withPage } from "./urls";

const ctx = { site: testSite, base: "https://news.example", language: "ru", homeLabel: "Главная" };
const politics = testSections[0]!;
const article = makeArticle("seed", "2024-03-04T12:40:00+03:00", {
  title: "Лукашенко: Беларусь рассчитывает на поддержку Казахстана",
  lead: "Лид.",
  tags: ["ШОС", "Казахстан"],
  updated: "2024-03-04T15:00:00+03:00",
  image: { src: "/media/a.jpg", alt: "Фото", width: 1600, height: 900 },
});

describe("headline", () => {
  it("keeps short titles and cuts long ones at a word, within 110 characters", () => {
    expect(headline("Коротко")).toBe("Коротко");
    const long = "Слово ".repeat(40).trim();
    const h = headline(long);
    expect(h.length).toBeLessThanOrEqual(110);
    expect(h.endsWith("Слово…")).toBe(true);
  });
});

describe("structured data", () => {
  it("describes an article as a NewsArticle with offsets, crops and its section", () => {
    const ld = newsArticleJsonLd(article, politics, ctx) as unknown as Record<string, unknown>;
    expect(ld).toMatchObject({
      "@type": "NewsArticle",
      headline: article.title,
      datePublished: "2024-03-04T12:40:00+03:00",
      dateModified: "2024-03-04T15:00:00+03:00",
      articleSection: "Политика",
      keywords: "ШОС, Казахстан",
      inLanguage: "ru",
      isAccessibleForFree: true,
      mainEntityOfPage: { "@id": "https://news.example/news/seed" },
      image: ["https://news.example/og/crop/16x9/media/a.jpg", "https://news.example/og/crop/4x3/media/a.jpg", "https://news.example/og/crop/1x1/media/a.jpg"],
      publisher: { "@type": "NewsMediaOrganization", name: testSite.name, logo: { url: "https://news.example/logo-square.png", width: "512", height: "512" } },
    });
  });

  it("gives an article without a photo its preview card as the image", () => {
    const ld = newsArticleJsonLd({ ...article, image: undefined }, politics, ctx) as unknown as Record<string, unknown>;
    expect(ld.image).toEqual(["https://news.example/news/seed/opengraph-image"]);
  });

  it("builds breadcrumbs home → section → article", () => {
    const b = articleBreadcrumbs(article, politics, ctx) as unknown as { itemListElement: { name: string; item: string; position: number }[] };
    expect(b.itemListElement.map((i) => [i.position, i.name, i.item])).toEqual([
      [1, "Главная", "https://news.example/"],
      [2, "Политика", "https://news.example/section/politics"],
      [3, article.title, "https://news.example/news/seed"],
    ]);
  });

  it("describes the site and a section", () => {
    expect(webSiteJsonLd(ctx)).toMatchObject({ "@type": "WebSite", url: "https://news.example/", inLanguage: "ru" });
    expect(collectionPageJsonLd(politics, ctx)).toMatchObject({ "@type": "CollectionPage", url: "https://news.example/section/politics" });
  });

  it("tells search engines how to search the site", () => {
    expect(webSiteJsonLd(ctx).potentialAction).toEqual({
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: "https://news.example/search?q={search_term_string}" },
      "query-input": "required name=search_term_string",
    });
  });

  it("describes a tag page as a collection one step below the home page, its URL percent-encoded", () => {
    const page = tagCollectionJsonLd("ШОС", ctx) as unknown as {
      "@type": string;
      name: string;
      url: string;
      breadcrumb: { itemListElement: { name: string; item: string }[] };
    };
    expect(page).toMatchObject({ "@type": "CollectionPage", name: "ШОС", url: "https://news.example/tag/%D0%A8%D0%9E%D0%A1" });
    expect(page.breadcrumb.itemListElement.map((i) => [i.name, i.item])).toEqual([
      ["Главная", "https://news.example/"],
      ["ШОС", "https://news.example/tag/%D0%A8%D0%9E%D0%A1"],
    ]);
  });

  it("describes a partner's page as a collection one step below the home page", () => {
    const page = sourceCollectionJsonLd({ id: "vestnik-polesya", name: "Вестник Полесья" }, ctx) as unknown as {
      "@type": string;
      name: string;
      url: string;
      breadcrumb: { itemListElement: { name: string; item: string }[] };
    };
    expect(page).toMatchObject({ "@type": "CollectionPage", name: "Вестник Полесья", url: "https://news.example/source/vestnik-polesya" });
    expect(page.breadcrumb.itemListElement.map((i) => i.item)).toEqual(["https://news.example/", "https://news.example/source/vestnik-polesya"]);
  });

  it("cannot be broken out of its script tag", () => {
    expect(serializeJsonLd({ t: "</script><script>alert(1)</script>" })).toBe('{"t":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
  });
});

describe("pageMetadata", () => {
  it("gives an article a canonical URL, hreflang, Open Graph article tags and a large Twitter card", () => {
    const m = pageMetadata({
      site: testSite,
      base: "https://news.example",
      ogLocale: "ru_RU",
      path: "/news/seed",
      title: article.title,
      description: "Лид.",
      article,
      sectionName: "Политика",
    });
    expect(m.alternates).toMatchObject({
      canonical: "https://news.example/news/seed",
      languages: { ru: "https://news.example/news/seed", "x-default": "https://news.example/news/seed" },
    });
    expect(m.alternates?.types).toEqual({ "application/rss+xml": [{ url: "https://news.example/rss.xml", title: testSite.name }] });
    expect(m.openGraph).toMatchObject({
      type: "article",
      locale: "ru_RU",
      siteName: testSite.name,
      publishedTime: article.date,
      modifiedTime: article.updated,
      section: "Политика",
      tags: ["ШОС", "Казахстан"],
      images: [{ url: "https://news.example/news/seed/opengraph-image", width: 1200, height: 630, alt: article.title }],
    });
    expect(m.twitter).toMatchObject({ card: "summary_large_image", images: [{ url: "https://news.example/news/seed/opengraph-image", alt: article.title }] });
  });

  it("falls back to the site card for pages without a photo", () => {
    const m = pageMetadata({ site: testSite, base: "https://news.example", ogLocale: "ru_RU", path: "/", title: "x", description: "y" });
    // The card shows only the site's mark, so its name is the alt text (og:image:alt, twitter:image:alt).
    expect(m.openGraph).toMatchObject({ type: "website", images: [{ url: "https://news.example/og-default.png", alt: testSite.name }] });
    expect(m.twitter).toMatchObject({ images: [{ url: "https://news.example/og-default.png", alt: testSite.name }] });
  });
});

describe("drawableText", () => {
  it("drops emoji the bundled fonts cannot draw and keeps Russian punctuation", () => {
    expect(drawableText("Ракета 🚀 «взлетела» — 1️⃣ раз & ещё 👍🏽")).toBe("Ракета «взлетела» — 1 раз & ещё");
  });
});

describe("typeset text in metadata, structured data and feeds", () => {
  // The article as the content pipeline builds it: typeset once, at index time.
  const { article: typeset } = buildArticle(
    {
      path: "articles/x.md",
      text: '---\ntitle: \'Минск - столица "Славянского базара"\'\ndate: "2024-03-04T12:40:00+03:00"\nsection: politics\ntags: ["в пути"]\n---\nЛид - в "кавычках".\n\nТекст - тоже.\n',
    },
    new Map(testSections.map((s) => [s.slug, s])),
    new Map(),
  );
  const a = typeset!;
  const TITLE = "Минск\u00A0— столица «Славянского базара»";

  it("carries the typeset title and lead into <title>, Open Graph and JSON-LD", () => {
    expect(a.title).toBe(TITLE);
    expect(a.lead).toBe("Лид\u00A0— в\u00A0«кавычках».");
    expect(a.tags).toEqual(["в пути"]); // tags and slugs are identifiers, not prose
    const m = pageMetadata({
      site: testSite,
      base: "https://news.example",
      ogLocale: "ru_RU",
      path: "/news/x",
      title: a.title,
      description: a.lead,
      article: a,
    });
    expect(m.title).toBe(TITLE);
    expect(m.openGraph).toMatchObject({ title: TITLE, description: a.lead });
    expect(newsArticleJsonLd(a, politics, ctx)).toMatchObject({ headline: TITLE, description: "Лид\u00A0— в\u00A0«кавычках»." });
    expect(serializeJsonLd(articleBreadcrumbs(a, politics, ctx))).toContain(`"name":"${TITLE}"`);
  });

  it("carries it into both feeds", () => {
    // Bodies are read apart from the index; this is the same rendering step.
    const { html, text } = renderBody('Лид - в "кавычках".\n\nТекст - тоже.\n', { takeLead: true });
    const items = [{ article: a, body: { html, text } }];
    const channel = { title: "Т", description: "", pagePath: "/", feedPath: "/rss.xml", language: "ru" };
    const rss = rssXml(channel, items, new Map(testSections.map((s) => [s.slug, s])), "https://news.example");
    expect(rss).toContain(`<title>${TITLE}</title>`);
    expect(rss).toContain("<p>Текст\u00A0— тоже.</p>");
    const yandex = yandexRssXml(channel, makeIndex([a]), items, "https://news.example");
    expect(yandex).toContain("Лид\u00A0— в\u00A0«кавычках».\n\nТекст\u00A0— тоже.");
  });
});

describe("breadcrumb trails", () => {
  it("lead from home through the section to the article, as the structured data lists them", () => {
    expect(articleTrail(article, politics, "Главная")).toEqual([
      { name: "Главная", path: "/" },
      { name: "Политика", path: "/section/politics" },
      { name: article.title, path: "/news/seed" },
    ]);
    expect(sectionTrail(politics, "Главная")).toEqual([
      { name: "Главная", path: "/" },
      { name: "Политика", path: "/section/politics" },
    ]);
    const ld = collectionPageJsonLd(politics, ctx) as unknown as { breadcrumb: { itemListElement: { name: string; item: string }[] } };
    expect(ld.breadcrumb.itemListElement.map((i) => [i.name, i.item])).toEqual([
      ["Главная", "https://news.example/"],
      ["Политика", "https://news.example/section/politics"],
    ]);
  });

  it("link every step but the current page, and a list's first page from its page 2 on", () => {
    const trail = sectionTrail(politics, "Главная");
    expect(trailItems(trail)).toEqual([{ name: "Главная", href: "/" }, { name: "Политика" }]);
    expect(trailItems(trail, 1)).toEqual([{ name: "Главная", href: "/" }, { name: "Политика" }]);
    expect(trailItems(trail, 2)).toEqual([
      { name: "Главная", href: "/" },
      { name: "Политика", href: "/section/politics" },
    ]);
  });
});

describe("partner paths and the pages sitemap", () => {
  it("builds partner and feed paths in one place, page 1 without ?page=", () => {
    expect(sourcePath("vestnik")).toBe("/source/vestnik");
    expect(sourcePath("vestnik", 1)).toBe("/source/vestnik");
    expect(sourcePath("vestnik", 3)).toBe("/source/vestnik?page=3");
    expect(sourceRssPath("vestnik")).toBe("/source/vestnik/rss.xml");
    expect(sectionRssPath("sport")).toBe("/section/sport/rss.xml");
  });

  it("builds the news and section paths in one place too", () => {
    expect(newsPath()).toBe("/news");
    expect(newsPath(2)).toBe("/news?page=2");
    expect(articlePath("seed")).toBe("/news/seed");
    expect(articleImagePath("seed")).toBe("/news/seed/opengraph-image");
    expect(sectionPath("sport")).toBe("/section/sport");
    expect(sectionPath("sport", 1)).toBe("/section/sport");
    expect(sectionPath("sport", 4)).toBe("/section/sport?page=4");
    expect(withPage("/tag/%D0%A8", 2)).toBe("/tag/%D0%A8?page=2");
  });

  it("lists every partner page beside the sections, with its newest article as lastmod", async () => {
    const now = Date.parse("2024-03-05T12:00:00+03:00");
    const store = await makeStore(
      [
        makeArticle("v1", "2024-03-01T10:00:00+03:00", { source: { id: "vestnik", name: "Вестник" } }),
        makeArticle("g1", "2024-02-01T10:00:00+03:00", { source: { id: "gone", name: "Бывший партнёр" } }),
      ],
      [
        { id: "vestnik", name: "Вестник" },
        { id: "quiet", name: "Тихий" },
      ],
    );
    const xml = await pagesSitemapXml(store, now, "https://news.example");
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.filter((l) => l!.includes("/source/"))).toEqual([
      "https://news.example/source/vestnik",
      "https://news.example/source/quiet",
      "https://news.example/source/gone",
    ]);
    expect(xml).toMatch(/source\/vestnik<\/loc>\s*<lastmod>2024-03-01T10:00:00\+03:00<\/lastmod>/);
  });
});
