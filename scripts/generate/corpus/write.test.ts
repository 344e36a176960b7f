import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../lib/content/load";
import { formatProblem } from "../../../lib/content/types";
import { largestFolder, readDemoImages, writeCorpus } from "./write";

const demo = path.resolve(import.meta.dirname, "../../../content");
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "corpus-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("writeCorpus", () => {
  it("writes a content folder that the content check passes with no problems", async () => {
    const out = path.join(tmp, "corpus");
    const result = await writeCorpus({ articles: 200, seed: 3, end: Date.now(), out, source: demo, concurrency: 8 });
    expect(result.articles).toBe(200);

    const index = await loadContent(out);
    expect(index.problems.map(formatProblem)).toEqual([]);
    expect(index.articles).toHaveLength(200);
    expect(new Set(index.articles.map((a) => a.section)).size).toBe(7);
    expect(index.articles.every((a) => a.dateMs <= Date.now())).toBe(true);
    expect(index.articles.some((a) => a.image?.src.startsWith("/media/"))).toBe(true);
    expect(await readFile(path.join(out, "site.json"), "utf8")).toBe(await readFile(path.join(demo, "site.json"), "utf8"));
    // Sub-folders by section, year and month keep every folder small.
    expect((await largestFolder(path.join(out, "articles"))).entries).toBeLessThan(100);
  }, 60_000); // writes and validates a whole corpus: slow on a busy two-core machine

  it("refuses to write into a folder that already has files", async () => {
    await expect(writeCorpus({ articles: 1, seed: 1, end: Date.now(), out: demo, source: demo })).rejects.toThrow(/is not empty/);
  });

  it("describes each demo picture with the alt text of the demo article that shows it", async () => {
    const images = await readDemoImages(demo);
    expect(images.length).toBeGreaterThan(0);
    const stadium = images.find((i) => i.src === "media/dnepr-polesye-stadium-renovation.jpg");
    expect(stadium).toMatchObject({ section: "sport" });
    expect(stadium?.alt).toMatch(/стадион/i);
  });
});
