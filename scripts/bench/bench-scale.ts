/**
 * `npm run bench:scale [-- --sizes 1000,100000,1000000]`: how the site copes with a large archive,
 * measured against issue 17's targets. It builds once (on the repo's demo content: the build no
 * longer reads the archive), then for each size generates a corpus in a temporary folder (the
 * newest articles of the largest size's archive, so that the front pages measured list the same
 * stories at every size and only the archive behind them grows), indexes it from nothing with
 * `npm run index` into a database of its own (when the project has that script), starts the
 * production server on it (CONTENT_DIR + INDEX_DB) and measures: the time to the first page;
 * resident memory and CPU at rest (the safety-net re-scan's cost); today's separate search-index
 * build, when there is one; search latency over a fixed list of one- to three-word queries and
 * memory with search in use; how soon a new file and an edited title show; a restart on the
 * existing index; and a second server on the same content and database. Then it serves every size
 * at once and measures requests per second on articles spread across the archive, the home page,
 * and every section's first and a deep page, in rounds that take the sizes in turn (on a shared
 * two-core machine the load of the moment moves a single figure by 10-20 %; taking the sizes side
 * by side, round after round, keeps that drift out of the comparison), with each server's peak
 * memory under load. Prints four tables and a PASS/FAIL/INFO line per target and size; deletes the
 * corpora and databases unless --keep. It is a benchmark: it exits 0 whatever the figures, and 1
 * only when it could not run.
 *
 * Options: --sizes (1000,10000,100000), --seconds per load run (10), --rounds (3), --connections
 * (16), --port (3950: the server measured; +1 its second process; +1+i size i under load),
 * --start-timeout and --index-timeout (seconds per 100,000 articles: 120 and 180, never under 120
 * and 300), --build-timeout seconds (1200), --seed (1), --queries per word count (100),
 * --rest-seconds (30), --skip-build (reuse .next as it is), --keep (leave the corpora and
 * databases, and say where), --corpus-dir DIR (keep the corpora there, and reuse those a run of
 * the same sizes' archive and seed kept: the index database is still built from nothing),
 * --reuse-index (with --corpus-dir: keep each size's index database beside its corpus and, when
 * one is there, start from it instead of indexing anew; the index figures then read "reused", to
 * re-measure the rest after a change that does not touch indexing).
 * --store sqlite|postgres (sqlite), --pg-port (56100).
 *
 * --store postgres measures app instances on the PostgreSQL store, as on machines without the
 * archive: the bench starts a PostgreSQL of its own (durability on, data in a temporary folder,
 * --pg-port) with one database per size; `npm run index` runs with DATABASE_URL (the SQLite index,
 * then its copy: both times, and the database's size); servers get DATABASE_URL and a content
 * folder that does not exist; `npm run index -- --watch` runs beside them from the warm-up on
 * (measured at rest from 30 s after it caught up, its CPU is the safety net's, the servers' should
 * be about none) and carries the freshness probes' edits to them; PostgreSQL's own memory and CPU
 * are reported apart from the servers'. Search is warmed up with other queries before it is timed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { median } from "./median";
import { keptEnd, prepareCorpus, type CorpusEntry } from "./scale/corpus";
import { freshArticle, withTitleMarker } from "./scale/fresh";
import { hasIndexScript, runIndex, startWatcher } from "./scale/index-step";
import { startBenchPostgres, storeOf, type BenchPostgres } from "./scale/pg";
import { children, exitOf, memorySampler, MB, sleep, stopGroup, tail, treeRss, treeStats, type MemorySampler } from "./scale/proc";
import { searchQueries } from "./scale/queries";
import { KINDS, report, type Kind, type Result, type RunInfo } from "./scale/report";
import {
  baseOf,
  buildSearchIndex,
  pollUntil,
  root,
  runLoad,
  safetyNetCpuMs,
  searchLatency,
  startServer,
  waitForFirstPage,
  warmUp,
  type Serve,
} from "./scale/server";
import { scaledTimeoutMs } from "./scale/stats";
import { CLOCK_TICKS, settle } from "./settle";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
    port: { type: "string", default: "3950" },
    "start-timeout": { type: "string", default: "120" },
    "index-timeout": { type: "string", default: "180" },
    "build-timeout": { type: "string", default: "1200" },
    seed: { type: "string", default: "1" },
    queries: { type: "string", default: "100" },
    "rest-seconds": { type: "string", default: "30" },
    "skip-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "corpus-dir": { type: "string" },
    "reuse-index": { type: "boolean", default: false },
    store: { type: "string", default: "sqlite" },
    "pg-port": { type: "string", default: "56100" },
  },
});
const SIZES = values.sizes.split(",").map((s) => Number(s.trim()));
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);
const PORT = Number(values.port);
const SEED = Number(values.seed);
const QUERIES = Number(values.queries);
const REST_SECONDS = Number(values["rest-seconds"]);
/** How long after it has caught up the indexer beside PostgreSQL's servers is first measured at rest (step 5). */
const WATCHER_SETTLE_MS = 30_000;
const BUILD_TIMEOUT_MS = Number(values["build-timeout"]) * 1000;
const STORE = storeOf(values.store);
const PG_PORT = Number(values["pg-port"]);
// Start-up, indexing and today's search-index build grow with the archive, and so do their limits.
const startTimeout = (size: number) => scaledTimeoutMs(Number(values["start-timeout"]), size, 120);
const indexTimeout = (size: number) => scaledTimeoutMs(Number(values["index-timeout"]), size, 300);
// One end for every corpus (a minute ago: nothing is scheduled for the future), or that of the
// corpora kept in --corpus-dir, so that new ones are parts of the same archive.
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: positive integers, got ${values.sizes}`);
const ARCHIVE = Math.max(...SIZES);
const corpusEnd =
  (values["corpus-dir"] ? await keptEnd(path.resolve(values["corpus-dir"]), ARCHIVE, SEED) : undefined) ?? Date.now() - (Date.now() % 60_000) - 60_000;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds: a positive integer, got ${values.rounds}`);
