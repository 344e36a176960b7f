import { create } from "xmlbuilder2";
import type { Article } from "@/lib/content/types";
import { sourcesWithPages } from "@/lib/content/queries";
import type { ArticleStore, ListFilter } from "@/lib/store/types";
import { dayKey } from "@/lib/format/dates";
import { photoUrl } from "./photo-urls";
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

/** A month's sitemap file: `articles-2024-03.xml`, then `articles-2024-03-2.xml`… for each further MAX_URLS. */
function articleSitemapName(month: string, part: number): string {
  return `articles-${month}${part > 0 ? `-${part + 1}` : ""}.xml`;
}

/**
 * The articles of one sitemap file, by its name (`articles-2024-03-2.xml`: the month's second
 * MAX_URLS); undefined for a name the sitemap index does not list.
 */
export async function articleSitemapPart(store: ArticleStore, name: string, now: number): Promise<Article[] | undefined> {
  const match = /^articles-(\d{4}-\d{2})(?:-([1-9]\d*))?\.xml$/.exec(name);
  if (!match) return undefined;
  const month = match[1]!;
  const part = match[2] === undefined ? 0 : Number(match[2]) - 1;
  // `-1` is never a name: the first part has no number.
  if (part === 0 && match[2] !== undefined) return undefined;
  const count = await store.count({ month }, now);
  if (part * MAX_URLS >= count) return undefined;
  return store.list({ month }, now, { offset: part * MAX_URLS, limit: MAX_URLS });
}

export async function sitemapIndexXml(store: ArticleStore, now: number, base: string): Promise<string> {
  const [latest, months] = await Promise.all([store.lastChanged({}, now), store.months(now)]);
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "sitemapindex");
  const pages = doc.ele("sitemap");
  pages.ele("loc").txt(absoluteUrl("/sitemaps/pages.xml", base));
  if (latest) pages.ele("lastmod").txt(lastModified(latest));
  for (const { month, count, lastModified: monthChanged } of months) {
    for (let part = 0; part * MAX_URLS < count; part++) {
      // A month of one file has its own lastmod; a longer one has a lastmod per file.
      const changed = count <= MAX_URLS ? monthChanged : lastModified(newest(await store.list({ month }, now, { offset: part * MAX_URLS, limit: MAX_URLS }))!);
      const s = doc.ele("sitemap");
      s.ele("loc").txt(absoluteUrl(`/sitemaps/${articleSitemapName(month, part)}`, base));
      s.ele("lastmod").txt(changed);
    }
  }
  return doc.end({ prettyPrint: true });
}

export async function pagesSitemapXml(store: ArticleStore, now: number, base: string): Promise<string> {
  const catalog = await store.catalog();
  const partners = await sourcesWithPages(store, now);
  const filters: [string, ListFilter][] = [
    ["/", {}],
    [newsPath(), {}],
    ...catalog.sections.map((s): [string, ListFilter] => [sectionPath(s.slug), { section: s.slug }]),
    // Partner pages are list pages like sections: every one that exists, its lastmod its newest article's.
    ...partners.map((s): [string, ListFilter] => [sourcePath(s.id), { source: s.id }]),
  ];
  const latest = await Promise.all(filters.map(([, filter]) => store.lastChanged(filter, now)));
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "urlset");
  filters.forEach(([path], i) => {
    const u = doc.ele("url");
    u.ele("loc").txt(absoluteUrl(path, base));
    const changed = latest[i];
    if (changed) u.ele("lastmod").txt(lastModified(changed));
  });
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
        .txt(/^https:/i.test(a.image.src) ? a.image.src : photoUrl(a.image.src, base));
  }
  return doc.end({ prettyPrint: true });
}

/**
 * Whether the Google News sitemap has anything to list. The sitemap schema wants at least one `url`
 * in a `urlset`, so while the last two days hold no article there is no valid news sitemap: robots.txt
 * leaves it out and its address answers 404 (app/robots.ts, app/news-sitemap.xml/route.ts), which
 * Google reads as "nothing now" rather than as a broken file. It is not in the sitemap index, which
 * lists only pages Google may index without the news rules.
 */
export async function hasNewsSitemap(store: ArticleStore, now: number): Promise<boolean> {
  return (await store.list({ sinceMs: now - NEWS_WINDOW_MS }, now, { offset: 0, limit: 1 })).length > 0;
}

/**
 * Google News: articles of the last two days, newest first, at most 1,000; undefined when there are
 * none (an empty `urlset` is invalid; see hasNewsSitemap).
 */
export async function newsSitemapXml(store: ArticleStore, now: number, base: string, language: string): Promise<string | undefined> {
  const [{ site }, recent] = await Promise.all([store.catalog(), store.list({ sinceMs: now - NEWS_WINDOW_MS }, now, { offset: 0, limit: NEWS_MAX })]);
  if (recent.length === 0) return undefined;
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "urlset").att("xmlns:news", NEWS_NS);
  for (const a of recent) {
    const u = doc.ele("url");
    u.ele("loc").txt(absoluteUrl(articlePath(a.slug), base));
    const news = u.ele(NEWS_NS, "news:news");
    const pub = news.ele(NEWS_NS, "news:publication");
    pub.ele(NEWS_NS, "news:name").txt(site.name);
    pub.ele(NEWS_NS, "news:language").txt(language);
    news.ele(NEWS_NS, "news:publication_date").txt(a.date);
    news.ele(NEWS_NS, "news:title").txt(a.title);
  }
  return doc.end({ prettyPrint: true });
}
