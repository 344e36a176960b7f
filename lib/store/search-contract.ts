import { describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import type { Article } from "@/lib/content/types";
import { parseQuery } from "@/lib/search/text";
import type { ArticlesOptions } from "@/lib/store/sqlite/memory";
import type { ArticleStore } from "./types";

/*
 * What search finds and in which order, the same on every store: the SQLite store
 * (sqlite/search.test.ts) and the PostgreSQL one (pg/search.test.ts) run this suite.
 */

const now = Date.parse("2024-03-05T12:00:00+03:00");

export type MakeSearchStore = (articles: Article[], options: ArticlesOptions) => ArticleStore | Promise<ArticleStore>;

const a = (slug: string, date: string, { body, ...extra }: Partial<Article> & { body?: string } = {}) => ({ article: makeArticle(slug, date, extra), body });

export function searchContract(name: string, make: MakeSearchStore, window: number): void {
  async function setup(list: { article: Article; body?: string }[], searchWindow?: number) {
    const bodies = Object.fromEntries(list.map(({ article, body }) => [article.slug, body ?? ""]));
    const store = await make(
      list.map((l) => l.article),
      { site: testSite, sections: testSections, bodies, ...(searchWindow ? { searchWindow } : {}) },
    );
    const find = async (q: string, at = now) => (await store.search(parseQuery(q)!, at, { offset: 0, limit: 20 })).hits.map((h) => h.slug);
    return { store, find };
  }

  describe(`search in the ${name} store`, () => {
    it("finds word forms in titles, leads, bodies and tags, case and ё-insensitively", async () => {
      const { find } = await setup([
        a("title", "2024-03-01T10:00:00+03:00", { title: "Новый автобус в Минске" }),
        a("lead", "2024-03-01T11:00:00+03:00", { lead: "Жители Минска выбрали проект." }),
        a("body", "2024-03-01T12:00:00+03:00", { body: "Об этом сообщили в МИНСКОМ горисполкоме." }),
        a("tag", "2024-03-01T13:00:00+03:00", { tags: ["Минск"] }),
        a("other", "2024-03-01T14:00:00+03:00", { title: "Погода в Гомеле", body: "Волонтёры помогли." }),
      ]);
      expect((await find("минск")).sort()).toEqual(["body", "lead", "tag", "title"]);
      expect(await find("Гомель волонтеры")).toEqual(["other"]);
      expect(await find("Гомель Минск")).toEqual([]); // every word must match
      expect(await find("в и на")).toEqual([]);
    });

    it("ranks by relevance, with a boost for recency", async () => {
      const { find } = await setup([
        // Same text, different ages: the newer one first.
        a("old-mention", "2023-01-01T10:00:00+03:00", { body: "Упомянули Гродно." }),
        a("new-mention", "2024-03-04T10:00:00+03:00", { body: "Упомянули Гродно." }),
        // A title match beats a body mention, even when older.
        a("old-title", "2023-06-01T10:00:00+03:00", { title: "Гродно готовится к весне", tags: ["Гродно"] }),
        a("x1", "2023-06-01T10:00:00+03:00", { title: "Брест" }),
        a("x2", "2023-06-01T10:00:00+03:00", { title: "Витебск" }),
        a("x3", "2023-06-01T10:00:00+03:00", { title: "Гомель" }),
      ]);
      expect(await find("Гродно")).toEqual(["old-title", "new-mention", "old-mention"]);
    });

    it("ranks the same when the word is in nearly every article (a tiny site)", async () => {
      const { find } = await setup([
        a("old-mention", "2023-01-01T10:00:00+03:00", { body: "Упомянули Гродно." }),
        a("new-mention", "2024-03-04T10:00:00+03:00", { body: "Упомянули Гродно." }),
        a("old-title", "2023-06-01T10:00:00+03:00", { title: "Гродно готовится к весне", tags: ["Гродно"] }),
      ]);
      expect(await find("Гродно")).toEqual(["old-title", "new-mention", "old-mention"]);
    });

    it("never returns drafts or scheduled articles, until the latter's time comes", async () => {
      const { store, find } = await setup([
        a("draft", "2024-03-01T10:00:00+03:00", { draft: true, title: "Брест" }),
        a("later", "2024-03-06T10:00:00+03:00", { title: "Брест" }),
        a("now", "2024-03-01T10:00:00+03:00", { title: "Брест" }),
      ]);
      expect(await find("Брест")).toEqual(["now"]);
      expect((await store.search(parseQuery("Брест")!, now, { offset: 0, limit: 10 })).total).toBe(1);
      expect(await find("Брест", Date.parse("2024-03-06T10:00:00+03:00"))).toEqual(["later", "now"]);
    });

    it("pages through the matches and counts them", async () => {
      const list = Array.from({ length: 25 }, (_, i) =>
        a(`s${String(i).padStart(2, "0")}`, `2024-03-0${1 + (i % 4)}T10:${String(i).padStart(2, "0")}:00+03:00`, { title: "Минск" }),
      );
      const { store } = await setup(list);
      const q = parseQuery("минск")!;
      const first = await store.search(q, now, { offset: 0, limit: 10 });
      const third = await store.search(q, now, { offset: 20, limit: 10 });
      expect(first.total).toBe(25);
      expect(first.hits).toHaveLength(10);
      expect(third.hits).toHaveLength(5);
      expect(new Set([...first.hits, ...third.hits].map((h) => h.slug)).size).toBe(15);
      expect(first.terms).toEqual(new Set(["минск"]));
      expect(first.complete).toBe(true);
    });

    it("lists the same matches newest first when sorted by date (ties by slug)", async () => {
      const { store } = await setup([
        a("old-title", "2023-06-01T10:00:00+03:00", { title: "Гродно готовится к весне", tags: ["Гродно"] }),
        a("new-mention", "2024-03-04T10:00:00+03:00", { body: "Упомянули Гродно." }),
        a("tie-b", "2024-02-01T10:00:00+03:00", { body: "Гродно." }),
        a("tie-a", "2024-02-01T10:00:00+03:00", { body: "И Гродно." }),
        a("draft", "2024-03-04T11:00:00+03:00", { draft: true, title: "Гродно" }),
        a("later", "2024-03-06T10:00:00+03:00", { title: "Гродно" }),
        a("other", "2024-03-04T12:00:00+03:00", { title: "Брест" }),
      ]);
      const q = parseQuery("Гродно")!;
      const byDate = await store.search(q, now, { offset: 0, limit: 10 }, "date");
      expect(byDate.hits.map((h) => h.slug)).toEqual(["new-mention", "tie-a", "tie-b", "old-title"]);
      expect(byDate.total).toBe(4);
      const byRelevance = await store.search(q, now, { offset: 0, limit: 10 }, "relevance");
      expect(byRelevance.hits[0]!.slug).toBe("old-title");
      // Pages of the date order cut the same list.
      const second = await store.search(q, now, { offset: 1, limit: 2 }, "date");
      expect(second.hits.map((h) => h.slug)).toEqual(["tie-a", "tie-b"]);
      const past = await store.search(q, now, { offset: 10, limit: 10 }, "date");
      expect(past.hits).toEqual([]);
      expect(past.total).toBe(4);
    });

    it("pages newest first through many matches of one second", async () => {
      const list = Array.from({ length: 12 }, (_, i) => a(`same-${String(i).padStart(2, "0")}`, "2024-03-01T10:00:00+03:00", { title: "Слоним" }));
      const { store } = await setup(list);
      const q = parseQuery("Слоним")!;
      const pages = await Promise.all([0, 5, 10].map((offset) => store.search(q, now, { offset, limit: 5 }, "date")));
      expect(pages.flatMap((p) => p.hits.map((h) => h.slug))).toEqual(list.map((l) => l.article.slug));
    });

    it("leaves link targets, HTML and the lead's paragraph (already the lead) out of a body's words", async () => {
      const { find } = await setup([
        a("links", "2024-03-01T10:00:00+03:00", { body: 'Читайте [здесь](https://example.com/zhodino) и <span class="lida">тут</span>.' }),
        a("lead-from-body", "2024-03-01T11:00:00+03:00", { lead: "Орша ждёт.", leadFromBody: true, body: "Орша ждёт.\n\nПотом Пинск." }),
      ]);
      expect(await find("zhodino")).toEqual([]);
      expect(await find("lida")).toEqual([]);
      expect(await find("читайте")).toEqual(["links"]);
      expect(await find("Пинск")).toEqual(["lead-from-body"]);
      expect(await find("Орша")).toEqual(["lead-from-body"]);
    });

    it("ranks and counts only the newest matches of a very common word (the search window)", async () => {
      // What keeps a search of a word in a fifth of a million articles within its time.
      expect(window).toBeGreaterThanOrEqual(1_000);
      const list = [
        a("old-title", "2024-01-01T10:00:00+03:00", { title: "Лида", tags: ["Лида"] }),
        a("mid", "2024-02-01T10:00:00+03:00", { body: "Про Лиду и мост." }),
        a("new", "2024-03-01T10:00:00+03:00", { body: "Про Лиду и мост." }),
      ];
      const { store } = await setup(list, 2);

      const outcome = await store.search(parseQuery("Лида")!, now, { offset: 0, limit: 10 });
      expect(outcome.hits.map((h) => h.slug)).toEqual(["new", "mid"]);
      expect(outcome.total).toBe(2);
      // The page says "more than 2": a third article matches beyond the window.
      expect(outcome.capped).toBe(true);
      // Newest first over a capped search: the same newest matches, in date order.
      const byDate = await store.search(parseQuery("Лида")!, now, { offset: 0, limit: 10 }, "date");
      expect(byDate.hits.map((h) => h.slug)).toEqual(["new", "mid"]);
      expect(byDate.capped).toBe(true);
      const within = await store.search(parseQuery("мост")!, now, { offset: 0, limit: 10 });
      expect(within.total).toBe(2);
      expect(within.capped).toBeUndefined();
    });
  });
}
