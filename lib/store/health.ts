import { databaseUrl, getOpenedStore, getPg, getStore } from "./index";

export interface StoreHealth {
  ok: boolean;
  store: "sqlite" | "postgres";
  /** The version this instance serves. */
  version?: number;
  /** PostgreSQL: the database answered just now. */
  database?: "reachable" | "unreachable";
  /** PostgreSQL: the newest version in the database, and how many this instance is behind it. */
  databaseVersion?: number;
  behind?: number;
  /** PostgreSQL: seconds since the indexer last copied a change (how old the newest content is, at most). */
  sinceMirrorSeconds?: number;
  /** SQLite, in the process that holds the writer's lease: the safety net's CPU so far (ms) and checks. */
  safetyNet?: { cpuMs: number; checks: number };
  error?: string;
}

/** How long the health check waits for the database before calling it unreachable. */
const PROBE_MS = 2_000;

export async function storeHealth(): Promise<StoreHealth> {
  if (!databaseUrl()) {
    try {
      const net = (await getOpenedStore()).indexer?.safetyNet();
      return { ok: true, store: "sqlite", version: await (await getStore()).version(), ...(net ? { safetyNet: net } : {}) };
    } catch (err) {
      return { ok: false, store: "sqlite", error: (err as Error).message };
    }
  }
  const pg = getPg()!;
  const version = pg.changes.known();
  const base = { store: "postgres" as const, ...(version !== undefined ? { version } : {}) };
  try {
    const probe = pg.read.query<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('version', 'mirrored_at')");
    const { rows } = await Promise.race([probe, timeout(PROBE_MS)]);
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    const databaseVersion = Number(meta.get("version") ?? 0);
    const mirroredAt = Number(meta.get("mirrored_at") ?? 0);
    return {
      ...base,
      // Reachable for queries, and hearing of changes (else it would serve an old version for ever).
      ok: pg.changes.state.connected,
      database: "reachable",
      databaseVersion,
      behind: Math.max(0, databaseVersion - (version ?? 0)),
      ...(mirroredAt ? { sinceMirrorSeconds: Math.round((Date.now() - mirroredAt) / 1000) } : {}),
      ...(pg.changes.state.connected ? {} : { error: `not listening for changes: ${pg.changes.state.error ?? "connecting"}` }),
    };
  } catch (err) {
    return { ...base, ok: false, database: "unreachable", error: (err as Error).message };
  }
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref());
}
