import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOnThreads } from "./parse-pool";

const SECTIONS = [{ slug: "politics", name: "Политика", genitive: "политики" }];
const article = (i: number) => `---\ntitle: "Новость ${i}"\ndate: "2024-03-04T12:00:00+03:00"\nsection: politics\n---\nТекст новости.\n`;

let root: string;
const files = Array.from({ length: 1000 }, (_, i) => `articles/n-${i}.md`);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "parse-pool-"));
  await mkdir(path.join(root, "articles"));
  await Promise.all(files.map((rel, i) => writeFile(path.join(root, rel), article(i))));
});

afterAll(() => rm(root, { recursive: true, force: true }));

const busy = (ms: number) => {
  for (const end = performance.now() + ms; performance.now() < end;);
};

describe("parseOnThreads", () => {
  it("hands over every record, with timers and requests run between slices that queued up meanwhile", { timeout: 60_000 }, async () => {
    // A slow writer: while it writes the first slice the threads send all the others. Node would
    // hand those over in one go; readers of the index must get a turn between them.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const ticksAtSlice: number[] = [];
    const seen: string[] = [];
    let gone: string[];
    try {
      // One thread: its slices queue up just as well, and a thread takes about 2 s to start under tsx.
      gone = await parseOnThreads(
        [...files, "articles/missing.md"],
        { root, sections: SECTIONS, media: new Map(), fresh: true },
        (records) => {
          ticksAtSlice.push(ticks);
          seen.push(...records.map((r) => r.path));
          busy(ticksAtSlice.length === 1 ? 1500 : 20);
        },
        1,
      );
    } finally {
      clearInterval(timer);
    }
    expect(seen.sort()).toEqual([...files].sort());
    expect(gone).toEqual(["articles/missing.md"]);
    expect(ticksAtSlice.length).toBeGreaterThanOrEqual(4);
    // Each slice after the first is handed over in a later turn than the one before it.
    for (let i = 2; i < ticksAtSlice.length; i++) expect(ticksAtSlice[i]).toBeGreaterThan(ticksAtSlice[i - 1]!);
  });

  it("stops every thread and writes nothing more after the writer fails", { timeout: 60_000 }, async () => {
    let calls = 0;
    await expect(
      parseOnThreads(
        files,
        { root, sections: SECTIONS, media: new Map(), fresh: true },
        () => {
          calls++;
          busy(calls === 1 ? 1500 : 0);
          throw new Error("disk full");
        },
        2,
      ),
    ).rejects.toThrow("disk full");
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(1);
  });
});
