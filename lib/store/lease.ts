import type Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { readMeta, writeMeta } from "./sqlite/schema";

/** A writer that has not renewed its lease for this long is presumed gone. */
export const LEASE_MS = 10_000;

interface Holder {
  id: string;
  pid: number;
  at: number;
}

/**
 * Which process of the machine writes the index: the one holding the lease in the database's
 * meta table. Every server process competes for it; the holder renews it every few seconds, and
 * when it stops (crash, deploy), another takes over within LEASE_MS, or at once when the
 * holder's process is gone. One writer and many readers is what SQLite's WAL mode is made for.
 */
export class WriterLease {
  readonly id = randomUUID();

  constructor(private readonly db: Database.Database) {}

  /** Takes the lease when it is free, expired or held by a process that no longer exists. */
  tryTake(now = Date.now()): boolean {
    return this.db
      .transaction(() => {
        const holder = this.holder();
        if (holder && holder.id !== this.id && now - holder.at < LEASE_MS && processAlive(holder.pid)) return false;
        writeMeta(this.db, "writer", JSON.stringify({ id: this.id, pid: process.pid, at: now } satisfies Holder));
        return true;
      })
      .immediate();
  }

  /** Renews the lease; false when another process has taken it meanwhile (this one was paused too long). */
  renew(now = Date.now()): boolean {
    return this.db
      .transaction(() => {
        const holder = this.holder();
        if (holder && holder.id !== this.id) return false;
        writeMeta(this.db, "writer", JSON.stringify({ id: this.id, pid: process.pid, at: now } satisfies Holder));
        return true;
      })
      .immediate();
  }

  release(): void {
    this.db
      .transaction(() => {
        if (this.holder()?.id === this.id) this.db.prepare("DELETE FROM meta WHERE key = 'writer'").run();
      })
      .immediate();
  }

  holder(): Holder | undefined {
    const raw = readMeta(this.db, "writer");
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as Holder;
    } catch {
      return undefined;
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
