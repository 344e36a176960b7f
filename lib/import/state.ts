import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { RecentArticle } from "./near-duplicate";

/**
 * What the importer remembers between runs, in `CONTENT_DIR/.import/` (a dot folder: the site
 * never reads it, and the content watcher ignores it). Losing it is safe: conditional GET starts
 * over, and an item whose article file already exists under the same slug is recognised by its
 * `source.url` instead of being imported twice (see run.ts).
 */

export const STATE_DIR = ".import";
const STATE_VERSION = 1;

/** One feed item the importer has seen, by its guid. */
export interface ItemState {
  /** The article's slug (its file is articles/<source>/<slug>.md), or the slug of the other
   * source's article this item was found to duplicate. */
  slug: string;
  /** Hash of the item as the feed gave it: a different hash means the partner changed it. */
  item: string;
  /** Hash of the file as the importer last wrote it: a different file means an editor changed it. */
  file?: string;
  /** Set when the item is another source's story («Также сообщают»): no file of its own. */
  duplicateOf?: { source: string; slug: string };
  /** Partners that reported the same story, listed under «Также сообщают». */
  also?: { name: string; url: string }[];
  /** The photo's URL and the file it became, so an unchanged photo is not fetched again. */
  image?: { url: string; file: string };
}

export interface RunSummary {
  at: string;
  ok: boolean;
  /** Why the source could not be read, when it could not. */
  reason?: string;
  new: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  /** Items that could not become articles (each with its reason in the log). */
  failed: number;
  /** Articles left alone because an editor changed them. */
  edited: number;
  notModified: boolean;
  ms: number;
}

export interface SourceState {
  version: number;
  etag?: string;
  lastModified?: string;
  /** The feed's URL these validators belong to: a changed URL starts over. */
  url?: string;
  /** Hash of the feed's bytes when last read: the same bytes again are not parsed. */
  bytes?: string;
  last?: RunSummary;
  lastSuccess?: string;
  /** Consecutive failed runs: the back-off of --watch grows with it. */
  failures: number;
  /** Not before this time (ISO), because the partner said so (Retry-After). */
  retryAfter?: string;
  items: Record<string, ItemState>;
}

export function emptyState(): SourceState {
  return { version: STATE_VERSION, failures: 0, items: {} };
}

function stateFile(root: string, sourceId: string): string {
  return path.join(root, STATE_DIR, "sources", `${sourceId}.json`);
}

/** A state file that is missing, unreadable or from another version is a fresh start. */
export async function readSourceState(root: string, sourceId: string): Promise<SourceState> {
  try {
    const data = JSON.parse(await fs.readFile(stateFile(root, sourceId), "utf8")) as SourceState;
    if (data?.version === STATE_VERSION && typeof data.items === "object" && data.items !== null) return { ...emptyState(), ...data };
  } catch {
    // fresh start
  }
  return emptyState();
}

export async function writeSourceState(root: string, sourceId: string, state: SourceState): Promise<void> {
  await writeFileAtomic(stateFile(root, sourceId), JSON.stringify(state));
}

export async function readRecent(root: string): Promise<RecentArticle[]> {
  try {
    const data = JSON.parse(await fs.readFile(path.join(root, STATE_DIR, "recent.json"), "utf8")) as unknown;
    return Array.isArray(data) ? (data as RecentArticle[]) : [];
  } catch {
    return [];
  }
}

export async function writeRecent(root: string, recent: RecentArticle[]): Promise<void> {
  await writeFileAtomic(path.join(root, STATE_DIR, "recent.json"), JSON.stringify(recent));
}

/**
 * Writes a file so that no reader ever sees it half-written: the bytes go to a hidden file in the
 * same folder (the site skips names starting with a dot), are flushed, and the file is renamed
 * over the target, which is atomic on one file system.
 */
/** Folders known to exist: a pass writes thousands of files into a few folders. */
const made = new Set<string>();

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  if (!made.has(dir)) {
    await fs.mkdir(dir, { recursive: true });
    made.add(dir);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await fs.open(tmp, "w", 0o644).catch(async (err: NodeJS.ErrnoException) => {
    // The folder was removed since (by an editor, while --watch runs): make it again.
    if (err.code !== "ENOENT") throw err;
    await fs.mkdir(dir, { recursive: true });
    return fs.open(tmp, "w", 0o644);
  });
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * One importer at a time per content folder: two would race for the same slugs and state. The
 * lock holds the owner's PID; a lock whose process is gone is taken over.
 */
export async function takeLock(root: string): Promise<{ release: () => Promise<void> } | { heldBy: number }> {
  const file = path.join(root, STATE_DIR, "lock");
  await fs.mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: "wx" });
      return { release: () => fs.rm(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(await fs.readFile(file, "utf8").catch(() => "0"));
      if (pid > 0 && pid !== process.pid && isAlive(pid)) return { heldBy: pid };
      await fs.rm(file, { force: true });
    }
  }
  return { heldBy: 0 };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