if (!Number.isInteger(QUERIES) || QUERIES < 1) throw new Error(`--queries: a positive integer, got ${values.queries}`);

const LIST_PAGE_SIZE = 20;
const DEEP_PAGE = 200;
/** Titles read for the search queries, spread over the corpus. */
const QUERY_TITLES = 300;
/** Searches before the measured ones (step 7), of each length, from queries of another seed. */
const SEARCH_WARM_QUERIES = 10;
const SEARCH_WARM_SEED = 1000;
/** How long a freshness probe waits before it gives up. */
const FRESH_LIMIT_MS = 30_000;

const run: RunInfo = {
  store: STORE,
  indexScript: hasIndexScript(),
  rounds: ROUNDS,
  seconds: SECONDS,
  connections: CONNECTIONS,
  safetyNetSeconds: REST_SECONDS,
  queriesPerLength: QUERIES,
};
const tempDirs = new Set<string>();
/** The run's PostgreSQL, with --store postgres. */
let postgres: BenchPostgres | undefined;

function log(size: number | string, line: string) {
  console.error(`[${typeof size === "number" ? size.toLocaleString("en") : size}] ${line}`);
}

/** CPU time (ms) some servers' trees have used so far, for settle(). */
const busyMs =
  (...servers: ChildProcess[]) =>
  () =>
    (servers.reduce((sum, s) => sum + treeStats(s.pid!).ticks, 0) * 1000) / CLOCK_TICKS;

