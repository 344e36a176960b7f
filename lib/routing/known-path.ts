import { findPublished, findSource, isPublished, newestPublishedChange, paginate, parsePageParam, publishedArticles, sectionArticles, sourceArticles } from "@/lib/content/queries";
import type { ContentIndex } from "@/lib/content/types";
import { findTag, tagPath } from "@/lib/content/tags";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "@/lib/content/validate";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import { parseQuery } from "@/lib/search/text";

/** Page routes: a path under one of these is a page even when it contains a dot («/tag/Node.js»). */
const PAGE_PREFIXES = new Set(["news", "section", "source", "tag"]);

/** Decodes a URL path; undefined for malformed percent-encoding or a NUL byte. */
export function decodePath(pathname: string): string | undefined {
  try {
    const path = decodeURIComponent(pathname);
    return path.includes("\0") ? undefined : path;
  } catch {
    return undefined;
  }
}

/**
 * A decoded path as one path on this site: runs of slashes and backslashes become one slash. A
 * redirect built from `//evil.example` or `/\\evil.example` would otherwise leave the site
 * (browsers read `//host` and `/\\host` as another host).
 */
export function sitePath(path: string): string {
  return `/${path.split(/[/\\]+/).filter(Boolean).join("/")}`;
}

/**
 * Whether the raw query string (`?a=b&…`, as sent) has a parameter the pages read whose value is
 * not valid percent-encoded UTF-8 (`?q=%zz`, `?page=%ff`): such a URL is malformed and answers 404.
 * URLSearchParams would quietly keep `%zz` as text and turn `%ff` into U+FFFD.
 */
export function hasMalformedParameter(search: string): boolean {
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const eq = pair.indexOf("=");
    const [rawName, rawValue] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const name = strictDecode(rawName);
    if (name === undefined) {
      if (/^(q|page)\b/.test(rawName)) return true;
      continue;
    }
    if ((name === "q" || name === "page") && strictDecode(rawValue) === undefined) return true;
  }
  return false;
}

function strictDecode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/**
 * A file-like path outside the page routes (`/robots.txt`, `/favicon.ico`, files in public/),
 * which skips locale routing. Anything with `..` or a backslash is never a file.
 */
export function isPassThroughFile(path: string): boolean {
  const parts = path.split("/").filter(Boolean);
  const last = parts[parts.length - 1] ?? "";
  if (!last.includes(".") || path.includes("..") || path.includes("\\")) return false;
  return !PAGE_PREFIXES.has(parts[0] ?? "");
}

/**
 * Whether a decoded, locale-less path names a page that exists right now. Every page route is
 * listed here: a route missing from this function answers 404.
 */
export function isKnownPath(
  index: ContentIndex,
  pathname: string,
  search: URLSearchParams,
  now: number,
  {
    preview = false,
    searchPages,
  }: {
    preview?: boolean;
    /** For `/search?q=…&page=N` with N > 1: how many pages of results the query has. */
    searchPages?: number;
  } = {},
): boolean {
  const parts = pathname.split("/").filter(Boolean);
  const page = parsePageParam(single(search.getAll("page")));

  if (parts.length === 0) return true;
  const [first, slug, ...rest] = parts;
  if (first === "section" && slug !== undefined && rest.length === 1 && rest[0] === "rss.xml") {
    return index.sectionBySlug.has(slug);
  }
  if (first === "source" && slug !== undefined && rest.length === 1 && rest[0] === "rss.xml") {
    return isSourceId(slug) && findSource(index, slug, now) !== undefined;
  }
  if (first === "news" && slug !== undefined && rest.length === 1 && rest[0] === "opengraph-image") {
    return SLUG_PATTERN.test(slug) && findPublished(index, slug, now) !== undefined;
  }
  if (rest.length > 0) return false;

  if (first === "news" && slug === undefined) {
    return page !== undefined && paginate(publishedArticles(index, now), page, LIST_PAGE_SIZE) !== undefined;
  }
  if (first === "news" && slug !== undefined) {
    if (!SLUG_PATTERN.test(slug)) return false;
    // `preview`: the proxy found an editor's signed preview cookie for this slug (lib/security/preview.ts).
    return (preview ? index.bySlug.get(slug) : findPublished(index, slug, now)) !== undefined;
  }
  if (first === "section" && slug !== undefined) {
    if (!index.sectionBySlug.has(slug) || page === undefined) return false;
    return paginate(sectionArticles(index, slug, now), page, LIST_PAGE_SIZE) !== undefined;
  }
  if (first === "source" && slug !== undefined) {
    // A partner in sources.json, or one removed from it whose articles are still published.
    if (!isSourceId(slug) || findSource(index, slug, now) === undefined || page === undefined) return false;
    return paginate(sourceArticles(index, slug, now), page, LIST_PAGE_SIZE) !== undefined;
  }
  if (first === "tag" && slug !== undefined) {
    // Other spellings of the tag were redirected to this one by canonicalRedirect.
    const tag = findTag(index, slug, now);
    if (!tag || tag.name !== slug || page === undefined) return false;
    return paginate(tag.articles, page, LIST_PAGE_SIZE) !== undefined;
  }
  if (first === "search" && slug === undefined) {
    if (page === undefined || parseQuery(single(search.getAll("q"))) === undefined) return false;
    // Page 1 always exists (it says when nothing is found); later pages only as far as results go.
    return page === 1 || page <= (searchPages ?? 0);
  }
  return false;
}

/** Partner ids are slugs (sources.json and `source.id` are validated so); anything else is no page. */
function isSourceId(id: string): boolean {
  return id.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(id);
}

/** A query parameter as pages get it from Next: absent, one value, or a list when repeated. */
function single(values: string[]): string | string[] | undefined {
  return values.length > 1 ? values : values[0];
}

/**
 * Where a decoded path should permanently point instead, if anywhere: page paths are lower case,
 * an article's old slug (`aliases`) leads to its current URL, and a tag spelt another way
 * («/tag/шос», «/tag/Могилев») to the tag's page. The result is a path for `URL.pathname`: a tag in
 * it is percent-encoded.
 */
export function canonicalRedirect(index: ContentIndex, path: string, now: number): string | undefined {
  // Every target is built from the path's segments, so it starts with exactly one slash.
  const lower = sitePath(path.toLowerCase());
  const parts = lower.split("/").filter(Boolean);
  if (parts[0] === "news" && parts.length === 2) {
    const moved = index.byAlias.get(parts[1]!);
    if (moved && isPublished(moved, now)) return `/news/${moved.slug}`;
  }
  if (parts[0] === "tag" && parts.length === 2) {
    const [prefix, spelling] = path.split("/").filter(Boolean) as [string, string];
    const tag = findTag(index, spelling, now);
    return tag && (tag.name !== spelling || prefix !== "tag") ? tagPath(tag.name) : undefined;
  }
  if (lower !== path && (parts[0] === "news" || parts[0] === "section" || parts[0] === "source" || (parts[0] === "search" && parts.length === 1))) return lower;
  return undefined;
}

/**
 * When a page last changed, for Last-Modified: every page shows the news feed, so it is the newest
 * published change anywhere, or the article's own update when that is later.
 */
export function lastModified(index: ContentIndex, path: string, now: number): number | undefined {
  const [first, slug] = path.split("/").filter(Boolean);
  const article = first === "news" && slug ? findPublished(index, slug, now) : undefined;
  const own = article ? Math.max(article.dateMs, article.updated ? Date.parse(article.updated) : 0) : 0;
  const value = Math.max(newestPublishedChange(index, now), own);
  return value > 0 ? value : undefined;
}
