/**
 * `npm run index [-- --rebuild] [--watch]`: builds or brings up to date the index database of
 * CONTENT_DIR (at INDEX_DB, or .data/index/ by default; lib/store/location.ts). Servers keep it
 * current by themselves; this is for a new archive (a million articles take minutes, better spent
 * before the servers start), after a schema change, or as the one indexer beside read-only servers.
 *
 * --rebuild builds a new database beside the old one and then puts it in its place; servers
 * reading the old one switch to the new one within a second. --watch keeps indexing changes.
 *
 * With DATABASE_URL, what the index holds is also copied into that PostgreSQL database (with the
 * files' text and the photos) for app instances on other machines, and with --watch every change
 * after it (lib/store/pg/mirror-loop.ts).
 */
import { rmSync, renameSync } from "node:fs";
import { parseArgs } from "node:util";
import { contentDir } from "../../lib/content/load";
import { Indexer } from "../../lib/store/indexer";
import { WriterLease } from "../../lib/store/lease";
import { indexLocation } from "../../lib/store/location";
import { openIndexDatabase } from "../../lib/store/open";
import { makePool } from "../../lib/store/pg/connect";
import { MirrorLoop } from "../../lib/store/pg/mirror-loop";

const { values } = parseArgs({ options: { rebuild: { type: "boolean", default: false }, watch: { type: "boolean", default: false } } });
const started = performance.now();
const root = contentDir();
const target = indexLocation(root);
const file = values.rebuild ? `${target}.rebuild-${process.pid}` : target;
const log = (line: string) => console.error(`[index] ${line}`);

if (values.rebuild) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
const db = openIndexDatabase(file);
const lease = new WriterLease(db);
if (!lease.tryTake()) {
  const holder = lease.holder();
  console.log(`index: process ${holder?.pid} writes ${file} and keeps it current; nothing to do`);
  process.exit(0);
}
const renew = setInterval(() => lease.renew(), 3000);
const indexer = await Indexer.open(root, db, { watch: values.watch, log });
const count = db.prepare("SELECT count(*) FROM articles WHERE state < 2").pluck().get() as number;
const seconds = ((performance.now() - started) / 1000).toFixed(1);

if (values.rebuild) {
  indexer.close();
  clearInterval(renew);
  lease.release();
  // A database without its -wal file can be moved as one file; servers reading the old one
  // notice the new inode and open it.
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.exec("PRAGMA journal_mode = DELETE");
  db.close();
  renameSync(file, target);
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
}
console.log(`indexed ${count} articles in ${seconds} s → ${target}`);

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl && !values.rebuild) {
  const pool = makePool(databaseUrl, log, 4);
  const mirror = new MirrorLoop(db, pool, { root, log: (line) => console.error(`[mirror] ${line}`) });
  const copyStarted = performance.now();
  const copied = await mirror.syncNow();
  const what = copied ? `${copied.whole ? "the whole index" : `${copied.articles} changed articles`} (version ${copied.version})` : "nothing new";
  console.log(`copied ${what} to PostgreSQL in ${((performance.now() - copyStarted) / 1000).toFixed(1)} s`);
  if (values.watch) {
    mirror.start();
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => {
        void mirror.close().finally(() => {
          indexer.close();
          lease.release();
          db.close();
          void pool.end().finally(() => process.exit(0));
        });
      });
  } else await pool.end();
}

if (!values.watch) {
  if (!values.rebuild) {
    indexer.close();
    clearInterval(renew);
    lease.release();
    db.close();
  }
  process.exit(0);
}
