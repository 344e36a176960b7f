import { findPublished, isPublished } from "@/lib/content/queries";
import { lastUrgentExpiry, URGENT_SCAN } from "@/lib/content/urgent";
import { DEFAULT_URGENT_HOURS } from "@/lib/content/validate";
import { tagPath } from "@/lib/content/tags";
import type { ArticleStore } from "@/lib/store/types";
import { articlePath } from "@/lib/seo/urls";
import { PAGE_PREFIXES, resolvePath } from "./routes/table";
import type { RouteContext } from "./routes/types";

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
  return `/${path
    .split(/[/\\]+/)
    .filter(Boolean)
    .join("/")}`;
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
      if (/^(q|page|sort)\b/.test(rawName)) return true;
      continue;
    }
    if ((name === "q" || name === "page" || name === "sort") && strictDecode(rawValue) === undefined) return true;
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
 * Whether a decoded, locale-less path names a page that exists right now: a thin call into the
 * route table (./routes/table.ts), whose resolvers the pages call for their data too.
 */
export async function isKnownPath(path: string, ctx: RouteContext): Promise<boolean> {
  return (await resolvePath(path, ctx)) !== undefined;
}

/**
 * Where a decoded path should permanently point instead, if anywhere: page paths are lower case,
 * an article's old slug (`aliases`) leads to its current URL, and a tag spelt another way
 * («/tag/шос», «/tag/Могилев») to the tag's page. The result is a path for `URL.pathname`: a tag in
 * it is percent-encoded.
 */
export async function canonicalRedirect(store: ArticleStore, path: string, now: number): Promise<string | undefined> {
  // Every target is built from the path's segments, so it starts with exactly one slash.
  const lower = sitePath(path.toLowerCase());
  const parts = lower.split("/").filter(Boolean);
  if (parts[0] === "news" && parts.length === 2) {
    const moved = await store.alias(parts[1]!);
    if (moved && isPublished(moved, now)) return articlePath(moved.slug);
  }
  if (parts[0] === "tag" && parts.length === 2) {
    const [prefix, spelling] = path.split("/").filter(Boolean) as [string, string];
    const tag = await store.tag(spelling, now);
    return tag && (tag.name !== spelling || prefix !== "tag") ? tagPath(tag.name) : undefined;
  }
  if (lower !== path && (parts[0] === "news" || parts[0] === "section" || parts[0] === "source" || (parts[0] === "search" && parts.length === 1))) return lower;
  return undefined;
}

/**
 * When a page last changed, for Last-Modified: every page shows the news feed, so it is the newest
 * published change anywhere, or the article's own update when that is later.
 */
export async function lastModified(store: ArticleStore, path: string, now: number): Promise<number | undefined> {
  const [first, slug] = path.split("/").filter(Boolean);
  // The newest articles as the «Срочно» banner reads them (the same cached list).
  const [article, newestList, changed, { site }] = await Promise.all([
    first === "news" && slug ? findPublished(store, slug, now) : undefined,
    store.list({}, now, { offset: 0, limit: URGENT_SCAN }),
    store.lastChanged({}, now),
    store.catalog(),
  ]);
  const newest = newestList[0];
  const own = article ? changeOf(article) : 0;
  // Every page changed when a «Срочно» banner went away, though no article did.
  const banner = lastUrgentExpiry(newestList, now, site.urgentHours ?? DEFAULT_URGENT_HOURS) ?? 0;
  // The newest published change: the latest publication or update of any published article.
  const value = Math.max(newest ? changeOf(newest) : 0, changed ? changeOf(changed) : 0, own, banner);
  return value > 0 ? value : undefined;
}

/** An article's latest publication or update, in epoch ms. */
function changeOf(article: { dateMs: number; updated?: string }): number {
  return Math.max(article.dateMs, article.updated ? Date.parse(article.updated) : 0);
}
