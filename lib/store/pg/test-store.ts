import pg from "pg";
import { afterAll, inject } from "vitest";
import type { Article } from "@/lib/content/types";
import { databaseFromArticles, type ArticlesOptions } from "@/lib/store/sqlite/memory";
import { Mirror } from "./mirror";
import { PgStore } from "./reader";

/** The test run's PostgreSQL (test/pg-setup.ts); empty when it is not installed (the tests skip). */
export const pgUrl = inject("pgUrl");

const pools: pg.Pool[] = [];
let made = 0;

/** A pool on a schema of its own, so that every store of every test file starts empty. */
export async function freshSchemaPool(): Promise<pg.Pool> {
  const schema = `t${process.pid}_${++made}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: pgUrl, options: `-c search_path=${schema}`, max: 4 });
  pools.push(pool);
  return pool;
}

afterAll(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});

/**
 * The PostgreSQL store of these articles, filled the one way production fills it: the SQLite index
 * of the articles (storeFromArticles's), copied by the mirror. `bodies` (by slug) are the bodies' Markdown.
 */
export async function pgStoreFromArticles(articles: Article[], options: ArticlesOptions): Promise<PgStore> {
  const pool = await freshSchemaPool();
  const db = databaseFromArticles(articles, options);
  const slugOf = new Map(articles.map((a) => [a.file, a.slug]));
  const text = (file: string) => `---\ntitle: x\n---\n${options.bodies?.[slugOf.get(file) ?? ""] ?? ""}`;
  await new Mirror(db, pool, { text }).sync();
  return new PgStore(pool, undefined, options.searchWindow);
}
