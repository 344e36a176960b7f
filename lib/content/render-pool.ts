import os from "node:os";
import { Worker } from "node:worker_threads";
import { tsxWorkerSource } from "@/lib/tsx-worker";

/** What a worker is asked: a body rendered to HTML and text. */
export type MarkdownJob = { kind: "render"; markdown: string; takeLead: boolean };

export type MarkdownReply = { id: number; ok: true; html: string; text: string } | { id: number; ok: false; message: string };

/** A job that took longer than its budget; its worker was stopped. */
export class MarkdownBudgetError extends Error {
  constructor(readonly budgetMs: number) {
    super(`took longer than ${budgetMs / 1000} s to render; left unrendered`);
    this.name = "MarkdownBudgetError";
  }
}

export interface RenderPoolOptions {
  /** Worker threads at most (default: 2, or one per core when there is one). */
  size?: number;
  /** How long one job may take once a worker has it (default 5 s, MARKDOWN_BUDGET_MS). */
  budgetMs?: number;
  /** A worker with nothing to do for this long is stopped; the next job starts a new one. */
  idleMs?: number;
  /** Heap of one worker; a body that needs more ends the worker, not the server. */
  maxHeapMb?: number;
}

interface Pending {
  id: number;
  job: MarkdownJob;
  resolve: (r: { html: string; text: string }) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded the parser: a job's budget starts only then. */
  ready: boolean;
  current?: Pending;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

/** Each render worker's young generation (MB); see spawn(). */
export const WORKER_YOUNG_MB = 4;

/**
 * Markdown is parsed in worker threads, each job under a time budget. The parser's cost is not
 * bounded by its input's size (markdown-limits.ts lists the shapes known to cost minutes), and on
 * the main thread one such body would stop every reader's request and even SIGTERM. Here the
 * worker that runs over its budget is terminated, the job fails with a MarkdownBudgetError, and the
 * next job gets a fresh worker; the main thread never waits on the parser.
 */
export class RenderPool {
  private readonly size: number;
  private readonly budgetMs: number;
  private readonly idleMs: number;
  private readonly maxHeapMb: number;
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: RenderPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, os.availableParallelism()));
    this.budgetMs = options.budgetMs ?? (Number(process.env.MARKDOWN_BUDGET_MS) || 5000);
    this.idleMs = options.idleMs ?? 60_000;
    this.maxHeapMb = options.maxHeapMb ?? 256;
  }

  run(job: MarkdownJob): Promise<{ html: string; text: string }> {
    if (this.closed) return Promise.reject(new Error("the render pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  /** Workers running now (for tests). */
  get workers(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error("the render pool is closed"));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error("the render pool is closed"))));
  }

  private dispatch() {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.current);
      if (!slot) {
        if (this.slots.length < this.size && this.slots.every((s) => s.ready)) this.spawn();
        return;
      }
      const next = this.queue.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.current = next;
      slot.timer = setTimeout(() => void this.stop(slot, new MarkdownBudgetError(this.budgetMs)), this.budgetMs);
      slot.worker.postMessage({ id: next.id, job: next.job });
    }
  }

  private spawn(): Slot {
    // Under tsx (scripts, tests) this module is TypeScript and so is the worker; in Next's build
    // the bundler turns the URL into the worker's own chunk.
    // Loader hooks do not reach worker threads on Node 20: under tsx the worker registers it itself.
    // A small young generation: V8's default lets each worker's grow to tens of MB under load,
    // and with two workers alive that was some 30 MB of a server's resident memory at a million
    // articles (404 → 284 MB once both had idled out), for jobs that each parse one body.
    const resourceLimits = { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB, stackSizeMb: 4 };
    const worker = import.meta.url.endsWith(".ts")
      ? new Worker(tsxWorkerSource(import.meta.url, "markdown-worker.ts"), { eval: true, resourceLimits })
      : new Worker(new URL("./markdown-worker.ts", import.meta.url), { resourceLimits });
    // A pool must not keep a script or a test process alive.
    worker.unref();
    const slot: Slot = { worker, ready: false };
    // Loading the parser takes a moment on a busy machine, but not a minute.
    slot.timer = setTimeout(() => void this.stop(slot, new Error("the render worker did not start")), 60_000);
    worker.on("message", (reply: MarkdownReply | { ready: true }) => {
      if ("ready" in reply) {
        clearTimeout(slot.timer);
        slot.ready = true;
        return this.dispatch();
      }
      const job = slot.current;
      if (!job || job.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) job.resolve({ html: reply.html, text: reply.text });
      else job.reject(new Error(reply.message));
      this.dispatch();
    });
    // Out of memory, or a crash: the job fails, the worker is replaced by the next dispatch.
    worker.on("error", (err) => void this.stop(slot, err));
    worker.on("exit", (code) => void this.stop(slot, new Error(`the render worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.current = undefined;
    slot.idle = setTimeout(() => void this.stop(slot), this.idleMs);
    slot.idle.unref();
  }

  private async stop(slot: Slot, reason?: Error) {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idle) clearTimeout(slot.idle);
    const job = slot.current;
    slot.current = undefined;
    if (job) job.reject(reason ?? new Error("the render worker stopped"));
    // terminate() interrupts JavaScript that never yields, which is what a runaway parse is.
    const done = slot.worker.terminate().catch(() => {});
    if (!this.closed) this.dispatch();
    await done;
  }
}
