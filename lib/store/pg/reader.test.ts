import { describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { parseQuery } from "@/lib/search/text";
import { databaseFromArticles } from "@/lib/store/sqlite/memory";
import { RELATED_PER_KEY } from "@/lib/store/related";
import { searchKeyLimit } from "@/lib/store/sqlite/writer";
import { DatabaseFiles } from "@/lib/store/files";
import { Mirror } from "./mirror";
import { PgStore, RELATED_BY_WORD_SQL, SEARCH_BATCH_SQL, windowRows } from "./reader";
import { monthsTsquery } from "./search";
import { freshSchemaPool, pgUrl } from "./test-store";

describe("a window batch's text", () => {
  it("reads as its rows, in order, with the rank's every digit", () => {
    expect(windowRows("1732000000 17 0.0607927031815052 1731999999 3 0")).toEqual([
      { sec: 1732000000, id: 17, r: 0.0607927031815052 },
      { sec: 1731999999, id: 3, r: 0 },
    ]);
    // A batch with no match: string_agg over no rows is NULL.
    expect(windowRows(null)).toEqual([]);
  });
});

describe.skipIf(!pgUrl)("the search's SQL", () => {
  it("finds a common word's newest matches among its months' articles only, never testing each document", async () => {
    // 40 articles a month over 10 months, every one with the word: the newest 50 are in the two
    // newest months, and the index should lead to those 80 rows and no others.
    const now = Date.parse("2024-11-20T12:00:00+03:00");
    const articles = Array.from({ length: 400 }, (_, i) => {
      const month = 10 - Math.floor(i / 40);
      return makeArticle(`a${i}`, `2024-${String(month).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00+03:00`, {
        title: `Минск новость ${i}`,
      });
    });
    const pool = await freshSchemaPool();
    const db = databaseFromArticles(articles, { site: testSite, sections: testSections });
    await new Mirror(db, pool, { text: () => "---\ntitle: x\n---\nТекст о Минске." }).sync();
    await pool.query("ANALYZE search_docs");
    const client = await pool.connect();
    try {
      // The plan inside search_window(): auto_explain shows it, as the function's own statement.
      await client.query("LOAD 'auto_explain'");
      await client.query("SET auto_explain.log_min_duration = 0");
      await client.query("SET auto_explain.log_analyze = on");
      await client.query("SET auto_explain.log_nested_statements = on");
      await client.query("SET client_min_messages = log");
      const notices: string[] = [];
      client.on("notice", (n) => notices.push(n.message ?? ""));
      const q = "('минск')";
      const { rows } = await client.query("SELECT search_key FROM search_window($1::tsquery, NULL, $2::bigint, $3::int)", [
        `${q} & ${monthsTsquery(["2024-10", "2024-09"])}`,
        String(searchKeyLimit(now)),
        50,
      ]);
      expect(rows).toHaveLength(50);
      const plan = notices.find((n) => n.includes("search_docs")) ?? "";
      expect(plan).toMatch(/Bitmap Index Scan on search_docs_doc/);
      expect(plan).toMatch(/Bitmap Heap Scan on search_docs .*rows=80 /);
      // Nor the key's index: its bitmap of every key below the limit, ANDed with the matches'.
      expect(plan).not.toMatch(/Seq Scan|Index Scan Backward|search_docs_pkey/);
    } finally {
      client.release();
    }
    // The batch as the store asks for it: the function's rows, in key order, ranks to the last digit.
    const q = "('минск')";
    const ranked = await pool.query<{ search_key: string; r: number }>(
      "SELECT search_key::text, r::float8 AS r FROM search_window($1::tsquery, $1::tsquery, $2::bigint, $3::int) ORDER BY search_key DESC",
      [q, String(searchKeyLimit(now)), 500],
    );
    const batch = await pool.query<{ w: string }>(SEARCH_BATCH_SQL, [q, q, String(searchKeyLimit(now)), 500]);
    expect(ranked.rows.length).toBe(400);
    expect(windowRows(batch.rows[0]!.w)).toEqual(
      ranked.rows.map(({ search_key, r }) => ({ sec: Number(BigInt(search_key) >> 30n), id: Number(BigInt(search_key) & (2n ** 30n - 1n)), r })),
    );
    // And the store reads those months first: its newest match is the newest article.
    const outcome = await new PgStore(pool).search(parseQuery("Минск")!, now, { offset: 0, limit: 5 }, "date");
    expect(outcome.hits.map((h) => h.slug)).toEqual(["a27", "a26", "a25", "a24", "a23"]);
    expect(outcome.total).toBe(400);
  });

  it("relates by a headline word from its newest entries in title_terms, never a document", async () => {
    // Every title holds «Минск»: the word's newest 30 keys should be 30 index entries, read from
    // the index alone, whatever the archive's size.
    const now = Date.parse("2024-11-20T12:00:00+03:00");
    const articles = Array.from({ length: 300 }, (_, i) =>
      makeArticle(`a${i}`, new Date(Date.parse("2024-01-01T10:00:00Z") + i * 86_400_000).toISOString(), { title: `Минск новость ${i}` }),
    );
    const pool = await freshSchemaPool();
    const db = databaseFromArticles(articles, { site: testSite, sections: testSections });
    await new Mirror(db, pool, { text: () => "---\ntitle: x\n---\nТекст о Минске." }).sync();
    const client = await pool.connect();
    try {
      // 300 rows would be read whole, or all of the word's by a bitmap, whatever the indexes (as a
      // CI run's planner chose, its pages not yet all-visible); on an archive it walks the index
      // (EXPLAIN at 100,000 articles: an index-only scan backward, 30 rows, 1 ms).
      await client.query("SET enable_seqscan = off");
      await client.query("SET enable_bitmapscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${RELATED_BY_WORD_SQL}`, [
        ["минск"],
        [0],
        String(searchKeyLimit(now)),
        RELATED_PER_KEY,
        now,
      ]);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/Index (Only )?Scan Backward using title_terms_pkey on title_terms .*rows=30 /);
      expect(plan).not.toMatch(/search_docs/);
    } finally {
      client.release();
    }
    const related = await new PgStore(pool).related((await new PgStore(pool).article("a250"))!, now, 3);
    expect(related.map((a) => a.slug)).toEqual(["a299", "a298", "a297"]); // two words shared: «Минск», «новость»
  });

  it("answers a page's lookups of articles, tags and bodies asked one by one in one query each", async () => {
    const now = Date.parse("2024-11-20T12:00:00+03:00");
    const articles = Array.from({ length: 20 }, (_, i) =>
      makeArticle(`a${i}`, `2024-10-${String(1 + i).padStart(2, "0")}T10:00:00+03:00`, { tags: [`Тег ${i}`, "Минск"] }),
    );
    const pool = await freshSchemaPool();
    const db = databaseFromArticles(articles, { site: testSite, sections: testSections });
    await new Mirror(db, pool, { text: (file) => `---\ntitle: x\n---\nТекст ${file}.` }).sync();
    // As servers run it: the version announced (LISTEN), not asked for each time.
    const version = Number((await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'version'")).rows[0]!.value);
    const store = new PgStore(pool, { known: () => version });
    const files = new DatabaseFiles(pool);
    await store.tag("Минск", now); // the published set, asked once
    const asked: string[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => (asked.push(String(args[0])), query(...args));
    // As the search page asks: its results' articles, then their tags and bodies, each on its own.
    const found = await Promise.all(articles.map(({ slug }) => store.article(slug)));
    const [tags, bodies] = await Promise.all([
      Promise.all(found.map((a) => Promise.all(a!.tags.map((t) => store.tag(t, now))))),
      Promise.all(found.map((a) => files.articleText(a!.file))),
    ]);
    expect(found.map((a) => a?.slug)).toEqual(articles.map((a) => a.slug));
    expect(tags[3]!.map((t) => t?.name)).toEqual(["Тег 3", "Минск"]);
    expect(bodies.every((b, i) => "text" in b && b.text.includes(articles[i]!.file))).toBe(true);
    const kinds = asked.map((sql) => /FROM (articles|bodies|counts|tags) /.exec(sql)?.[1]).sort();
    // One for the articles, one for the bodies, two for the tags (their spellings and the scheduled).
    expect(kinds).toEqual(["articles", "bodies", "counts", "tags"].sort());

    // A search's page reads its articles with its matches: asking for them then costs nothing.
    const searching = new PgStore(pool, { known: () => version });
    const outcome = await searching.search(parseQuery("Минск")!, now, { offset: 0, limit: 5 }, "date");
    asked.length = 0;
    const shown = await Promise.all(outcome.hits.map((h) => searching.article(h.slug)));
    expect(shown.map((a) => a?.slug)).toEqual(["a19", "a18", "a17", "a16", "a15"]);
    expect(shown[0]).toEqual(found[19]);
    expect(asked).toEqual([]);
  });
});

describe.skipIf(!pgUrl)("the answers kept per version", () => {
  it("keeps no answer read before a change that was announced while it was being read", async () => {
    const pool = await freshSchemaPool();
    const db = databaseFromArticles([makeArticle("a0", "2024-10-01T10:00:00+03:00", { title: "Старый заголовок" })], {
      site: testSite,
      sections: testSections,
    });
    await new Mirror(db, pool, { text: () => "---\ntitle: x\n---\nТекст." }).sync();
    let version = Number((await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'version'")).rows[0]!.value);
    const store = new PgStore(pool, { known: () => version });
    // While the article is being read: the indexer changes it and announces a new version, and
    // another request of this instance learns of it (and drops the answers kept) before the read returns.
    let during: (() => Promise<void>) | undefined = async () => {
      await pool.query("UPDATE articles SET data = replace(data, 'Старый', 'Новый') WHERE slug = 'a0'");
      version++;
      await store.version();
    };
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = async (...args) => {
      const result = await query(...args);
      const change = /FROM articles WHERE slug = ANY/.test(String(args[0])) ? during : undefined;
      if (change) {
        during = undefined;
        await change();
      }
      return result;
    };
    expect((await store.article("a0"))?.title).toBe("Старый заголовок"); // as it was when read
    expect((await store.article("a0"))?.title).toBe("Новый заголовок");
  });
});
