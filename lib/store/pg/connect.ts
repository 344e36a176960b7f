import pg from "pg";
import { isUnreachable, noteReachable, noteUnreachable, StoreUnavailableError } from "@/lib/server/store-outage.mjs";
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
export function makePool(url: string, log: (line: string) => void, max = 10, onError?: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Connections once opened are kept. A new server process (backend) pays for its first touch
    // of each page of PostgreSQL's shared buffers, unless the server uses huge pages: a search that
    // read 5,000 rows took 95 ms on a new connection and 9 ms on the next query (100,000 articles;
    // docs/production.md). Closing idle ones after 30 s paid that again after every quiet minute.
    // 0: an idle connection is never closed.
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 5_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    keepAlive: true,
  });
  pool.on("error", onError ?? ((err) => log(`a database connection failed: ${err.message}`)));
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
  // An idle connection the database closed as it stopped is part of the outage, told once with it.
  const onError = (err: Error) => (isUnreachable(err) ? noteUnreachable(err, log) : log(`a database connection failed: ${err.message}`));
  const changes = new ChangesListener(url, log);
  // A query that succeeds while the listener waits to reconnect: the database is back, reconnect now.
  const read = guardPool(makePool(readUrl ?? url, log, 10, onError), log, () => changes.reconnectNow());
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

/**
 * The readers' pool, whose failures to reach the database are StoreUnavailableError: the request
 * is marked (server.mjs answers 503 with Retry-After instead of Next's 500), the outage is logged
 * once (lib/server/store-outage.mjs), and the first query that succeeds again ends it.
 */
export function guardPool(pool: pg.Pool, log: (line: string) => void, onAnswer: () => void = () => undefined): pg.Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const guarded = async (...args: unknown[]) => {
    try {
      const result = await query(...args);
      noteReachable(log);
      onAnswer();
      return result;
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      noteUnreachable(err, log);
      throw new StoreUnavailableError(err);
    }
  };
  return new Proxy(pool, { get: (target, name, receiver) => (name === "query" ? guarded : Reflect.get(target, name, receiver)) });
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