/** `npm run build` once, on the repo's own content, in its own process group so its whole tree is measured and stopped together. */
async function build(logs: string) {
  const buildLog = path.join(logs, "build.log");
  const out = createWriteStream(buildLog);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.CONTENT_DIR;
  delete env.INDEX_DB;
  const started = performance.now();
  const child = spawn("npm", ["run", "build"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const mem = memorySampler(child.pid!);
  const timer = setTimeout(() => void stopGroup(child), BUILD_TIMEOUT_MS);
  const code = await exitOf(child);
  children.delete(child);
  clearTimeout(timer);
  mem.stop();
  run.buildSeconds = (performance.now() - started) / 1000;
  run.buildPeakMb = mem.peak / MB;
  const indexed = /index-content: .*? in [\d.]+ s/.exec(await readFile(buildLog, "utf8").catch(() => ""))?.[0];
  if (indexed) run.buildLine = indexed;
  log("build", `${run.buildSeconds.toFixed(0)} s, peak ${run.buildPeakMb.toFixed(0)} MB (exit ${code})${indexed ? `; ${indexed}` : ""}`);
  if (code !== 0) throw new Error(`the build failed (exit ${code}):\n${await tail(buildLog)}`);
}

/** Starts a server and waits for its first page; fills in what it took, or throws with the server's last words. */
async function start(serve: Serve, port: number, logFile: string, size: number) {
  const started = performance.now();
  const server = startServer(serve, port, logFile);
  let readySeconds: number | undefined;
  server.stdout!.on("data", (chunk: Buffer) => {
    if (readySeconds === undefined && chunk.toString().includes("ready on")) readySeconds = (performance.now() - started) / 1000;
  });
  const mem = memorySampler(server.pid!);
  try {
    await waitForFirstPage(server, port, startTimeout(size));
  } catch (err) {
    mem.stop();
    const cpu = treeStats(server.pid!).ticks / CLOCK_TICKS;
    await stopGroup(server);
    throw new Error(
      `${(err as Error).message} after ${((performance.now() - started) / 1000).toFixed(1)} s (${cpu.toFixed(0)} s of CPU); ` +
        `server memory then ${(mem.last / MB).toFixed(0)} MB, peak ${(mem.peak / MB).toFixed(0)} MB\n${await tail(logFile)}`,
    );
  }
  return {
    server,
    mem,
    firstPageSeconds: (performance.now() - started) / 1000,
    // CPU time says what the start-up costs even when other work on the machine stretches wall time.
    cpuSeconds: treeStats(server.pid!).ticks / CLOCK_TICKS,
    readySeconds: () => readySeconds,
  };
}

async function measure(size: number): Promise<Result> {
  const result: Result = {
    size,
    load: {},
    samples: {},
    notes: [],
    loadAvg: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" "),
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), `bench-scale-${size}-`));
  tempDirs.add(dir);
  // --reuse-index: the database beside the kept corpus, so that a later run can start from it.
  const keptIndex = values["reuse-index"] && values["corpus-dir"] ? path.join(path.resolve(values["corpus-dir"]), `index-${size}-seed-${SEED}.db`) : undefined;
  const indexDb = keptIndex ?? path.join(dir, "index.db");
  const logs = path.join(dir, "logs");
  const servers: ChildProcess[] = [];
  let mem: MemorySampler | undefined;
  let watcher: ChildProcess | undefined;
  try {
    // 1. The corpus. Its article list tells which URLs exist; a few hundred titles make the search queries.
    const corpus = await prepareCorpus({
      size,
      archive: ARCHIVE,
      seed: SEED,
      end: corpusEnd,
      source: path.join(root, "content"),
      tempDir: dir,
      ...(values["corpus-dir"] ? { keepDir: path.resolve(values["corpus-dir"]) } : {}),
      titleCount: QUERY_TITLES,
    });
    const { content, articles, titles, template } = corpus;
    result.corpusSeconds = corpus.seconds;
    result.corpusMb = corpus.mb;
    log(size, `corpus: ${articles.length} articles, ${corpus.mb.toFixed(0)} MB ${corpus.reused ? "reused" : "written"} in ${corpus.seconds.toFixed(1)} s`);
    await mkdir(logs);
    result.logs = logs;

    // On PostgreSQL the servers read a database of this size's own, and have no content folder
    // (nor index) of their own: the paths given them do not exist.
    const databaseUrl = postgres ? await postgres.createDatabase(size) : undefined;
    const serve: Serve = databaseUrl ? { content: path.join(dir, "no-content"), indexDb: path.join(dir, "no-index.db"), databaseUrl } : { content, indexDb };
    result.serve = serve;

    // 2. The index from nothing, when the project has one to build (on PostgreSQL, then its copy there).
    const reused = !!keptIndex && existsSync(keptIndex);
    if (reused && !postgres) {
      result.notes.push(`index: reused ${keptIndex} (built by an earlier run); its figures are that run's`);
      log(size, `index: reused ${keptIndex}`);
    } else if (run.indexScript) {
      // On PostgreSQL a reused SQLite index still has to be copied into this size's new database:
      // `npm run index` compares it with the folder (nothing to do) and copies it whole.
      if (reused) result.notes.push(`index: reused ${keptIndex}; the index figures are its comparison with the folder and the copy into PostgreSQL`);
      const indexed = await runIndex(content, indexDb, path.join(logs, "index.log"), indexTimeout(size), databaseUrl);
      result.indexSeconds = indexed.seconds;
      result.indexPeakMb = indexed.peakMb;
      if (indexed.line) result.indexLine = indexed.line;
      result.indexedSeconds = indexed.indexSeconds;
      result.copySeconds = indexed.copySeconds;
      if (indexed.copyLine) result.copyLine = indexed.copyLine;
      log(
        size,
        `index: ${indexed.seconds.toFixed(1)} s, peak ${indexed.peakMb.toFixed(0)} MB${[indexed.line, indexed.copyLine].map((l) => (l ? `; ${l}` : "")).join("")}`,
      );
      if (postgres && databaseUrl) {
        result.databaseMb = await postgres.databaseMb(databaseUrl);
        log(size, `PostgreSQL database: ${result.databaseMb.toFixed(0)} MB`);
      }
    }

    // 3. Start-up: from spawn to the first 200 on `/`.
    const serverLog = path.join(logs, "server.log");
    const first = await start(serve, PORT, serverLog, size);
    let server = first.server;
    servers.push(server);
    mem = first.mem;
    result.firstPageSeconds = first.firstPageSeconds;
    result.firstPageCpuSeconds = first.cpuSeconds;
    result.readySeconds = first.readySeconds();
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
    // The article whose title the freshness probe edits: the middle of the archive, on no list page measured.
    const edited = byDate[Math.floor(byDate.length / 2)]!;
    articles.length = 0;
    byDate.length = 0;

    // 5. Warm-up, then memory and CPU at rest: with no requests, all the server does is its
    // safety-net re-scan of the content folder. On PostgreSQL the re-scan is the indexer's, which
    // starts now (`npm run index -- --watch`, as beside app instances in production) and stays for
    // this size's remaining steps: its CPU is measured over the same seconds, apart, as is
    // PostgreSQL's (its backends answer the indexer's poll of the change log). It starts before
    // the warm-up and is measured WATCHER_SETTLE_MS after it said it had caught up at the
    // earliest: an indexer runs for days, and the first half-minute of a new process (V8 finishing
    // its compiles and collecting its start-up's garbage) is not its rest. Measured from 5 s after
    // its start the demo content's indexer took 0.87 % of a core; from 60 s on, 0.37 %.
    let watcherReady = 0;
    if (postgres && databaseUrl) {
      watcher = await startWatcher(content, indexDb, databaseUrl, path.join(logs, "watch.log"), indexTimeout(size));
      watcherReady = performance.now();
    }
    await warmUp(PORT, targets);
    if (watcher) {
      await sleep(Math.max(0, watcherReady + WATCHER_SETTLE_MS - performance.now()));
      await settle(busyMs(server, watcher));
    } else await settle(busyMs(server));
    const netBefore = await safetyNetCpuMs(PORT);
    const before = treeStats(server.pid!).ticks;
    const watcherBefore = watcher ? treeStats(watcher.pid!).ticks : 0;
    const pgBefore = postgres?.stats().ticks ?? 0;
    await sleep(REST_SECONDS * 1000);
    const rest = treeStats(server.pid!);
    result.restMb = rest.rss / MB;
    result.safetyNetCpu = (100 * (rest.ticks - before)) / CLOCK_TICKS / REST_SECONDS;
    const netAfter = await safetyNetCpuMs(PORT);
    if (netBefore !== undefined && netAfter !== undefined) result.netOwnCpu = (100 * (netAfter - netBefore)) / 1000 / REST_SECONDS;
    log(
      size,
      `at rest: ${result.restMb.toFixed(0)} MB, ${result.safetyNetCpu.toFixed(2)} % of a core over ${REST_SECONDS} s` +
        (result.netOwnCpu !== undefined ? ` (the safety net's own checks: ${result.netOwnCpu.toFixed(2)} %)` : ""),
    );
    if (postgres && watcher) {
      const indexer = treeStats(watcher.pid!);
      const pgRest = postgres.stats();
      result.indexerRestMb = indexer.rss / MB;
      result.indexerRestCpu = (100 * (indexer.ticks - watcherBefore)) / CLOCK_TICKS / REST_SECONDS;
      result.pgRestMb = pgRest.rssMb;
      result.pgRestPssMb = pgRest.pssMb;
      result.pgRestCpu = (100 * (pgRest.ticks - pgBefore)) / CLOCK_TICKS / REST_SECONDS;
      log(
        size,
        `at rest beside it: the indexer ${result.indexerRestMb.toFixed(0)} MB, ${result.indexerRestCpu.toFixed(2)} % of a core; ` +
          `PostgreSQL ${result.pgRestMb.toFixed(0)} MB (PSS ${result.pgRestPssMb.toFixed(0)} MB), ${result.pgRestCpu.toFixed(2)} % of a core`,
      );
    }

    // 6. Today's first search builds a separate search index, which then stays in memory.
    mem.reset();
    const searchBuild = await buildSearchIndex(PORT, serverLog, server, startTimeout(size));
    if (searchBuild !== undefined) {
      result.searchBuildSeconds = searchBuild;
      result.searchBuildPeakMb = mem.peak / MB;
      log(size, `search index built in ${searchBuild.toFixed(1)} s; memory peak ${result.searchBuildPeakMb.toFixed(0)} MB`);
    }

    // 7. Search latency, one query at a time, then memory with search in use. First a few
    // searches of other queries, unmeasured, as every other kind of page is warmed up before it is
    // measured (step 5): the measured queries come one-word first, and on the server's first
    // searches (its code compiled, its pool's connections opened on their first search) that
    // length alone paid for the start: 130 ms at p95 against 92 and 86 for two and three words
    // at a million articles, on PostgreSQL; at 1,000 articles 44 against 32 and 34.
    await searchLatency(PORT, searchQueries(titles, { seed: SEED + SEARCH_WARM_SEED, perLength: SEARCH_WARM_QUERIES }));
    const queries = searchQueries(titles, { seed: SEED, perLength: QUERIES });
    const latency = await searchLatency(PORT, queries);
    result.search = Object.fromEntries(latency);
    await sleep(2000);
    result.searchMb = treeRss(server.pid!) / MB;
    if (postgres) {
      const { rssMb, pssMb } = postgres.stats();
      [result.pgSearchMb, result.pgSearchPssMb] = [rssMb, pssMb];
    }
    log(
      size,
      `search: ${[...latency].map(([w, l]) => `${w} word(s) p50 ${l.p50?.toFixed(0) ?? "—"} / p95 ${l.p95?.toFixed(0) ?? "—"} ms`).join(", ")}; then ${result.searchMb.toFixed(0)} MB`,
    );

    // 8. Freshness: a new file, then an edited title; both undone afterwards, so that the pages
    // measured under load stay the same at every size.
    await freshness(result, content, template, edited);

    // 9. Restart on the existing index.
    mem.stop();
    await stopGroup(server);
    const again = await start(serve, PORT, serverLog, size);
    server = again.server;
    servers.push(server);
    mem = again.mem;
    result.restartSeconds = again.firstPageSeconds;
    log(size, `restart: first page after ${result.restartSeconds.toFixed(1)} s, ${again.cpuSeconds.toFixed(1)} s of CPU`);

    // 10. A second server on the same content and database, warmed with the same pages, at rest.
    const second = await start(serve, PORT + 1, path.join(logs, "second.log"), size);
    servers.push(second.server);
    second.mem.stop();
    await warmUp(PORT + 1, targets);
    await settle(busyMs(second.server));
    result.secondRestMb = treeRss(second.server.pid!) / MB;
    log(size, `second process at rest: ${result.secondRestMb.toFixed(0)} MB (the first: ${(treeRss(server.pid!) / MB).toFixed(0)} MB)`);
  } catch (err) {
    result.failure = (err as Error).message;
    log(size, `FAILED: ${result.failure}`);
  } finally {
    // A sampler left running would keep the bench from ever exiting.
    mem?.stop();
    for (const server of servers) await stopGroup(server);
    if (watcher) await stopGroup(watcher);
  }
  return result;
}

