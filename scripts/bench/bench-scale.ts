/**
 * `npm run bench:scale [-- --sizes 1000,10000,100000]`: how the site copes with a large archive.
 * For each size it generates a corpus in a temporary folder (the newest articles of the largest
 * size's archive, so that the front pages measured list the same stories at every size and only
 * the archive behind them grows), runs `npm run build` against it
 * (wall time, peak memory of the whole process tree), starts the production server on it and
 * measures the time to the first page, resident memory at rest, and the first search (which builds
 * the search index): its time and memory with the index built. Then it serves every size at
 * once from the last build and measures requests per second on articles spread across the
 * archive, the home page, and every section's first and a deep page, in rounds that take the sizes in
 * turn: on a shared two-core machine the load of the moment moves a single 10-second figure by
 * 10-20 %, and taking the sizes side by side, round after round, keeps that drift out of the
 * comparison. Each figure is the median of the rounds; the throughput targets are checked on the
 * median of each round's ratio to the 1,000-article run of the same round. Each server builds its
 * search index (one search) before it is measured under load, as a newsroom's would within minutes.
 * Prints one table and the targets for 100,000 articles. It is a benchmark: it exits 0 whatever the figures, and 1 only when it could
 * not run.
 *
 * Options: --sizes (1000,10000,100000), --seconds per load run (10), --rounds (3),
 * --connections (16), --port (3950; size i is served on port + i), --start-timeout seconds (600),
 * --build-timeout seconds (1200), --seed (1), --skip-build (reuse .next as it is: the server then
 * starts without the build's front-matter cache).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { indexCacheOptions } from "../../lib/content/store";
import { writeCorpus } from "../generate/corpus/write";
import { median } from "./median";
import { CLOCK_TICKS, settle } from "./settle";
import { serverEnv } from "../../lib/server/server-env.mjs";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
    port: { type: "string", default: "3950" },
    "start-timeout": { type: "string", default: "600" },
    "build-timeout": { type: "string", default: "1200" },
    seed: { type: "string", default: "1" },
    "skip-build": { type: "boolean", default: false },
  },
});
const SIZES = values.sizes.split(",").map((s) => Number(s.trim()));
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);
const PORT = Number(values.port);
const START_TIMEOUT_MS = Number(values["start-timeout"]) * 1000;
const BUILD_TIMEOUT_MS = Number(values["build-timeout"]) * 1000;
const SEED = Number(values.seed);
// One end for every corpus (a minute ago: nothing is scheduled for the future).
const CORPUS_END = Date.now() - (Date.now() % 60_000) - 60_000;
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: positive integers, got ${values.sizes}`);
const ARCHIVE = Math.max(...SIZES);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds: a positive integer, got ${values.rounds}`);

const root = path.resolve(import.meta.dirname, "../..");
const baseOf = (port: number) => `http://127.0.0.1:${port}`;
const PAGE_BYTES = Number(execFileSync("getconf", ["PAGESIZE"]).toString().trim()) || 4096;
const REST_SECONDS = 10;
const LIST_PAGE_SIZE = 20;
const DEEP_PAGE = 200;
const MB = 1024 * 1024;

const TARGETS = {
  size: 100_000,
  buildSeconds: 300,
  buildMb: 2048,
  firstPageSeconds: 10,
  residentMb: 700,
  throughputRatio: 0.9,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory (bytes) and CPU time used so far (clock ticks) of a process and its descendants. */
function treeStats(rootPid: number): { rss: number; ticks: number } {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited between the listing and the read
    }
    // The command name is in parentheses and may contain spaces: fields start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    parent.set(pid, Number(fields[1]));
    rss.set(pid, Number(fields[21]) * PAGE_BYTES);
    ticks.set(pid, Number(fields[11]) + Number(fields[12]));
  }
  const total = { rss: 0, ticks: 0 };
  for (const [pid, bytes] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        total.rss += bytes;
        total.ticks += ticks.get(pid) ?? 0;
        break;
      }
    }
  }
  return total;
}

const treeRss = (rootPid: number) => treeStats(rootPid).rss;

