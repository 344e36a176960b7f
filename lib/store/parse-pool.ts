import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { MediaInfo } from "@/lib/content/build-index";
import type { Section } from "@/lib/content/types";
import type { FileRecord } from "./sqlite/writer";
import { tsxWorkerSource } from "@/lib/tsx-worker";

/** Below this many files, starting threads costs more than it saves. */
export const PARALLEL_FROM = 2000;

/** Threads for a large batch: one per core (INDEX_WORKERS overrides), at most 16. */
export function parseThreads(): number {
  return Math.max(1, Math.min(Number(process.env.INDEX_WORKERS) || availableParallelism(), 16));
}

/**
 * Parses many files on worker threads, handing each slice of records to `onRecords` as it comes
 * (the caller writes them); resolves with the paths that turned out to be gone.
 */
export async function parseOnThreads(
  files: string[],
  ctx: { root: string; sections: Section[]; media: ReadonlyMap<string, MediaInfo>; fresh: boolean },
  onRecords: (records: FileRecord[]) => void,
  threads = parseThreads(),
): Promise<string[]> {
  const shares = Array.from({ length: threads }, (_, k) => files.filter((_, i) => i % threads === k)).filter((s) => s.length > 0);
  const gone: string[] = [];
  // Node hands over all of a port's queued messages in one go, with no timer or request
  // in between: on a busy machine every slice would be written before a reader got a turn, and a
  // server indexing a copy of thousands of files would answer nobody meanwhile. So each slice is
  // written in its own turn of the event loop.
  const turns: (() => void)[] = [];
  const next = () => {
    turns.shift()?.();
    if (turns.length > 0) setImmediate(next);
  };
  const inTurn = (job: () => void) => {
    if (turns.push(job) === 1) setImmediate(next);
  };
  // After one failure no slice is written and every thread is stopped.
  const workers: Worker[] = [];
  let failed = false;
  const fail = (reject: (err: Error) => void, err: Error) => {
    if (!failed) for (const w of workers) void w.terminate();
    failed = true;
    reject(err);
  };
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const workerData = { root: ctx.root, files: share, sections: ctx.sections, media: [...ctx.media], fresh: ctx.fresh };
          // Under tsx (scripts, tests) this module is TypeScript and so is the worker; in Next's
          // build the bundler turns the URL into the worker's own chunk. Loader hooks do not reach
          // worker threads on Node 20: under tsx the worker registers tsx itself.
          const worker = import.meta.url.endsWith(".ts")
            ? new Worker(tsxWorkerSource(import.meta.url, "parse-worker.ts"), { eval: true, workerData })
            : new Worker(new URL("./parse-worker.ts", import.meta.url), { workerData });
          workers.push(worker);
          let finished = false;
          worker.on("message", (msg: { records: FileRecord[]; gone?: string[]; done?: boolean }) => {
            // The worker exits right after its last slice: that slice is already received.
            if (msg.done) finished = true;
            inTurn(() => {
              if (failed) return;
              try {
                onRecords(msg.records);
              } catch (err) {
                return fail(reject, err as Error);
              }
              if (msg.done) {
                gone.push(...(msg.gone ?? []));
                resolve();
              }
            });
          });
          worker.once("error", (err) => fail(reject, err));
          worker.once("exit", (code) => !finished && !failed && fail(reject, new Error(`the parse worker stopped (exit code ${code})`)));
        }),
    ),
  );
  return gone;
}