async function freshness(result: Result, content: string, template: { text: string; section: string }, edited: CorpusEntry) {
  const stamp = Date.now().toString(36);
  const slug = `bench-fresh-${stamp}`;
  const fresh = freshArticle(template.text, { slug, section: template.section, nowMs: Date.now() });
  const freshFile = path.join(content, fresh.path);
  const editedFile = path.join(content, edited.path);
  const original = await readFile(editedFile, "utf8");
  // A word of letters and digits: the typography pass leaves it as it is, so the page shows it verbatim.
  const marker = `правка${stamp}`;
  try {
    await mkdir(path.dirname(freshFile), { recursive: true });
    await writeFile(freshFile, fresh.text);
    const seen = await pollUntil(`${baseOf(PORT)}/news/${slug}`, (r) => r.status === 200, FRESH_LIMIT_MS);
    if (seen === undefined) result.notes.push(`freshness: /news/${slug} did not answer 200 within ${FRESH_LIMIT_MS / 1000} s`);
    else result.freshNewSeconds = seen;

    await writeFile(editedFile, withTitleMarker(original, marker));
    const shown = await pollUntil(`${baseOf(PORT)}/news/${edited.slug}`, (r) => r.status === 200 && r.body.includes(marker), FRESH_LIMIT_MS);
    if (shown === undefined) result.notes.push(`freshness: /news/${edited.slug} did not show its new title within ${FRESH_LIMIT_MS / 1000} s`);
    else result.freshEditSeconds = shown;
    log(result.size, `freshness: new file shown after ${seen?.toFixed(1) ?? "—"} s, edited title after ${shown?.toFixed(1) ?? "—"} s`);
  } finally {
    await rm(freshFile, { force: true });
    await writeFile(editedFile, original);
  }
}