/** Samples a process tree's resident memory every 200 ms and keeps the peak. */
function memorySampler(pid: number) {
  let peak = 0;
  let last = 0;
  const sample = () => {
    last = treeRss(pid);
    peak = Math.max(peak, last);
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    get peak() {
      return peak;
    },
    get last() {
      return last;
    },
    reset() {
      sample();
      peak = last;
    },
    stop() {
      clearInterval(timer);
      sample();
    },
  };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/** Stops a process group we started, by its leader's PID: TERM, then KILL after 10 s. */
async function stopGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitOf(child);
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trim().split("\n").slice(-lines).join("\n");
}

interface Load {
  rps: number;
  /** Server CPU time per answered request: unlike req/s, barely moved by other work on the machine. */
  cpuMs: number;
  p50: number;
  p99: number;
  bad: number;
}

interface Result {
  size: number;
  corpusSeconds?: number;
  corpusMb?: number;
  buildSeconds?: number;
  buildPeakMb?: number;
  readySeconds?: number;
  firstPageSeconds?: number;
  firstPageCpuSeconds?: number;
  startPeakMb?: number;
  restMb?: number;
  /** CPU used at rest, in % of one core. */
  restCpu?: number;
  loadPeakMb?: number;
  /** The first search: how long the search index took to build, memory at its peak and after. */
  searchSeconds?: number;
  searchPeakMb?: number;
  searchMb?: number;
  deepPage?: number;
  /** The URLs of each kind of page, and the corpus they come from (kept until the end). */
  targets?: [Kind, string[]][];
  content?: string;
  /** Every load run, one per round; `load` holds their medians. */
  samples: Partial<Record<Kind, Load[]>>;
  load: Partial<Record<Kind, Load>>;
  failure?: string;
  loadAvg: string;
}

async function runLoad(serverPid: number, port: number, paths: string[], seconds = SECONDS): Promise<Load> {
  let i = 0;
  const ticks = treeStats(serverPid).ticks;
  const result = await autocannon({
    url: baseOf(port),
    connections: CONNECTIONS,
    duration: seconds,
    // A different URL per request: one hot page would measure a cache, not the archive.
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  const cpuSeconds = (treeStats(serverPid).ticks - ticks) / CLOCK_TICKS;
  return {
    rps: result.requests.average,
    cpuMs: (1000 * cpuSeconds) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.errors + result.timeouts + result.non2xx,
  };
}

/** Asks for `/` until it answers 200; connection refusals mean the server is not listening yet. */
async function waitForFirstPage(deadline: number, server: ChildProcess, port = PORT): Promise<void> {
  const base = baseOf(port);
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the server exited (${server.exitCode ?? server.signalCode})`);
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no page within ${START_TIMEOUT_MS / 1000} s`);
    const status = await fetch(`${base}/`, { signal: AbortSignal.timeout(left) }).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status;
      },
      () => 0,
    );
    if (status === 200) return;
    await sleep(status === 0 ? 50 : 250);
  }
}

const SEARCH_QUERY = "Минск";

/**
 * Asks one search, which has the server build its search index, and waits for the server's log
 * line saying it is built; returns the build time the server logged.
 */
async function buildSearchIndex(port: number, logFile: string, server: ChildProcess): Promise<number> {
  const r = await fetch(`${baseOf(port)}/search?q=${encodeURIComponent(SEARCH_QUERY)}`);
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`search: answered ${r.status}`);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const line = /\[search\] indexed \d+ articles in ([\d.]+) s/.exec(await readFile(logFile, "utf8").catch(() => ""));
    if (line) return Number(line[1]);
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`search: the server exited (${server.exitCode ?? server.signalCode})`);
    if (Date.now() > deadline) throw new Error(`search: no index within ${START_TIMEOUT_MS / 1000} s`);
    await sleep(500);
  }
}

