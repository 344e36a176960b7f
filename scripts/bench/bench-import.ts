/**
 * `npm run bench:import [-- --sources 50 --items 100]`: the importer against local partners. A
 * feed server on 127.0.0.1 (in this process) serves N RSS feeds of M items, each item with its
 * own photo; the importer runs as `npm run import` does, in a child process, on a fresh content
 * folder. Prints wall time and peak resident memory of:
 *   1. the first pass (every item new: article files and photos written);
 *   2. a second pass with nothing changed (the feeds answer 304 to the importer's validators);
 *   3. a pass with nothing changed from partners that ignore validators (every feed downloaded
 *      again; the same bytes are not parsed);
 *   4. a pass over feeds rebuilt with the same items (new bytes: every feed parsed and every item
 *      compared, nothing written).
 * Goals (issue "Partner feeds"): first pass ≤ 60 s, unchanged pass ≤ 2 s, ≤ 300 MB.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { rssFeed, startFeedServer, type TestItem } from "../../lib/import/testing/feed-server";

const { values } = parseArgs({
  options: { sources: { type: "string", default: "50" }, items: { type: "string", default: "100" }, keep: { type: "boolean", default: false } },
});
const SOURCES = Number(values.sources);
const ITEMS = Number(values.items);
const repo = path.resolve(import.meta.dirname, "../..");

const WORDS =
  "минск гомель брест гродно витебск могилев завод школа мост театр музей выставка урожай дорога стадион больница библиотека фестиваль рынок вокзал".split(" ");
function text(seed: number, words: number): string {
  let x = seed * 2654435761;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(`${WORDS[x % WORDS.length]}${(x >> 8) % 997}`);
  }
  return out.join(" ");
}

const photo = await sharp({ create: { width: 1200, height: 675, channels: 3, background: "#5b7fa6" } })
  .composite([{ input: Buffer.from(`<svg width="1200" height="675"><circle cx="600" cy="337" r="200" fill="#e9c46a"/></svg>`) }])
  .jpeg({ quality: 80 })
  .toBuffer();

const server = await startFeedServer();
const now = Date.now();
for (let s = 0; s < SOURCES; s++) {
  const items: TestItem[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const n = s * ITEMS + i;
    items.push({
      guid: `s${s}-i${i}`,
      title: `Новость ${n}: ${text(n, 6)}`,
      link: `http://example.org/s${s}/${i}`,
      date: new Date(now - n * 60_000).toUTCString(),
      text: `${text(n + 1, 60)}.\n\n${text(n + 2, 80)}.\n\n${text(n + 3, 80)}.`,
      image: `/photos/${s}/${i}.jpg`,
    });
    server.routes.set(`/photos/${s}/${i}.jpg`, { body: photo, type: "image/jpeg" });
  }
  server.routes.set(`/feeds/${s}.xml`, { body: rssFeed(`Партнёр ${s}`, items) });
}

const root = await fs.mkdtemp(path.join(os.tmpdir(), "bench-import-"));
for (const f of ["site.json", "sections.json"]) await fs.copyFile(path.join(repo, "content", f), path.join(root, f));
await fs.writeFile(
  path.join(root, "sources.json"),
  JSON.stringify(
    Array.from({ length: SOURCES }, (_, s) => ({ id: `partner-${s}`, name: `Партнёр ${s}`, url: `${server.origin}/feeds/${s}.xml`, section: "politics" })),
  ),
);

interface Run {
  seconds: number;
  peakMb: number;
  code: number;
  out: string;
}

/** Runs `scripts/content/import.ts` as `npm run import` does and reads its peak RSS from the kernel. */
function pass(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/content/import.ts", "--content", root, "--quiet", "--usage"], {
      cwd: repo,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const seconds = (performance.now() - started) / 1000;
      const peak = /peak resident memory: (\d+) MB/.exec(out);
      resolve({ seconds, peakMb: peak ? Number(peak[1]) : NaN, code: code ?? 1, out });
    });
  });
}

const rows: [string, Run, number][] = [];
console.log(`${SOURCES} sources × ${ITEMS} items with photos, feeds and photos from ${server.origin}; content in ${root}`);
const first = await pass();
rows.push(["first pass (all new)", first, 60]);
const articles = (await fs.readdir(path.join(root, "articles"), { recursive: true })).filter((f) => String(f).endsWith(".md")).length;
const photos = (await fs.readdir(path.join(root, "media"), { recursive: true })).filter((f) => String(f).endsWith(".jpg")).length;
const second = await pass();
rows.push(["unchanged, feeds answer 304", second, 2]);
for (const [key, route] of server.routes) if (key.startsWith("/feeds/") && typeof route === "object") server.routes.set(key, { ...route, etag: false });
const third = await pass();
rows.push(["unchanged, validators ignored", third, 2]);
for (const [key, route] of server.routes) {
  if (key.startsWith("/feeds/") && typeof route === "object") server.routes.set(key, { ...route, body: `${String(route.body)}<!-- rebuilt ${Date.now()} -->` });
}
const fourth = await pass();
rows.push(["unchanged items, feeds rebuilt", fourth, 0]);
await server.close();

console.log("");
console.log("| pass | wall time | goal | peak RSS | goal | exit |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, run, goal] of rows) {
  const ok = (b: boolean) => (b ? "PASS" : "FAIL");
  // The goals are for a first pass and a pass with nothing changed; a feed rebuilt with
  // the same items (a new lastBuildDate) is read and compared in full, and printed for information.
  const time = goal > 0 ? `≤ ${goal} s ${ok(run.seconds <= goal)}` : "INFO";
  console.log(`| ${name} | ${run.seconds.toFixed(2)} s | ${time} | ${run.peakMb} MB | ≤ 300 MB ${ok(run.peakMb <= 300)} | ${run.code} |`);
}
console.log(`\n${articles} articles and ${photos} photos written by the first pass (${(articles / first.seconds).toFixed(0)} items/s).`);
if (first.code !== 0) console.log(first.out);
if (!values.keep) await fs.rm(root, { recursive: true, force: true });
