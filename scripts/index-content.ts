/**
 * Runs after `next build`: parses the front matter of every article in CONTENT_DIR once and writes
 * it to the index cache beside the build, so the production server starts on a large archive in
 * seconds instead of re-reading every file. The server re-parses only files changed since.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { LiveContent } from "../lib/content/live-store";
import { contentDir } from "../lib/content/load";
import { indexCacheOptions } from "../lib/content/store";

const started = performance.now();
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
const live = await LiveContent.open(contentDir(), { watch: false, cache, log: () => {} });
await live.saveCache();
live.close();
const { articles, problems } = live.index;
console.log(
  `index-content: ${articles.length} articles from ${contentDir()} in ${((performance.now() - started) / 1000).toFixed(1)} s` +
    `${problems.length ? ` (${problems.length} problems; npm run content:check lists them)` : ""} → ${cache.file}`,
);