async function measure(size: number): Promise<Result> {
  const result: Result = {
    size,
    load: {},
    samples: {},
    loadAvg: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" "),
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), `bench-scale-${size}-`));
  tempDirs.add(dir);
  const content = path.join(dir, "content");
  const logs = path.join(dir, "logs");
  let server: ChildProcess | undefined;
  let mem: ReturnType<typeof memorySampler> | undefined;
  try {
    // 1. The corpus. Its article list tells which URLs exist.
    const articles: { slug: string; dateMs: number; section: string }[] = [];
    let started = performance.now();
    const written = await writeCorpus({
      articles: size,
      seed: SEED,
      end: CORPUS_END,
      // Every size is the newest part of the largest archive: the home and section pages then
      // list the same stories at every size, and only the archive behind them differs.
      archive: ARCHIVE,
      out: content,
      source: path.join(root, "content"),
      onArticle: (a) => articles.push({ slug: a.slug, dateMs: a.dateMs, section: a.section }),
    });
    result.corpusSeconds = (performance.now() - started) / 1000;
    result.corpusMb = written.bytes / MB;
    log(size, `corpus: ${written.articles} articles, ${result.corpusMb.toFixed(0)} MB in ${result.corpusSeconds.toFixed(1)} s`);

    const env = { ...process.env, CONTENT_DIR: content, NEXT_TELEMETRY_DISABLED: "1" };
    await mkdir(logs);

    // 2. The build, in its own process group so its whole tree is measured and stopped together.
    if (!values["skip-build"]) {
      const buildLog = path.join(logs, "build.log");
      const out = createWriteStream(buildLog);
      started = performance.now();
      const build = spawn("npm", ["run", "build"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      children.add(build);
      build.stdout!.pipe(out);
      build.stderr!.pipe(out);
      const buildMem = memorySampler(build.pid!);
      const timer = setTimeout(() => void stopGroup(build), BUILD_TIMEOUT_MS);
      const code = await exitOf(build);
      children.delete(build);
      clearTimeout(timer);
      buildMem.stop();
      result.buildSeconds = (performance.now() - started) / 1000;
      result.buildPeakMb = buildMem.peak / MB;
      const indexed = /index-content: .*? in [\d.]+ s/.exec(await readFile(buildLog, "utf8").catch(() => ""))?.[0];
      log(size, `build: ${result.buildSeconds.toFixed(0)} s, peak ${result.buildPeakMb.toFixed(0)} MB (exit ${code})${indexed ? `; ${indexed}` : ""}`);
      if (code !== 0) throw new Error(`the build failed (exit ${code}):\n${await tail(buildLog)}`);
    }

    // 3. Start-up: from spawn to the first 200 on `/` (which is when the content is read).
    const serverLog = path.join(logs, "server.log");
    started = performance.now();
    server = startServer(content, PORT, serverLog);
    server.stdout!.on("data", (chunk: Buffer) => {
      if (result.readySeconds === undefined && chunk.toString().includes("ready on")) result.readySeconds = (performance.now() - started) / 1000;
    });
    mem = memorySampler(server.pid!);
    try {
      await waitForFirstPage(Date.now() + START_TIMEOUT_MS, server);
    } catch (err) {
      mem.stop();
      const cpu = treeStats(server.pid!).ticks / CLOCK_TICKS;
      throw new Error(
        `${(err as Error).message} after ${((performance.now() - started) / 1000).toFixed(1)} s (${cpu.toFixed(0)} s of CPU); ` +
          `server memory then ${(mem.last / MB).toFixed(0)} MB, peak ${(mem.peak / MB).toFixed(0)} MB\n${await tail(serverLog)}`,
      );
    }
    result.firstPageSeconds = (performance.now() - started) / 1000;
    // CPU time says what the start-up costs even when other work on the machine stretches wall time.
    result.firstPageCpuSeconds = treeStats(server.pid!).ticks / CLOCK_TICKS;
    result.startPeakMb = mem.peak / MB;
    log(
      size,
      `first page after ${result.firstPageSeconds.toFixed(1)} s, ${result.firstPageCpuSeconds.toFixed(1)} s of CPU ` +
        `(listening after ${result.readySeconds?.toFixed(1) ?? "?"} s), peak ${result.startPeakMb.toFixed(0)} MB`,
    );

    // 4. The URLs: articles spread evenly across the archive, oldest to newest.
    const byDate = [...articles].sort((a, b) => a.dateMs - b.dateMs);
    const spread = Math.min(500, byDate.length);
    const articlePaths = Array.from({ length: spread }, (_, k) => `/news/${byDate[Math.floor((k * byDate.length) / spread)]!.slug}`);
    // Every section's pages, taken in turn, so that no one section's page (its length, its photos)
    // stands for all of them. The first pages list the same stories at every size (the corpora are
    // the newest parts of one archive); the deep pages cannot (a small archive has no page 200).
    const perSection = new Map<string, number>();
    for (const a of articles) perSection.set(a.section, (perSection.get(a.section) ?? 0) + 1);
    const sections = [...perSection.keys()].sort();
    const smallest = Math.min(...perSection.values());
    const pageCount = Math.max(1, Math.ceil(smallest / LIST_PAGE_SIZE));
    // A full page: the last one may hold a single article, which would flatter a small archive.
    result.deepPage = Math.min(DEEP_PAGE, Math.max(1, pageCount - 1));
    const targets: [Kind, string[]][] = [
      ["article", articlePaths],
      ["home", ["/"]],
      ["section", sections.map((section) => `/section/${section}`)],
      ["deep", sections.map((section) => `/section/${section}?page=${result.deepPage}`)],
    ];

    result.targets = targets;
    result.content = content;

    // 5. Warm-up, then memory at rest.
    const base = baseOf(PORT);
    for (const [, paths] of targets) {
      const warm = paths.length > 50 ? paths.filter((_, k) => k % Math.ceil(paths.length / 50) === 0) : [...paths, ...paths, ...paths, ...paths, ...paths];
      for (const p of warm) {
        const r = await fetch(base + p);
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`warm-up: ${p} answered ${r.status}`);
      }
    }
    // At rest the server still re-scans the content folder every 5 s: its CPU share is measured too.
    await sleep(2000);
    const before = treeStats(server.pid!).ticks;
    await sleep(REST_SECONDS * 1000);
    const rest = treeStats(server.pid!);
    result.restMb = rest.rss / MB;
    result.restCpu = (100 * (rest.ticks - before)) / CLOCK_TICKS / REST_SECONDS;
    log(size, `at rest: ${result.restMb.toFixed(0)} MB, ${result.restCpu.toFixed(0)} % of a core`);

    // 6. The first search builds the search index, which then stays in memory.
    mem.reset();
    result.searchSeconds = await buildSearchIndex(PORT, serverLog, server);
    await sleep(2000);
    result.searchPeakMb = mem.peak / MB;
    result.searchMb = treeRss(server.pid!) / MB;
    log(
      size,
      `search index built in ${result.searchSeconds.toFixed(1)} s; memory peak ${result.searchPeakMb.toFixed(0)} MB, then ${result.searchMb.toFixed(0)} MB`,
    );
  } catch (err) {
    result.failure = (err as Error).message;
    log(size, `FAILED: ${result.failure}`);
  } finally {
    // A sampler left running would keep the bench from ever exiting.
    mem?.stop();
    if (server) {
      await stopGroup(server);
      children.delete(server);
    }
  }
  return result;
}

