import type Database from "better-sqlite3";
import type { Pool } from "pg";
import { Mirror, type MirrorOptions, type MirrorResult } from "./mirror";

/** How often the change log is looked at: a change reaches PostgreSQL well within the 5 s readers are promised. */
const POLL_MS = 250;
/** Waits after a failed copy (the database away): 1 s, doubling, at most this. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps PostgreSQL current with the indexer's SQLite index: copies the change log as it grows,
 * one batch at a time. While the database is unreachable the log grows in SQLite, the failure is
 * logged once, and the copy resumes where it stopped when the database answers again.
 */
export class MirrorLoop {
  private readonly mirror: Mirror;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private closed = false;
  private backoff = 0;
  private failingSince?: number;
  private readonly log: (line: string) => void;

  constructor(db: Database.Database, pool: Pool, options: MirrorOptions & { onSynced?: (r: MirrorResult) => void } = {}) {
    this.log = options.log ?? ((line) => console.error(`[mirror] ${line}`));
    this.mirror = new Mirror(db, pool, { ...options, log: this.log });
    this.onSynced = options.onSynced;
  }

  private readonly onSynced?: (r: MirrorResult) => void;

  /** Copies what is pending now (everything on first use); rejects when the database fails. */
  async syncNow(): Promise<MirrorResult | undefined> {
    await this.running;
    const run = this.mirror.sync();
    this.running = run.then(
      () => undefined,
      () => undefined,
    );
    const result = await run;
    if (result) this.onSynced?.(result);
    return result;
  }

  start(): void {
    this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick() {
    try {
      await this.syncNow();
      if (this.failingSince !== undefined) this.log(`PostgreSQL answers again after ${((Date.now() - this.failingSince) / 1000).toFixed(1)} s; caught up`);
      this.failingSince = undefined;
      this.backoff = 0;
      this.schedule(POLL_MS);
    } catch (err) {
      if (this.failingSince === undefined) {
        this.failingSince = Date.now();
        this.log(`cannot copy to PostgreSQL (${(err as Error).message}); changes wait in the index and are copied when it answers`);
      }
      this.backoff = Math.min(Math.max(1000, this.backoff * 2), MAX_BACKOFF_MS);
      this.schedule(this.backoff);
    }
  }
}
