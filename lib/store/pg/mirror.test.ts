import pg from "pg";
import { describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import type { Article } from "@/lib/content/types";
import { parseQuery } from "@/lib/search/text";
import { searchFields } from "@/lib/store/search-text";
import { databaseFromArticles } from "@/lib/store/sqlite/memory";
import { SqliteStore } from "@/lib/store/sqlite/reader";
import { SqliteWriter } from "@/lib/store/sqlite/writer";
import type { ArticleStore } from "@/lib/store/types";
import { ChangesListener } from "./changes";
import { Mirror } from "./mirror";
import { PG_TABLES } from "./schema";
import { PgStore } from "./reader";
import { freshSchemaPool, pgUrl } from "./test-store";

const now = Date.parse("2024-03-05T12:00:00+03:00");
const at = (day: number, hour = 10) => `2024-03-0${day}T${String(hour).padStart(2, "0")}:00:00+03:00`;
const all = { offset: 0, limit: 100 };

/** What readers see, asked of a store: every list, count, tag, month and a search. */
async function view(store: ArticleStore) {
  const slugs = (list: Article[]) => list.map((a) => `${a.slug}:${a.title}`);
  return {
    feed: slugs(await store.list({}, now, all)),
    sport: slugs(await store.list({ section: "sport" }, now, all)),
    top: await store.count({ top: true }, now),
    count: await store.count({}, now),
    tag: await store.tag("Гродно", now),
    tagList: slugs(await store.list({ tag: "гродно" }, now, all)),
    months: await store.months(now),
    partners: await store.partnersWithArticles(now),
    // As a set: the order of matches is each database's ranking (bm25 in SQLite, ts_rank here),
    // which the search suite (search-contract.ts) holds to the same results on cases that matter.
    search: (await store.search(parseQuery("Гродно")!, now, { offset: 0, limit: 20 })).hits.map((h) => h.slug).sort(),
    related: await Promise.all((await store.list({}, now, all)).map(async (a) => slugs(await store.related(a, now, 5)))),
    alias: (await store.alias("old-a"))?.slug,
    problems: await store.problems(),
    size: await store.size(),
  };
}

function record(article: Article, body = "") {
  return { path: article.file, stamp: `s-${article.title}`, article, problems: [], search: searchFields(article, body, false) };
}

describe.skipIf(!pgUrl)("the mirror from the SQLite index to PostgreSQL", () => {
  const bodies = new Map<string, string>();
  const text = (file: string) => `---\ntitle: x\n---\n${bodies.get(file) ?? ""}`;
  const start = [
    makeArticle("a", at(1), { tags: ["Гродно"], aliases: ["old-a"], top: true }),
    makeArticle("b", at(2), { section: "sport", tags: ["гродно", "Спорт"] }),
    makeArticle("c", at(3), { source: { id: "vestnik", name: "Вестник", url: "https://example.org/c" } }),
  ];

  it("copies the whole index, then each change, and PostgreSQL answers as SQLite does", async () => {
    const db = databaseFromArticles(start, { site: testSite, sections: testSections });
    const pool = await freshSchemaPool();
    const mirror = new Mirror(db, pool, { text });
    const sqlite = new SqliteStore(db);
    const store = new PgStore(pool);

    const first = await mirror.sync();
    expect(first).toMatchObject({ whole: true, articles: 3 });
    expect(await view(store)).toEqual(await view(sqlite));
    expect(await mirror.sync()).toBeUndefined(); // nothing new

    // An edit, a removal, a new article that takes a tag and a body word, an invalid file.
    const writer = new SqliteWriter(db, testSite.timeZone);
    const edited = makeArticle("a", at(1), { title: "Новый заголовок", tags: ["Спорт"], top: false });
    const added = makeArticle("d", at(4), { section: "sport", tags: ["Гродно"] });
    bodies.set(added.file, "В Гродно открыли мост.");
    writer.apply([record(edited), record(added, bodies.get(added.file))], ["articles/c.md"]);
    writer.apply([{ path: "articles/bad.md", stamp: "x", problems: [{ file: "articles/bad.md", field: "date", message: "is missing" }] }]);
    const second = await mirror.sync();
    // Only what changed: SQLite gave the removed article's id to the new one, which replaces it.
    expect(second).toMatchObject({ whole: false, articles: 2 });
    expect(await view(store)).toEqual(await view(sqlite));
    expect((await view(store)).search).toEqual(["b", "d"]);
    // «По теме»'s terms are exactly those of the titles and tags now: none left of the old title.
    const terms = (sql: string) => pool.query<{ t: string }>(sql).then((r) => r.rows.map((row) => row.t));
    expect(await terms("SELECT term || ' ' || search_key AS t FROM title_terms ORDER BY 1")).toEqual(
      await terms("SELECT DISTINCT term || ' ' || search_key AS t FROM search_docs, unnest(tsvector_to_array(ts_filter(head, '{a,b}'))) AS term ORDER BY 1"),
    );
    expect(await terms("SELECT term AS t FROM title_terms WHERE search_key = (SELECT search_key FROM articles WHERE slug = 'a') ORDER BY 1")).toEqual([
      "заголовок",
      "нов",
      "спорт",
    ]);
    expect((await store.problems()).map((p) => p.file)).toContain("articles/bad.md");
  });

  it("keeps the changes it could not copy and copies them when the database answers again", async () => {
    const db = databaseFromArticles(start, { site: testSite, sections: testSections });
    const pool = await freshSchemaPool();
    await new Mirror(db, pool, { text }).sync();
    const writer = new SqliteWriter(db, testSite.timeZone);
    writer.apply([record(makeArticle("e", at(4), { title: "Пятая" }))]);

    // A pool whose server refuses: the copy fails and the change stays in the log.
    const refused = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    await expect(new Mirror(db, refused, { text }).sync()).rejects.toThrow();
    await refused.end();

    const result = await new Mirror(db, pool, { text }).sync();
    expect(result).toMatchObject({ whole: false, articles: 1 });
    expect((await new PgStore(pool).article("e"))?.title).toBe("Пятая");
  });

  it("announces each new version to listeners (NOTIFY), who learn it without asking", async () => {
    const db = databaseFromArticles(start, { site: testSite, sections: testSections });
    const pool = await freshSchemaPool();
    const mirror = new Mirror(db, pool, { text });
    await mirror.sync();
    // The listener connects to the same schema (the channel is the database's).
    const search = (pool.options as { options?: string }).options!;
    const listener = new ChangesListener(`${pgUrl}?options=${encodeURIComponent(search)}`, () => undefined);
    const heard: number[] = [];
    const onChange = new Promise<number>((resolve) => {
      const timer = setInterval(() => {
        const v = listener.known();
        if (v !== undefined && v > 1) {
          clearInterval(timer);
          resolve(v);
        }
      }, 20);
    });
    await listener.start();
    expect(listener.state.connected).toBe(true);
    heard.push(listener.known()!);
    new SqliteWriter(db, testSite.timeZone).apply([record(makeArticle("f", at(4)))]);
    const result = await mirror.sync();
    expect(await onChange).toBe(result!.version);
    listener.close();
    expect(heard[0]).toBe(1);
  });

  it("copies in full again over a database in use, the search's documents and «По теме»'s terms built apart and swapped in", async () => {
    const pool = await freshSchemaPool();
    await new Mirror(databaseFromArticles(start, { site: testSite, sections: testSections }), pool, { text }).sync();
    // Another index (another epoch): a whole copy over the first one's rows.
    const other = [makeArticle("x", at(2), { title: "Мост через Неман", tags: ["Гродно"] }), makeArticle("y", at(3), { title: "Мост в Гродно открыли" })];
    const db = databaseFromArticles(other, { site: testSite, sections: testSections });
    expect(await new Mirror(db, pool, { text }).sync()).toMatchObject({ whole: true, articles: 2 });
    const rows = (sql: string) => pool.query(sql).then((r) => r.rows);
    expect(await rows("SELECT term || ' ' || search_key AS t FROM title_terms ORDER BY 1")).toEqual(
      await rows("SELECT DISTINCT term || ' ' || search_key AS t FROM search_docs, unnest(tsvector_to_array(ts_filter(head, '{a,b}'))) AS term ORDER BY 1"),
    );
    // Both staged tables took the old ones' places, with the schema's index names (which a
    // later preparePgSchema's CREATE INDEX IF NOT EXISTS would otherwise build a second time).
    expect(
      await rows(
        "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema() AND (tablename LIKE 'title_terms%' OR tablename LIKE 'search_docs%') ORDER BY 1, 2",
      ),
    ).toEqual([
      { tablename: "search_docs", indexname: "search_docs_doc" },
      { tablename: "search_docs", indexname: "search_docs_pkey" },
      { tablename: "title_terms", indexname: "title_terms_pkey" },
    ]);
    expect(await rows("SELECT count(*)::int AS n FROM search_docs")).toEqual([{ n: 2 }]);
    const store = new PgStore(pool);
    expect((await store.related((await store.article("y"))!, now, 5)).map((a) => a.slug)).toEqual(["x"]);
    expect(await view(store)).toEqual(await view(new SqliteStore(db)));
  });

  it("leaves a whole copy analysed, and the search's join to articles reads only the articles_search index", async () => {
    const db = databaseFromArticles(start, { site: testSite, sections: testSections });
    const pool = await freshSchemaPool();
    // What the connection that vacuums is told: the pool's statement timeout (5 s in production)
    // cancelled a million articles' VACUUM, and with it the statistics.
    const said: string[] = [];
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => (said.push(String(args[0])), query(...args));
    });
    await new Mirror(db, pool, { text }).sync();
    const vacuums = said.filter((q) => q.startsWith("VACUUM"));
    const unbounded = said.indexOf("SET statement_timeout = 0");
    expect(unbounded).toBeGreaterThanOrEqual(0);
    expect(unbounded).toBeLessThan(said.indexOf(vacuums[0]!));
    expect(vacuums.join(" ")).toMatch(/bodies/);
    const { rows: analysed } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_analyze IS NOT NULL",
    );
    expect(analysed[0]!.n).toBe(PG_TABLES.length);
    // ANALYZE ran: statistics of the new rows (reltuples is -1 before any). Whether VACUUM could
    // mark the pages all-visible depends on other tests' transactions in the same database.
    const { rows: tables } = await pool.query<{ relname: string; reltuples: number }>(
      "SELECT relname, reltuples FROM pg_class WHERE relname IN ('articles', 'search_docs') AND relnamespace = current_schema()::regnamespace ORDER BY relname",
    );
    expect(tables).toEqual([
      { relname: "articles", reltuples: 3 },
      { relname: "search_docs", reltuples: 3 },
    ]);
    // Three rows would be read whole whatever the indexes; without a sequential scan the planner
    // shows what it does on an archive: the published matches found in the index alone.
    const client = await pool.connect();
    try {
      await client.query("SET enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        "EXPLAIN SELECT a.slug FROM articles a WHERE a.search_key = $1 AND a.state = 0 AND a.date_ms <= $2",
        ["1", String(now)],
      );
      expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Index Only Scan using articles_search on articles/);
    } finally {
      client.release();
    }
  });
});
