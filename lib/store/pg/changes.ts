import pg from "pg";
import { noteReachable, noteUnreachable } from "@/lib/server/store-outage.mjs";
import { CHANGES_CHANNEL } from "./schema";
import type { VersionSource } from "./reader";

/** Waits between reconnections after the database went away: 1 s, doubling, at most this. */
const MAX_BACKOFF_MS = 30_000;

export interface ChangesState {
  /** Connected and listening. */
  connected: boolean;
  /** The newest version announced or read. */
  version?: number;
  /** When the mirror last wrote (epoch ms), as the database said at the last (re)connection or change. */
  mirroredAt?: number;
  /** The last error, while disconnected. */
  error?: string;
  /** Since when the database has been unreachable (epoch ms). */
  downSince?: number;
}

/**
 * An app instance's ear on the database: LISTENs for the mirror's NOTIFY of each new version, so
 * that readers learn of a change within moments and never poll a table. When the connection
 * drops it says so once in the log, keeps the last version (the store keeps serving what it has
 * cached), reconnects with a growing wait, and on reconnection reads the version it missed.
 */
export class ChangesListener implements VersionSource {
  private client?: pg.Client;
  private closed = false;
  private backoff = 1000;
  private timer?: NodeJS.Timeout;
  private attemptedAt = 0;
  /** Connections already given up on: a dropped one reports both "error" and "end". */
  private readonly dead = new WeakSet<pg.Client>();
  readonly state: ChangesState = { connected: false };

  constructor(
    private readonly connectionString: string,
    private readonly log: (line: string) => void = (line) => console.error(`[store] ${line}`),
    private readonly onChange: (version: number) => void = () => undefined,
  ) {}

  known(): number | undefined {
    return this.state.version;
  }

  /** Connects; resolves once listening, or after the first failure (it keeps trying in the background). */
  async start(): Promise<void> {
    await this.connect();
  }

  /**
   * The database answered someone else (a reader's query, the health check's): if this ear is
   * waiting to reconnect, it tries now instead of at the end of its wait, which grows to 30 s over
   * a long outage. Without it, the instance would keep its old version and /healthz its 503 for up
   * to that long after the database was back.
   */
  reconnectNow(): void {
    // Only while waiting (not connecting), and at most once a second: with a replica, its answers
    // say nothing of the primary this ear listens on.
    if (this.closed || this.client || !this.timer || this.state.connected || Date.now() - this.attemptedAt < 1000) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.connect();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.attemptedAt = Date.now();
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5000, keepAlive: true });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, new Error("connection closed")));
    client.on("notification", (msg) => {
      if (msg.channel !== CHANGES_CHANNEL) return;
      const version = Number(msg.payload);
      if (Number.isFinite(version)) this.set(version, Date.now());
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      const { rows } = await client.query<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('version', 'mirrored_at')");
      const meta = new Map(rows.map((r) => [r.key, r.value]));
      this.client = client;
      // One line per outage, whoever noticed its end first: this ear, or a reader's query (lib/server/store-outage.mjs).
      if (this.state.downSince !== undefined) noteReachable(this.log);
      Object.assign(this.state, { connected: true, error: undefined, downSince: undefined });
      this.backoff = 1000;
      this.set(Number(meta.get("version") ?? 0), Number(meta.get("mirrored_at") ?? 0) || undefined);
    } catch (err) {
      client.end().catch(() => undefined);
      this.lost(client, err as Error);
    }
  }

  private set(version: number, mirroredAt: number | undefined) {
    const changed = version !== this.state.version;
    this.state.version = version;
    if (mirroredAt !== undefined) this.state.mirroredAt = mirroredAt;
    if (changed) this.onChange(version);
  }

  private lost(client: pg.Client, err: Error) {
    if (this.closed || this.dead.has(client) || (this.client && this.client !== client)) return;
    this.dead.add(client);
    if (this.state.connected || this.state.downSince === undefined) {
      // Said once per outage, whoever noticed it first: this ear or a reader's query.
      noteUnreachable(err, this.log);
      this.state.downSince = Date.now();
    }
    this.client = undefined;
    Object.assign(this.state, { connected: false, error: err.message });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, this.backoff);
    this.timer.unref?.();
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }
}
