import { describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { tagKey } from "@/lib/content/tags";
import type { Article, SourceInfo } from "@/lib/content/types";
import { parseQuery } from "@/lib/search/text";
import type { ArticleStore, ListFilter } from "./types";

/*
 * What every ArticleStore answers, the same on each: the in-heap MemoryStore (memory.test.ts), the
 * embedded SQLite store and the PostgreSQL one call this with their own `make`. Only the
 * interface is used, so a store passes or fails on what readers see.
 */

const now = Date.parse("2024-03-05T12:00:00+03:00");
const at = (day: number, hour = 10, minute = 0) =>
  `2024-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+03:00`;
const all = { offset: 0, limit: 1000 };
const slugs = (list: Article[]) => list.map((a) => a.slug);
const from = (id: string, name: string) => ({ source: { id, name, url: "https://example.org/x" } });

/** The archive the suite asks about (`now` is 5 March 2024, 12:00 Minsk). */
function archive(): { articles: Article[]; sources: SourceInfo[] } {
  const articles = [
    makeArticle("p1", at(1), { top: true, tags: ["Могилёв", "Спорт"], ...from("vestnik", "Вестник") }),
    makeArticle("p2", at(2), { tags: ["Могилев"], title: "Итоги выборов в Минске" }),
    makeArticle("p3", at(3), { top: true, tags: ["Могилёв", "могилев"], ...from("vestnik", "Вестник Полесья"), updated: at(5, 11) }),
    makeArticle("s1", at(3, 11), { section: "sport", top: true, tags: ["Спорт"], title: "Ёлка на стадионе" }),
    makeArticle("p4", at(4), { aliases: ["old-p4"], title: "Выборы прошли спокойно" }),
    // Ties: the same instant, ordered by slug.
    makeArticle("t-b", at(4, 9), { section: "sport" }),
    makeArticle("t-a", at(4, 9), { section: "sport", ...from("gone", "Старое имя") }),
    makeArticle("g-new", "2024-02-20T10:00:00+03:00", { ...from("gone", "Новое имя"), tags: ["Архив"] }),
    // The last hour of February in Minsk is still February there, though March in UTC+4.
    makeArticle("feb-late", "2024-02-29T23:30:00+03:00", { updated: "2024-03-01T08:00:00+03:00" }),
    makeArticle("draft", at(4, 11), { draft: true, top: true, tags: ["Черновик", "Могилёв"], title: "Выборы черновик", ...from("hidden", "Скрытый") }),
    makeArticle("future", at(6), { top: true, tags: ["Будущее"], title: "Выборы завтра", aliases: ["old-future"], ...from("later", "Позже") }),
  ];
  const sources = [
    { id: "vestnik", name: "Вестник Полесья" },
    { id: "quiet", name: "Тихий партнёр" },
  ];
  return { articles, sources };
}

export function storeContract(name: string, make: (articles: Article[], sources?: SourceInfo[]) => Promise<ArticleStore>): void {
  describe(`ArticleStore contract: ${name}`, () => {
    const open = () => {
      const { articles, sources } = archive();
      return make(articles, sources);
    };

    it("gives the catalog: site, sections in order, partners of sources.json", async () => {
      const store = await open();
      const catalog = await store.catalog();
      expect(catalog.site.name).toBe(testSite.name);
      expect(catalog.sections.map((s) => s.slug)).toEqual(testSections.map((s) => s.slug));
      expect(catalog.sectionBySlug.get("sport")?.name).toBe("Спорт");
      expect(catalog.sources.map((s) => s.id)).toEqual(["vestnik", "quiet"]);
      expect(catalog.sourceById.get("quiet")?.name).toBe("Тихий партнёр");
      expect(typeof (await store.version())).toBe("number");
    });

    it("lists published articles newest first, ties by slug, never drafts or scheduled ones", async () => {
      const store = await open();
      expect(slugs(await store.list({}, now, all))).toEqual(["p4", "t-a", "t-b", "s1", "p3", "p2", "p1", "feb-late", "g-new"]);
      expect(await store.count({}, now)).toBe(9);
    });

    it("respects `now`: a scheduled article is listed from its instant on, not before", async () => {
      const store = await open();
      const time = Date.parse(at(6));
      expect(slugs(await store.list({}, time - 1, { offset: 0, limit: 1 }))).toEqual(["p4"]);
      expect(slugs(await store.list({}, time, { offset: 0, limit: 1 }))).toEqual(["future"]);
      expect(await store.count({}, time)).toBe(10);
      // An earlier instant asked again gives the earlier answer.
      expect(await store.count({}, time - 1)).toBe(9);
      expect(await store.count({}, Date.parse(at(1)) - 1)).toBe(2);
    });

    it("takes ranges with offset and limit", async () => {
      const store = await open();
      expect(slugs(await store.list({}, now, { offset: 1, limit: 3 }))).toEqual(["t-a", "t-b", "s1"]);
      expect(slugs(await store.list({}, now, { offset: 8, limit: 5 }))).toEqual(["g-new"]);
      expect(await store.list({}, now, { offset: 9, limit: 5 })).toEqual([]);
      expect(await store.list({}, now, { offset: 0, limit: 0 })).toEqual([]);
      expect(slugs(await store.list({ section: "sport" }, now, { offset: 1, limit: 1 }))).toEqual(["t-b"]);
    });

    it("filters by section, partner, tag, top, month and instant", async () => {
      const store = await open();
      const cases: [ListFilter, string[]][] = [
        [{ section: "sport" }, ["t-a", "t-b", "s1"]],
        [{ section: "politics" }, ["p4", "p3", "p2", "p1", "feb-late", "g-new"]],
        [{ section: "weather" }, []],
        [{ source: "vestnik" }, ["p3", "p1"]],
        [{ source: "gone" }, ["t-a", "g-new"]],
        [{ source: "hidden" }, []],
        [{ source: "quiet" }, []],
        [{ tag: tagKey("Могилёв") }, ["p3", "p2", "p1"]],
        [{ tag: tagKey("Спорт") }, ["s1", "p1"]],
        [{ tag: tagKey("Черновик") }, []],
        [{ top: true }, ["s1", "p3", "p1"]],
        [{ month: "2024-03" }, ["p4", "t-a", "t-b", "s1", "p3", "p2", "p1"]],
        [{ month: "2024-02" }, ["feb-late", "g-new"]],
        [{ month: "2023-12" }, []],
        [{ sinceMs: Date.parse(at(3, 11)) }, ["p4", "t-a", "t-b", "s1"]],
        [{ sinceMs: now }, []],
      ];
      for (const [filter, expected] of cases) {
        expect(slugs(await store.list(filter, now, all)), JSON.stringify(filter)).toEqual(expected);
        expect(await store.count(filter, now), JSON.stringify(filter)).toBe(expected.length);
      }
    });

    it("combines filters: every field must match", async () => {
      const store = await open();
      const cases: [ListFilter, string[]][] = [
        [{ section: "politics", top: true }, ["p3", "p1"]],
        [{ section: "sport", source: "gone" }, ["t-a"]],
        [{ section: "politics", source: "gone" }, ["g-new"]],
        [{ tag: tagKey("спорт"), section: "sport" }, ["s1"]],
        [{ tag: tagKey("могилев"), source: "vestnik", top: true }, ["p3", "p1"]],
        [{ month: "2024-03", source: "gone" }, ["t-a"]],
        [{ month: "2024-02", section: "sport" }, []],
        [{ sinceMs: Date.parse(at(3)), top: true }, ["s1", "p3"]],
        [{ sinceMs: Date.parse(at(2)), section: "politics", tag: tagKey("Могилёв") }, ["p3", "p2"]],
      ];
      for (const [filter, expected] of cases) {
        expect(slugs(await store.list(filter, now, all)), JSON.stringify(filter)).toEqual(expected);
        expect(await store.count(filter, now), JSON.stringify(filter)).toBe(expected.length);
      }
      expect(slugs(await store.list({ section: "politics", top: true }, now, { offset: 1, limit: 5 }))).toEqual(["p1"]);
    });

    it("gives any valid article by slug, drafts and scheduled included, and old slugs by alias", async () => {
      const store = await open();
      expect((await store.article("p2"))?.title).toBe("Итоги выборов в Минске");
      expect((await store.article("draft"))?.draft).toBe(true);
      expect((await store.article("future"))?.slug).toBe("future");
      expect(await store.article("nope")).toBeUndefined();
      expect((await store.alias("old-p4"))?.slug).toBe("p4");
      expect((await store.alias("old-future"))?.slug).toBe("future");
      expect(await store.alias("p4")).toBeUndefined();
      expect(await store.size()).toBe(11);
    });

    it("finds an article's published neighbours in its section, none past the ends", async () => {
      const store = await open();
      const get = async (slug: string) => (await store.article(slug))!;
      const of = async (slug: string, time = now) => {
        const { previous, next } = await store.neighbours(await get(slug), time);
        return [previous?.slug, next?.slug];
      };
      expect(await of("p3")).toEqual(["p2", "p4"]);
      expect(await of("p4")).toEqual(["p3", undefined]); // the draft after it is skipped
      expect(await of("g-new")).toEqual([undefined, "feb-late"]);
      expect(await of("t-a")).toEqual(["t-b", undefined]); // ties: by slug, as listed
      expect(await of("t-b")).toEqual(["s1", "t-a"]);
      expect(await of("p4", Date.parse(at(6)))).toEqual(["p3", "future"]);
      expect(await of("draft")).toEqual([undefined, undefined]);
    });

    it("relates articles by shared tags (more shared first, then newest), published ones only", async () => {
      const store = await open();
      const related = async (slug: string, limit = 5, time = now) => slugs(await store.related((await store.article(slug))!, time, limit));
      // p1 shares «Могилёв» with p2 and p3 (any spelling) and «Спорт» with s1; the draft and the
      // scheduled article are never related, nor p1 itself.
      expect(await related("p1")).toEqual(["s1", "p3", "p2"]);
      expect(await related("p1", 2)).toEqual(["s1", "p3"]);
      expect(await related("p1", 0)).toEqual([]);
      expect(await related("g-new")).toEqual([]); // its tag is its own
    });

    it("fills related articles up with those sharing two words of the headline, in the title or tags", async () => {
      const store = await make([
        makeArticle("bridge", at(4), { title: "Новый мост через Неман откроют в Гродно", tags: ["Мосты"] }),
        makeArticle("tagged", at(1), { title: "Ремонт дорог", tags: ["мосты"] }),
        makeArticle("words", at(3), { title: "Мост в Гродно закроют на ремонт" }),
        makeArticle("words-in-tags", at(2), { title: "Весна на реке", tags: ["Неман", "Гродно"] }),
        makeArticle("one-word", at(3, 12), { title: "Гродно встречает весну" }),
        makeArticle("body-only", at(3, 13), { title: "Новости дня", lead: "Мост в Гродно." }),
        makeArticle("later", at(6), { title: "Мост в Гродно открыли", tags: ["Мосты"] }),
      ]);
      const bridge = (await store.article("bridge"))!;
      expect(slugs(await store.related(bridge, now, 5))).toEqual(["tagged", "words", "words-in-tags"]);
      expect(slugs(await store.related(bridge, Date.parse(at(6)), 5))).toEqual(["later", "tagged", "words", "words-in-tags"]);
    });

    it("gives the article changed last (`updated ?? date`), per filter", async () => {
      const store = await open();
      expect((await store.lastChanged({}, now))?.slug).toBe("p3"); // updated on the 5th
      expect((await store.lastChanged({ section: "sport" }, now))?.slug).toBe("t-a");
      expect((await store.lastChanged({ source: "gone" }, now))?.slug).toBe("t-a");
      expect((await store.lastChanged({ month: "2024-02" }, now))?.slug).toBe("feb-late");
      expect(await store.lastChanged({ source: "quiet" }, now)).toBeUndefined();
      expect(await store.lastChanged({}, Date.parse("2024-01-01T00:00:00Z"))).toBeUndefined();
    });

    it("names a tag by its most used spelling, folding case and ё/е, among published articles only", async () => {
      const store = await open();
      // «Могилёв» twice (p1, p3), «Могилев» once (p2), «могилев» once (p3: counted once per article as its first spelling).
      for (const spelling of ["Могилёв", "МОГИЛЕВ", "могилёв", " Могилев "]) {
        expect(await store.tag(spelling, now), spelling).toEqual({ key: tagKey("Могилёв"), name: "Могилёв", count: 3 });
      }
      expect(await store.tag("спорт", now)).toEqual({ key: "спорт", name: "Спорт", count: 2 });
      expect(await store.tag("Черновик", now)).toBeUndefined();
      expect(await store.tag("Будущее", now)).toBeUndefined();
      expect((await store.tag("Будущее", Date.parse(at(6))))?.count).toBe(1);
      expect(await store.tag("nope", now)).toBeUndefined();
    });

    it("breaks a tie between spellings by code-point order, whatever the article order", async () => {
      for (const [x, y] of [
        [at(1), at(2)],
        [at(2), at(1)],
      ] as const) {
        const store = await make([makeArticle("x", x, { tags: ["минск"] }), makeArticle("y", y, { tags: ["Минск"] })]);
        expect((await store.tag("минск", now))?.name).toBe("Минск");
      }
    });

    it("gives partners with published articles by id, named as their newest article names them", async () => {
      const store = await open();
      expect(await store.partnersWithArticles(now)).toEqual([
        { id: "gone", name: "Старое имя" },
        { id: "vestnik", name: "Вестник Полесья" },
      ]);
      expect((await store.partnersWithArticles(Date.parse(at(6)))).map((s) => s.id)).toEqual(["gone", "later", "vestnik"]);
    });

    it("gives months with published articles, newest first, in the site's zone", async () => {
      const store = await open();
      expect(await store.months(now)).toEqual([
        { month: "2024-03", count: 7, lastModified: at(5, 11) },
        { month: "2024-02", count: 2, lastModified: "2024-03-01T08:00:00+03:00" },
      ]);
      expect(await store.months(Date.parse("2024-01-01T00:00:00Z"))).toEqual([]);
    });

    it("is empty without articles, yet has its catalog", async () => {
      const store = await make([]);
      expect(await store.list({}, now, all)).toEqual([]);
      expect(await store.count({}, now)).toBe(0);
      expect(await store.months(now)).toEqual([]);
      expect(await store.partnersWithArticles(now)).toEqual([]);
      expect(await store.size()).toBe(0);
      expect((await store.catalog()).sources).toEqual([]);
    });

    describe("search", () => {
      const find = async (store: ArticleStore, q: string, range = all) => {
        const outcome = await store.search(parseQuery(q)!, now, range);
        return { slugs: outcome.hits.map((h) => h.slug), total: outcome.total, outcome };
      };

      it("finds a word of a title, in any of its forms, with ё = е", async () => {
        const store = await open();
        expect((await find(store, "Минске")).slugs).toEqual(["p2"]);
        expect((await find(store, "минск")).slugs).toEqual(["p2"]);
        expect((await find(store, "ёлка")).slugs).toEqual(["s1"]);
        expect((await find(store, "елка")).slugs).toEqual(["s1"]);
        expect((await find(store, "ЕЛКИ")).slugs).toEqual(["s1"]);
      });

      it("stems: «выборы» finds «выборов»; never drafts or scheduled articles", async () => {
        const store = await open();
        const { slugs: found, total, outcome } = await find(store, "выборы");
        expect([...found].sort()).toEqual(["p2", "p4"]);
        expect(total).toBe(2);
        expect(outcome.complete).toBe(true);
        expect(outcome.terms.size).toBeGreaterThan(0);
      });

      it("gives the asked range, with the total of all matches", async () => {
        const store = await open();
        const whole = await find(store, "выборы");
        const first = await find(store, "выборы", { offset: 0, limit: 1 });
        const second = await find(store, "выборы", { offset: 1, limit: 1 });
        expect(first.slugs).toEqual(whole.slugs.slice(0, 1));
        expect(second.slugs).toEqual(whole.slugs.slice(1, 2));
        expect([first.total, second.total]).toEqual([2, 2]);
        expect((await find(store, "выборы", { offset: 5, limit: 1 })).slugs).toEqual([]);
        expect((await find(store, "несуществующееслово")).total).toBe(0);
      });
    });
  });
}
