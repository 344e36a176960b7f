/**
 * Runs after `next build`: parses the front matter of every article in CONTENT_DIR once and writes
 * it to the index cache beside the build, so the production server starts on a large archive in
 * seconds instead of re-reading every file. The server re-parses only files changed since.
 *
 * Parsing (YAML, validation, typesetting) is CPU work, so a large archive is split across worker
 * threads, one per core; the main thread then assembles the index from their records exactly as
 * the server does and writes the cache. INDEX_WORKERS sets the number of threads.
 */
import { availableParallelism } from "node:os";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CachedRecord } from "../../lib/content/index-cache";
import { LiveContent } from "../../lib/content/live-store";
import { contentDir, listArticleFiles, toPosix } from "../../lib/content/load";
import { indexCacheOptions } from "../../lib/content/store";

const BOOTSTRAP = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(new URL("./index-worker.ts", import.meta.url).href)}); })`;

/** Below this many files, starting threads costs more than it saves. */
const PARALLEL_FROM = 2000;

const started = performance.now();
const root = contentDir();
const cache = indexCacheOptions(process.cwd(), { force: true });
if (!cache) {
  console.error("index-content: no .next/BUILD_ID (run next build first) or CONTENT_INDEX_CACHE=off; nothing cached");
  process.exit(0);
}
// A new build makes every older cache useless (they are salted with the old build's id).
const dir = path.dirname(cache.file);
for (const name of await readdir(dir).catch(() => [] as string[])) {
  if (name.startsWith("index-") && path.join(dir, name) !== cache.file) await rm(path.join(dir, name), { force: true });
}

async function parseInWorkers(): Promise<{ records?: Map<string, CachedRecord>; threads: number }> {
  const files = (await listArticleFiles(root, [])).map((full) => toPosix(path.relative(root, full)));
  const threads = Math.max(1, Math.min(Number(process.env.INDEX_WORKERS) || availableParallelism(), 16));
  if (files.length < PARALLEL_FROM || threads < 2) return { threads: 1 };
  const shares = Array.from({ length: threads }, (_, k) => files.filter((_, i) => i % threads === k));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<[string, CachedRecord][]>((resolve, reject) => {
          // Loader hooks do not reach worker threads on Node 20: each worker registers tsx itself.
          const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { root, files: share } });
          worker.once("message", resolve);
          worker.once("error", reject);
          worker.once("exit", (code) => code !== 0 && reject(new Error(`index worker exited with ${code}`)));
        }),
    ),
  );
  return { records: new Map(results.flat()), threads };
}

const { records, threads } = await parseInWorkers();
const live = await LiveContent.open(root, { watch: false, cache, log: () => {}, ...(records ? { preparsed: records } : {}) });
await live.saveCache();
live.close();
const { articles, problems } = live.index;
console.log(
  `index-content: ${articles.length} articles from ${root} in ${((performance.now() - started) / 1000).toFixed(1)} s` +
    `${threads > 1 ? ` on ${threads} threads` : ""}` +
    `${problems.length ? ` (${problems.length} problems; npm run content:check lists them)` : ""} → ${cache.file}`,
);
