import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import type { Article, ArticleBody, Section, SiteConfig } from "@/lib/content/types";
import { imageTypeOf } from "@/lib/mime";
import type { Catalog } from "@/lib/store/types";
import { photoUrl } from "./photo-urls";
import { absoluteUrl, articlePath } from "./urls";

export const RSS_SIZE = 50;
export const YANDEX_WINDOW_MS = 3 * 24 * 3600 * 1000;

/** The photo's original: this site's /media, or MEDIA_BASE_URL's copy (lib/seo/photo-urls.ts). */
function imageUrl(a: Article, base: string): string | undefined {
  if (!a.image) return undefined;
  return /^https:/i.test(a.image.src) ? a.image.src : photoUrl(a.image.src, base);
}

function imageType(url: string): string {
  return imageTypeOf(url) ?? "image/jpeg";
}

/** The full text for readers that show it: the lead, then the body. */
function fullHtml(a: Article, body: ArticleBody): string {
  return `<p><strong>${escapeHtml(a.lead)}</strong></p>${body.html}`;
}

/** A feed item: the article and its body, read before the (pure) feed is built. */
export interface FeedItem {
  article: Article;
  body: ArticleBody;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The channel's own elements, common to both feed flavours. */
function channelHead(ch: XMLBuilder, channel: FeedChannel, base: string) {
  ch.ele("title").txt(channel.title);
  ch.ele("link").txt(absoluteUrl(channel.pagePath, base));
  ch.ele("description").txt(channel.description || channel.title);
  ch.ele("language").txt(channel.language);
  ch.ele("atom:link", { href: absoluteUrl(channel.feedPath, base), rel: "self", type: "application/rss+xml" });
}

/** The whole site as a channel, for /rss.xml and /yandex.rss. */
export function siteChannel(site: SiteConfig, fallbackDescription: string, feedPath: string, language: string): FeedChannel {
  return { title: site.name, description: site.description || fallbackDescription, pagePath: "/", feedPath, language };
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Path of the page the feed mirrors, and of the feed itself. */
  pagePath: string;
  feedPath: string;
  language: string;
}

/**
 * RSS 2.0 with the full text in content:encoded and the photo as an enclosure. Built with an XML
 * library, so any title — quotes, ampersands, angle brackets, emoji — is escaped correctly.
 */
export function rssXml(channel: FeedChannel, items: FeedItem[], sections: ReadonlyMap<string, Section>, base: string): string {
  const rss = create({ version: "1.0", encoding: "UTF-8" }).ele("rss", {
    version: "2.0",
    "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
    "xmlns:atom": "http://www.w3.org/2005/Atom",
  });
  const ch = rss.ele("channel");
  channelHead(ch, channel, base);
  if (items[0]) ch.ele("lastBuildDate").txt(new Date(items[0].article.dateMs).toUTCString());
  for (const { article: a, body } of items) {
    const url = absoluteUrl(articlePath(a.slug), base);
    const item = ch.ele("item");
    item.ele("title").txt(a.title);
    item.ele("link").txt(url);
    item.ele("guid", { isPermaLink: "true" }).txt(url);
    item.ele("pubDate").txt(new Date(a.dateMs).toUTCString());
    item.ele("description").txt(a.lead);
    const section = sections.get(a.section);
    if (section) item.ele("category").txt(section.name);
    const img = imageUrl(a, base);
    if (img) item.ele("enclosure", { url: img, length: "0", type: imageType(img) });
    item.ele("content:encoded").dat(fullHtml(a, body).replace(/]]>/g, "]]&gt;"));
  }
  return rss.end({ prettyPrint: true });
}

/** The feed for Yandex News and Dzen: plain full text, genre, and only the last three days. */
export function yandexRssXml(channel: FeedChannel, catalog: Pick<Catalog, "site" | "sectionBySlug">, items: FeedItem[], base: string): string {
  const rss = create({ version: "1.0", encoding: "UTF-8" }).ele("rss", {
    version: "2.0",
    "xmlns:yandex": "http://news.yandex.ru",
    "xmlns:media": "http://search.yahoo.com/mrss/",
    "xmlns:atom": "http://www.w3.org/2005/Atom",
  });
  const ch = rss.ele("channel");
  channelHead(ch, channel, base);
  for (const { article: a, body } of items) {
    const url = absoluteUrl(articlePath(a.slug), base);
    const item = ch.ele("item");
    item.ele("title").txt(a.title);
    item.ele("link").txt(url);
    item.ele("guid").txt(url);
    item.ele("pubDate").txt(new Date(a.dateMs).toUTCString());
    item.ele("description").txt(a.lead);
    item.ele("author").txt(catalog.site.name);
    const section = catalog.sectionBySlug.get(a.section);
    if (section) item.ele("category").txt(section.name);
    item.ele("yandex:genre").txt("message");
    const img = imageUrl(a, base);
    if (img) item.ele("enclosure", { url: img, type: imageType(img) });
    item.ele("yandex:full-text").txt([a.lead, body.text].filter(Boolean).join("\n\n"));
  }
  return rss.end({ prettyPrint: true });
}
