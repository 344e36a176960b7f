/**
 * `npm run index` (issue 17's store): builds or updates the index database of a content folder
 * and exits, its last line `indexed <N> articles in <S> s`. Until the project has that script
 * (package.json), the bench skips the step and prints "—" for its figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { indexLines, type IndexLines } from "./pg";
import { children, exitOf, memorySampler, MB, stopGroup, tail } from "./proc";
import { root } from "./server";

export function hasIndexScript(): boolean {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { scripts?: Record<string, string> };
  return typeof pkg.scripts?.index === "string";
}

export interface IndexRun extends IndexLines {
  seconds: number;
  /** Peak resident memory of the whole process tree (npm, node and anything they start). */
  peakMb: number;
  /** The script's own last line, `indexed <N> articles in <S> s`, when it printed one. */
  line?: string;
}

/**
 * The indexer's environment: the content folder and its index database, and DATABASE_URL only
 * when the run is on PostgreSQL (one set by the caller's shell must not send a SQLite run there).
 */
function indexEnv(content: string, indexDb: string, databaseUrl: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CONTENT_DIR: content, INDEX_DB: indexDb, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

/** `npm run index <args>` in a process group of its own, its output written to `logFile`. */
function spawnIndex(args: string[], content: string, indexDb: string, databaseUrl: string | undefined, logFile: string, flags: "w" | "a"): ChildProcess {
  const out = createWriteStream(logFile, { flags });
  const child = spawn("npm", ["run", "index", ...args], {
    cwd: root,
    env: indexEnv(content, indexDb, databaseUrl),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  return child;
}

/**
 * Runs `npm run index` from nothing (the database must not exist yet) in its own process group;
 * with `databaseUrl` it then copies the index into that PostgreSQL database before it exits.
 */
export async function runIndex(content: string, indexDb: string, logFile: string, timeoutMs: number, databaseUrl?: string): Promise<IndexRun> {
  const started = performance.now();
  const child = spawnIndex([], content, indexDb, databaseUrl, logFile, "w");
  const mem = memorySampler(child.pid!);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopGroup(child);
  }, timeoutMs);
  const code = await exitOf(child);
  clearTimeout(timer);
  mem.stop();
  children.delete(child);
  const seconds = (performance.now() - started) / 1000;
  if (timedOut) throw new Error(`index: not done within ${(timeoutMs / 1000).toFixed(0)} s\n${await tail(logFile)}`);
  if (code !== 0) throw new Error(`index: failed (exit ${code})\n${await tail(logFile)}`);
  const text = await readFile(logFile, "utf8").catch(() => "");
  const line = /indexed \d+ articles in [\d.]+ s/.exec(text)?.[0];
  return { seconds, peakMb: mem.peak / MB, ...(line ? { line } : {}), ...indexLines(text) };
}

/**
 * `npm run index -- --watch` beside PostgreSQL's app servers: the one indexer of the content
 * folder, copying every change into the database. Started on the index `runIndex` built, it
 * brings it up to date (nothing to do) and copies what is new (nothing); resolves once it has
 * said so, with the process still running, in its own process group (stopGroup ends it).
 */
export async function startWatcher(content: string, indexDb: string, databaseUrl: string, logFile: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawnIndex(["--", "--watch"], content, indexDb, databaseUrl, logFile, "a");
  let said = "";
  const copied = new Promise<void>((resolve) => {
    const listen = (chunk: Buffer) => {
      said = (said + chunk.toString()).slice(-4000);
      if (/to PostgreSQL in [\d.]+ s/.test(said)) {
        child.stdout!.off("data", listen);
        resolve();
      }
    };
    child.stdout!.on("data", listen);
  });
  // A timer of its own, cleared once decided: a pending one would keep the bench from exiting.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const outcome = await Promise.race([copied.then(() => "copied" as const), exitOf(child).then(() => "exited" as const), deadline]);
  clearTimeout(timer);
  if (outcome !== "copied") {
    await stopGroup(child);
    throw new Error(
      `index --watch: ${outcome === "exited" ? `exited (${child.exitCode})` : `no copy within ${(timeoutMs / 1000).toFixed(0)} s`}\n${await tail(logFile)}`,
    );
  }
  return child;
}
