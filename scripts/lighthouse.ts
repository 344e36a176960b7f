/**
 * `npm run lighthouse`: Lighthouse 12 (mobile preset) in Debian's Chromium against the production
 * server with the demo content, on the home page, a section and an article with a photo. Prints the
 * four category scores per page and fails when SEO is below 100. Needs `npm run build` first.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const PORT = 3251;
const base = `http://127.0.0.1:${PORT}`;
const root = path.resolve(import.meta.dirname, "..");
const PAGES = ["/", "/section/politics", "/news/lukashenko-kazakhstan-sco"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run";

const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(PORT)], {
  cwd: root,
  env: { ...process.env, CONTENT_DIR: path.join(root, "content"), SITE_URL: base, NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});
const exited = new Promise((r) => server.once("exit", r));
const out = await mkdtemp(path.join(os.tmpdir(), "lighthouse-"));
let failed = false;

try {
  for (let i = 0; !(await fetch(base).then((r) => r.ok, () => false)); i++) {
    if (i > 100) throw new Error("the server did not start; run `npm run build` first");
    await new Promise((r) => setTimeout(r, 200));
  }
  // Warm the image optimizer so the first page is not measured cold.
  for (const p of PAGES) await fetch(base + p).then((r) => r.text());

  console.log(["page".padEnd(36), ...CATEGORIES.map((c) => c.padStart(15))].join(""));
  for (const p of PAGES) {
    const file = path.join(out, "report.json");
    await run(
      process.execPath,
      [path.join(root, "node_modules/lighthouse/cli/index.js"), base + p, "--output=json", `--output-path=${file}`, "--quiet", `--chrome-flags=${CHROME_FLAGS}`, `--only-categories=${CATEGORIES.join(",")}`],
      { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" }, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(await readFile(file, "utf8"));
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    console.log([p.padEnd(36), ...scores.map((s) => String(s).padStart(15))].join(""));
    if (scores[3]! < 100) {
      failed = true;
      const audits = Object.values(report.audits as Record<string, { id: string; score: number | null; scoreDisplayMode: string }>);
      const seoIds = new Set((report.categories.seo.auditRefs as { id: string }[]).map((a) => a.id));
      for (const a of audits) if (seoIds.has(a.id) && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "notApplicable") console.log(`  SEO audit failed: ${a.id}`);
    }
  }
} finally {
  server.kill("SIGTERM");
  await exited;
  await rm(out, { recursive: true, force: true });
}
if (failed) {
  console.error("SEO is below 100 on at least one page");
  process.exitCode = 1;
}
