import { describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { databaseFromArticles } from "@/lib/store/sqlite/memory";
import { searchKeyLimit } from "@/lib/store/sqlite/writer";
import { Mirror } from "./mirror";
import { SEARCH_HITS_SQL } from "./reader";
import { freshSchemaPool, pgUrl } from "./test-store";

describe.skipIf(!pgUrl)("the search's SQL", () => {
  it("keeps only the matches' keys in the window it sorts, so that many matches never sort their documents on disk", async () => {
    const now = Date.parse("2024-03-05T12:00:00+03:00");
    const articles = Array.from({ length: 400 }, (_, i) =>
      makeArticle(`a${i}`, new Date(now - (i + 1) * 3_600_000).toISOString(), { title: `Минск новость ${i}` }),
    );
    const body = Array.from({ length: 80 }, (_, i) => `слово${i} Минск`).join(" ");
    const pool = await freshSchemaPool();
    const db = databaseFromArticles(articles, { site: testSite, sections: testSections });
    await new Mirror(db, pool, { text: () => `---\ntitle: x\n---\n${body}` }).sync();
    const client = await pool.connect();
    try {
      // The smallest work_mem: 400 documents of about a kilobyte each (stored inline, as most are) would not fit, 400 keys do; and
      // the matches found by the GIN index, as on an archive (400 rows would be walked in key order).
      await client.query("SET work_mem = '64kB'");
      await client.query("SET enable_indexscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${SEARCH_HITS_SQL}`, [
        "'минск'",
        now,
        String(searchKeyLimit(now)),
        5000,
        20,
        0,
      ]);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/rows=20 /);
      expect(plan).not.toMatch(/external/);
    } finally {
      client.release();
    }
  });
});
