import { describe, expect, it } from "vitest";
import { makeArticle, makeStore } from "@/lib/content/test-helpers";
import { SEARCH_PAGE_SIZE } from "@/lib/limits";
import type { ParsedQuery } from "@/lib/search/text";
import type { ArticleStore, PageRange } from "@/lib/store/types";
import { canonicalRedirect, decodePath, hasMalformedParameter, isKnownPath, isPassThroughFile, sitePath } from "./known-path";
import { queryOf } from "./routes/types";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const idx = makeStore([
  ...Array.from({ length: 21 }, (_, i) => makeArticle(`a${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`)),
  makeArticle("draft", "2024-03-01T10:00:00+03:00", { draft: true }),
  makeArticle("later", "2024-03-09T10:00:00+03:00"),
]);
/** Asks the route table as the proxy does; a search finds `hits` articles. */
async function knownPath(store: Promise<ArticleStore>, path: string, { hits = 0 } = {}) {
  const url = new URL(path, "http://x");
  const search = async (query: ParsedQuery, _now: number, range: PageRange) => ({
    hits: Array.from({ length: hits }, (_, i) => ({ slug: `s${i}`, score: 1 })).slice(range.offset, range.offset + range.limit),
    total: hits,
    terms: new Set(query.words.flat()),
    complete: true,
  });
  return isKnownPath(decodeURIComponent(url.pathname), { store: await store, now, query: queryOf(url.searchParams), search });
}
const known = (path: string) => knownPath(idx, path);

describe("isKnownPath", () => {
  it("knows the home page, published articles and existing sections", async () => {
    expect(await known("/")).toBe(true);
    expect(await known("/news/a3")).toBe(true);
    expect(await known("/section/politics")).toBe(true);
    expect(await known("/section/sport")).toBe(true); // an empty section still has its page
    expect(await known("/section/politics/rss.xml")).toBe(true);
    expect(await known("/section/weather/rss.xml")).toBe(false);
  });

  it("refuses drafts, scheduled articles, unknown slugs and sections", async () => {
    for (const p of ["/news/draft", "/news/later", "/news/nope", "/news/A3", "/section/weather", "/news/a3/extra", "/about"]) {
      expect(await known(p), p).toBe(false);
    }
  });

  it("checks ?page= against the number of pages", async () => {
    expect(await known("/section/politics?page=2")).toBe(true);
    expect(await known("/section/politics?page=3")).toBe(false);
    expect(await known("/news?page=2")).toBe(true);
    expect(await known("/news?page=abc")).toBe(false);
    expect(await known("/news?page=1&page=2")).toBe(false);
    expect(await known("/section/sport?page=2")).toBe(false);
  });
});

