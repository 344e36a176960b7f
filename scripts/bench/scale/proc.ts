/**
 * Processes the scale bench starts and watches: resident memory and CPU time of a whole process
 * tree (from /proc, so that npm's, Next's and SQLite's children all count), a sampler that keeps
 * the peak, and stopping a process group by its leader's PID.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

const PAGE_BYTES = Number(execFileSync("getconf", ["PAGESIZE"]).toString().trim()) || 4096;
export const MB = 1024 * 1024;

/** Every process the bench started (each the leader of its own group), so an interrupted run stops them. */
export const children = new Set<ChildProcess>();

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory (bytes) and CPU time used so far (clock ticks) of a process and its descendants. */
export function treeStats(rootPid: number): { rss: number; ticks: number } {
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

export const treeRss = (rootPid: number) => treeStats(rootPid).rss;

export type MemorySampler = ReturnType<typeof memorySampler>;

/** Samples a process tree's resident memory every 200 ms and keeps the peak. */
export function memorySampler(pid: number) {
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

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

export const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Stops a process group we started, by its leader's PID: TERM, then KILL after 10 s. */
export async function stopGroup(child: ChildProcess) {
  if (child.pid === undefined || exited(child)) {
    children.delete(child);
    return;
  }
  const exit = exitOf(child);
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    children.delete(child);
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, 10_000);
  await exit;
  clearTimeout(timer);
  children.delete(child);
}

export async function tail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trim().split("\n").slice(-lines).join("\n");
}
