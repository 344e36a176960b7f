/**
 * The partner-feed importer (docs/importer.md):
 *   npm run import                      one pass over every enabled source, then a summary table
 *   npm run import -- --source ID       one source (enabled or not)
 *   npm run import -- --watch           each source on its own schedule until Ctrl-C / SIGTERM
 *   npm run import -- --status          what the last runs did and when the next are due
 * CONTENT_DIR (or --content DIR) names the content folder. Exit code 0 only when every source
 * was read (a pass), or on a clean stop (--watch).
 */
import { watch as watchFile } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatProblem } from "../../lib/content/types";
import { formatPass, formatStatus } from "../../lib/import/report";
import { readSourcesConfig, runImport, type ImportOptions } from "../../lib/import/run";
import { nextRunAt } from "../../lib/import/schedule";
import { readSourceState, takeLock } from "../../lib/import/state";
import { ImportError } from "../../lib/import/types";
import { siteUrl } from "../../lib/seo/urls";

const { values } = parseArgs({
  options: {
    source: { type: "string", multiple: true },
    watch: { type: "boolean", default: false },
    status: { type: "boolean", default: false },
    content: { type: "string" },
    quiet: { type: "boolean", default: false },
    // For `npm run bench:import`: the process's peak resident memory, printed at exit.
    usage: { type: "boolean", default: false },
  },
});

const root = path.resolve(values.content ?? process.env.CONTENT_DIR ?? "content");
const userAgent = `SvezhiyVypusk-Importer/1.0 (+${siteUrl()})`;
const stamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
const log = (line: string) => {
  if (!values.quiet) console.error(`${stamp()} ${line}`);
};

async function status(): Promise<number> {
  const config = await readSourcesConfig(root);
  for (const p of config.problems) console.log(formatProblem(p));
  const states = new Map(await Promise.all(config.sources.map(async (s) => [s.id, await readSourceState(root, s.id)] as const)));
  console.log(formatStatus(config.sources, states, Date.now()));
  return 0;
}

async function pass(ids: string[] | undefined): Promise<boolean> {
  const options: ImportOptions = { root, userAgent, log, ids };
  const report = await runImport(options);
  for (const p of report.problems) console.log(formatProblem(p));
  if (report.sources.length > 0) console.log(formatPass(report.sources));
  else console.log("No enabled sources in sources.json.");
  return report.problems.length === 0 && report.sources.every((s) => s.summary.ok);
}

async function watch(): Promise<number> {
  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // A partner added to (or changed in) sources.json is read at once, not at the next round.
  let changed = false;
  const watcher = watchFile(root, (_event, name) => {
    if (name?.toString() !== "sources.json") return;
    changed = true;
    wake?.();
  });
  watcher.on("error", () => {});
  watcher.unref();
  log(`watching ${path.join(root, "sources.json")}; Ctrl-C stops`);
  // Keyed by what the schedule depends on, so that a changed address or `every` is scheduled again.
  const due = new Map<string, number>();
  const keyOf = (s: { id: string; url: string; everyMs: number }) => `${s.id} ${s.url} ${s.everyMs}`;
  while (!stopping) {
    changed = false;
    // sources.json is read every round: a partner added, changed or disabled needs no restart.
    const config = await readSourcesConfig(root);
    const now = Date.now();
    const enabled = config.sources.filter((s) => s.enabled);
    for (const s of enabled) if (!due.has(keyOf(s))) due.set(keyOf(s), nextRunAt(s, await readSourceState(root, s.id)));
    const ready = enabled.filter((s) => (due.get(keyOf(s)) ?? 0) <= now).map((s) => s.id);
    if (ready.length > 0) {
      try {
        const report = await runImport({ root, userAgent, log, ids: ready });
        for (const r of report.sources) if (r.summary.new + r.summary.updated + r.summary.duplicates > 0 || !r.summary.ok) log(`${r.id}: ${r.summary.ok ? `${r.summary.new} new, ${r.summary.updated} updated, ${r.summary.duplicates} same story` : `FAILED: ${r.summary.reason}`}`);
      } catch (err) {
        log(`pass failed: ${err instanceof ImportError ? err.reason : (err as Error).stack}`);
      }
      for (const id of ready) {
        const s = enabled.find((x) => x.id === id)!;
        due.set(keyOf(s), nextRunAt(s, await readSourceState(root, id)));
      }
    }
    const next = Math.min(...enabled.map((s) => due.get(keyOf(s)) ?? now + 60_000), now + 60_000);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(1000, next - Date.now()));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (stopping || changed) wake();
    });
  }
  watcher.close();
  log("stopped");
  return 0;
}

async function main(): Promise<number> {
  if (values.status) return status();
  const lock = await takeLock(root);
  if ("heldBy" in lock) {
    console.error(`Another importer (PID ${lock.heldBy}) is working on ${root}; one at a time.`);
    return 2;
  }
  try {
    if (values.watch) return await watch();
    return (await pass(values.source)) ? 0 : 1;
  } finally {
    await lock.release();
  }
}

main().then(
  (code) => {
    if (values.usage) console.log(`peak resident memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    process.exit(code);
  },
  (err) => {
    console.error(err instanceof ImportError ? err.reason : err);
    process.exit(1);
  },
);