describe("isKnownPath: tags and search", () => {
  const tagged = makeStore([
    ...Array.from({ length: 21 }, (_, i) => makeArticle(`m${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`, { tags: ["Минск"] })),
    makeArticle("n", "2024-03-01T09:00:00+03:00", { tags: ["Node.js", "Могилёв"] }),
    makeArticle("draft", "2024-03-01T10:00:00+03:00", { draft: true, tags: ["Тайна"] }),
  ]);
  const knownIn = (path: string, opts = {}) => knownPath(tagged, path, opts);

  it("knows published tags under their own spelling, with their pages", async () => {
    expect(await knownIn("/tag/%D0%9C%D0%B8%D0%BD%D1%81%D0%BA")).toBe(true);
    expect(await knownIn("/tag/Минск?page=2")).toBe(true);
    expect(await knownIn("/tag/Минск?page=3")).toBe(false);
    expect(await knownIn("/tag/Node.js")).toBe(true);
    expect(isPassThroughFile("/tag/Node.js")).toBe(false);
    for (const p of ["/tag/Тайна", "/tag/nope", "/tag", "/tag/Минск/x", "/tag/минск", "/tag/Минск?page=0"]) expect(await knownIn(p), p).toBe(false);
  });

  it("knows /search with one query, and its later pages only as far as the results go", async () => {
    expect(await knownIn("/search")).toBe(true);
    expect(await knownIn("/search?q=")).toBe(true);
    expect(await knownIn("/search?q=%D0%BC%D0%B8%D0%BD%D1%81%D0%BA")).toBe(true);
    expect(await knownIn("/search?q=минск&page=2")).toBe(false);
    expect(await knownIn("/search?q=минск&page=2", { hits: 2 * SEARCH_PAGE_SIZE })).toBe(true);
    expect(await knownIn("/search?q=минск&page=3", { hits: 2 * SEARCH_PAGE_SIZE })).toBe(false);
    expect(await knownIn("/search?q=a&q=b")).toBe(false);
    expect(await knownIn("/search?q=%FF")).toBe(false);
    expect(await knownIn("/search?q=x&page=abc")).toBe(false);
    expect(await knownIn("/search/x")).toBe(false);
  });

  it("sends other spellings of a tag, and upper-case prefixes, to the tag's URL", async () => {
    expect(await canonicalRedirect(await tagged, "/tag/минск", now)).toBe("/tag/%D0%9C%D0%B8%D0%BD%D1%81%D0%BA");
    expect(await canonicalRedirect(await tagged, "/tag/МОГИЛЕВ", now)).toBe("/tag/%D0%9C%D0%BE%D0%B3%D0%B8%D0%BB%D1%91%D0%B2");
    expect(await canonicalRedirect(await tagged, "/TAG/Минск", now)).toBe("/tag/%D0%9C%D0%B8%D0%BD%D1%81%D0%BA");
    expect(await canonicalRedirect(await tagged, "/tag/Минск", now)).toBeUndefined();
    expect(await canonicalRedirect(await tagged, "/tag/тайна", now)).toBeUndefined(); // no such page: left to the 404
    expect(await canonicalRedirect(await tagged, "/Search", now)).toBe("/search");
    expect(await canonicalRedirect(await tagged, "/search", now)).toBeUndefined();
  });
});

describe("isKnownPath: partner pages", () => {
  const partner = (id: string) => ({ source: { id, name: `Имя ${id}` } });
  const withPartners = makeStore(
    [
      ...Array.from({ length: 21 }, (_, i) => makeArticle(`v${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`, partner("vestnik"))),
      makeArticle("g", "2024-03-01T09:00:00+03:00", partner("gone")),
      makeArticle("d", "2024-03-01T09:00:00+03:00", { ...partner("drafty"), draft: true }),
    ],
    [
      { id: "vestnik", name: "Вестник" },
      { id: "quiet", name: "Тихий" },
    ],
  );
  const knownHere = (path: string) => knownPath(withPartners, path);

  it("knows partners of sources.json, with or without articles, and removed ones that still have articles", async () => {
    for (const p of [
      "/source/vestnik",
      "/source/vestnik?page=2",
      "/source/quiet",
      "/source/gone",
      "/source/vestnik/rss.xml",
      "/source/quiet/rss.xml",
      "/source/gone/rss.xml",
    ]) {
      expect(await knownHere(p), p).toBe(true);
    }
  });

  it("refuses unknown ids, ids that are not slugs, pages past the end and partners with drafts only", async () => {
    for (const p of [
      "/source/nope",
      "/source/nope/rss.xml",
      "/source/drafty",
      "/source/vestnik?page=3",
      "/source/quiet?page=2",
      "/source/vestnik?page=x",
      "/source/Vestnik",
      "/source/vest_nik",
      "/source/vestnik/extra",
      "/source",
    ]) {
      expect(await knownHere(p), p).toBe(false);
    }
  });

  it("routes /source/… through locale routing even when it ends in a file name, and lower-cases it", async () => {
    expect(isPassThroughFile("/source/vestnik/rss.xml")).toBe(false);
    expect(await canonicalRedirect(await withPartners, "/Source/Vestnik", now)).toBe("/source/vestnik");
    expect(await canonicalRedirect(await withPartners, "/source/vestnik", now)).toBeUndefined();
  });
});

