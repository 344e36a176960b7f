/**
 * `npm run corpus -- --articles N --out DIR [--seed S] [--end ISO] [--of M]`: writes a complete
 * content folder of N synthetic Russian news articles for load and scale tests. The same seed and
 * end give the same files; `--end` (default: the start of the current hour) is the newest possible
 * date, and dates spread over the three years before it. `--of M` writes instead the newest N
 * articles of the M-article archive the same seed and end give, so that corpora of different
 * sizes put the same stories on their front pages. The npm script widens libuv's thread pool
 * (UV_THREADPOOL_SIZE=16): the run is bound by file creation, which goes through that pool.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { writeCorpus } from "./corpus/write";

const { values } = parseArgs({
  options: {
    articles: { type: "string" },
    out: { type: "string" },
    seed: { type: "string", default: "1" },
    end: { type: "string" },
    of: { type: "string" },
  },
});

const articles = Number(values.articles);
const seed = Number(values.seed);
const end = values.end ? Date.parse(values.end) : Date.now() - (Date.now() % 3_600_000);
if (!Number.isInteger(articles) || articles < 1 || !values.out || !Number.isInteger(seed) || Number.isNaN(end)) {
  console.error("usage: npm run corpus -- --articles N --out DIR [--seed INTEGER] [--end 2026-01-31T12:00:00+03:00] [--of M]");
  process.exit(2);
}
const archive = values.of === undefined ? undefined : Number(values.of);
if (archive !== undefined && !(Number.isInteger(archive) && archive >= articles)) {
  console.error(`--of: the archive to take the newest ${values.articles} articles from must be a whole number at least as large, got "${values.of}"`);
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, "../..");
const out = path.resolve(values.out);
const started = performance.now();
try {
  const result = await writeCorpus({ articles, seed, end, out, source: path.join(root, "content"), ...(archive !== undefined ? { archive } : {}) });
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `${out}: ${result.articles} articles (${(result.bytes / 1048576).toFixed(1)} MB), ${result.media} media files, ` +
      `seed ${seed}${archive !== undefined ? `, the newest of ${archive}` : ""}, ${seconds.toFixed(1)} s`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
