/**
 * The scale bench's PostgreSQL (`--store postgres`): a server of its own (scripts/dev/postgres.ts)
 * with durability on, as a real site's (fsync, synchronous commits, full-page writes: the copy's
 * time includes them), one database per size, and what the bench reads of it: the database's
 * size and the resident memory and CPU of PostgreSQL's own processes, which are not the app
 * server's children and so never count in its figures. The parsers of `npm run index`'s lines
 * are pure, and tested.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startPostgres, type LocalPostgres } from "../../dev/postgres";
import { MB, treeStats } from "./proc";

export type StoreKind = "sqlite" | "postgres";

export function storeOf(value: string): StoreKind {
  if (value === "sqlite" || value === "postgres") return value;
  throw new Error(`--store: sqlite or postgres, got ${value}`);
}

/** The URL of another database on the same server. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One database per size: `bench_1000`, `bench_100000`. */
export const databaseNameFor = (size: number) => `bench_${size}`;

export interface IndexLines {
  /** `indexed <N> articles in <S> s`: the SQLite index, before any copy. */
  indexLine?: string;
  indexSeconds?: number;
  /** `copied … to PostgreSQL in <S> s`: the copy of that index into PostgreSQL. */
  copyLine?: string;
  copySeconds?: number;
}

/** What `npm run index` said of its two steps (its log; either line may be missing). */
export function indexLines(log: string): IndexLines {
  const out: IndexLines = {};
  const indexed = /indexed \d+ articles in ([\d.]+) s/.exec(log);
  if (indexed) [out.indexLine, out.indexSeconds] = [indexed[0], Number(indexed[1])];
  // Not the mirror's progress lines ("[mirror] copied 50000 articles"): the one that ends the copy.
  const copied = /copied [^\n]* to PostgreSQL in ([\d.]+) s/.exec(log);
  if (copied) [out.copyLine, out.copySeconds] = [copied[0], Number(copied[1])];
  return out;
}

export interface BenchPostgres {
  server: LocalPostgres;
  /** The postmaster's PID: its process tree is PostgreSQL (every backend is its child). */
  pid: number;
  version: string;
  /** Whether its shared memory is in huge pages (hugePagesNote); asked once it has served queries. */
  hugePages(): string;
  /** Creates a size's database (dropped first if a kept data folder had one) and returns its URL. */
  createDatabase(size: number): Promise<string>;
  databaseMb(url: string): Promise<number>;
  /**
   * Resident memory (MB) and CPU ticks of all PostgreSQL's processes. The RSS sum counts the shared
   * buffers in every process that touched them; the PSS sum shares each page among them.
   */
  stats(): { rssMb: number; pssMb: number; ticks: number };
  stop(): Promise<void>;
}

/**
 * The bench's shared_buffers: docs/production.md's quarter of a database machine's memory, for a
 * machine of 8 GB. Debian's 128 MB held the search's table and index at 100,000 articles (about
 * 110 MB) but not at a million (1,070 MB): each search then read its 5,000 to 20,000 rows' pages
 * from the kernel's cache, some 6 µs a page, and a two-word search at a million took 62 ms where
 * the same with its pages in shared buffers took 24 (1 December). A site of that size is run with
 * its database sized for it; the run states the setting.
 */
export const BENCH_SHARED_BUFFERS = "2GB";

export async function startBenchPostgres(dir: string, port: number, log: (line: string) => void): Promise<BenchPostgres> {
  const server = await startPostgres({ dir, port, fast: false, log, timeoutMs: 60_000, settings: { shared_buffers: BENCH_SHARED_BUFFERS } });
  const pid = Number(readFileSync(path.join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const ask = async <T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const version = await ask(server.url, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);
  const reserved = Number(readFileSync("/proc/sys/vm/nr_hugepages", "utf8").trim()) || 0;
  return {
    server,
    pid,
    version,
    hugePages: () => hugePagesNote(reserved, readFileSync(`/proc/${pid}/smaps_rollup`, "utf8")),
    async createDatabase(size) {
      const name = databaseNameFor(size);
      await ask(server.url, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        await c.query(`CREATE DATABASE ${name}`);
      });
      const url = databaseUrlFor(server.url, name);
      // As docs/production.md advises: a whole copy then leaves the search's indexes in the buffers.
      await ask(url, (c) => c.query("CREATE EXTENSION IF NOT EXISTS pg_prewarm"));
      return url;
    },
    async databaseMb(url) {
      return ask(url, async (c) => Number((await c.query<{ n: string }>("SELECT pg_database_size(current_database()) AS n")).rows[0]!.n) / MB);
    },
    stats() {
      const { rss, ticks } = treeStats(pid);
      // A backend that has exited (a pool closing an idle connection) takes its CPU time out of
      // the tree's sum; the postmaster keeps it, as its children's time.
      return { rssMb: rss / MB, pssMb: treePssKb(pid) / 1024, ticks: ticks + childTicksOf(readFileSync(`/proc/${pid}/stat`, "utf8")) };
    },
    stop: () => server.stop(),
  };
}

/**
 * Whether PostgreSQL's shared memory is in huge pages, from the machine's reservation
 * (/proc/sys/vm/nr_hugepages) and the postmaster's /proc/<pid>/smaps_rollup. Without them every new
 * connection faults in each page of the shared buffers it touches: 95 ms against 9 ms for a search
 * reading 5,000 rows at 100,000 articles (docs/production.md). PostgreSQL takes them by itself
 * (huge_pages = try) when the machine has them; the run says which it measured.
 */
export function hugePagesNote(reserved: number, smapsRollup: string): string {
  const kb = [...smapsRollup.matchAll(/^(?:Shared|Private)_Hugetlb:\s+(\d+) kB/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  if (kb > 0) return `shared memory in huge pages (vm.nr_hugepages = ${reserved})`;
  return `shared memory in 4 KB pages (vm.nr_hugepages = ${reserved}): each new connection faults in the shared buffers it reads`;
}

/** CPU ticks of a process's children that have exited (cutime + cstime of its /proc/<pid>/stat line). */
export function childTicksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[13]) + Number(fields[14]);
}

/** The proportional set size (kB) of /proc/<pid>/smaps_rollup's text; 0 when it has none. */
export function pssKbOf(smapsRollup: string): number {
  return Number(/^Pss:\s+(\d+) kB/m.exec(smapsRollup)?.[1] ?? 0);
}

/** The PSS (kB) of a process and its children (PostgreSQL's backends are the postmaster's children). */
function treePssKb(rootPid: number): number {
  let total = 0;
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (pid === rootPid || parent === rootPid) total += pssKbOf(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    } catch {
      // exited between the listing and the read
    }
  }
  return total;
}
