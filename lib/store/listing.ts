import { promises as fs, statSync } from "node:fs";
import path from "node:path";
import { followLink, toPosix } from "@/lib/content/load";
import type { ContentProblem } from "@/lib/content/types";

/** One folder under articles/: its modification time, its article files and its sub-folders. */
export interface Folder {
  /** Path inside the content folder (`articles/politics`). */
  dir: string;
  /** Changes when an entry is added, removed or renamed (not when a file is edited in place). */
  mtime: string;
  /** Article files (`*.md`, not hidden), as paths inside the content folder. */
  files: string[];
  dirs: string[];
}

/**
 * Reads one folder. Symbolic links are followed only to places inside the content folder and to
 * folders not read yet in this pass (`seen`), as the whole-tree walk of lib/content/load.ts does:
 * a link to /etc or to a parent folder is reported, not read. Undefined when the folder is gone.
 */
export async function readFolder(root: string, realRoot: string, dir: string, problems: ContentProblem[], seen: Set<string>): Promise<Folder | undefined> {
  const full = path.join(/* turbopackIgnore: true */ root, ...dir.split("/"));
  let entries: import("node:fs").Dirent[];
  let mtime: string;
  try {
    const [list, st, real] = await Promise.all([fs.readdir(full, { withFileTypes: true }), fs.stat(full), fs.realpath(full)]);
    entries = list;
    mtime = `${st.mtimeMs}:${st.ino}`;
    seen.add(real);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT" && (err as NodeJS.ErrnoException).code !== "ENOTDIR") {
      problems.push({ file: dir, field: "folder", message: `cannot be read: ${(err as Error).message}` });
    }
    return undefined;
  }
  const folder: Folder = { dir, mtime, files: [], dirs: [] };
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const rel = `${dir}/${entry.name}`;
    const isArticle = entry.name.toLowerCase().endsWith(".md");
    if (entry.isSymbolicLink()) {
      const target = await followLink(realRoot, path.join(/* turbopackIgnore: true */ full, entry.name), rel, problems, seen);
      if (target === "folder") folder.dirs.push(rel);
      else if (target === "file" && isArticle) folder.files.push(rel);
    } else if (entry.isDirectory()) folder.dirs.push(rel);
    else if (entry.isFile() && isArticle) folder.files.push(rel);
  }
  return folder;
}

/** The modification stamp the store compares files by: mtime and size; "missing" when there is no file. */
export function stampOfSync(full: string): string {
  try {
    const s = statSync(full, { throwIfNoEntry: false });
    return s ? `${s.mtimeMs}:${s.size}` : "missing";
  } catch {
    return "missing";
  }
}

/** A folder's stamp as readFolder gives it, without reading its entries. */
export function folderStampSync(full: string): string {
  try {
    const s = statSync(full, { throwIfNoEntry: false });
    return s?.isDirectory() ? `${s.mtimeMs}:${s.ino}` : "missing";
  } catch {
    return "missing";
  }
}

export function fullPath(root: string, rel: string): string {
  return path.join(/* turbopackIgnore: true */ root, ...rel.split("/"));
}

export { toPosix };
