import { resolveHome } from "./home";
import { resolveArticle, resolveArticleImage, resolveNewsList } from "./news";
import { resolveSearch } from "./search";
import { resolveSection, resolveSectionRss } from "./section";
import { resolveSource, resolveSourceRss } from "./source";
import { resolveTag } from "./tag";
import type { RouteContext } from "./types";

/**
 * Every localized route, the one place that says whether a URL names something that exists right
 * now. The proxy asks this table (a path no entry resolves answers 404 before any rendering), and
 * each page or route handler calls the same resolver for its data. A route under app/[locale]
 * missing here answers 404 everywhere; routes.test.ts fails when one is.
 */
export interface RouteEntry {
  /** The locale-less path: literal segments and `:name` parameters, one segment each. */
  pattern: string;
  /** The file under app/ that serves it. */
  file: string;
  /** The route's data, or undefined when there is no such page; `params` are the decoded `:name` segments. */
  resolve(ctx: RouteContext, params: Record<string, string>): unknown;
}

export const ROUTES: readonly RouteEntry[] = [
  { pattern: "/", file: "[locale]/page.tsx", resolve: (c) => resolveHome(c.store, c.now) },
  { pattern: "/news", file: "[locale]/news/page.tsx", resolve: (c) => resolveNewsList(c.store, c.query, c.now) },
  { pattern: "/news/:slug", file: "[locale]/news/[slug]/page.tsx", resolve: (c, p) => resolveArticle(c.store, p.slug!, c.now, { preview: c.preview }) },
  {
    pattern: "/news/:slug/opengraph-image",
    file: "[locale]/news/[slug]/opengraph-image/route.tsx",
    resolve: (c, p) => resolveArticleImage(c.store, p.slug!, c.now),
  },
  { pattern: "/section/:slug", file: "[locale]/section/[slug]/page.tsx", resolve: (c, p) => resolveSection(c.store, p.slug!, c.query, c.now) },
  { pattern: "/section/:slug/rss.xml", file: "[locale]/section/[slug]/rss.xml/route.ts", resolve: (c, p) => resolveSectionRss(c.store, p.slug!) },
  { pattern: "/source/:id", file: "[locale]/source/[id]/page.tsx", resolve: (c, p) => resolveSource(c.store, p.id!, c.query, c.now) },
  { pattern: "/source/:id/rss.xml", file: "[locale]/source/[id]/rss.xml/route.ts", resolve: (c, p) => resolveSourceRss(c.store, p.id!, c.now) },
  { pattern: "/tag/:tag", file: "[locale]/tag/[tag]/page.tsx", resolve: (c, p) => resolveTag(c.store, p.tag!, c.query, c.now) },
  { pattern: "/search", file: "[locale]/search/page.tsx", resolve: (c) => resolveSearch(c.query, c.now, c.search) },
];

/** The entry a decoded, locale-less path matches, with its parameters; undefined when none does. */
export function matchRoute(path: string): { route: RouteEntry; params: Record<string, string> } | undefined {
  const parts = path.split("/").filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.pattern.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((p, i) => (p.startsWith(":") ? ((params[p.slice(1)] = parts[i]!), true) : p === parts[i]))) return { route, params };
  }
  return undefined;
}

/**
 * What a decoded, locale-less path resolves to right now: the route's data, or undefined when no
 * such page exists (the proxy answers 404).
 */
export async function resolvePath(path: string, ctx: RouteContext): Promise<unknown> {
  const match = matchRoute(path);
  return match && (await match.route.resolve(ctx, match.params));
}

/**
 * First segments of the routes with a parameter: a path under one of these is a page even when its
 * last segment contains a dot («/tag/Node.js», `/section/x/rss.xml`).
 */
export const PAGE_PREFIXES: ReadonlySet<string> = new Set(ROUTES.filter((r) => r.pattern.includes("/:")).map((r) => r.pattern.split("/")[1]!));
