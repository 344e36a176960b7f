/**
 * What the scale bench measured, and how it prints it: four tables (archive and start-up, memory,
 * search and freshness, throughput), a fifth on PostgreSQL, and a PASS/FAIL/INFO line for each
 * of issue 17's targets, at every size measured (the issue sets them at 1,000,000 articles;
 * smaller sizes show the trend).
 *
 * A run measures one store. Every table's second column says which, so that the rows of a SQLite
 * run and a PostgreSQL run can be put under one header by hand and read side by side (the two
 * runs cannot share a machine's minutes anyway: measured in one run, one store's load would land
 * in the other's figures).
 */
import { median } from "../median";
import { BENCH_SHARED_BUFFERS, type StoreKind } from "./pg";
import type { Latency, Load, Serve } from "./server";

export const KINDS = ["article", "home", "section", "deep"] as const;
export type Kind = (typeof KINDS)[number];

/** Issue 17's targets. */
export const TARGETS = {
  indexSeconds: 15 * 60,
  indexMb: 2048,
  restartSeconds: 5,
  residentMb: 400,
  throughputRatio: 0.9,
  searchP95Ms: 100,
  freshSeconds: 5,
  safetyNetCpu: 1,
};

export interface Result {
  size: number;
  corpusSeconds?: number;
  corpusMb?: number;
  /** `npm run index` from nothing: wall time, peak of its process tree, its last line. */
  indexSeconds?: number;
  indexPeakMb?: number;
  indexLine?: string;
  /** PostgreSQL: `npm run index`'s two steps as it printed them (the SQLite index, then its copy), and the database's size after. */
  indexedSeconds?: number;
  copySeconds?: number;
  copyLine?: string;
  databaseMb?: number;
  /**
   * PostgreSQL's own processes (not the app server's): resident memory summed (RSS: the shared
   * buffers once per process that touched them; PSS: shared pages divided among them), at rest
   * and with search in use, and CPU at rest.
   */
  pgRestMb?: number;
  pgRestPssMb?: number;
  pgRestCpu?: number;
  pgSearchMb?: number;
  pgSearchPssMb?: number;
  /** PostgreSQL: `npm run index -- --watch` beside the servers, at rest: its memory and CPU (its safety net, and its poll of the change log). */
  indexerRestMb?: number;
  indexerRestCpu?: number;
  readySeconds?: number;
  firstPageSeconds?: number;
  firstPageCpuSeconds?: number;
  startPeakMb?: number;
  /** After warm-up, settled, no requests for SAFETY_NET_SECONDS. */
  restMb?: number;
  /**
   * CPU of the server's tree at rest over those seconds, in % of one core: on SQLite the safety-net
   * re-scan's cost; on PostgreSQL the app server has none (it LISTENs), and the indexer's is indexerRestCpu.
   */
  safetyNetCpu?: number;
  /**
   * SQLite: the safety net's own CPU over those seconds (% of a core), as its indexer counts it
   * (/healthz): the server's whole CPU also holds V8's idle-time collections and lease renewals.
   */
  netOwnCpu?: number;
  /** Today's separate search index: its build time as the server logged it, and memory at its peak. */
  searchBuildSeconds?: number;
  searchBuildPeakMb?: number;
  /** Search latency by word count, then resident memory with search in use. */
  search?: Record<number, Latency>;
  searchMb?: number;
  /** Seconds until a new file's page answered, and an edited title showed (undefined: not within the limit). */
  freshNewSeconds?: number;
  freshEditSeconds?: number;
  /** Stop, start again on the same content and database: seconds to the first 200 of `/`. */
  restartSeconds?: number;
  /** A second server on the same content and database, warmed with the same pages: resident memory at rest. */
  secondRestMb?: number;
  loadPeakMb?: number;
  deepPage?: number;
  /** The URLs of each kind of page, and the corpus and database they come from (kept until the end). */
  targets?: [Kind, string[]][];
  serve?: Serve;
  /** This size's log folder, beside its database (never inside a corpus kept with --corpus-dir). */
  logs?: string;
  /** Every load run, one per round; `load` holds their medians. */
  samples: Partial<Record<Kind, Load[]>>;
  load: Partial<Record<Kind, Load>>;
  /** Steps that went wrong but let the rest run. */
  notes: string[];
  failure?: string;
  loadAvg: string;
}

