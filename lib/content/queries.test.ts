import { describe, expect, it } from "vitest";
import { findPublished, findSource, moreNews, pageOf, relatedNews, urgentNow, parsePageParam, sectionBlocks, sourcesWithPages } from "./queries";
import { makeArticle, makeStore } from "./test-helpers";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const articles = [
  makeArticle("p1", "2024-03-01T10:00:00+03:00", { top: true }),
  makeArticle("p2", "2024-03-02T10:00:00+03:00"),
  makeArticle("p3", "2024-03-03T10:00:00+03:00", { top: true }),
  makeArticle("s1", "2024-03-03T11:00:00+03:00", { section: "sport", top: true }),
  makeArticle("p4", "2024-03-04T10:00:00+03:00"),
  makeArticle("draft", "2024-03-04T11:00:00+03:00", { draft: true, top: true }),
  makeArticle("future", "2024-03-06T10:00:00+03:00", { top: true }),
];
const store = await makeStore(articles);
const slugs = async (filter: Parameters<typeof store.list>[0], at = now) => (await store.list(filter, at, { offset: 0, limit: 100 })).map((a) => a.slug);
const get = async (slug: string) => (await store.article(slug))!;

describe("publish rules", () => {
  it("leaves out drafts and articles whose time has not come", async () => {
    expect(await slugs({})).toEqual(["p4", "s1", "p3", "p2", "p1"]);
    expect(await findPublished(store, "draft", now)).toBeUndefined();
    expect(await findPublished(store, "future", now)).toBeUndefined();
    expect((await findPublished(store, "future", Date.parse("2024-03-06T10:00:00+03:00")))?.slug).toBe("future");
    expect(await findPublished(store, "nope", now)).toBeUndefined();
  });
});

describe("the published view", () => {
  it("changes by itself when a scheduled article's time comes, and not before", async () => {
    const before = Date.parse("2024-03-06T09:59:59+03:00");
    const at = Date.parse("2024-03-06T10:00:00+03:00");
    expect(await slugs({}, before)).not.toContain("future");
    expect((await slugs({}, at))[0]).toBe("future");
    // Asking about an earlier instant again gives the earlier answer, not the cached later one.
    expect(await slugs({}, before)).not.toContain("future");
    expect(await store.count({}, before)).toBe(5);
    expect((await slugs({ section: "politics" }, at))[0]).toBe("future");
    expect(await store.count({ section: "politics" }, at)).toBe(5);
  });
});

describe("lists", () => {
  it("picks more news from the same section without the article itself", async () => {
    const p3 = await get("p3");
    expect((await moreNews(store, p3, now)).map((a) => a.slug)).toEqual(["p4", "p2", "p1"]);
    expect((await moreNews(store, p3, now, 2)).map((a) => a.slug)).toEqual(["p4", "p2"]);
    const p4 = await get("p4");
    expect((await moreNews(store, p4, now, 2)).map((a) => a.slug)).toEqual(["p3", "p2"]);
  });

  it("relates stories without repeating those the page already shows", async () => {
    const tagged = await makeStore([
      makeArticle("a", "2024-03-04T10:00:00+03:00", { tags: ["Гродно"] }),
      makeArticle("b", "2024-03-03T10:00:00+03:00", { tags: ["Гродно"] }),
      makeArticle("c", "2024-03-02T10:00:00+03:00", { tags: ["Гродно"] }),
      makeArticle("d", "2024-03-01T10:00:00+03:00", { tags: ["Гродно"] }),
    ]);
    const a = (await tagged.article("a"))!;
    const b = (await tagged.article("b"))!;
    expect((await relatedNews(tagged, a, now, [])).map((x) => x.slug)).toEqual(["b", "c", "d"]);
    expect((await relatedNews(tagged, a, now, [b])).map((x) => x.slug)).toEqual(["c", "d"]);
    expect((await relatedNews(tagged, a, now, [b], 1)).map((x) => x.slug)).toEqual(["c"]);
  });

  it("shows «Срочно» for the newest urgent story for 6 hours by default (site.json urgentHours)", async () => {
    const urgent = await makeStore([
      makeArticle("calm", "2024-03-05T11:00:00+03:00"),
      makeArticle("alarm", "2024-03-05T10:00:00+03:00", { urgent: true }),
    ]);
    expect((await urgentNow(urgent, now))?.article.slug).toBe("alarm");
    expect((await urgentNow(urgent, now))?.expiresMs).toBe(Date.parse("2024-03-05T16:00:00+03:00"));
    expect(await urgentNow(urgent, Date.parse("2024-03-05T16:00:00+03:00"))).toBeUndefined();
    expect(await urgentNow(store, now)).toBeUndefined();
  });

  it("links to the older and newer article of the section, skipping the unpublished", async () => {
    expect(await store.neighbours(await get("p3"), now)).toMatchObject({ previous: { slug: "p2" }, next: { slug: "p4" } });
    const edges = await store.neighbours(await get("p4"), now);
    expect(edges.next).toBeUndefined();
    expect(edges.previous?.slug).toBe("p3");
    expect((await store.neighbours(await get("p1"), now)).previous).toBeUndefined();
  });

  it("filters a section and builds home blocks in sections.json order", async () => {
    expect(await slugs({ section: "sport" })).toEqual(["s1"]);
    expect((await sectionBlocks(store, now, 2)).map((b) => [b.section.slug, b.articles.map((a) => a.slug)])).toEqual([
      ["politics", ["p4", "p3"]],
      ["sport", ["s1"]],
    ]);
  });
});

