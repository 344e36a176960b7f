/**
 * The production server as the scale bench runs it (one content folder and one index database,
 * in its own process group), and what the bench asks of it over HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import { serverEnv } from "../../../lib/server/server-env.mjs";
import { CLOCK_TICKS, settle } from "../settle";
import { children, exited, sleep, treeStats } from "./proc";
import type { SearchQuery } from "./queries";
import { percentile } from "./stats";

export const root = path.resolve(import.meta.dirname, "../../..");
export const baseOf = (port: number) => `http://127.0.0.1:${port}`;

/**
 * What a server of the bench reads: a content folder and its index database (SQLite), or a
 * PostgreSQL database (DATABASE_URL) with a content folder and index that do not exist, as an app
 * instance on a machine without the archive.
 */
export interface Serve {
  content: string;
  indexDb: string;
  databaseUrl?: string;
}

/** The production server on what `serve` names, in its own process group, logging to a file. */
export function startServer({ content, indexDb, databaseUrl }: Serve, port: number, logFile: string): ChildProcess {
  const out = createWriteStream(logFile, { flags: "a" });
  const env: NodeJS.ProcessEnv = { ...process.env, CONTENT_DIR: content, INDEX_DB: indexDb, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
  // The caller's shell may have a DATABASE_URL: a SQLite run must not read it.
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: serverEnv(env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(server);
  server.stdout!.pipe(out);
  server.stderr!.pipe(out);
  return server;
}

/** A GET's status and body, following no redirects; status 0 when nothing answered. */
export async function get(url: string, timeoutMs = 30_000): Promise<{ status: number; body: string }> {
  try {
    const r = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: "" };
  }
}

/** The safety net's own CPU so far (ms), as the server's indexer counts it, or undefined (not the writer, or PostgreSQL). */
export async function safetyNetCpuMs(port: number): Promise<number | undefined> {
  const { status, body } = await get(`${baseOf(port)}/healthz`, 5000);
  if (status !== 200) return undefined;
  const cpuMs = (JSON.parse(body) as { safetyNet?: { cpuMs?: unknown } }).safetyNet?.cpuMs;
  return typeof cpuMs === "number" ? cpuMs : undefined;
}

/** Asks for `/` until it answers 200; connection refusals mean the server is not listening yet. */
export async function waitForFirstPage(server: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited(server)) throw new Error(`the server exited (${server.exitCode ?? server.signalCode})`);
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no page within ${(timeoutMs / 1000).toFixed(0)} s`);
    const { status } = await get(`${baseOf(port)}/`, left);
    if (status === 200) return;
    await sleep(status === 0 ? 50 : 250);
  }
}

/** Asks for every page once (a sample of long lists, five times a short one), as a reader would before it is measured. */
export async function warmUp(port: number, targets: [string, string[]][]) {
  for (const [, paths] of targets) {
    const warm = paths.length > 50 ? paths.filter((_, k) => k % Math.ceil(paths.length / 50) === 0) : [...paths, ...paths, ...paths, ...paths, ...paths];
    for (const p of warm) {
      const { status } = await get(baseOf(port) + p);
      if (status !== 200) throw new Error(`warm-up: ${p} answered ${status}`);
    }
  }
}

export interface Load {
  rps: number;
  /** Server CPU time per answered request: unlike req/s, barely moved by other work on the machine. */
  cpuMs: number;
  p50: number;
  p99: number;
  bad: number;
}

export async function runLoad(serverPid: number, port: number, paths: string[], seconds: number, connections: number): Promise<Load> {
  let i = 0;
  const ticks = treeStats(serverPid).ticks;
  const result = await autocannon({
    url: baseOf(port),
    connections,
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

const FIRST_SEARCH = "Минск";

/**
 * Asks one search. Today's server then builds its search index in the background and logs
 * `[search] indexed N articles in S s`: this waits for that line and returns S. A server whose
 * search needs no separate build (the index in the database) logs no such line: when it has gone
 * quiet (no CPU) without one, there is nothing to wait for, and this returns undefined.
 */
export async function buildSearchIndex(port: number, logFile: string, server: ChildProcess, timeoutMs: number): Promise<number | undefined> {
  const { status } = await get(`${baseOf(port)}/search?q=${encodeURIComponent(FIRST_SEARCH)}`);
  if (status !== 200) throw new Error(`search: answered ${status}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = /\[search\] indexed \d+ articles in ([\d.]+) s/.exec(await readFile(logFile, "utf8").catch(() => ""));
    if (line) return Number(line[1]);
    if (exited(server)) throw new Error(`search: the server exited (${server.exitCode ?? server.signalCode})`);
    if (Date.now() > deadline) throw new Error(`search: no index within ${(timeoutMs / 1000).toFixed(0)} s`);
    if (await settle(() => (treeStats(server.pid!).ticks * 1000) / CLOCK_TICKS)) {
      // Quiet: one last look, since the line may have come while it settled.
      const late = /\[search\] indexed \d+ articles in ([\d.]+) s/.exec(await readFile(logFile, "utf8").catch(() => ""));
      return late ? Number(late[1]) : undefined;
    }
  }
}

export interface Latency {
  p50?: number;
  p95?: number;
  /** Queries answered 200 (the only ones timed), and the others by status. */
  ok: number;
  other: Record<number, number>;
}

/** Asks the queries one at a time; latency (ms, to the whole body) of those answered 200, by word count. */
export async function searchLatency(port: number, queries: readonly SearchQuery[]): Promise<Map<number, Latency>> {
  const times = new Map<number, number[]>();
  const other = new Map<number, Record<number, number>>();
  for (const { words, q } of queries) {
    const started = performance.now();
    const { status } = await get(`${baseOf(port)}/search?q=${encodeURIComponent(q)}`);
    const ms = performance.now() - started;
    if (!times.has(words)) {
      times.set(words, []);
      other.set(words, {});
    }
    if (status === 200) times.get(words)!.push(ms);
    else other.get(words)![status] = (other.get(words)![status] ?? 0) + 1;
  }
  const result = new Map<number, Latency>();
  for (const [words, ms] of times) result.set(words, { p50: percentile(ms, 50), p95: percentile(ms, 95), ok: ms.length, other: other.get(words)! });
  return result;
}

/** Asks `url` every 100 ms until `done` says yes, at most `timeoutMs`; the seconds it took, or undefined. */
export async function pollUntil(url: string, done: (r: { status: number; body: string }) => boolean, timeoutMs = 30_000): Promise<number | undefined> {
  const started = performance.now();
  for (;;) {
    if (done(await get(url, 5000))) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs) return undefined;
    await sleep(100);
  }
}
