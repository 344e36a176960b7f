/**
 * A worker thread of render-pool.ts: turns Markdown into HTML and text off the main thread,
 * so that a body that costs the parser minutes stops only this thread, which the pool then ends.
 */
import { parentPort } from "node:worker_threads";
import { renderBody } from "./markdown";
import type { MarkdownJob, MarkdownReply } from "./render-pool";

parentPort!.on("message", ({ id, job }: { id: number; job: MarkdownJob }) => {
  let reply: MarkdownReply;
  try {
    const { html, text } = renderBody(job.markdown, { takeLead: job.takeLead });
    reply = { id, ok: true, html, text };
  } catch (err) {
    // Deep nesting the bounds let through ends here as a RangeError, not as a dead process.
    reply = { id, ok: false, message: (err as Error).message || String(err) };
  }
  parentPort!.postMessage(reply);
});

// The pool starts a job's time budget only from here, once the parser is loaded.
parentPort!.postMessage({ ready: true });