describe("partners", () => {
  const from = (id: string, name: string) => ({ source: { id, name, url: "https://example.org/x" } });
  const partnerArticles = [
      makeArticle("v1", "2024-03-01T10:00:00+03:00", from("vestnik", "Вестник")),
      makeArticle("v2", "2024-03-03T10:00:00+03:00", { ...from("vestnik", "Вестник"), section: "sport" }),
      makeArticle("v-draft", "2024-03-04T10:00:00+03:00", { ...from("vestnik", "Вестник"), draft: true }),
      makeArticle("v-later", "2024-03-09T10:00:00+03:00", from("vestnik", "Вестник")),
      makeArticle("gone-old", "2024-02-01T10:00:00+03:00", from("gone", "Старое имя")),
      makeArticle("gone-new", "2024-02-02T10:00:00+03:00", from("gone", "Новое имя")),
      makeArticle("only-draft", "2024-02-02T10:00:00+03:00", { ...from("hidden", "Скрытый"), draft: true }),
      makeArticle("agency", "2024-03-02T10:00:00+03:00", { source: { name: "БелТА" } }),
  ];
  const partnerSources = [
    { id: "vestnik", name: "Вестник Полесья" },
    { id: "quiet", name: "Тихий партнёр" },
  ];
  const partnerStore = makeStore(partnerArticles, partnerSources);

  it("lists a partner's published articles newest first, across sections", async () => {
    const partners = await partnerStore;
    const list = async (id: string, at = now) => (await partners.list({ source: id }, at, { offset: 0, limit: 10 })).map((a) => a.slug);
    expect(await list("vestnik")).toEqual(["v2", "v1"]);
    expect((await list("vestnik", Date.parse("2024-03-09T10:00:00+03:00")))[0]).toBe("v-later");
    expect(await list("quiet")).toEqual([]);
  });

  it("finds a partner in sources.json, or a removed one by its newest article's name", async () => {
    const store = await partnerStore;
    expect(await findSource(store, "vestnik", now)).toEqual({ id: "vestnik", name: "Вестник Полесья" });
    expect(await findSource(store, "quiet", now)).toEqual({ id: "quiet", name: "Тихий партнёр" });
    expect(await findSource(store, "gone", now)).toEqual({ id: "gone", name: "Новое имя" });
    expect(await findSource(store, "hidden", now)).toBeUndefined(); // only a draft: no page
    expect(await findSource(store, "nope", now)).toBeUndefined();
  });

  it("names every partner page: sources.json's first, in its order, then removed ones", async () => {
    expect((await sourcesWithPages(await partnerStore, now)).map((s) => s.id)).toEqual(["vestnik", "quiet", "gone"]);
  });
});

describe("pagination", () => {
  const many = Array.from({ length: 45 }, (_, i) => makeArticle(`a${String(i).padStart(2, "0")}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`));
  const newestFirst = many.map((a) => a.slug).reverse();
  it("reads pages of 20 and rejects pages past the end", async () => {
    const store = await makeStore(many);
    const slugs = (page: { items: { slug: string }[] } | undefined) => page?.items.map((a) => a.slug);
    const first = await pageOf(store, {}, now, 1, 20);
    expect(first).toMatchObject({ page: 1, pageCount: 3, total: 45 });
    expect(slugs(first)).toEqual(newestFirst.slice(0, 20));
    expect(slugs(await pageOf(store, {}, now, 3, 20))).toEqual(newestFirst.slice(40));
    expect(await pageOf(store, {}, now, 4, 20)).toBeUndefined();
    expect(await pageOf(store, {}, now, 0, 20)).toBeUndefined();
    expect(await pageOf(store, { section: "sport" }, now, 1, 20)).toEqual({ items: [], page: 1, pageCount: 1, total: 0 });
    expect(await pageOf(store, { section: "sport" }, now, 2, 20)).toBeUndefined();
  });

  it("accepts only plain positive integers in ?page=", () => {
    expect(parsePageParam(undefined)).toBe(1);
    expect(parsePageParam("2")).toBe(2);
    for (const bad of ["abc", "0", "-1", "1.5", "01", " 2", "1e3", "9999999", ""]) expect(parsePageParam(bad)).toBeUndefined();
    expect(parsePageParam(["1", "2"])).toBeUndefined();
  });
});
