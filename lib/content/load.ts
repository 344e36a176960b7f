import { promises as fs, readFileSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { IMAGE_EXTENSIONS } from "../mime";
import { buildIndex, type MediaInfo, type SourceFile } from "./build-index";
import { readJson } from "./read-json";
import { publicSources, readSourceConfigs } from "./sources";
import type { ContentIndex, ContentProblem, Section, SiteConfig, SourceInfo } from "./types";
import { DEFAULT_TIME_ZONE, validateSections, validateSite } from "./validate";


/** Used only when site.json is missing or broken, so the site still serves its articles. */
const FALLBACK_SITE: SiteConfig = {
  name: "News",
  description: "",
  edition: { name: "", genitive: "" },
  timeZone: DEFAULT_TIME_ZONE,
};

export function contentDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR || "content");
}

export function toPosix(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

/**
 * Lists regular files below `dir` whose names pass `accept`. Symlinks are followed only when their
 * target stays inside `root`, so a link to /etc cannot leak files onto the site, and a folder is
 * read once: a link to a folder already read, or to one of its own parents, is reported and left
 * alone (a link to the parent folder was walked 40 levels deep, every file listed again each time).
 */
export async function walk(
  root: string,
  dir: string,
  accept: (name: string) => boolean,
  problems: ContentProblem[],
  seen: Set<string> = new Set(),
): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
    seen.add(await fs.realpath(dir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      problems.push({ file: toPosix(path.relative(root, dir)) || ".", field: "folder", message: `cannot be read: ${(err as Error).message}` });
    }
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(/* turbopackIgnore: true */ dir, entry.name);
    const rel = toPosix(path.relative(root, full));
    if (entry.isSymbolicLink()) {
      const target = await followLink(await fs.realpath(root), full, rel, problems, seen);
      if (target === "folder") out.push(...(await walk(root, full, accept, problems, seen)));
      else if (target === "file" && accept(entry.name)) out.push(full);
    } else if (entry.isDirectory()) {
      out.push(...(await walk(root, full, accept, problems, seen)));
    } else if (entry.isFile() && accept(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/**
 * Where a symbolic link leads, when it may be followed: to a file or a folder inside the content
 * folder (`realRoot`, already resolved), and for a folder, one not read yet in this pass (`seen`).
 * Otherwise the problem is reported and undefined returned.
 */
export async function followLink(realRoot: string, full: string, rel: string, problems: ContentProblem[], seen: ReadonlySet<string>): Promise<"file" | "folder" | undefined> {
  let real: string;
  try {
    real = await fs.realpath(full);
  } catch {
    problems.push({ file: rel, field: "file", message: "is a broken symbolic link" });
    return undefined;
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    problems.push({ file: rel, field: "file", message: "is a symbolic link to a place outside the content folder; ignored" });
    return undefined;
  }
  const stat = await fs.stat(full);
  if (stat.isDirectory()) {
    if (seen.has(real) || [...seen].some((s) => s.startsWith(real + path.sep))) {
      problems.push({ file: rel, field: "folder", message: "is a symbolic link to a folder that is already read (or contains this one); ignored" });
      return undefined;
    }
    return "folder";
  }
  return stat.isFile() ? "file" : undefined;
}

/**
 * Sizes already read, by path, with the file's modification stamp: an importer that adds photos
 * one by one makes each live instance read the new ones, not every photo again (5,000 imported
 * photos were 5,000 sharp reads per batch of file events).
 */
export type MediaCache = Map<string, { stamp: string; info: MediaInfo }>;

export async function readMedia(root: string, problems: ContentProblem[], cache?: MediaCache): Promise<Map<string, MediaInfo>> {
  const files = await walk(root, path.join(/* turbopackIgnore: true */ root, "media"), (n) => IMAGE_EXTENSIONS.has(path.extname(n).toLowerCase()), problems);
  const media = new Map<string, MediaInfo>();
  await Promise.all(
    files.map(async (full) => {
      const rel = toPosix(path.relative(root, full));
      let stamp: string | undefined;
      if (cache) {
        const st = await fs.stat(full).catch(() => undefined);
        stamp = st ? `${st.mtimeMs}:${st.size}:${st.ino}` : undefined;
        const known = stamp === undefined ? undefined : cache.get(rel);
        if (known && known.stamp === stamp) {
          media.set(rel, known.info);
          return;
        }
      }
      try {
        const meta = await sharp(full).metadata();
        if (meta.width && meta.height) {
          const info = { width: meta.width, height: meta.height };
          media.set(rel, info);
          if (cache && stamp) cache.set(rel, { stamp, info });
        } else problems.push({ file: rel, field: "file", message: "image has no dimensions" });
      } catch (err) {
        problems.push({ file: rel, field: "file", message: `is not a readable image: ${(err as Error).message}` });
      }
    }),
  );
  if (cache) for (const rel of cache.keys()) if (!media.has(rel)) cache.delete(rel);
  return media;
}

/** Articles larger than this are refused: no news story is a megabyte of text. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

export interface SiteAndSections {
  site: SiteConfig;
  sections: Section[];
  problems: ContentProblem[];
}

/** Reads site.json and sections.json; a broken site.json falls back to defaults. */
export async function readSiteAndSections(root: string): Promise<SiteAndSections> {
  const problems: ContentProblem[] = [];
  // A file that could not be read or parsed is already reported; validating it would repeat that.
  const siteJson = await readJson(root, "site.json", problems);
  const siteResult: ReturnType<typeof validateSite> = siteJson === undefined ? { problems: [] } : validateSite(siteJson);
  problems.push(...siteResult.problems);
  const sectionsJson = await readJson(root, "sections.json", problems);
  const sectionsResult = sectionsJson === undefined ? { sections: [], problems: [] } : validateSections(sectionsJson);
  problems.push(...sectionsResult.problems);
  return { site: siteResult.site ?? FALLBACK_SITE, sections: sectionsResult.sections, problems };
}

/**
 * The partners of sources.json, public fields only (pages never see feed addresses). The file is
 * optional: a site without partner feeds has none. Validated against the sections, as the
 * importer validates it, so both report the same problems.
 */
export async function readSources(root: string, sections: readonly Section[]): Promise<{ sources: SourceInfo[]; problems: ContentProblem[] }> {
  const result = await readSourceConfigs(root, new Map(sections.map((s) => [s.slug, s])), true);
  return { sources: publicSources(result.sources), problems: result.problems };
}

export function listArticleFiles(root: string, problems: ContentProblem[]): Promise<string[]> {
  return walk(root, path.join(/* turbopackIgnore: true */ root, "articles"), (n) => n.toLowerCase().endsWith(".md"), problems);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The file's text, or why it is not UTF-8. Decoding leniently would put replacement characters on
 * the page without a word in the log; a file saved as Windows-1251 is the usual cause.
 */
export function decodeUtf8(bytes: Uint8Array): string | { problem: string } {
  if (bytes.includes(0)) return { problem: "is not a text file (contains NUL bytes)" };
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    return { problem: `is not valid UTF-8 (line ${line}, byte ${at}); save it as UTF-8` };
  }
}

/** Where the first byte that is not part of a well-formed UTF-8 sequence is. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF, as the decoder refuses them.
    const d = b[i + 1] ?? 0;
    if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f)) return i;
    i += len;
  }
  return b.length;
}

/** Reads one article file; a problem instead when it is unreadable or too large. */
export async function readArticleFile(root: string, rel: string): Promise<SourceFile | ContentProblem> {
  const full = path.join(/* turbopackIgnore: true */ root, ...rel.split("/"));
  try {
    const stat = await fs.stat(full);
    if (stat.size > MAX_ARTICLE_BYTES) return tooLarge(rel, stat.size);
    return sourceFile(rel, stat, await fs.readFile(full));
  } catch (err) {
    return { file: rel, field: "file", message: `cannot be read: ${(err as Error).message}` };
  }
}

/**
 * readArticleFile without promises, for the indexer's worker threads: a thread that only parses
 * files gains nothing from waiting on the thread pool, and a million promises cost seconds.
 */
export function readArticleFileSync(root: string, rel: string): SourceFile | ContentProblem {
  const full = path.join(/* turbopackIgnore: true */ root, ...rel.split("/"));
  try {
    const stat = statSync(full);
    if (stat.size > MAX_ARTICLE_BYTES) return tooLarge(rel, stat.size);
    return sourceFile(rel, stat, readFileSync(full));
  } catch (err) {
    return { file: rel, field: "file", message: `cannot be read: ${(err as Error).message}` };
  }
}

function tooLarge(rel: string, size: number): ContentProblem {
  return { file: rel, field: "file", message: `is ${(size / 1048576).toFixed(1)} MB; articles may be at most 1 MB` };
}

function sourceFile(rel: string, stat: { mtimeMs: number; size: number }, bytes: Uint8Array): SourceFile | ContentProblem {
  const text = decodeUtf8(bytes);
  if (typeof text !== "string") return { file: rel, field: "file", message: text.problem };
  return { path: rel, text, stamp: `${stat.mtimeMs}:${stat.size}` };
}

/** Reads the whole content folder into an index in one pass (content:check and tests). */
export async function loadContent(root: string = contentDir()): Promise<ContentIndex> {
  const config = await readSiteAndSections(root);
  const sources = await readSources(root, config.sections);
  const problems = [...config.problems, ...sources.problems];
  const media = await readMedia(root, problems);
  const files: SourceFile[] = [];
  for (const full of await listArticleFiles(root, problems)) {
    const result = await readArticleFile(root, toPosix(path.relative(root, full)));
    if ("text" in result) files.push(result);
    else problems.push(result);
  }
  return buildIndex({ site: config.site, sections: config.sections, sources: sources.sources, files, media, problems });
}
