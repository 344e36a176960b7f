import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { databaseFromArticles } from "@/lib/store/sqlite/memory";
import { Mirror } from "./mirror";
import { preparePgSchema } from "./schema";
import { STAGED_TABLES, stagedIndexSql } from "./staging";
import { freshSchemaPool, pgUrl } from "./test-store";

describe("a staged table's indexes", () => {
  it("are the live table's, under the staged names, on the staged table", () => {
    expect(
      stagedIndexSql(
        {
          name: "articles_search",
          def: "CREATE UNIQUE INDEX articles_search ON t1.articles USING btree (search_key) INCLUDE (state, date_ms, slug)",
          constraint: null,
          constraintDef: null,
        },
        "articles_next",
      ),
    ).toBe("CREATE UNIQUE INDEX articles_search_next ON articles_next USING btree (search_key) INCLUDE (state, date_ms, slug)");
    expect(
      stagedIndexSql(
        { name: "search_docs_doc", def: "CREATE INDEX search_docs_doc ON ONLY s.search_docs USING gin (doc)", constraint: null, constraintDef: null },
        "search_docs_next",
      ),
    ).toBe("CREATE INDEX search_docs_doc_next ON search_docs_next USING gin (doc)");
    // A primary key or UNIQUE constraint is made as a constraint again, not as a bare index.
    expect(
      stagedIndexSql(
        {
          name: "tags_pkey",
          def: "CREATE UNIQUE INDEX tags_pkey ON t1.tags USING btree (tag_key, article_id)",
          constraint: "tags_pkey",
          constraintDef: "PRIMARY KEY (tag_key, article_id)",
        },
        "tags_next",
      ),
    ).toBe("ALTER TABLE tags_next ADD CONSTRAINT tags_pkey_next PRIMARY KEY (tag_key, article_id)");
  });

  it("refuses a definition it cannot read, naming the index", () => {
    expect(() => stagedIndexSql({ name: "odd", def: "CREATE INDEX", constraint: null, constraintDef: null }, "x_next")).toThrow(/index odd: cannot read/);
  });
});

const at = (day: number) => `2024-10-${String(day).padStart(2, "0")}T10:00:00+03:00`;
const text = () => "---\ntitle: x\n---\nТекст.";
const archive = (slugs: string[]) =>
  databaseFromArticles(
    slugs.map((slug, i) => makeArticle(slug, at(1 + i), { tags: ["Минск", `Тег ${slug}`], aliases: [`old-${slug}`] })),
    { site: testSite, sections: testSections },
  );

/** Each staged table's indexes and constraints, by name and definition, the schema's name left out. */
async function shape(pool: pg.Pool) {
  const tables = [...STAGED_TABLES];
  const indexes = await pool.query(
    `SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '') AS def FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) ORDER BY 1, 2`,
    [tables],
  );
  const constraints = await pool.query(
    `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text = ANY($1::text[]) ORDER BY 1, 2`,
    [tables],
  );
  return { indexes: indexes.rows, constraints: constraints.rows };
}

describe.skipIf(!pgUrl)("a whole copy's staged tables", () => {
  const role = `svezhiy_test_reader_${process.pid}`;
  const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
  afterAll(async () => {
    await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it("take the live tables' places with the schema's indexes and constraints, and the grants they had", async () => {
    const pool = await freshSchemaPool();
    await new Mirror(archive(["a", "b"]), pool, { text }).sync();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.query(`CREATE ROLE ${role}`);
    const schema = (await pool.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]!.s;
    await pool.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await pool.query(`GRANT SELECT ON ${STAGED_TABLES.join(", ")} TO ${role}`);
    await pool.query("GRANT SELECT ON bodies TO PUBLIC");
    // Another index (another epoch): a whole copy over the first one's tables.
    const lines: string[] = [];
    expect(await new Mirror(archive(["x", "y", "z"]), pool, { text, log: (line) => lines.push(line) }).sync()).toMatchObject({ whole: true, articles: 3 });
    expect(lines).toContainEqual(expect.stringMatching(/^warmed the search: the newest 200000 rows \(no pg_prewarm for its indexes\) in /));
    const schemaOnly = await freshSchemaPool();
    await preparePgSchema(schemaOnly);
    const expected = await shape(schemaOnly);
    expect(expected.indexes.length).toBeGreaterThan(15);
    expect(await shape(pool)).toEqual(expected);
    const { rows: grants } = await pool.query(
      "SELECT table_name AS t, privilege_type AS p FROM information_schema.role_table_grants WHERE table_schema = current_schema() AND grantee = $1 ORDER BY 1",
      [role],
    );
    expect(grants).toEqual([...STAGED_TABLES].sort().map((t) => ({ t, p: "SELECT" })));
    const { rows: toPublic } = await pool.query(
      "SELECT c.relname AS t, a.privilege_type AS p FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a WHERE c.relnamespace = current_schema()::regnamespace AND a.grantee = 0",
    );
    expect(toPublic).toEqual([{ t: "bodies", p: "SELECT" }]);
    const { rows: left } = await pool.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '%_next'");
    expect(left).toEqual([]);
    expect((await pool.query("SELECT slug FROM articles ORDER BY slug")).rows.map((r) => r.slug)).toEqual(["x", "y", "z"]);
    expect((await pool.query("SELECT count(*)::int AS n FROM aliases")).rows[0].n).toBe(3);
  });

  it("wait for a reader that holds a live table, letting their locks go between tries", async () => {
    const pool = await freshSchemaPool();
    await new Mirror(archive(["a"]), pool, { text }).sync();
    const reader = await pool.connect();
    await reader.query("BEGIN");
    await reader.query("SELECT count(*) FROM search_docs");
    const lines: string[] = [];
    const copy = new Mirror(archive(["b", "c"]), pool, { text, swapLockWaitMs: 100, log: (line) => lines.push(line) }).sync();
    // Meanwhile readers still see the old archive, and other tables stay readable.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await pool.query("SELECT slug FROM articles")).rows.map((r) => r.slug)).toEqual(["a"]);
    await reader.query("COMMIT");
    reader.release();
    expect(await copy).toMatchObject({ whole: true, articles: 2 });
    expect(lines.some((l) => /^swap: the live tables are in use \(no lock within 100 ms\); trying again/.test(l))).toBe(true);
    expect((await pool.query("SELECT slug FROM articles ORDER BY slug")).rows.map((r) => r.slug)).toEqual(["b", "c"]);
  });

  it("leave the search's index warm where the database has pg_prewarm", async () => {
    const database = `svezhiy_prewarm_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(pgUrl);
    url.pathname = `/${database}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    try {
      await pool.query("CREATE EXTENSION pg_prewarm");
      const lines: string[] = [];
      await new Mirror(archive(["a", "b"]), pool, { text, log: (line) => lines.push(line) }).sync();
      expect(lines).toContainEqual(expect.stringMatching(/^warmed the search: the newest 200000 rows and its indexes \(pg_prewarm\) in /));
    } finally {
      await pool.end();
      await admin.query(`DROP DATABASE ${database}`);
    }
  });
});
