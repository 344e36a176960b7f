/**
 * The scale bench's corpora: generated into the run's temporary folder and deleted with it, or,
 * with `--corpus-dir`, kept in a folder of their own and reused by later runs of the same seed and
 * archive (a 1,000,000-article corpus is 3.3 GB and minutes to write). Beside a kept corpus,
 * `corpus.json` says what it is and `articles.tsv` lists its articles, so that a reused corpus
 * gives the same URLs without reading a million files.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { writeCorpus } from "../../generate/corpus/write";
import { MB } from "./proc";
import { titleOf } from "./queries";

export interface CorpusEntry {
  slug: string;
  dateMs: number;
  section: string;
  /** Inside the content folder. */
  path: string;
}

export interface Corpus {
  content: string;
  articles: CorpusEntry[];
  /** A few hundred titles spread over the corpus, for the search queries. */
  titles: string[];
  /** A generated article's text and section, the shape of the freshness probe's new article. */
  template: { text: string; section: string };
  seconds: number;
  mb: number;
  reused: boolean;
}

interface Meta {
  size: number;
  archive: number;
  seed: number;
  end: number;
  mb: number;
  titles: string[];
  template: { text: string; section: string };
}

const keptName = (size: number, archive: number, seed: number) => `${size}-of-${archive}-seed-${seed}`;

/** The end (epoch ms) of the corpora already kept for this archive and seed, so that new ones match them. */
export async function keptEnd(dir: string, archive: number, seed: number): Promise<number | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(`-of-${archive}-seed-${seed}`))) {
    const meta = await readMeta(path.join(dir, name));
    if (meta) return meta.end;
  }
  return undefined;
}

async function readMeta(folder: string): Promise<Meta | undefined> {
  try {
    return JSON.parse(await readFile(path.join(folder, "corpus.json"), "utf8")) as Meta;
  } catch {
    return undefined;
  }
}

export interface CorpusOptions {
  size: number;
  archive: number;
  seed: number;
  end: number;
  /** The demo content folder (site.json, sections.json, media/). */
  source: string;
  /** A temporary folder of this run; the corpus goes in its content/ unless `keepDir` is given. */
  tempDir: string;
  /** `--corpus-dir`: keep the corpus there, and reuse one already kept. */
  keepDir?: string;
  titleCount: number;
}

export async function prepareCorpus(o: CorpusOptions): Promise<Corpus> {
  const started = performance.now();
  const folder = o.keepDir ? path.join(o.keepDir, keptName(o.size, o.archive, o.seed)) : o.tempDir;
  const content = path.join(folder, "content");
  const list = path.join(folder, "articles.tsv");
  if (o.keepDir) {
    const meta = await readMeta(folder);
    if (meta && meta.end === o.end) {
      const articles: CorpusEntry[] = [];
      for await (const line of createInterface({ input: createReadStream(list, "utf8"), crlfDelay: Infinity })) {
        if (!line) continue;
        const [slug, dateMs, section, file] = line.split("\t");
        articles.push({ slug: slug!, dateMs: Number(dateMs), section: section!, path: file! });
      }
      if (articles.length === o.size) {
        return { content, articles, titles: meta.titles, template: meta.template, seconds: (performance.now() - started) / 1000, mb: meta.mb, reused: true };
      }
    }
    // Half-written or of another end: start again.
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
  }

  const articles: CorpusEntry[] = [];
  const titles: string[] = [];
  let template: Corpus["template"] | undefined;
  const every = Math.max(1, Math.floor(o.size / o.titleCount));
  const written = await writeCorpus({
    articles: o.size,
    seed: o.seed,
    end: o.end,
    // Every size is the newest part of the largest archive: the home and section pages then
    // list the same stories at every size, and only the archive behind them differs.
    archive: o.archive,
    out: content,
    source: o.source,
    onArticle: (a) => {
      if (articles.length % every === 0) {
        const title = titleOf(a.text);
        if (title) titles.push(title);
      }
      template ??= { text: a.text, section: a.section };
      articles.push({ slug: a.slug, dateMs: a.dateMs, section: a.section, path: a.path });
    },
  });
  const mb = written.bytes / MB;
  if (o.keepDir) {
    const out = createWriteStream(list);
    for (const a of articles) if (!out.write(`${a.slug}\t${a.dateMs}\t${a.section}\t${a.path}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    // Written last: a corpus without it is one a run did not finish.
    const meta: Meta = { size: o.size, archive: o.archive, seed: o.seed, end: o.end, mb, titles, template: template! };
    await writeFile(path.join(folder, "corpus.json"), JSON.stringify(meta));
  }
  return { content, articles, titles, template: template!, seconds: (performance.now() - started) / 1000, mb, reused: false };
}