/**
 * 11. Throughput: every size served at once, one server per size, and the load runs taking the
 * sizes in turn, round after round (the order reversed every other round). Each server has
 * answered a search first (today's builds its search index then), as a newsroom's would within minutes.
 */
async function throughput(results: Result[]) {
  const ready = results.filter((r) => !r.failure && r.targets && r.serve && r.logs);
  const servers: { r: Result; port: number; server: ChildProcess; mem: MemorySampler }[] = [];
  let pgMem: MemorySampler | undefined;
  try {
    for (const [i, r] of ready.entries()) {
      const port = PORT + 2 + i;
      const serveLog = path.join(r.logs!, "serve.log");
      const { server, mem } = await start(r.serve!, port, serveLog, r.size);
      servers.push({ r, port, server, mem });
      await buildSearchIndex(port, serveLog, server, startTimeout(r.size));
    }
    // Each server first compares its database with the folder (a stat of every file: some 15 s of
    // CPU at a million articles, in slices between requests); throughput is measured after that,
    // as a site runs most of the time. What a restart costs is the "restart" figure above.
    const settleStarted = performance.now();
    const settled = await settle(busyMs(...servers.map((s) => s.server)), 25, 180_000);
    const settledIn = ((performance.now() - settleStarted) / 1000).toFixed(0);
    console.error(`throughput: the servers ${settled ? `settled after ${settledIn} s` : `had not settled after ${settledIn} s; measured anyway`}`);
    if (!settled) for (const { r } of servers) r.notes.push(`throughput: the servers had not settled after ${settledIn} s; measured anyway`);
    // A few seconds of each kind of page first, so that every server runs compiled code.
    for (const { r, port, server } of servers) for (const [, paths] of r.targets!) await runLoad(server.pid!, port, paths, 3, CONNECTIONS);
    for (const { mem } of servers) mem.reset();
    // PostgreSQL serves every size at once: one peak for all.
    pgMem = postgres && memorySampler(postgres.pid);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const kind of KINDS) {
        for (const { r, port, server } of round % 2 ? servers : [...servers].reverse()) {
          const paths = r.targets!.find(([k]) => k === kind)![1];
          await settle(busyMs(...servers.map((s) => s.server)));
          const l = await runLoad(server.pid!, port, paths, SECONDS, CONNECTIONS);
          (r.samples[kind] ??= []).push(l);
          log(
            r.size,
            `round ${round}, ${kind}: ${l.rps.toFixed(0)} req/s, ${l.cpuMs.toFixed(1)} ms CPU/request, p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.bad} bad`,
          );
        }
      }
    }
    if (pgMem) {
      pgMem.stop();
      run.pgLoadPeakMb = pgMem.peak / MB;
    }
    if (postgres) run.postgresHugePages = postgres.hugePages();
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
    pgMem?.stop();
    for (const { server, mem } of servers) {
      mem.stop();
      await stopGroup(server);
    }
  }
}

/** The corpora and their databases. */
async function cleanUp() {
  for (const dir of tempDirs) {
    if (values.keep) console.error(`kept: ${dir} (content/, index.db, logs/${postgres ? "; PostgreSQL's data/ in its own folder" : ""})`);
    else await rm(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  }
}

const results: Result[] = [];
process.once("SIGINT", () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  // PostgreSQL is not in a group of ours: stopped by its own PID (fast shutdown).
  try {
    if (postgres) process.kill(postgres.pid, "SIGINT");
  } catch {
    /* already gone */
  }
  if (!values.keep) for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  process.exit(130);
});
try {
  if (!values["skip-build"]) {
    const logs = await mkdtemp(path.join(os.tmpdir(), "bench-scale-build-"));
    tempDirs.add(logs);
    await build(logs);
  }
  if (STORE === "postgres") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "bench-scale-pg-"));
    tempDirs.add(dir);
    postgres = await startBenchPostgres(dir, PG_PORT, (line) => log("postgres", line));
    run.postgresVersion = postgres.version;
  }
  for (const size of SIZES) results.push(await measure(size));
  await throughput(results);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await postgres?.stop();
  await cleanUp();
}
report(results, run);
