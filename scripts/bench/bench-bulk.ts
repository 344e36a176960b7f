/**
 * `npm run bench:bulk [-- --files 5000 --rounds 3]`: how long thousands of articles written into a
 * watched content folder at once take to be live, as an importer or rsync would write them. Each
 * round runs the indexer (watching) on a fresh folder and database, lets another process write the
 * files, and times from the last write to the moment all are in the database, as readers see it. Beside it, the time to read the same files at
 * start-up (a cold open), which is the least the work can cost: the ratio tells how much following
 * file events adds to it. Prints medians.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Indexer } from "../../lib/store/indexer";
import { openIndexDatabase } from "../../lib/store/open";
import { median } from "./median";

const { values } = parseArgs({ options: { files: { type: "string", default: "5000" }, rounds: { type: "string", default: "3" } } });
const files = Number(values.files);
const rounds = Number(values.rounds);
if (!(files > 0 && rounds > 0)) throw new Error("--files and --rounds take positive whole numbers");

const root = path.resolve(import.meta.dirname, "../..");
const article = (i: number) =>
  `---\ntitle: "Массовая новость ${i}"\ndate: "2024-03-04T12:00:00+03:00"\nsection: politics\ntags: [Минск]\n---\nПервый абзац новости номер ${i}.\n\nВторой абзац.\n`;

/** Writes the files from a child process, so that writing does not compete with this event loop. */
function writeFiles(dir: string): Promise<void> {
  const script = `const fs = require("node:fs"); const a = ${article.toString()}; for (let i = 0; i < ${files}; i++) fs.writeFileSync(${JSON.stringify(dir)} + "/bulk-" + i + ".md", a(i));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the writer exited with ${code}`))));
  });
}

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-bulk-"));
  for (const f of ["site.json", "sections.json"]) await cp(path.join(root, "content", f), path.join(dir, f));
  await mkdir(path.join(dir, "articles", "bulk"), { recursive: true });
  return dir;
}

const live: number[] = [];
const cold: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const dir = await folder();
  const db = openIndexDatabase(path.join(dir, "live.sqlite"));
  const count = db.prepare("SELECT count(*) FROM articles").pluck();
  const c = await Indexer.open(dir, db, { watch: true, rescanMs: 3_600_000, log: () => {} });
  await c.watching;
  await writeFiles(path.join(dir, "articles", "bulk"));
  const written = performance.now();
  while ((count.get() as number) < files) await new Promise((r) => setTimeout(r, 20));
  live.push(performance.now() - written);
  c.close();
  db.close();

  const started = performance.now();
  const fresh = openIndexDatabase(path.join(dir, "cold.sqlite"));
  (await Indexer.open(dir, fresh, { watch: false, log: () => {} })).close();
  cold.push(performance.now() - started);
  fresh.close();
  await rm(dir, { recursive: true, force: true });
  console.log(`round ${round}: live ${(live.at(-1)! / 1000).toFixed(2)} s after the last write; cold read ${(cold.at(-1)! / 1000).toFixed(2)} s`);
}
const l = median(live);
const k = median(cold);
console.log(
  `\n${files.toLocaleString("en")} files written at once: live ${(l / 1000).toFixed(2)} s after the last write (median of ${rounds}); a cold read of them ${(k / 1000).toFixed(2)} s; ratio ${(l / k).toFixed(2)}`,
);
