import { create } from "xmlbuilder2";
import type { Article, ContentIndex } from "@/lib/content/types";
import { isPublished, sourceArticles, sourcesWithPages } from "@/lib/content/queries";
import { dayKey } from "@/lib/format/dates";
import { absoluteUrl, articlePath, newsPath, sectionPath, sourcePath } from "./urls";

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1";
/** The protocol's limit per file. */
export const MAX_URLS = 50_000;
export const NEWS_MAX = 1_000;
export const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

const lastModified = (a: Article) => a.updated ?? a.date;
const newest = (items: readonly Article[]) =>
  items.reduce<Article | undefined>((best, a) => (!best || Date.parse(lastModified(a)) > Date.parse(lastModified(best)) ? a : best), undefined);

/** "2024-03": the month of an article in the site's zone, which names its sitemap. */
export function monthOf(a: Article, timeZone: string): string {
  return dayKey(a.dateMs, timeZone).slice(0, 7);
}

/** Published articles by month, each month split into files of at most MAX_URLS. */
export function articleSitemapNames(index: ContentIndex, now: number): Map<string, Article[]> {
  const months = new Map<string, Article[]>();
  for (const a of index.articles) {
    if (!isPublished(a, now)) continue;
    const m = monthOf(a, index.site.timeZone);
    const list = months.get(m) ?? [];
    list.push(a);
    months.set(m, list);
  }
  const files = new Map<string, Article[]>();
  for (const [month, list] of months) {
    for (let part = 0; part * MAX_URLS < list.length; part++) {
      files.set(`articles-${month}${part > 0 ? `-${part + 1}` : ""}.xml`, list.slice(part * MAX_URLS, (part + 1) * MAX_URLS));
    }
  }
  return files;
}

export function sitemapIndexXml(index: ContentIndex, now: number, base: string): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "sitemapindex");
  const published = index.articles.filter((a) => isPublished(a, now));
  const pages = doc.ele("sitemap");
  pages.ele("loc").txt(absoluteUrl("/sitemaps/pages.xml", base));
  const latest = newest(published);
  if (latest) pages.ele("lastmod").txt(lastModified(latest));
  for (const [name, list] of articleSitemapNames(index, now)) {
    const s = doc.ele("sitemap");
    s.ele("loc").txt(absoluteUrl(`/sitemaps/${name}`, base));
    s.ele("lastmod").txt(lastModified(newest(list)!));
  }
  return doc.end({ prettyPrint: true });
}

export function pagesSitemapXml(index: ContentIndex, now: number, base: string): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "urlset");
  const published = index.articles.filter((a) => isPublished(a, now));
  const add = (path: string, list: readonly Article[]) => {
    const u = doc.ele("url");
    u.ele("loc").txt(absoluteUrl(path, base));
    const latest = newest(list);
    if (latest) u.ele("lastmod").txt(lastModified(latest));
  };
  add("/", published);
  add(newsPath(), published);
  for (const s of index.sections)
    add(
      sectionPath(s.slug),
      published.filter((a) => a.section === s.slug),
    );
  // Partner pages are list pages like sections: every one that exists, its lastmod its newest article's.
  for (const s of sourcesWithPages(index, now)) add(sourcePath(s.id), sourceArticles(index, s.id, now));
  return doc.end({ prettyPrint: true });
}

export function articlesSitemapXml(articles: Article[], base: string): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "urlset").att("xmlns:image", IMAGE_NS);
  for (const a of articles) {
    const u = doc.ele("url");
    u.ele("loc").txt(absoluteUrl(articlePath(a.slug), base));
    u.ele("lastmod").txt(lastModified(a));
    if (a.image)
      u.ele(IMAGE_NS, "image:image")
        .ele(IMAGE_NS, "image:loc")
        .txt(/^https:/i.test(a.image.src) ? a.image.src : absoluteUrl(a.image.src, base));
  }
  return doc.end({ prettyPrint: true });
}

/** Google News: articles of the last two days, newest first, at most 1,000. */
export function newsSitemapXml(index: ContentIndex, now: number, base: string, language: string): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "urlset").att("xmlns:news", NEWS_NS);
  const recent = index.articles.filter((a) => isPublished(a, now) && now - a.dateMs <= NEWS_WINDOW_MS).slice(0, NEWS_MAX);
  for (const a of recent) {
    const u = doc.ele("url");
    u.ele("loc").txt(absoluteUrl(articlePath(a.slug), base));
    const news = u.ele(NEWS_NS, "news:news");
    const pub = news.ele(NEWS_NS, "news:publication");
    pub.ele(NEWS_NS, "news:name").txt(index.site.name);
    pub.ele(NEWS_NS, "news:language").txt(language);
    news.ele(NEWS_NS, "news:publication_date").txt(a.date);
    news.ele(NEWS_NS, "news:title").txt(a.title);
  }
  return doc.end({ prettyPrint: true });
}
