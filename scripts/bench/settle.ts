import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * Waits until some processes stop working: under `quietMs` of CPU time in each of three
 * half-second windows in a row, at most `maxMs` (15 s); says whether they did. `busyMs` says how much CPU
 * time (ms) they have used so far. The benchmarks call it between load runs: a server just
 * measured still drains its queue, collects its garbage a second after its last answer
 * (server.mjs, IDLE_GC_MS; some 0.5 s of CPU with a 100,000-article index) and then shrinks its
 * heap, and measured back to back that lands in the next run on this two-core machine. Three
 * half-second windows, because the idle collection only starts a second after the last answer.
 */
export async function settle(busyMs: () => number, quietMs = 25, maxMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let quietWindows = 0;
  while (quietWindows < 3 && Date.now() < deadline) {
    const before = busyMs();
    await new Promise((r) => setTimeout(r, 500));
    quietWindows = busyMs() - before < quietMs ? quietWindows + 1 : 0;
  }
  return quietWindows >= 3;
}

/** Clock ticks per second, the unit of /proc's CPU times (USER_HZ, 100 on Linux). */
export const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/**
 * CPU time (ms) the whole machine has spent working since boot, from /proc/stat: user, nice,
 * system, irq, softirq and steal. Steal is time the hypervisor gave this machine's cores to
 * another guest: on a shared host it is the neighbours' load, which slows a measurement as much
 * as our own.
 */
export function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS;
}
