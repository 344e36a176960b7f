import { copyFile, mkdir, readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { imageTypeOf } from "@/lib/mime";
import { cropPath, LD_CROPS, variantPath, VARIANT_WIDTHS } from "@/lib/seo/photo-urls";
import { CROPS, cropJpeg } from "./media";

/** Next's optimizer's default quality, so that a copy from the media base looks as one from /_next/image. */
const WEBP_QUALITY = 75;

export interface MediaExport {
  /** Photos found under <root>/media. */
  photos: number;
  /** Photos whose files were written (new or changed); the others were already there. */
  written: number;
  /** Files written: originals, resized copies and crops. */
  files: number;
  /** `media/<file>: <what>` for each photo that could not be exported (the others still are). */
  problems: string[];
}

/**
 * Writes the photos of <root>/media into <out>/media as pages with MEDIA_BASE_URL ask for them
 * (lib/seo/photo-urls.ts): the original under its own path, its copy at each srcset width (WebP,
 * never wider than the original, as the optimizer does) and the crops structured data names. A
 * photo whose original in <out> already has the same size and modification time is skipped, and
 * the original is written last: a second run after a publish writes only what changed, and a run
 * that was stopped halfway redoes the photo it was on.
 */
export async function exportMedia(root: string, out: string, log: (line: string) => void = () => undefined): Promise<MediaExport> {
  const report: MediaExport = { photos: 0, written: 0, files: 0, problems: [] };
  const mediaRoot = path.join(root, "media");
  let entries: string[];
  try {
    entries = (await readdir(mediaRoot, { recursive: true })).map((e) => e.split(path.sep).join("/"));
  } catch {
    return report; // no media folder: nothing to publish
  }
  for (const rel of entries.sort()) {
    const src = `/media/${rel}`;
    if (!imageTypeOf(rel) || rel.split("/").some((part) => part.startsWith("."))) continue;
    const from = path.join(mediaRoot, rel);
    const info = await stat(from).catch(() => undefined);
    if (!info?.isFile()) continue;
    report.photos++;
    const to = path.join(out, ...src.split("/"));
    const there = await stat(to).catch(() => undefined);
    // Within a millisecond: utimes takes seconds as a float, and what it sets back rounds either way.
    if (there && there.size === info.size && Math.abs(there.mtimeMs - info.mtimeMs) < 1) continue;
    try {
      const bytes = await readFile(from);
      await mkdir(path.dirname(to), { recursive: true });
      const image = sharp(bytes);
      for (const width of VARIANT_WIDTHS) {
        await writeFile(path.join(out, ...variantPath(src, width).split("/")), await image.clone().resize({ width, withoutEnlargement: true }).webp({ quality: WEBP_QUALITY }).toBuffer());
        report.files++;
      }
      for (const ratio of LD_CROPS) {
        await writeFile(path.join(out, ...cropPath(src, ratio).split("/")), await cropJpeg(bytes, CROPS[ratio]!));
        report.files++;
      }
      await copyFile(from, to);
      await utimes(to, info.atime, info.mtime);
      report.files++;
      report.written++;
    } catch (err) {
      const problem = `media/${rel}: ${(err as Error).message}`;
      report.problems.push(problem);
      log(problem);
    }
  }
  return report;
}
