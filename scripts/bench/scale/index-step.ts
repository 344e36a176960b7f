/**
 * `npm run index` (issue 17's store): builds or updates the index database of a content folder
 * and exits, its last line `indexed <N> articles in <S> s`. Until the project has that script
 * (package.json), the bench skips the step and prints "—" for its figures.
 */
import { spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { children, exitOf, memorySampler, MB, stopGroup, tail } from "./proc";
import { root } from "./server";

export function hasIndexScript(): boolean {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { scripts?: Record<string, string> };
  return typeof pkg.scripts?.index === "string";
}

export interface IndexRun {
  seconds: number;
  /** Peak resident memory of the whole process tree (npm, node and anything they start). */
  peakMb: number;
  /** The script's own last line, `indexed <N> articles in <S> s`, when it printed one. */
  line?: string;
}

/** Runs `npm run index` from nothing (the database must not exist yet) in its own process group. */
export async function runIndex(content: string, indexDb: string, logFile: string, timeoutMs: number): Promise<IndexRun> {
  const out = createWriteStream(logFile);
  const started = performance.now();
  const child = spawn("npm", ["run", "index"], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: content, INDEX_DB: indexDb, NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
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
  const line = /indexed \d+ articles in [\d.]+ s/.exec(await readFile(logFile, "utf8").catch(() => ""))?.[0];
  return { seconds, peakMb: mem.peak / MB, ...(line ? { line } : {}) };
}
