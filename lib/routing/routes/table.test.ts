import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { matchRoute, PAGE_PREFIXES, resolvePath, ROUTES } from "./table";
import { queryOf } from "./types";

const APP = path.resolve(__dirname, "../../../app");

/**
 * Files under app/ that serve requests but need no entry in the route table, each with the reason.
 * Anything else that serves a request must have a resolver, or the proxy answers 404 for it.
 */
const NO_RESOLVER: Record<string, string> = {
  "[locale]/[...rest]/page.tsx": "the catch-all for paths no route claims: it only ever renders the 404",
  "[locale]/not-found-page/page.tsx": "where the proxy rewrites unknown URLs (status 404); not a URL of its own",
  "api/consent/route.ts": "API route: outside the proxy's matcher; checks its own request",
  "api/draft/route.ts": "API route: outside the proxy's matcher; checks its own token",
  "api/draft/exit/route.ts": "API route: outside the proxy's matcher",
  "api/revalidate/route.ts": "API route: outside the proxy's matcher; checks its own token",
  "media/[...path]/route.ts": "content media: outside the proxy's matcher; answers 404 for a file that is not there",
  "healthz/route.ts": "the load balancer's health check: outside the proxy's matcher, one fixed path",
  "og/crop/[ratio]/[...path]/route.ts": "photo crops: a file path the proxy passes through (isPassThroughFile); checks ratio and file itself",
  "rss.xml/route.ts": "the site's feed: a file the proxy passes through; always exists",
  "yandex.rss/route.ts": "the Yandex feed: a file the proxy passes through; always exists",
  "sitemap.xml/route.ts": "the sitemap index: a file the proxy passes through; always exists",
  "news-sitemap.xml/route.ts": "the news sitemap: a file the proxy passes through; answers 404 while the last two days hold no article",
  "sitemaps/[name]/route.ts": "sitemap files `/sitemaps/<name>.xml`: passed through; answers 404 for a name the index does not list",
};

/** Every page.tsx and route.ts(x) under app/, as paths relative to it. */
function servingFiles(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return servingFiles(full);
    return /^(page\.tsx|route\.tsx?)$/.test(entry.name) ? [path.relative(APP, full).split(path.sep).join("/")] : [];
  });
}

describe("the route table", () => {
  it("has a resolver for every page and route handler under app/, or a reason why not", () => {
    const listed = new Set(ROUTES.map((r) => r.file));
    const missing = servingFiles().filter((file) => !listed.has(file) && !(file in NO_RESOLVER));
    expect(missing, "routes with no entry in lib/routing/routes/table.ts (add a resolver, or a reason to NO_RESOLVER)").toEqual([]);
  });

  it("names files that exist, whose folders spell the entry's pattern", () => {
    for (const route of ROUTES) {
      expect(existsSync(path.join(APP, route.file)), route.file).toBe(true);
      const folders = path.posix.dirname(route.file).split("/").slice(1); // without [locale]
      const spelt = `/${folders.map((f) => f.replace(/^\[(\w+)\]$/, ":$1")).join("/")}`;
      expect(spelt, route.file).toBe(route.pattern);
    }
    for (const file of Object.keys(NO_RESOLVER)) expect(existsSync(path.join(APP, file)), `stale NO_RESOLVER entry ${file}`).toBe(true);
  });

  it("matches a path to one entry, by literal segments and parameters", () => {
    expect(matchRoute("/")?.route.pattern).toBe("/");
    expect(matchRoute("/news/a1")).toMatchObject({ route: { pattern: "/news/:slug" }, params: { slug: "a1" } });
    expect(matchRoute("/news/a1/opengraph-image")?.params).toEqual({ slug: "a1" });
    expect(matchRoute("/tag/Node.js")).toMatchObject({ route: { pattern: "/tag/:tag" }, params: { tag: "Node.js" } });
    expect(matchRoute("/source/x/rss.xml")?.route.pattern).toBe("/source/:id/rss.xml");
    for (const p of ["/about", "/news/a/b", "/tag", "/search/x", "/section/x/feed.xml"]) expect(matchRoute(p), p).toBeUndefined();
  });

  it("resolves a path to its route's data", async () => {
    const now = Date.parse("2024-03-05T12:00:00+03:00");
    const store = await makeStore([makeArticle("a1", "2024-03-01T10:00:00+03:00")]);
    const search = async () => ({ hits: [], total: 0, terms: new Set<string>(), complete: true });
    const ctx = { store, now, query: {}, search };
    expect(await resolvePath("/news/a1", ctx)).toMatchObject({ article: { slug: "a1" } });
    expect(await resolvePath("/section/politics", ctx)).toMatchObject({ section: { slug: "politics" }, page: { total: 1 } });
    expect(await resolvePath("/news/nope", ctx)).toBeUndefined();
    expect(await resolvePath("/nope", ctx)).toBeUndefined();
  });

  it("derives the prefixes under which a dotted last segment is still a page", () => {
    expect([...PAGE_PREFIXES].sort()).toEqual(["news", "section", "source", "tag"]);
  });
});

describe("queryOf", () => {
  it("gives a query's values as Next gives them to pages", () => {
    expect(queryOf(new URLSearchParams("q=a&page=2&page=3&x="))).toEqual({ q: "a", page: ["2", "3"], x: "" });
  });
});
