/**
 * `npm run bench:load`: drives the production server with autocannon on 127.0.0.1 while a writer
 * adds and edits an article every second, and prints throughput, latency, errors and the server's
 * resident memory. Needs `npm run build` first. Options: --seconds N (60), --connections N (200).
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { serverEnv } from "../../lib/server/server-env.mjs";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 60);
const CONNECTIONS = arg("connections", 200);
const PORT = arg("port", 3250);
const root = path.resolve(import.meta.dirname, "../..");
const base = `http://127.0.0.1:${PORT}`;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const content = await mkdtemp(path.join(os.tmpdir(), "bench-content-"));
await cp(path.join(root, "content"), content, { recursive: true });
const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(PORT)], {
  cwd: root,
  env: serverEnv({ ...process.env, CONTENT_DIR: content, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" }),
  stdio: ["ignore", "ignore", "inherit"],
});
const exited = new Promise((r) => server.once("exit", r));
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 100) throw new Error("the server did not start; run `npm run build` first");
    await sleep(200);
  }
  const paths = ["/", "/news/lukashenko-kazakhstan-sco", "/section/politics", "/news", "/news/harvest-plans-2024", "/section/sport?page=1"];
  for (const p of paths) for (let i = 0; i < 20; i++) await fetch(base + p).then((r) => r.arrayBuffer());
  const rssStart = await rssMb(server.pid!);

  // The writer: one new article a second, and an edit of the previous one.
  let n = 0;
  const writer = setInterval(() => {
    n++;
    const date = new Date().toISOString();
    const file = (k: number) => path.join(content, "articles", "politics", `bench-live-${k}.md`);
    void writeFile(file(n), `---\ntitle: "Нагрузочная новость ${n}"\ndate: "${date}"\nsection: politics\n---\nТекст ${n}.\n`);
    if (n > 1) void writeFile(file(n - 1), `---\ntitle: "Нагрузочная новость ${n - 1}, обновлено"\ndate: "${date}"\nsection: politics\n---\nПравка.\n`);
  }, 1000);

  let rssPeak = rssStart;
  const sampler = setInterval(() => void rssMb(server.pid!).then((m) => (rssPeak = Math.max(rssPeak, m))), 1000);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: paths.map((p) => ({ method: "GET", path: p })),
  });
  clearInterval(writer);
  clearInterval(sampler);
  const rssEnd = await rssMb(server.pid!);
  await sleep(10_000);
  const rssSettled = await rssMb(server.pid!);
  const live = await fetch(`${base}/news/bench-live-${n}`).then((r) => r.status);

  const non2xx = result.non2xx;
  const rows: [string, string][] = [
    ["duration", `${SECONDS} s, ${CONNECTIONS} connections, ${paths.length} URLs, ${n} articles written`],
    ["requests", `${result.requests.total}`],
    ["requests/s", `${result.requests.average.toFixed(0)}`],
    ["latency p50", `${result.latency.p50} ms`],
    ["latency p99", `${result.latency.p99} ms`],
    ["errors", `${result.errors} (timeouts ${result.timeouts})`],
    ["non-2xx", `${non2xx} (5xx: ${result["5xx"]})`],
    ["RSS at start", `${rssStart.toFixed(0)} MB`],
    ["RSS peak", `${rssPeak.toFixed(0)} MB`],
    ["RSS at end", `${rssEnd.toFixed(0)} MB`],
    ["RSS 10 s later", `${rssSettled.toFixed(0)} MB`],
    ["last written article", `HTTP ${live}`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(22)} ${v}`);
  if (result.errors > 0 || result["5xx"] > 0 || live !== 200) process.exitCode = 1;
} finally {
  stop();
  await exited; // the server's watcher must not see its folder vanish
  await rm(content, { recursive: true, force: true });
}