/** The production server on one content folder, in its own process group, logging to a file. */
function startServer(content: string, port: number, logFile: string): ChildProcess {
  const out = createWriteStream(logFile, { flags: "a" });
  const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: serverEnv({ ...process.env, CONTENT_DIR: content, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(server);
  server.stdout!.pipe(out);
  server.stderr!.pipe(out);
  return server;
}

const KINDS = ["article", "home", "section", "deep"] as const;
type Kind = (typeof KINDS)[number];

/**
 * 7. Throughput: every size served at once from the same (last) build, one server per size, and
 * the load runs taking the sizes in turn, round after round (the order reversed every other round).
 * Each server has built its search index first, as a newsroom's would within minutes.
 */
async function throughput(results: Result[]) {
  const ready = results.filter((r) => !r.failure && r.targets && r.content);
  const servers: { r: Result; port: number; server: ChildProcess; mem: ReturnType<typeof memorySampler> }[] = [];
  try {
    for (const [i, r] of ready.entries()) {
      const port = PORT + 1 + i;
      const serveLog = path.join(path.dirname(r.content!), "logs", "serve.log");
      const server = startServer(r.content!, port, serveLog);
      servers.push({ r, port, server, mem: memorySampler(server.pid!) });
      await waitForFirstPage(Date.now() + START_TIMEOUT_MS, server, port);
      await buildSearchIndex(port, serveLog, server);
    }
    // A few seconds of each kind of page first, so that every server runs compiled code.
    for (const { r, port, server } of servers) for (const [, paths] of r.targets!) await runLoad(server.pid!, port, paths, 3);
    for (const { mem } of servers) mem.reset();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const kind of KINDS) {
        for (const { r, port, server } of round % 2 ? servers : [...servers].reverse()) {
          const paths = r.targets!.find(([k]) => k === kind)![1];
          await settle(() => (servers.reduce((sum, s) => sum + treeStats(s.server.pid!).ticks, 0) * 1000) / CLOCK_TICKS);
          const l = await runLoad(server.pid!, port, paths);
          (r.samples[kind] ??= []).push(l);
          log(
            r.size,
            `round ${round}, ${kind}: ${l.rps.toFixed(0)} req/s, ${l.cpuMs.toFixed(1)} ms CPU/request, p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.bad} bad`,
          );
        }
      }
    }
    for (const { r, mem } of servers) {
      mem.stop();
      r.loadPeakMb = mem.peak / MB;
      for (const kind of KINDS) {
        const runs = r.samples[kind] ?? [];
        if (runs.length === 0) continue;
        const rps = median(runs.map((l) => l.rps));
        const typical = runs.reduce((a, b) => (Math.abs(b.rps - rps) < Math.abs(a.rps - rps) ? b : a));
        r.load[kind] = { rps, cpuMs: median(runs.map((l) => l.cpuMs)), p50: typical.p50, p99: typical.p99, bad: runs.reduce((n, l) => n + l.bad, 0) };
      }
    }
  } catch (err) {
    for (const r of ready) r.failure ??= `throughput: ${(err as Error).message}`;
    console.error(`throughput: ${(err as Error).message}`);
  } finally {
    for (const { server, mem } of servers) {
      mem.stop();
      await stopGroup(server);
      children.delete(server);
    }
  }
}

