import { Worker } from "node:worker_threads";
import { parseThreads } from "@/lib/store/parse-pool";
import type { SearchRow, SearchRowInput } from "./search-rows";
import { tsxWorkerSource } from "@/lib/tsx-worker";

/**
 * Worker threads that make search rows (search-rows.ts) for a whole copy: the copy hands them the
 * next chunk's articles and stores the current one meanwhile. One thread less than the machine has
 * cores (the copy's own thread and PostgreSQL take the rest), at least one, at most four.
 */
export function searchRowThreadCount(): number {
  return Math.max(1, Math.min(parseThreads() - 1, 4));
}

interface Pending {
  resolve: (rows: SearchRow[]) => void;
  reject: (err: Error) => void;
}

export class SearchRowThreads {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure?: Error;

  constructor(threads = searchRowThreadCount()) {
    this.workers = Array.from({ length: threads }, () => this.start());
  }

  /** The inputs' rows, in their order: split among the threads, one batch each. */
  async rows(inputs: SearchRowInput[]): Promise<SearchRow[]> {
    if (this.failure) throw this.failure;
    const share = Math.ceil(inputs.length / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((worker, k) => {
        const slice = inputs.slice(k * share, (k + 1) * share);
        return slice.length === 0 ? Promise.resolve([]) : this.ask(worker, slice);
      }),
    );
    return parts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private ask(worker: Worker, inputs: SearchRowInput[]): Promise<SearchRow[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, inputs });
    });
  }

  private start(): Worker {
    // Under tsx (the indexer's script, tests) this module is TypeScript and so is the worker, which
    // registers tsx itself: loader hooks do not reach worker threads on Node 20.
    const worker = import.meta.url.endsWith(".ts")
      ? new Worker(tsxWorkerSource(import.meta.url, "search-rows-worker.ts"), { eval: true })
      : new Worker(new URL("./search-rows-worker.ts", import.meta.url));
    worker.on("message", (msg: { id: number; rows?: SearchRow[]; error?: string }) => {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (msg.rows) waiting.resolve(msg.rows);
      else waiting.reject(new Error(`search rows: ${msg.error}`));
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(err);
      }
    };
    worker.once("error", fail);
    worker.once("exit", (code) => fail(new Error(`the search rows' worker stopped (exit code ${code})`)));
    // A copy that failed half-way must not keep the indexer alive on its threads.
    worker.unref();
    return worker;
  }
}
