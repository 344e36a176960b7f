import { describe, expect, it } from "vitest";
import { makeArticle, makeIndex } from "@/lib/content/test-helpers";
import type { Article } from "@/lib/content/types";
import { bodyWordLimit, firstWords, SearchIndex } from "./search-index";
import { parseQuery } from "./text";

const now = Date.parse("2024-03-05T12:00:00+03:00");

// Bodies are kept apart from the articles, as they are leaving the in-memory index.
const bodies = new Map<string, string>();

function setup(articles: Article[], options: { maxBodyWords?: number | ((n: number) => number) } = {}) {
  const state = { index: makeIndex(articles), bodyCalls: 0 };
  const search = new SearchIndex({
    source: () => state.index,
    body: async (a) => {
      state.bodyCalls++;
      return bodies.get(`${a.slug}@${a.date}`) ?? "";
    },
    chunkSize: 2,
    log: () => {},
    ...options,
  });
  const find = async (q: string) => (await search.search(parseQuery(q)!, now)).hits.map((h) => h.slug);
  return { state, search, find };
}

function article(slug: string, date: string, { body = "", ...extra }: Partial<Article> & { body?: string } = {}): Article {
  bodies.set(`${slug}@${date}`, body);
  return makeArticle(slug, date, extra);
}

describe("SearchIndex", () => {
  it("finds word forms in titles, leads, bodies and tags, case and ё-insensitively", async () => {
    const { find } = setup([
      article("title", "2024-03-01T10:00:00+03:00", { title: "Новый автобус в Минске" }),
      article("lead", "2024-03-01T11:00:00+03:00", { lead: "Жители Минска выбрали проект." }),
      article("body", "2024-03-01T12:00:00+03:00", { body: "Об этом сообщили в МИНСКОМ горисполкоме." }),
      article("tag", "2024-03-01T13:00:00+03:00", { tags: ["Минск"] }),
      article("other", "2024-03-01T14:00:00+03:00", { title: "Погода в Гомеле", body: "Волонтёры помогли." }),
    ]);
    expect((await find("минск")).sort()).toEqual(["body", "lead", "tag", "title"]);
    expect(await find("Гомель волонтеры")).toEqual(["other"]);
    expect(await find("Гомель Минск")).toEqual([]); // every word must match
    expect(await find("в и на")).toEqual([]);
  });

  it("ranks by relevance, with a boost for recency", async () => {
    const { find } = setup([
      // Same text, different ages: the newer one first.
      article("old-mention", "2023-01-01T10:00:00+03:00", { body: "Упомянули Гродно." }),
      article("new-mention", "2024-03-04T10:00:00+03:00", { body: "Упомянули Гродно." }),
      // A title match beats a body mention, even when older.
      article("old-title", "2023-06-01T10:00:00+03:00", { title: "Гродно готовится к весне", tags: ["Гродно"] }),
    ]);
    expect(await find("Гродно")).toEqual(["old-title", "new-mention", "old-mention"]);
  });

  it("never returns drafts or scheduled articles, until the latter's time comes", async () => {
    const { search } = setup([
      article("draft", "2024-03-01T10:00:00+03:00", { draft: true, title: "Брест" }),
      article("later", "2024-03-06T10:00:00+03:00", { title: "Брест" }),
      article("now", "2024-03-01T10:00:00+03:00", { title: "Брест" }),
    ]);
    const q = parseQuery("Брест")!;
    expect((await search.search(q, now)).hits.map((h) => h.slug)).toEqual(["now"]);
    const later = Date.parse("2024-03-06T10:00:00+03:00");
    expect((await search.search(q, later)).hits.map((h) => h.slug)).toEqual(["later", "now"]);
  });

  it("follows the content index: added, edited and deleted articles, touching only those", async () => {
    const a = article("a", "2024-03-01T10:00:00+03:00", { title: "Витебск" });
    const b = article("b", "2024-03-02T10:00:00+03:00", { title: "Витебск" });
    const { state, search, find } = setup([a, b]);
    expect(await find("Витебск")).toEqual(["b", "a"]);
    expect(state.bodyCalls).toBe(2);

    const edited = { ...b, title: "Полоцк" };
    const c = article("c", "2024-03-03T10:00:00+03:00", { title: "Полоцк" });
    state.index = makeIndex([a, edited, c]);
    expect(await find("Витебск")).toEqual(["a"]);
    expect(await find("Полоцк")).toEqual(["c", "b"]);
    expect(state.bodyCalls).toBe(4);

    state.index = makeIndex([edited, c, { ...a, draft: true }]);
    expect(await find("Витебск")).toEqual([]);
    state.index = makeIndex([c]);
    expect(await find("Полоцк")).toEqual(["c"]);
    expect(search.size).toBe(1);
  });

  it("does not index again an article re-read unchanged (a new object with the same text)", async () => {
    const a = article("a", "2024-03-01T10:00:00+03:00", { title: "Орша", body: "Текст." });
    const { state, search, find } = setup([a]);
    await find("Орша");
    const before = search.termCount;
    state.index = makeIndex([{ ...a }]);
    expect(await find("Орша")).toEqual(["a"]);
    expect(state.bodyCalls).toBe(2);
    expect(search.termCount).toBe(before);
  });

  it("does not even read the body of an article re-read from a file with the same stamp", async () => {
    const a = article("a", "2024-03-01T10:00:00+03:00", { title: "Орша", stamp: "1:10" });
    const { state, find } = setup([a]);
    await find("Орша");
    state.index = makeIndex([{ ...a }]);
    expect(await find("Орша")).toEqual(["a"]);
    expect(state.bodyCalls).toBe(1);
    state.index = makeIndex([{ ...a, title: "Лида", stamp: "2:10" }]);
    expect(await find("Лида")).toEqual(["a"]);
    expect(state.bodyCalls).toBe(2);
  });

  it("indexes only the first words of a body when told so", async () => {
    const body = `Начало текста про Лиду. ${"слово ".repeat(50)}Конец текста про Пинск.`;
    const { find } = setup([article("long", "2024-03-01T10:00:00+03:00", { body: body })], { maxBodyWords: 10 });
    expect(await find("Лида")).toEqual(["long"]);
    expect(await find("Пинск")).toEqual([]);
  });

  it("can size the indexed part of bodies by the number of articles", async () => {
    const body = `Про Лиду. ${"слово ".repeat(10)}Про Пинск.`;
    const seen: number[] = [];
    const { find } = setup([article("a", "2024-03-01T10:00:00+03:00", { body }), article("b", "2024-03-02T10:00:00+03:00")], {
      maxBodyWords: (n) => {
        seen.push(n);
        return 5;
      },
    });
    expect(await find("Лида")).toEqual(["a"]);
    expect(await find("Пинск")).toEqual([]);
    expect(seen).toEqual([2]);
  });

  it("keeps serving when a body cannot be read, with the rest of the article searchable", async () => {
    const index = makeIndex([article("a", "2024-03-01T10:00:00+03:00", { title: "Слуцк", body: "Несвиж" })]);
    const search = new SearchIndex({ source: () => index, body: () => Promise.reject(new Error("gone")), log: () => {} });
    expect((await search.search(parseQuery("Слуцк")!, now)).hits).toHaveLength(1);
    expect((await search.search(parseQuery("Несвиж")!, now)).hits).toHaveLength(0);
  });

  it("never fails a search when the content cannot be had or indexed", async () => {
    const lines: string[] = [];
    let fail = true;
    const index = makeIndex([article("a", "2024-03-01T10:00:00+03:00", { title: "Мозырь" })]);
    const search = new SearchIndex({
      source: () => (fail ? Promise.reject(new Error("no content")) : index),
      body: async () => "",
      log: (line) => lines.push(line),
    });
    expect((await search.search(parseQuery("Мозырь")!, now)).hits).toEqual([]);
    expect(lines).toEqual(["index update failed: no content"]);
    fail = false;
    expect((await search.search(parseQuery("Мозырь")!, now)).hits).toHaveLength(1);
  });

  it("lets the event loop run between chunks while it builds", async () => {
    const many = Array.from({ length: 40 }, (_, i) => article(`a${i}`, `2024-03-01T10:${String(i).padStart(2, "0")}:00+03:00`, { title: "Жодино" }));
    const { search } = setup(many); // two articles a chunk: twenty chunks
    let ticks = 0;
    let done = false;
    const tick = () => {
      ticks++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const { hits } = await search.search(parseQuery("Жодино")!, now);
    done = true;
    expect(hits).toHaveLength(40);
    expect(ticks).toBeGreaterThanOrEqual(10);
  });
});

describe("bodyWordLimit", () => {
  it("shares a budget of words among the articles, within bounds", () => {
    expect(bodyWordLimit(10_000, 1_500_000)).toBe(150);
    expect(bodyWordLimit(100_000, 1_500_000)).toBe(20);
    expect(bodyWordLimit(1_000_000, 1_500_000)).toBe(20);
    expect(bodyWordLimit(48, 1_500_000)).toBe(500);
    expect(bodyWordLimit(0, 1_500_000)).toBe(500);
  });
});

describe("firstWords", () => {
  it("cuts after the n-th word and keeps short texts whole", () => {
    expect(firstWords("Раз, два, три. Четыре", 3)).toBe("Раз, два, три");
    expect(firstWords("Раз два", 3)).toBe("Раз два");
    expect(firstWords("Раз два", 0)).toBe("");
    expect(firstWords("Раз два", undefined)).toBe("Раз два");
  });
});
