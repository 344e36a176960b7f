/**
 * `npm run bench:search-store -- DATABASE_URL|INDEX_DB CORPUS_JSON [PASSES]`: the scale bench's search
 * queries (scale/queries.ts, seed 1, 100 of each length) asked of a PostgreSQL store (a
 * postgres:// URL) or a SQLite index (a file: `npm run index`'s database, read as a server reads it) directly,
 * one at a time, in one process: p50 / p95 by word count and the slowest queries. No app server,
 * no page: what the store's part of a search costs, for comparing two versions of it (or two
 * server settings) on the same database in one sitting. CORPUS_JSON is the corpus.json that
 * `npm run bench:scale -- --corpus-dir DIR` keeps beside each corpus (its titles make the
 * queries). The first pass finds the database's buffers as they are (after a copy or a restart:
 * cold) and is reported apart; it warms them for the PASSES (2) that follow.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { PgStore } from "../../lib/store/pg/reader";
import { openDatabase } from "../../lib/store/sqlite/schema";
import { SqliteStore } from "../../lib/store/sqlite/reader";
import { parseQuery } from "../../lib/search/text";
import { searchQueries } from "./scale/queries";
import { percentile } from "./scale/stats";

const [url, corpusJson, passesArg = "2"] = process.argv.slice(2);
if (!url || !corpusJson) {
  console.error("usage: npm run bench:search-store -- DATABASE_URL|INDEX_DB CORPUS_JSON [PASSES]");
  process.exit(2);
}
const titles = (JSON.parse(readFileSync(corpusJson, "utf8")) as { titles: string[] }).titles;
const queries = searchQueries(titles, { seed: 1, perLength: 100 });
const isPg = /^postgres(ql)?:\/\//.test(url);
const pool = isPg ? new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 0 }) : undefined;
const store = pool ? new PgStore(pool) : new SqliteStore(openDatabase(url, { mustExist: true }));
const now = Date.now();
const firstByWords = new Map<number, number[]>();
const byWords = new Map<number, number[]>();
const slowest: { ms: number; q: string }[] = [];
for (let pass = 0; pass <= Number(passesArg); pass++) {
  for (const { words, q } of queries) {
    const started = performance.now();
    await store.search(parseQuery(q)!, now, { offset: 0, limit: 20 }, "relevance");
    const ms = performance.now() - started;
    if (pass === 0) {
      firstByWords.set(words, [...(firstByWords.get(words) ?? []), ms]);
      continue;
    }
    byWords.set(words, [...(byWords.get(words) ?? []), ms]);
    slowest.push({ ms, q });
  }
}
// The scale bench's own percentile (scale/stats.ts), so that these figures read as its do.
const fmt = (x: number | undefined) => `${(x ?? Number.NaN).toFixed(1)} ms`;
for (const [label, map] of [
  ["first pass, buffers as found", firstByWords],
  [`${passesArg} warm pass(es)`, byWords],
] as const) {
  console.log(`${label}:`);
  for (const [words, xs] of map) {
    console.log(`  ${words} word(s): p50 ${fmt(percentile(xs, 50))}, p95 ${fmt(percentile(xs, 95))}, max ${fmt(Math.max(...xs))}`);
  }
}
console.log("slowest, warm:");
for (const { ms, q } of slowest.sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(`  ${ms.toFixed(1)} ms  ${q}`);
await pool?.end();