export interface RunInfo {
  store: StoreKind;
  /** PostgreSQL's version, and the peak of its processes' resident memory while every size was under load. */
  postgresVersion?: string;
  /** Whether PostgreSQL's shared memory was in huge pages (pg.ts, hugePagesNote). */
  postgresHugePages?: string;
  pgLoadPeakMb?: number;
  buildSeconds?: number;
  buildPeakMb?: number;
  buildLine?: string;
  indexScript: boolean;
  rounds: number;
  seconds: number;
  connections: number;
  safetyNetSeconds: number;
  queriesPerLength: number;
}

export const fmt = (v: number | undefined, digits = 0) => (v === undefined ? "—" : v.toFixed(digits));

function printTable(title: string, header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

const latencyCell = (l: Latency | undefined) => (l ? `${fmt(l.p50)} / ${fmt(l.p95)}` : "—");
const otherCount = (r: Result) =>
  Object.values(r.search ?? {})
    .flatMap((l) => Object.entries(l.other))
    .map(([status, n]) => `${n}×${status}`)
    .join(" ") || (r.search ? "0" : "—");

/** Each round's ratio to the 1,000-article run of the same round, and their median. */
function pairedRatio(r: Result, baseline: Result | undefined, k: Kind) {
  const own = r.samples[k] ?? [];
  const base = baseline?.samples[k] ?? [];
  const pairs = own.slice(0, base.length).map((l, i) => l.rps / base[i]!.rps);
  return { pairs, paired: pairs.length > 0 ? median(pairs) : undefined };
}

/** The store column's cell. */
export const storeLabel = (run: Pick<RunInfo, "store">) => (run.store === "postgres" ? "PostgreSQL" : "SQLite");

export function report(results: Result[], run: RunInfo) {
  const baseline = results.find((r) => r.size === 1000 && r.load.article);
  const size = (r: Result) => r.size.toLocaleString("en");
  const store = storeLabel(run);
  console.log(`\nStore: ${store}${run.store === "postgres" ? postgresNote(run) : ""}`);
  console.log(
    `\nBuild (once, on the repo's demo content): ${fmt(run.buildSeconds)} s, peak ${fmt(run.buildPeakMb)} MB${run.buildLine ? `; ${run.buildLine}` : ""}`,
  );
  if (!run.indexScript) console.log("No `index` script in package.json: the index step is skipped, its figures are —.");

  printTable(
    "Archive, index and start-up",
    ["articles", "store", "corpus s", "corpus MB", "index s", "index peak MB", "listening s", "first page s", "first page CPU s", "start peak MB", "restart s"],
    results.map((r) => [
      size(r),
      store,
      fmt(r.corpusSeconds, 1),
      fmt(r.corpusMb),
      fmt(r.indexSeconds, 1),
      fmt(r.indexPeakMb),
      fmt(r.readySeconds, 1),
      fmt(r.firstPageSeconds, 1),
      fmt(r.firstPageCpuSeconds, 1),
      fmt(r.startPeakMb),
      fmt(r.restartSeconds, 1),
    ]),
  );
  printTable(
    "Resident memory per server process (MB), and the safety net's cost at rest",
    ["articles", "store", "at rest", "search build s", "search build peak", "search in use", "load peak", "2nd process at rest", "rest CPU % core"],
    results.map((r) => [
      size(r),
      store,
      fmt(r.restMb),
      fmt(r.searchBuildSeconds, 1),
      fmt(r.searchBuildPeakMb),
      fmt(r.searchMb),
      fmt(r.loadPeakMb),
      fmt(r.secondRestMb),
      fmt(r.safetyNetCpu, 2),
    ]),
  );
  printTable(
    "Search latency (ms, p50 / p95, one query at a time) and freshness (s)",
    ["articles", "store", "1 word", "2 words", "3 words", "not 200", "new file shown", "edited title shown"],
    results.map((r) => [
      size(r),
      store,
      latencyCell(r.search?.[1]),
      latencyCell(r.search?.[2]),
      latencyCell(r.search?.[3]),
      otherCount(r),
      fmt(r.freshNewSeconds, 1),
      fmt(r.freshEditSeconds, 1),
    ]),
  );
  const rate = (r: Result, k: Kind) => {
    const v = r.load[k]?.rps;
    if (v === undefined) return "—";
    const b = baseline?.load[k]?.rps;
    return b ? `${v.toFixed(0)} (${((100 * v) / b).toFixed(0)} %)` : v.toFixed(0);
  };
  printTable(
    "Throughput (req/s)",
    ["articles", "store", "article", "home", "section", "deep page"],
    results.map((r) => [size(r), store, rate(r, "article"), rate(r, "home"), rate(r, "section"), r.deepPage ? `${rate(r, "deep")} p.${r.deepPage}` : "—"]),
  );
  if (run.store === "postgres") {
    printTable(
      "PostgreSQL: the index and its copy, the database, and what runs beside the app servers (MB resident, % of a core at rest)",
      [
        "articles",
        "index s",
        "copy s",
        "database MB",
        "PostgreSQL at rest RSS (PSS)",
        "with search RSS (PSS)",
        "PostgreSQL CPU %",
        "indexer at rest",
        "indexer CPU %",
      ],
      results.map((r) => [
        size(r),
        fmt(r.indexedSeconds, 1),
        fmt(r.copySeconds, 1),
        fmt(r.databaseMb),
        `${fmt(r.pgRestMb)} (${fmt(r.pgRestPssMb)})`,
        `${fmt(r.pgSearchMb)} (${fmt(r.pgSearchPssMb)})`,
        fmt(r.pgRestCpu, 2),
        fmt(r.indexerRestMb),
        fmt(r.indexerRestCpu, 2),
      ]),
    );
  }
  console.log(
    `\n(req/s: median of ${run.rounds} rounds of ${run.seconds} s per page kind and size, sizes served side by side and taken in turn; ` +
      `${run.connections} connections; % = share of the 1,000-article figure; section = every section's first page in turn, deep page = their ?page=N. ` +
      `Search: ${run.queriesPerLength} queries of each length from the corpus's titles, only 200s timed. Rest CPU over ${run.safetyNetSeconds} s without requests.)`,
  );
  for (const r of results) {
    const latency = Object.entries(r.load).map(
      ([k, l]) => `${k} ${l.cpuMs.toFixed(1)} ms CPU/request, p50 ${l.p50} / p99 ${l.p99} ms${l.bad ? `, ${l.bad} bad` : ""}`,
    );
    const lines = [r.indexLine, r.copyLine].filter(Boolean).map((l) => `; ${l}`);
    console.log(`${size(r)}: load average at start ${r.loadAvg}; ${latency.join("; ")}${lines.join("")}`);
    for (const note of r.notes) console.log(`  NOTE: ${note}`);
    if (r.failure) console.log(`  FAILED: ${r.failure}`);
  }

  for (const r of results) targets(r, baseline, run);
}

function line(verdict: "PASS" | "FAIL" | "INFO", label: string, shown: string) {
  console.log(`${verdict.padEnd(5)} ${label.padEnd(46)} ${shown}`);
}

function check(label: string, value: number | undefined, ok: (v: number) => boolean, shown: string) {
  line(value === undefined ? "FAIL" : ok(value) ? "PASS" : "FAIL", label, value === undefined ? "not measured" : shown);
}

function targets(r: Result, baseline: Result | undefined, run: RunInfo) {
  const T = TARGETS;
  console.log(`\nIssue 17's targets (set at 1,000,000 articles), at ${r.size.toLocaleString("en")}:`);
  line("INFO", "`npm run build` does not grow with the archive", `built once on the demo content: ${fmt(run.buildSeconds)} s, peak ${fmt(run.buildPeakMb)} MB`);
  if (!run.indexScript) {
    line("INFO", `index from nothing ≤ ${T.indexSeconds / 60} min, ≤ ${T.indexMb} MB`, "not measured: no `index` script yet");
  } else {
    check(`index from nothing ≤ ${T.indexSeconds / 60} min`, r.indexSeconds, (v) => v <= T.indexSeconds, `${fmt(r.indexSeconds, 1)} s`);
    check(`index peak ≤ ${T.indexMb} MB`, r.indexPeakMb, (v) => v <= T.indexMb, `${fmt(r.indexPeakMb)} MB`);
  }
  check(`restart, first page ≤ ${T.restartSeconds} s`, r.restartSeconds, (v) => v <= T.restartSeconds, `${fmt(r.restartSeconds, 1)} s`);
  check(`resident at rest ≤ ${T.residentMb} MB`, r.restMb, (v) => v <= T.residentMb, `${fmt(r.restMb)} MB`);
  check(`resident with search in use ≤ ${T.residentMb} MB`, r.searchMb, (v) => v <= T.residentMb, `${fmt(r.searchMb)} MB`);
  check(`resident under load ≤ ${T.residentMb} MB`, r.loadPeakMb, (v) => v <= T.residentMb, `${fmt(r.loadPeakMb)} MB (peak)`);
  check(`2nd process at rest ≤ ${T.residentMb} MB`, r.secondRestMb, (v) => v <= T.residentMb, `${fmt(r.secondRestMb)} MB`);
  line(
    "INFO",
    "2nd process holds no second copy",
    r.secondRestMb === undefined || r.restMb === undefined
      ? "not measured"
      : `2nd ${fmt(r.secondRestMb)} MB vs 1st ${fmt(r.restMb)} MB at rest: a second copy of the index would show as about the same size in both`,
  );
  for (const k of ["article", "home", "section", "deep"] as const) {
    if (r === baseline) break;
    const { pairs, paired } = pairedRatio(r, baseline, k);
    const b = baseline?.load[k]?.rps;
    const v = r.load[k]?.rps;
    const ratio = v !== undefined && b ? v / b : undefined;
    const cpu = `CPU per request ${fmt(r.load[k]?.cpuMs, 1)} ms vs ${fmt(baseline?.load[k]?.cpuMs, 1)} ms`;
    const shown = `${fmt(paired && paired * 100)} % median of the rounds' ratios (${pairs.map((x) => x.toFixed(2)).join(" ")}); ratio of medians ${fmt(ratio && ratio * 100)} %; ${cpu}`;
    if (k === "deep") {
      // Not one of the targets: a small archive has no page 200, so its deep page is another page
      // listing other, newer stories, and the comparison mixes depth with content.
      line("INFO", `deep page req/s vs 1,000's p.${baseline?.deepPage ?? "?"}`, shown);
      continue;
    }
    check(`${k} req/s ≥ ${T.throughputRatio * 100} % of 1,000`, paired, (x) => x >= T.throughputRatio, shown);
  }
  for (const words of [1, 2, 3]) {
    const l = r.search?.[words];
    const others = l ? Object.entries(l.other).map(([s, n]) => `${n}×${s}`) : [];
    check(
      `search p95 ≤ ${T.searchP95Ms} ms, ${words} word${words > 1 ? "s" : ""}`,
      l?.p95,
      (v) => v <= T.searchP95Ms,
      `${fmt(l?.p95)} ms (p50 ${fmt(l?.p50)} ms, ${l?.ok ?? 0} answered 200${others.length ? `, ${others.join(" ")} not timed` : ""})`,
    );
  }
  check(`new file shown ≤ ${T.freshSeconds} s`, r.freshNewSeconds, (v) => v <= T.freshSeconds, `${fmt(r.freshNewSeconds, 1)} s`);
  check(`edited title shown ≤ ${T.freshSeconds} s`, r.freshEditSeconds, (v) => v <= T.freshSeconds, `${fmt(r.freshEditSeconds, 1)} s`);
  if (run.store === "postgres") {
    // The safety net (the re-scan of the content folder) runs in the indexer, the one process
    // with the folder; an app server only LISTENs, and its CPU at rest should be about nothing.
    check(
      `safety net ≤ ${T.safetyNetCpu} % of a core at rest (indexer)`,
      r.indexerRestCpu,
      (v) => v <= T.safetyNetCpu,
      `${fmt(r.indexerRestCpu, 2)} % over ${run.safetyNetSeconds} s (npm run index -- --watch)`,
    );
    line("INFO", "app server's CPU at rest (LISTEN, no polling)", `${fmt(r.safetyNetCpu, 2)} % of a core over ${run.safetyNetSeconds} s`);
    line(
      "INFO",
      "PostgreSQL's own processes",
      `${fmt(r.pgRestMb)} MB resident at rest (PSS ${fmt(r.pgRestPssMb)}), ${fmt(r.pgSearchMb)} MB with search in use (PSS ${fmt(r.pgSearchPssMb)}), ${fmt(r.pgRestCpu, 2)} % of a core at rest; database ${fmt(r.databaseMb)} MB`,
    );
  } else if (r.netOwnCpu !== undefined) {
    check(
      `safety net ≤ ${T.safetyNetCpu} % of a core at rest (its own checks)`,
      r.netOwnCpu,
      (v) => v <= T.safetyNetCpu,
      `${fmt(r.netOwnCpu, 2)} % over ${run.safetyNetSeconds} s (the indexer's count, /healthz)`,
    );
    line(
      "INFO",
      "server's whole CPU at rest",
      `${fmt(r.safetyNetCpu, 2)} % of a core over ${run.safetyNetSeconds} s (safety net, lease renewals, V8's idle-time collections)`,
    );
  } else
    check(
      `safety net ≤ ${T.safetyNetCpu} % of a core at rest`,
      r.safetyNetCpu,
      (v) => v <= T.safetyNetCpu,
      `${fmt(r.safetyNetCpu, 2)} % over ${run.safetyNetSeconds} s`,
    );
}

/** What the PostgreSQL run was, for the title line. */
export function postgresNote(run: Pick<RunInfo, "postgresVersion" | "postgresHugePages" | "pgLoadPeakMb">): string {
  return (
    ` ${run.postgresVersion ?? ""} on this machine, durability on as in production (fsync, synchronous_commit, full_page_writes), ` +
    `shared_buffers ${BENCH_SHARED_BUFFERS} (docs/production.md: a quarter of an 8 GB database machine), ` +
    `${run.postgresHugePages ? `${run.postgresHugePages}, ` : ""}one database per size, each with pg_prewarm (docs/production.md); ` +
    "app servers with DATABASE_URL and no content folder, `npm run index -- --watch` beside them from the warm-up on " +
    "(measured at rest from 30 s after it caught up; it carries the freshness probes' edits); the servers' memory excludes PostgreSQL's processes, whose resident memory is summed apart " +
    `(RSS: shared buffers counted in every process that touched them; PSS: shared pages divided among them)${run.pgLoadPeakMb === undefined ? "" : `; PostgreSQL's peak with every size under load: ${fmt(run.pgLoadPeakMb)} MB`}`
  ).replace(/ {2,}/g, " ");
}
