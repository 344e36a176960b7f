/**
 * A partner's article page → the article's own HTML, for sources in "page" mode whose feed gives
 * only a lead. Readability (Firefox's reader view) finds the story among menus, sidebars, comments
 * and banners; the result still goes through htmlToMarkdown, which sanitises it.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { absoluteUrl } from "./html-to-markdown";
import { ImportError } from "./types";

export interface ExtractedArticle {
  /** The article's HTML as Readability leaves it (not yet sanitised). */
  html: string;
  title?: string;
  /** The page's og:image (or twitter:image), absolute http(s). */
  image?: string;
}

/** Bigger pages are not articles; the fetcher caps bytes, this guards callers that do not. */
export const MAX_PAGE_CHARS = 5 * 1024 * 1024;
/** Less text than this is a teaser, a paywall or an error page, not an article to republish. */
export const MIN_ARTICLE_CHARS = 200;

/** Never run, and only noise to Readability's scoring. */
const NOISE = "script, style, noscript, template, iframe, object, embed, link[rel=stylesheet]";

/**
 * The article in a page, or undefined when Readability finds nothing worth an article. Throws
 * ImportError for a page too large to read.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle | undefined {
  if (html.length > MAX_PAGE_CHARS) {
    throw new ImportError(`the page is larger than ${MAX_PAGE_CHARS / 1024 / 1024} MB of text; refused`);
  }
  // linkedom builds no <html> or <body> for a fragment (or an empty page), and Readability needs
  // both; a page without its own <html> element is wrapped in one.
  const source = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(source);
  if (!document.documentElement || !document.body) return undefined;
  for (const node of Array.from(document.querySelectorAll(NOISE))) node.remove();

  const image = pageImage(document, pageUrl);
  // Readability resolves links and images against the document's base; linkedom has no URL of
  // its own, so the page's address is given as a <base> (a base the page set itself is kept).
  if (!document.querySelector("base[href]") && document.head) {
    const base = document.createElement("base");
    base.setAttribute("href", pageUrl);
    document.head.prepend(base);
  }

  const article = new Readability(document, { charThreshold: MIN_ARTICLE_CHARS }).parse();
  if (!article?.content || (article.textContent ?? "").replace(/\s+/g, " ").trim().length < MIN_ARTICLE_CHARS) return undefined;
  const title = article.title?.replace(/\s+/g, " ").trim();
  return { html: article.content, ...(title ? { title } : {}), ...(image ? { image } : {}) };
}

/** The photo the page offers for sharing: what the partner itself chose to represent the story. */
function pageImage(document: Document, pageUrl: string): string | undefined {
  const selectors = [
    'meta[property="og:image:secure_url"]',
    'meta[property="og:image"]',
    'meta[name="og:image"]',
    'meta[name="twitter:image"]',
    'meta[property="twitter:image"]',
  ];
  for (const selector of selectors) {
    const content = document.querySelector(selector)?.getAttribute("content");
    const url = content ? absoluteUrl(content, pageUrl, ["http:", "https:"]) : undefined;
    if (url) return url;
  }
  return undefined;
}
