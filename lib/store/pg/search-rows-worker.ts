/**
 * A worker thread of a whole copy (search-rows-threads.ts): makes the search rows of the articles
 * it is sent, one message per batch, and answers each with its rows or its error.
 */
import { parentPort } from "node:worker_threads";
import { searchRow, type SearchRowInput } from "./search-rows";

parentPort!.on("message", ({ id, inputs }: { id: number; inputs: SearchRowInput[] }) => {
  try {
    parentPort!.postMessage({ id, rows: inputs.map(searchRow) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
