import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { VARIANT_WIDTHS } from "@/lib/seo/photo-urls";
import { exportMedia } from "./media-export";

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

async function photo(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer();
}

describe("exportMedia", () => {
  it("writes each photo, its copy at every srcset width (never wider than it) and the crops; a second run writes nothing", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "media-export-"));
    const root = path.join(dir, "content");
    const out = path.join(dir, "out");
    await mkdir(path.join(root, "media", "2024"), { recursive: true });
    await writeFile(path.join(root, "media", "2024", "a.jpg"), await photo(800, 450));
    await writeFile(path.join(root, "media", "notes.txt"), "not a photo");

    const first = await exportMedia(root, out);
    expect(first).toEqual({ photos: 1, written: 1, files: VARIANT_WIDTHS.length + 3 + 1, problems: [] });
    const files = (await readdir(path.join(out, "media", "2024"))).sort();
    expect(files).toContain("a.jpg");
    expect(files).toContain("a.jpg~1x1.jpg");
    expect(files).toContain("a.jpg~16x9.jpg");
    expect(files).toContain("a.jpg~4x3.jpg");
    for (const w of VARIANT_WIDTHS) expect(files).toContain(`a.jpg~${w}w.webp`);
    expect(await readdir(path.join(out, "media"))).not.toContain("notes.txt");
    expect((await sharp(path.join(out, "media", "2024", "a.jpg~640w.webp")).metadata()).width).toBe(640);
    expect((await sharp(path.join(out, "media", "2024", "a.jpg~1600w.webp")).metadata()).width).toBe(800);
    expect((await sharp(path.join(out, "media", "2024", "a.jpg~16x9.jpg")).metadata()).width).toBe(1200);

    const second = await exportMedia(root, out);
    expect(second).toEqual({ photos: 1, written: 0, files: 0, problems: [] });
  });

  it("tells a photo it cannot read as `media/<file>: <what>` and goes on", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "media-export-"));
    const root = path.join(dir, "content");
    await mkdir(path.join(root, "media"), { recursive: true });
    await writeFile(path.join(root, "media", "bad.jpg"), "not a jpeg");
    await writeFile(path.join(root, "media", "good.jpg"), await photo(200, 100));
    const report = await exportMedia(root, path.join(dir, "out"));
    expect(report.written).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/^media\/bad\.jpg: /);
  });
});
