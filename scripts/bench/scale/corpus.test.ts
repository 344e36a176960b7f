import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keptEnd, prepareCorpus } from "./corpus";

const source = path.resolve(import.meta.dirname, "../../../content");
const dirs: string[] = [];
const tmp = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "scale-corpus-test-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("prepareCorpus", () => {
  const end = Date.parse("2026-01-31T12:00:00+03:00");

  it("writes a corpus into the run's folder and lists its articles and some titles", async () => {
    const tempDir = await tmp();
    const corpus = await prepareCorpus({ size: 12, archive: 40, seed: 3, end, source, tempDir, titleCount: 4 });
    expect(corpus.reused).toBe(false);
    expect(corpus.content).toBe(path.join(tempDir, "content"));
    expect(corpus.articles).toHaveLength(12);
    expect(corpus.titles).toHaveLength(4);
    expect(corpus.template.text.startsWith("---\n")).toBe(true);
  });

  it("keeps a corpus in --corpus-dir and gives the same one back to the next run", async () => {
    const keepDir = await tmp();
    const options = { size: 12, archive: 40, seed: 3, end, source, keepDir, titleCount: 4 };
    const first = await prepareCorpus({ ...options, tempDir: await tmp() });
    expect(await keptEnd(keepDir, 40, 3)).toBe(end);
    expect(await keptEnd(keepDir, 41, 3)).toBeUndefined();
    const again = await prepareCorpus({ ...options, tempDir: await tmp() });
    expect(again.reused).toBe(true);
    expect(again.content).toBe(first.content);
    expect(again.articles).toEqual(first.articles);
    expect(again.titles).toEqual(first.titles);
  });

  it("writes again a kept corpus of another end", async () => {
    const keepDir = await tmp();
    const options = { size: 5, archive: 5, seed: 3, source, keepDir, titleCount: 2 };
    await prepareCorpus({ ...options, end, tempDir: await tmp() });
    const other = await prepareCorpus({ ...options, end: end - 3_600_000, tempDir: await tmp() });
    expect(other.reused).toBe(false);
    expect(await keptEnd(keepDir, 5, 3)).toBe(end - 3_600_000);
  });
});
