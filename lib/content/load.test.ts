import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent, readMedia, readSources, type MediaCache } from "./load";
import { formatProblem } from "./types";
import { DEFAULT_TIME_ZONE } from "./validate";

let root: string;
let outside: string;

const article = (extra = "") => `---\ntitle: Новость\ndate: '2024-03-04T12:00:00+03:00'\nsection: politics\n${extra}---\nТекст.\n`;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "content-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "outside-"));
  await mkdir(path.join(root, "articles/politics/deep"), { recursive: true });
  await mkdir(path.join(root, "media"), { recursive: true });
  await writeFile(path.join(root, "site.json"), JSON.stringify({ name: "Вестник", description: "", edition: { name: "Беларусь", genitive: "Беларуси" } }));
  await writeFile(path.join(root, "sections.json"), JSON.stringify([{ slug: "politics", name: "Политика", genitive: "политики" }]));
  await sharp({ create: { width: 40, height: 30, channels: 3, background: "#888" } }).jpeg().toFile(path.join(root, "media/photo.jpg"));
  await writeFile(path.join(root, "media/fake.jpg"), "not an image");
  await writeFile(path.join(root, "articles/politics/good.md"), article("image: {src: media/photo.jpg, alt: Фото}\n"));
  await writeFile(path.join(root, "articles/politics/deep/nested.md"), article());
  await writeFile(path.join(root, "articles/politics/notes.txt"), "not an article");
  await writeFile(path.join(root, "articles/politics/.hidden.md"), "editor swap file");
  await writeFile(path.join(root, "articles/politics/Новость.md"), article());
  await writeFile(path.join(outside, "secret.md"), article());
  await symlink(path.join(outside, "secret.md"), path.join(root, "articles/politics/secret.md"));
  await symlink(path.join(root, "articles/politics/good.md"), path.join(root, "articles/politics/alias.md"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("loadContent", () => {
  it("reads nested articles, measures media and skips hidden and non-Markdown files", async () => {
    const idx = await loadContent(root);
    expect(idx.site.name).toBe("Вестник");
    expect(idx.site.timeZone).toBe(DEFAULT_TIME_ZONE); // site.json names none
    expect([...idx.bySlug.keys()].sort()).toEqual(["alias", "good", "nested"]);
    expect(idx.bySlug.get("good")!.image).toMatchObject({ src: "/media/photo.jpg", width: 40, height: 30 });
    expect(idx.media.has("media/photo.jpg")).toBe(true);
  });

  it("refuses a symlink that leads outside the content folder and reports each bad file", async () => {
    const idx = await loadContent(root);
    const lines = idx.problems.map(formatProblem);
    expect(idx.bySlug.has("secret")).toBe(false);
    expect(lines).toContain("articles/politics/secret.md: file: is a symbolic link to a place outside the content folder; ignored");
    expect(lines.some((l) => l.startsWith("articles/politics/Новость.md: slug:"))).toBe(true);
    expect(lines.some((l) => l.startsWith("media/fake.jpg: file: is not a readable image"))).toBe(true);
  });

  it("still serves articles when site.json is broken, and says so", async () => {
    await writeFile(path.join(root, "site.json"), "{ broken");
    try {
      const idx = await loadContent(root);
      expect(idx.articles.length).toBeGreaterThan(0);
      expect(idx.problems.map(formatProblem).some((l) => l.startsWith("site.json: (root): invalid JSON"))).toBe(true);
    } finally {
      await writeFile(path.join(root, "site.json"), JSON.stringify({ name: "Вестник", edition: { name: "Беларусь", genitive: "Беларуси" } }));
    }
  });

  it("reports a missing folder's files as missing rather than crashing", async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), "empty-"));
    try {
      const idx = await loadContent(empty);
      expect(idx.articles).toEqual([]);
      expect(idx.problems.map(formatProblem)).toEqual(["site.json: file: is missing", "sections.json: file: is missing"]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe("readMedia with a cache", () => {
  it("reads a photo again only when it changed, and forgets removed ones", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "media-cache-"));
    await mkdir(path.join(root, "media", "partner"), { recursive: true });
    const png = (w: number) => sharp({ create: { width: w, height: 10, channels: 3, background: "#000" } }).png().toBuffer();
    await writeFile(path.join(root, "media", "a.png"), await png(20));
    await writeFile(path.join(root, "media", "partner", "b.png"), await png(30));
    const cache: MediaCache = new Map();
    const first = await readMedia(root, [], cache);
    expect([...first.keys()].sort()).toEqual(["media/a.png", "media/partner/b.png"]);
    // Replaced by a wider picture (a new file, as an atomic writer leaves it): read again.
    await writeFile(path.join(root, "media", "partner", ".b.tmp"), await png(40));
    const { rename } = await import("node:fs/promises");
    await rename(path.join(root, "media", "partner", ".b.tmp"), path.join(root, "media", "partner", "b.png"));
    await rm(path.join(root, "media", "a.png"));
    const second = await readMedia(root, [], cache);
    expect(second.get("media/partner/b.png")).toEqual({ width: 40, height: 10 });
    expect(second.has("media/a.png")).toBe(false);
    expect([...cache.keys()]).toEqual(["media/partner/b.png"]);
    // Unchanged: the very same record, not a second read.
    const third = await readMedia(root, [], cache);
    expect(third.get("media/partner/b.png")).toBe(second.get("media/partner/b.png"));
    await rm(root, { recursive: true, force: true });
  });
});

describe("readSources", () => {
  const sections = [{ slug: "politics", name: "Политика", genitive: "политики" }];

  it("keeps only the public fields of each valid partner and names the bad ones", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sources-"));
    try {
      const good = { id: "vestnik", name: "Вестник", url: "https://example.org/rss", section: "politics" };
      await writeFile(path.join(dir, "sources.json"), JSON.stringify([good, { ...good, id: "other" }, { ...good, id: "bad", url: undefined }]));
      const { sources, problems } = await readSources(dir, sections);
      expect(sources).toEqual([
        { id: "vestnik", name: "Вестник" },
        { id: "other", name: "Вестник" },
      ]);
      expect(problems.map(formatProblem)).toEqual(["sources.json: [2].url: is required"]);
      await writeFile(path.join(dir, "sources.json"), "[{");
      expect((await readSources(dir, sections)).problems.map((p) => `${p.file}: ${p.field}`)).toEqual(["sources.json: (root)"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is optional: no file, no partners and no problem", async () => {
    expect(await readSources(root, sections)).toEqual({ sources: [], problems: [] });
    const idx = await loadContent(root);
    expect(idx.sources).toEqual([]);
    expect(idx.problems.some((p) => p.file === "sources.json")).toBe(false);
  });
});
