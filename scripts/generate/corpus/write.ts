/**
 * Writes a generated corpus as a complete content folder: site.json and sections.json and the
 * pictures copied from a source folder (the demo `content/`), and the articles streamed to disk
 * with a bounded number of writes in flight, so 100,000 files never sit in memory at once.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseFrontMatter } from "../../../lib/content/front-matter";
import { listArticleFiles, toPosix } from "../../../lib/content/load";
import type { ContentProblem } from "../../../lib/content/types";
import { imageTypeOf } from "../../../lib/mime";
import { generateArticles, generateNewest, type CorpusArticle, type CorpusImage } from "./text";

export interface WriteCorpusOptions {
  articles: number;
  seed: number;
  end: number;
  out: string;
  /** The folder whose site.json, sections.json and media/ are reused. */
  source: string;
  /** Write the newest `articles` of an archive of this many (generateNewest) instead. */
  archive?: number;
  /** Writes in flight at once. */
  concurrency?: number;
  /** Called for every article generated, e.g. to learn which URLs the corpus has. */
  onArticle?: (article: CorpusArticle) => void;
}

export interface WriteCorpusResult {
  articles: number;
  bytes: number;
  media: number;
}

/** The demo's pictures, with the alt text and section of the demo article that shows each. */
export async function readDemoImages(source: string): Promise<CorpusImage[]> {
  const media = (await readdir(path.join(source, "media"), { withFileTypes: true }))
    .filter((e) => e.isFile() && imageTypeOf(e.name) !== undefined)
    .map((e) => `media/${e.name}`)
    .sort();
  const described = new Map<string, { alt: string; section: string }>();
  const problems: ContentProblem[] = [];
  for (const full of await listArticleFiles(source, problems)) {
    const fm = parseFrontMatter(await readFile(full, "utf8"));
    if (!fm.ok) continue;
    const image = fm.data.image as { src?: unknown; alt?: unknown } | undefined;
    if (typeof image?.src === "string" && typeof image.alt === "string" && typeof fm.data.section === "string") {
      described.set(image.src, { alt: image.alt, section: fm.data.section });
    }
  }
  return media.map((src) => {
    const d = described.get(src);
    return d ? { src, alt: d.alt, section: d.section } : { src, alt: "Иллюстрация к материалу" };
  });
}

/** Refuses a folder that already has files: mixing two corpora would make duplicate slugs. */
async function ensureEmpty(dir: string) {
  try {
    const entries = await readdir(dir);
    if (entries.length > 0) throw new Error(`${dir} is not empty; choose a new folder`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

export async function writeCorpus(options: WriteCorpusOptions): Promise<WriteCorpusResult> {
  const { out, source } = options;
  await ensureEmpty(out);
  await mkdir(path.join(out, "media"), { recursive: true });
  for (const file of ["site.json", "sections.json"]) await copyFile(path.join(source, file), path.join(out, file));
  const sections = (JSON.parse(await readFile(path.join(source, "sections.json"), "utf8")) as { slug: string }[]).map((s) => s.slug);
  const images = await readDemoImages(source);
  for (const image of images) await copyFile(path.join(source, image.src), path.join(out, image.src));

  const concurrency = options.concurrency ?? 64;
  const dirs = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let bytes = 0;
  let count = 0;
  const generation = { articles: options.articles, seed: options.seed, end: options.end, sections, images };
  const generated = options.archive === undefined ? generateArticles(generation) : generateNewest(generation, options.archive);
  for (const article of generated) {
    options.onArticle?.(article);
    const dir = path.posix.dirname(article.path);
    if (!dirs.has(dir)) {
      dirs.add(dir);
      await mkdir(path.join(out, dir), { recursive: true });
    }
    const data = Buffer.from(article.text, "utf8");
    bytes += data.length;
    count++;
    const write: Promise<void> = writeFile(path.join(out, article.path), data).then(
      () => void inFlight.delete(write),
      (err: unknown) => {
        failure ??= err;
        inFlight.delete(write);
      },
    );
    inFlight.add(write);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) break;
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { articles: count, bytes, media: images.length };
}

/** The largest number of entries in any one folder below `dir` (the layout's promise). */
export async function largestFolder(dir: string): Promise<{ folder: string; entries: number }> {
  let best = { folder: ".", entries: 0 };
  const visit = async (full: string) => {
    const entries = await readdir(full, { withFileTypes: true });
    if (entries.length > best.entries) best = { folder: toPosix(path.relative(dir, full)) || ".", entries: entries.length };
    for (const e of entries) if (e.isDirectory()) await visit(path.join(full, e.name));
  };
  await visit(dir);
  return best;
}