describe("decodePath and isPassThroughFile", () => {
  it("rejects malformed encoding and NUL bytes", async () => {
    expect(decodePath("/news/%FF")).toBeUndefined();
    expect(decodePath("/news/a%00b")).toBeUndefined();
    expect(decodePath("/tag/%D0%9C%D0%B8%D0%BD%D1%81%D0%BA")).toBe("/tag/Минск");
  });

  it("lets root files through but never traversal or page routes", async () => {
    expect(isPassThroughFile("/robots.txt")).toBe(true);
    expect(isPassThroughFile("/favicon.ico")).toBe(true);
    expect(isPassThroughFile("/news/../../package.json")).toBe(false);
    expect(isPassThroughFile("/news/x.json")).toBe(false);
    expect(isPassThroughFile("/section/a.b")).toBe(false);
    expect(isPassThroughFile("/news")).toBe(false);
  });
});

describe("canonicalRedirect", () => {
  const moved = makeStore([
    makeArticle("new-name", "2024-03-01T10:00:00+03:00", { aliases: ["old-name"] }),
    makeArticle("later", "2099-01-01T10:00:00+03:00", { aliases: ["later-old"] }),
  ]);
  it("sends old slugs to the current URL and upper case to lower case", async () => {
    expect(await canonicalRedirect(await moved, "/news/old-name", now)).toBe("/news/new-name");
    expect(await canonicalRedirect(await moved, "/news/Old-Name", now)).toBe("/news/new-name");
    expect(await canonicalRedirect(await moved, "/news/New-Name", now)).toBe("/news/new-name");
    expect(await canonicalRedirect(await moved, "/Section/Politics", now)).toBe("/section/politics");
    expect(await canonicalRedirect(await moved, "/About", now)).toBeUndefined(); // no such page: left to the 404
    expect(await canonicalRedirect(await moved, "/section/Politics", now)).toBe("/section/politics");
    expect(await canonicalRedirect(await moved, "/news/new-name", now)).toBeUndefined();
    expect(await canonicalRedirect(await moved, "/news/later-old", now)).toBeUndefined(); // not published yet
  });
});

describe("redirects stay on the site", () => {
  const moved = makeStore([makeArticle("x", "2024-03-01T10:00:00+03:00", { aliases: ["old-x"] })]);
  // Paths as the proxy sees them, decoded: `/%2F%2FNEWS/x` arrives as `//NEWS/x`.
  const tricky = [
    "//NEWS/x",
    "//evil.example",
    "/\\evil.example",
    "/\\\\evil.example/x",
    "//evil.example/",
    "/\\/News/x",
    "///Section/Politics",
    "//news//OLD-X",
    "/\\Search",
    "/news/\\evil.example",
  ];
  for (const path of tricky) {
    it(`${JSON.stringify(path)} never leads to another host`, async () => {
      const to = await canonicalRedirect(await moved, path, now);
      if (to === undefined) return;
      expect(to).toMatch(/^\/(?![/\\])/);
      expect(new URL(to, "https://news.example").origin).toBe("https://news.example");
    });
  }

  it("collapses runs of slashes and backslashes", async () => {
    expect(await canonicalRedirect(await moved, "//NEWS/x", now)).toBe("/news/x");
    expect(await canonicalRedirect(await moved, "//news//OLD-X", now)).toBe("/news/x");
    expect(await canonicalRedirect(await moved, "/\\/News/x", now)).toBe("/news/x");
    expect(sitePath("/\\evil.example//a\\b/")).toBe("/evil.example/a/b");
    expect(sitePath("/")).toBe("/");
  });
});

describe("hasMalformedParameter", () => {
  it("finds broken percent-encoding in the parameters pages read", async () => {
    expect(hasMalformedParameter("?q=%zz")).toBe(true);
    expect(hasMalformedParameter("?q=%D0")).toBe(true); // half a UTF-8 character
    expect(hasMalformedParameter("?q=50%")).toBe(true); // a "%" without two hex digits
    expect(hasMalformedParameter("?q=a&page=%ff")).toBe(true);
    expect(hasMalformedParameter("?%71=%zz")).toBe(true); // `q`, spelt encoded
  });

  it("accepts well-formed queries and ignores parameters no page reads", async () => {
    expect(hasMalformedParameter("")).toBe(false);
    expect(hasMalformedParameter("?q=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA+2024&page=2")).toBe(false);
    expect(hasMalformedParameter("?q=100%25")).toBe(false);
    expect(hasMalformedParameter("?utm_source=%zz")).toBe(false);
  });
});