/** The corpora and the front-matter caches the builds left for them beside .next. */
async function cleanUp(results: Result[]) {
  for (const r of results) {
    if (!r.content) continue;
    const cache = indexCacheOptions(root, { force: true, content: r.content });
    if (cache) await rm(cache.file, { force: true });
  }
  for (const dir of tempDirs) {
    await rm(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  }
}

function log(size: number, line: string) {
  console.error(`[${size.toLocaleString("en")}] ${line}`);
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined ? "—" : v.toFixed(digits));

function table(results: Result[]) {
  const baseline = results.find((r) => r.size === 1000 && r.load.article);
  const rate = (r: Result, k: keyof Result["load"]) => {
    const v = r.load[k]?.rps;
    if (v === undefined) return "—";
    const b = baseline?.load[k]?.rps;
    return b ? `${v.toFixed(0)} (${((100 * v) / b).toFixed(0)} %)` : v.toFixed(0);
  };
  const header = [
    "articles",
    "corpus s",
    "build s",
    "build peak MB",
    "listening s",
    "first page s",
    "first page CPU s",
    "start peak MB",
    "rest MB",
    "rest CPU %",
    "search build s",
    "search peak / after MB",
    "load peak MB",
    "article req/s",
    "home req/s",
    "section req/s",
    "deep page req/s",
  ];
  const rows = results.map((r) => [
    r.size.toLocaleString("en"),
    fmt(r.corpusSeconds, 1),
    fmt(r.buildSeconds),
    fmt(r.buildPeakMb),
    fmt(r.readySeconds, 1),
    fmt(r.firstPageSeconds, 1),
    fmt(r.firstPageCpuSeconds, 1),
    fmt(r.startPeakMb),
    fmt(r.restMb),
    fmt(r.restCpu),
    fmt(r.searchSeconds, 1),
    r.searchMb === undefined ? "—" : `${fmt(r.searchPeakMb)} / ${fmt(r.searchMb)}`,
    fmt(r.loadPeakMb),
    rate(r, "article"),
    rate(r, "home"),
    rate(r, "section"),
    r.deepPage ? `${rate(r, "deep")} p.${r.deepPage}` : "—",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    `\n(req/s: median of ${ROUNDS} rounds of ${SECONDS} s per page kind and size, sizes served side by side and taken in turn; ` +
      `${CONNECTIONS} connections; % = share of the 1,000-article figure; section = every section's first page in turn, deep page = their ?page=N)`,
  );
  for (const r of results) {
    const latency = Object.entries(r.load).map(
      ([k, l]) => `${k} ${l.cpuMs.toFixed(1)} ms CPU/request, p50 ${l.p50} / p99 ${l.p99} ms${l.bad ? `, ${l.bad} bad` : ""}`,
    );
    console.log(`${r.size.toLocaleString("en")}: load average at start ${r.loadAvg}; ${latency.join("; ")}${r.failure ? `\n  FAILED: ${r.failure}` : ""}`);
  }

  const big = results.find((r) => r.size === TARGETS.size);
  if (!big) return;
  const check = (label: string, value: number | undefined, ok: (v: number) => boolean, shown: string) =>
    console.log(
      `${(value === undefined ? "FAIL" : ok(value) ? "PASS" : "FAIL").padEnd(5)} ${label.padEnd(40)} ${value === undefined ? "not measured" : shown}`,
    );
  console.log(`\nTargets at ${TARGETS.size.toLocaleString("en")} articles:`);
  check(`build ≤ ${TARGETS.buildSeconds} s`, big.buildSeconds, (v) => v <= TARGETS.buildSeconds, `${fmt(big.buildSeconds)} s`);
  check(`build peak ≤ ${TARGETS.buildMb} MB`, big.buildPeakMb, (v) => v <= TARGETS.buildMb, `${fmt(big.buildPeakMb)} MB`);
  check(`start to first page ≤ ${TARGETS.firstPageSeconds} s`, big.firstPageSeconds, (v) => v <= TARGETS.firstPageSeconds, `${fmt(big.firstPageSeconds, 1)} s`);
  check(`resident memory at rest ≤ ${TARGETS.residentMb} MB`, big.restMb, (v) => v <= TARGETS.residentMb, `${fmt(big.restMb)} MB`);
  check(
    `resident memory with search ≤ ${TARGETS.residentMb} MB`,
    big.searchMb,
    (v) => v <= TARGETS.residentMb,
    `${fmt(big.searchMb)} MB (peak while building ${fmt(big.searchPeakMb)} MB)`,
  );
  check(`resident memory under load ≤ ${TARGETS.residentMb} MB`, big.loadPeakMb, (v) => v <= TARGETS.residentMb, `${fmt(big.loadPeakMb)} MB`);
  for (const k of ["article", "home", "section", "deep"] as const) {
    const b = baseline?.load[k]?.rps;
    const v = big.load[k]?.rps;
    const ratio = v !== undefined && b ? v / b : undefined;
    // Each round's two runs are minutes apart at most, so their ratio leaves out the drift of the
    // machine's speed over the whole run; the median of those ratios is what is checked.
    const own = big.samples[k] ?? [];
    const base = baseline?.samples[k] ?? [];
    const pairs = own.slice(0, base.length).map((l, i) => l.rps / base[i]!.rps);
    const paired = pairs.length > 0 ? median(pairs) : undefined;
    const cpu = `CPU per request ${fmt(big.load[k]?.cpuMs, 1)} ms vs ${fmt(baseline?.load[k]?.cpuMs, 1)} ms`;
    const shown = `${fmt(paired && paired * 100)} % median of the rounds' ratios (${pairs.map((x) => x.toFixed(2)).join(" ")}); ratio of medians ${fmt(ratio && ratio * 100)} %; ${cpu}`;
    if (k === "deep") {
      // Not one of the targets: a small archive has no page 200, so its deep page is another page
      // (p.6 of 1,000) listing other, newer stories, and the comparison mixes depth with content.
      console.log(`${"INFO".padEnd(5)} ${`deep page req/s vs 1,000's p.${baseline?.deepPage ?? "?"}`.padEnd(40)} ${shown}`);
      continue;
    }
    check(`${k} req/s ≥ ${TARGETS.throughputRatio * 100} % of 1,000`, paired, (x) => x >= TARGETS.throughputRatio, shown);
  }
}

const results: Result[] = [];
// The build and the server run in their own process groups, so an interrupted run stops them here.
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
process.once("SIGINT", () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  process.exit(130);
});
try {
  for (const size of SIZES) results.push(await measure(size));
  await throughput(results);
} finally {
  await cleanUp(results);
}
table(results);
