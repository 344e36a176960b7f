import type { PoolClient } from "pg";

/*
 * A whole copy's tables (lib/store/pg/mirror.ts, copyWhole): every large table is filled anew
 * beside the live one (`<table>_next`), without indexes; once every row is in, the indexes are
 * built as the live table has them, and each staged table takes the live one's place, under its
 * names and with its grants, just before the copy's transaction commits.
 *
 * Why: rows inserted into a table with its indexes go into each index one by one, at random places
 * in most of them (a slug, a file name, a tag), and with durability on each index page touched
 * first after a checkpoint is written whole to the WAL again. The articles have eleven indexes.
 * An index built once from all the rows sorts them and writes each page once (8.2 million of
 * «По теме»'s rows: 42 s one by one, 12 + 7 s built after, the index 16 % smaller). Readers keep
 * the old tables until the swap, and the old rows go with their table instead of a DELETE each.
 *
 * The indexes' definitions are read from the live table (the catalog), not written here again:
 * lib/store/pg/schema.ts stays their one source.
 */

/** The tables a whole copy stages: those that grow with the archive. */
export const STAGED_TABLES = ["articles", "aliases", "tags", "bodies", "search_docs", "title_terms"] as const;
export type StagedTable = (typeof STAGED_TABLES)[number];
/** Where rows of each staged table go: the live tables, or a whole copy's. */
export type Tables = Record<StagedTable, string>;
export const LIVE_TABLES = Object.fromEntries(STAGED_TABLES.map((t) => [t, t])) as Tables;
export const STAGING_TABLES = Object.fromEntries(STAGED_TABLES.map((t) => [t, stagingName(t)])) as Tables;

/**
 * Memory for building a whole copy's indexes (PostgreSQL's default, 64 MB, is for a server's many
 * sessions at once; this is one session, once per whole copy). The search's GIN index of a
 * million articles is about 150 MB: with 64 MB its build sorts in pieces and merges them.
 */
const INDEX_BUILD_MEMORY = "256MB";

/** How long the swap waits for readers' locks on the live tables before it lets them go and tries again. */
export const SWAP_LOCK_WAIT_MS = 5_000;
const SWAP_ATTEMPTS = 12;

export function stagingName(name: string): string {
  return `${name}_next`;
}

/** One index of a live table, as the catalog describes it. */
export interface LiveIndex {
  name: string;
  /** pg_get_indexdef: `CREATE [UNIQUE] INDEX name ON schema.table USING …`. */
  def: string;
  /** The constraint the index is made for (a primary key, UNIQUE), with its definition. */
  constraint: string | null;
  constraintDef: string | null;
}

/** The statement that builds this index of the live table on its staged table, under the staged name. */
export function stagedIndexSql(index: LiveIndex, staged: string): string {
  if (index.constraint && index.constraintDef) {
    return `ALTER TABLE ${staged} ADD CONSTRAINT ${stagingName(index.constraint)} ${index.constraintDef}`;
  }
  const parts = /^(CREATE (?:UNIQUE )?INDEX )\S+ ON (?:ONLY )?\S+( USING .*)$/s.exec(index.def);
  if (!parts) throw new Error(`staging: index ${index.name}: cannot read its definition: ${index.def}`);
  return `${parts[1]}${stagingName(index.name)} ON ${staged}${parts[2]}`;
}

/** The live table's name after a constraint's index is renamed: the constraint's, which names its index. */
function indexNameOf(index: LiveIndex): string {
  return index.constraint ?? index.name;
}

/** Empty staged tables, shaped as the live ones (columns, defaults, storage; no indexes yet). */
export async function createStaging(client: PoolClient): Promise<void> {
  for (const table of STAGED_TABLES) {
    await client.query(`DROP TABLE IF EXISTS ${stagingName(table)}`);
    await client.query(`CREATE TABLE ${stagingName(table)} (LIKE ${table} INCLUDING ALL EXCLUDING INDEXES)`);
  }
}

async function liveIndexes(client: PoolClient, table: string): Promise<LiveIndex[]> {
  const { rows } = await client.query<LiveIndex>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def, c.conname AS constraint, pg_get_constraintdef(c.oid) AS "constraintDef"
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u')
     WHERE x.indrelid = to_regclass($1::text) ORDER BY x.indisprimary DESC, i.relname`,
    [table],
  );
  return rows;
}

/**
 * The grants on the live table (an instances' read-only role, say), to be given on its successor:
 * from its ACL itself, which holds them all whoever gave them (information_schema shows only those
 * the current role gave or holds). The owner's own privileges come with the new table.
 */
async function grantsOf(client: PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ sql: string }>(
    `SELECT format('GRANT %s ON %I TO %s', a.privilege_type, $1::text,
              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END) AS sql
     FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
     WHERE c.oid = to_regclass($1::text) AND a.grantee <> c.relowner`,
    [table],
  );
  return rows.map((r) => r.sql);
}

/**
 * Builds the staged tables' indexes, then swaps every staged table in for its live one. The swap
 * takes all the live tables' locks in one statement first: a reader's query holding one of them
 * while it waits for another the swap already took would otherwise deadlock with it, and the
 * deadlock could cost the whole copy's transaction. Locks it cannot have within SWAP_LOCK_WAIT_MS
 * (or a deadlock found meanwhile) are let go, by a savepoint, and asked for again.
 */
export async function indexAndSwap(client: PoolClient, log: (line: string) => void, lockWaitMs = SWAP_LOCK_WAIT_MS): Promise<void> {
  // An index build reads every row at once: seconds at a million articles, past the pool's 5 s.
  await client.query("SET LOCAL statement_timeout = 0");
  await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
  const plans = [];
  for (const table of STAGED_TABLES) {
    const started = performance.now();
    const indexes = await liveIndexes(client, table);
    for (const index of indexes) await client.query(stagedIndexSql(index, stagingName(table)));
    plans.push({ table, indexes, grants: await grantsOf(client, table) });
    log(`indexed ${table} (${indexes.length === 1 ? "1 index" : `${indexes.length} indexes`}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await lockAll(client, lockWaitMs, log);
  for (const { table, indexes, grants } of plans) {
    await client.query(`DROP TABLE ${table}`);
    await client.query(`ALTER TABLE ${stagingName(table)} RENAME TO ${table}`);
    // Renaming a constraint's index renames the constraint too.
    for (const index of indexes) await client.query(`ALTER INDEX ${stagingName(indexNameOf(index))} RENAME TO ${indexNameOf(index)}`);
    for (const grant of grants) await client.query(grant);
  }
  await client.query("RESET lock_timeout");
  await client.query("RESET statement_timeout");
  await client.query("RESET maintenance_work_mem");
}

async function lockAll(client: PoolClient, lockWaitMs: number, log: (line: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await client.query("SAVEPOINT swap_locks");
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockWaitMs))}`);
    try {
      await client.query(`LOCK TABLE ${STAGED_TABLES.join(", ")} IN ACCESS EXCLUSIVE MODE`);
      await client.query("RELEASE SAVEPOINT swap_locks");
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 55P03: lock_timeout; 40P01: a deadlock, this side chosen to give way.
      if ((code !== "55P03" && code !== "40P01") || attempt >= SWAP_ATTEMPTS) throw err;
      await client.query("ROLLBACK TO SAVEPOINT swap_locks");
      log(
        `swap: the live tables are in use (${code === "40P01" ? "deadlock" : `no lock within ${lockWaitMs} ms`}); trying again (${attempt} of ${SWAP_ATTEMPTS})`,
      );
    }
  }
}
