/**
 * A worker thread of `scripts/build/index-content.ts`: parses its share of the article files the way the
 * server does (read, validate, typeset) and sends back one cache record per file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildArticle } from "../../lib/content/build-index";
import type { CachedRecord } from "../../lib/content/index-cache";
import { readArticleFile, readMedia, readSiteAndSections } from "../../lib/content/load";

const { root, files } = workerData as { root: string; files: string[] };
const config = await readSiteAndSections(root);
const media = await readMedia(root, []);
const sectionBySlug = new Map(config.sections.map((s) => [s.slug, s]));
const records: [string, CachedRecord][] = [];
for (const rel of files) {
  const source = await readArticleFile(root, rel);
  // An unreadable file gets no record: the main thread reads it again and reports it.
  if (!("text" in source)) continue;
  const { article, problems } = buildArticle(source, sectionBySlug, media);
  records.push([rel, { stamp: source.stamp!, problems, ...(article ? { article } : {}) }]);
}
parentPort!.postMessage(records);
