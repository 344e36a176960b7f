import pg from "pg";
import { ChangesListener } from "./changes";
import { PgStore } from "./reader";

export interface PgConnection {
  /** Queries of readers: the replica when DATABASE_READ_URL names one, else the primary. */
  read: pg.Pool;
  /** Announcements of new versions, heard on the primary (a replica does not relay NOTIFY). */
  changes: ChangesListener;
  store: PgStore;
  close(): Promise<void>;
}

/** A query that runs longer than this is cancelled by the server: no page waits on a stuck database for ever. */
const STATEMENT_TIMEOUT_MS = 5_000;

/** A pool that reports a broken idle connection instead of crashing the process (pg's default for an unhandled "error"). */
export function makePool(url: string, log: (line: string) => void, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    keepAlive: true,
  });
  pool.on("error", (err) => log(`a database connection failed: ${err.message}`));
  return pool;
}

/**
 * An app instance's connection to a PostgreSQL store. The store's caches follow the version the
 * listener hears; with a replica, a version is taken once the replica shows it (the store reads
 * the replica), so that readers never cache an older answer under a newer version.
 */
export function openPg({
  url,
  readUrl,
  log = (line: string) => console.error(`[store] ${line}`),
}: {
  url: string;
  readUrl?: string;
  log?: (line: string) => void;
}): PgConnection {
  const read = makePool(readUrl ?? url, log);
  const changes = new ChangesListener(url, log);
  void changes.start();
  const store = new PgStore(read, readUrl ? new ReplicaVersions(changes, read) : changes);
  return {
    read,
    changes,
    store,
    async close() {
      changes.close();
      await read.end();
    },
  };
}

/** The version the primary announced, once the replica has it too (asked at most every 200 ms while it lags). */
class ReplicaVersions {
  private seen?: number;
  private askedAt = 0;

  constructor(
    private readonly changes: ChangesListener,
    private readonly replica: pg.Pool,
  ) {}

  known(): number | undefined {
    const announced = this.changes.known();
    if (announced === undefined || announced === this.seen) return this.seen ?? announced;
    const now = Date.now();
    if (now - this.askedAt >= 200) {
      this.askedAt = now;
      this.replica
        .query<{ value: string }>("SELECT value FROM meta WHERE key = 'version'")
        .then(({ rows }) => {
          const v = Number(rows[0]?.value ?? 0);
          if (v >= announced) this.seen = announced;
        })
        .catch(() => undefined);
    }
    return this.seen ?? announced;
  }
}
