import { afterAll, describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { databaseFromArticles } from "@/lib/store/sqlite/memory";
import { Mirror } from "./mirror";
import { searchRow } from "./search-rows";
import { SearchRowThreads } from "./search-rows-threads";
import { freshSchemaPool, pgUrl } from "./test-store";

const article = (i: number) =>
  makeArticle(`a${i}`, `2024-${String(1 + (i % 12)).padStart(2, "0")}-10T10:00:00+03:00`, {
    title: `Мост через Неман ${i}`,
    tags: ["Гродно", `Тег ${i % 7}`],
    lead: "Ёлки и мосты",
  });
const text = (file: string) => `---\ntitle: x\n---\nТекст статьи ${file}: строители открыли мосты, ёлки стоят.`;

describe("search rows on worker threads", () => {
  const threads = new SearchRowThreads(2);
  afterAll(() => threads.close());

  it("are the rows made on the copy's own thread, in the order asked", async () => {
    const inputs = Array.from({ length: 9 }, (_, i) => ({ data: JSON.stringify(article(i)), month: "2024-03", text: text(`f${i}`) }));
    expect(await threads.rows(inputs)).toEqual(inputs.map(searchRow));
    expect(await threads.rows([])).toEqual([]);
  });

  it("give an article's failure to the copy, and go on with the next", async () => {
    await expect(threads.rows([{ data: "{not json", month: "2024-03", text: undefined }])).rejects.toThrow(/^search rows: /);
    const ok = { data: JSON.stringify(article(1)), month: "2024-03", text: undefined };
    expect(await threads.rows([ok])).toEqual([searchRow(ok)]);
  });
});

describe.skipIf(!pgUrl)("a whole copy's search rows", () => {
  it("are the same made on threads, a chunk ahead, as on the copy's own thread", async () => {
    // More than two chunks of 500, so that one is stored while the next is made.
    const db = databaseFromArticles(
      Array.from({ length: 1_100 }, (_, i) => article(i)),
      { site: testSite, sections: testSections },
    );
    const rows = async (searchThreads: number) => {
      const pool = await freshSchemaPool();
      expect(await new Mirror(db, pool, { text, searchThreads }).sync()).toMatchObject({ whole: true, articles: 1_100 });
      const docs = await pool.query("SELECT search_key::text AS k, head::text AS h, doc::text AS d FROM search_docs ORDER BY search_key");
      const terms = await pool.query("SELECT term, search_key::text AS k FROM title_terms ORDER BY 1, 2");
      return { docs: docs.rows, terms: terms.rows };
    };
    const inline = await rows(0);
    expect(inline.docs).toHaveLength(1_100);
    expect(inline.docs[0].d).toContain("'мост'");
    expect(await rows(2)).toEqual(inline);
  });
});
