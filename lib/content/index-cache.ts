import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Article, ContentProblem } from "./types";

/**
 * The parsed front matter of every article, kept on disk between server starts so that an archive
 * of 100,000 files is parsed once (at build time or on the first start) and not on every start.
 * One JSON line per file, so it is written and read in slices without a 100 MB string.
 */
export interface CachedRecord {
  stamp: string;
  article?: Article;
  problems: ContentProblem[];
}

/** Bump when the shape of an Article or the way it is built changes. */
// 2: titles and leads are typeset when an article is built.
// 3: articles carry `also` (and `source.id`); an older record would lack the list pages read.
const FORMAT = 3;

export function indexCacheKey(parts: string[]): string {
  return [`v${FORMAT}`, ...parts].join("|");
}

/** The cached records, or undefined when there is no cache or it was made for something else. */
export async function readIndexCache(file: string, key: string): Promise<Map<string, CachedRecord> | undefined> {
  let stream;
  try {
    await fs.access(file);
    stream = createReadStream(file, { encoding: "utf8" });
  } catch {
    return undefined;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const out = new Map<string, CachedRecord>();
  let first = true;
  try {
    for await (const line of lines) {
      if (first) {
        first = false;
        if ((JSON.parse(line) as { key?: string }).key !== key) return undefined;
        continue;
      }
      if (!line) continue;
      const [rel, record] = JSON.parse(line) as [string, CachedRecord];
      out.set(rel, record);
    }
  } catch {
    return undefined; // a torn or foreign file is no cache at all
  } finally {
    lines.close();
    stream.destroy();
  }
  return first ? undefined : out;
}

/**
 * Writes the records atomically (a temporary file, then a rename), yielding to the event loop
 * between slices so that a serving process keeps answering while it saves.
 */
export async function writeIndexCache(file: string, key: string, records: Iterable<[string, CachedRecord]>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(tmp, "w");
  try {
    let chunk = `${JSON.stringify({ key })}\n`;
    let n = 0;
    for (const entry of records) {
      chunk += `${JSON.stringify(entry)}\n`;
      if (++n % 2000 === 0) {
        await handle.write(chunk);
        chunk = "";
        await new Promise((r) => setImmediate(r));
      }
    }
    await handle.write(chunk);
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}
