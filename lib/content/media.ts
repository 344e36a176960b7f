import { promises as fs } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { imageTypeOf } from "@/lib/mime";
import { isStoreUnavailable } from "@/lib/server/store-outage.mjs";
import { contentDir } from "./load";
import { databaseUrl, getContentFiles, getStore } from "@/lib/store";

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
  if (!(await (await getStore()).media(rel))) return undefined;
  const contentType = imageTypeOf(rel);
  if (!contentType) return undefined;
  const file = await getContentFiles().media(rel).catch(unlessUnavailable);
  return file && { body: file.bytes, contentType, lastModified: file.lastModified };
}

/**
 * The modification stamp of a media file the index knows, without reading it where it can be
 * (on disk: mtime and size); undefined when there is no such file.
 */
export async function statMediaFile(segments: string[]): Promise<string | undefined> {
  const rel = ["media", ...segments].join("/");
  if (!(await (await getStore()).media(rel))) return undefined;
  if (databaseUrl()) return (await getContentFiles().media(rel).catch(unlessUnavailable))?.stamp;
  try {
    const stat = await fs.stat(path.join(/* turbopackIgnore: true */ contentDir(), ...rel.split("/")));
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

/** A photo that cannot be read is not found; unless the database is away, which answers 503 (lib/server/store-outage.mjs). */
function unlessUnavailable(err: unknown): undefined {
  if (isStoreUnavailable(err)) throw err;
  return undefined;
}

/** Crops Google asks for in NewsArticle images, each 1200 px wide. */
export const CROPS: Record<string, { width: number; height: number }> = {
  "16x9": { width: 1200, height: 675 },
  "4x3": { width: 1200, height: 900 },
  "1x1": { width: 1200, height: 1200 },
  // Open Graph and VK/Telegram previews.
  og: { width: 1200, height: 630 },
};

/** A photo cut to one of CROPS around its centre, as JPEG; undefined for an unknown crop or file. */
export async function cropMediaFile(ratio: string, segments: string[]): Promise<MediaFile | undefined> {
  const size = CROPS[ratio];
  if (!size || segments[0] !== "media") return undefined;
  const file = await readMediaFile(segments.slice(1));
  if (!file) return undefined;
  return { body: await cropJpeg(file.body, size), contentType: "image/jpeg", lastModified: file.lastModified };
}

/** The crop itself, as /og/crop serves it and `npm run media:export` writes it. */
export function cropJpeg(bytes: Buffer, size: { width: number; height: number }): Promise<Buffer> {
  return sharp(bytes).resize(size.width, size.height, { fit: "cover", position: "attention" }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
