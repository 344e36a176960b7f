import { promises as fs } from "node:fs";
import path from "node:path";
import { contentDir } from "./load";
import { getContentIndex } from "./store";

const TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
};

export interface MediaFile {
  body: Buffer;
  contentType: string;
  lastModified: Date;
}

/**
 * Reads a media file by its URL segments. Only files the index found under media/ are served,
 * so no crafted path can reach anything else in the content folder or outside it.
 */
export async function readMediaFile(segments: string[]): Promise<MediaFile | undefined> {
  const rel = ["media", ...segments].join("/");
  const index = await getContentIndex();
  if (!index.media.has(rel)) return undefined;
  const contentType = TYPES[path.extname(rel).toLowerCase()];
  if (!contentType) return undefined;
  const full = path.join(contentDir(), ...rel.split("/"));
  try {
    const [body, stat] = await Promise.all([fs.readFile(full), fs.stat(full)]);
    return { body, contentType, lastModified: stat.mtime };
  } catch {
    return undefined;
  }
}
