/**
 * A worker thread of the indexer: parses its share of a large batch of article files (read,
 * validate, typeset, search terms) and sends the records back in slices, so that the main thread
 * writes them while the rest are parsed and neither side holds the whole batch.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { MediaInfo } from "@/lib/content/build-index";
import type { Section } from "@/lib/content/types";
import { parseFileSync } from "./parse";
import type { FileRecord } from "./sqlite/writer";

const SLICE = 250;
const { root, files, sections, media, fresh } = workerData as {
  root: string;
  files: string[];
  sections: Section[];
  media: [string, MediaInfo][];
  fresh: boolean;
};
const ctx = { root, sectionBySlug: new Map(sections.map((s) => [s.slug, s])), media: new Map(media) };
let slice: FileRecord[] = [];
const gone: string[] = [];
for (const rel of files) {
  const record = parseFileSync(rel, ctx, fresh);
  if (record) slice.push(record);
  else gone.push(rel);
  if (slice.length >= SLICE) {
    parentPort!.postMessage({ records: slice });
    slice = [];
  }
}
parentPort!.postMessage({ records: slice, gone, done: true });
