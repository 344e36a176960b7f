/**
 * `npm run bench` (after `npm run build`): how close the production setup comes to what this machine
 * can serve at all. For the article, home and section pages it measures with autocannon, one cell
 * after another in one run on 127.0.0.1, with the same connections, duration and
 * `Accept-Encoding: gzip` everywhere:
 *   (1) the production Next server alone (server.mjs),
 *   (2) nginx with the shipped configuration in front of two instances (scripts/dev/proxy-stack.ts),
 *   (3) nginx serving the very same HTML bytes as static files, with the same keepalive settings
 *       (snippets/svezhiy-vypusk-delivery.conf) and a gzipped copy beside each (gzip_static), as
 *       the cache of (2) holds the app's gzipped answer: the practical ceiling,
 * and prints one table of requests/s, p50/p99 latency and the ratios (1)/(3) and (2)/(3).
 * This machine's speed drifts by up to 1.8x over minutes (other tenants), as much as the gap being
 * measured, so the cells are taken in rounds, (2) and (3) back to back and in alternating order,
 * and each figure is a median: of the rounds' cells, and for (2)/(3) of each round's ratio.
 * Options: --connections N (50), --seconds N (5 per cell), --rounds N (5), --port N (nginx, 8260;
 * the static server takes the next one), --app-port N (3260, 3261).
 */
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { startProxyStack, stopAllStacks } from "../dev/proxy-stack";
import { median } from "./median";
import { CLOCK_TICKS, settle } from "./settle";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
};
const CONNECTIONS = arg("connections", 50);
const SECONDS = arg("seconds", 5);
const ROUNDS = arg("rounds", 5);
const PORT = arg("port", 8260);
const STATIC_PORT = PORT + 1;
const APP_PORT = arg("app-port", 3260);
const root = path.resolve(import.meta.dirname, "../..");

const PAGES = [
  { name: "article", path: "/news/lukashenko-kazakhstan-sco", file: "article.html" },
  { name: "home", path: "/", file: "home.html" },
  { name: "section", path: "/section/politics", file: "section.html" },
];
const HEADERS = { "accept-encoding": "gzip" };

interface Cell {
  rps: number;
  p50: number;
  p99: number;
  /** Failed requests, as "3 timeouts, 1 non-2xx"; empty when none failed. */
  failed: string;
}

async function measure(url: string): Promise<Cell> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: HEADERS });
  const failed = [
    [result.timeouts, "timeouts"],
    [result.errors - result.timeouts, "connection errors"],
    [result.non2xx, "non-2xx"],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(", ");
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed };
}

async function warm(url: string) {
  for (let i = 0; i < 30; i++) await fetch(url, { headers: HEADERS }).then((r) => r.arrayBuffer());
}

/** CPU time (ms) the processes have used, from /proc/<pid>/stat (utime + stime, in clock ticks). */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/** The cell of the round whose rate is the median's (its latencies go with it), failures summed up. */
function typical(cells: Cell[]): Cell {
  const rps = median(cells.map((c) => c.rps));
  const closest = cells.reduce((a, b) => (Math.abs(b.rps - rps) < Math.abs(a.rps - rps) ? b : a));
  return {
    ...closest,
    rps,
    failed: cells
      .map((c) => c.failed)
      .filter(Boolean)
      .join("; "),
  };
}

const content = await mkdtemp(path.join(os.tmpdir(), "bench-content-"));
const cleanUp = async () => {
  await stopAllStacks(); // the instances' watchers must not see their folder vanish
  await rm(content, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));

try {
  await cp(path.join(root, "content"), content, { recursive: true });
  // The static server's root fills once the stack is up: nginx serves files as they appear.
  const staticServer = `
    server {
        listen 127.0.0.1:${STATIC_PORT};
        server_name _;
        root {prefix}/static;
        include snippets/svezhiy-vypusk-delivery.conf;
        default_type text/html;
        location / {
            gzip_static on;
            try_files $uri =404;
        }
    }`;
  const stack = await startProxyStack({
    port: PORT,
    appPorts: [APP_PORT, APP_PORT + 1],
    env: { ...process.env, CONTENT_DIR: content },
    appOutput: "files",
    extraServers: staticServer,
    // Measured: the pages, not an importer writing beside them.
    importer: false,
  });
  const staticRoot = path.join(stack.prefix, "static");
  await mkdir(staticRoot, { mode: 0o755 });
  for (const page of PAGES) {
    const res = await fetch(stack.instances[0] + page.path);
    if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
    const html = Buffer.from(await res.arrayBuffer());
    await writeFile(path.join(staticRoot, page.file), html, { mode: 0o644 });
    await writeFile(path.join(staticRoot, `${page.file}.gz`), gzipSync(html), { mode: 0o644 });
  }

  const targets = (page: (typeof PAGES)[number]) => [stack.instances[0] + page.path, stack.base + page.path, `http://127.0.0.1:${STATIC_PORT}/${page.file}`];
  for (const page of PAGES) for (const url of targets(page)) await warm(url);

  // Per page, the cells of every round for (1), (2), (3).
  const rounds = new Map(PAGES.map((page) => [page.name, [[], [], []] as [Cell[], Cell[], Cell[]]]));
  // How nginx answered right after each (2) cell: HIT (or STALE/UPDATING while it refreshes).
  const cacheStatus = new Map<string, string>();
  // CPU the app instances used during (2) cells, ms per second: the refreshes behind the cache.
  const appCpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const page of PAGES) {
      const urls = targets(page);
      const order = round % 2 ? [0, 2, 1] : [0, 1, 2];
      for (const i of order) {
        // (2) starts from a fresh copy, as on a site whose readers keep asking for the page. The
        // cells before it leave this page's copy unasked for some 10 s, past its
        // stale-while-revalidate window: nginx would then send every reader who comes before the
        // first refresh lands to the app (proxy_cache_lock covers only copies not yet stored), and
        // that one-off herd of 50 renders, not the cache, is what the cell would measure.
        if (i === 1) await fetch(urls[i]!, { headers: HEADERS }).then((r) => r.arrayBuffer());
        const cpuBefore = cpuMs(stack.appPids);
        rounds.get(page.name)![i]!.push(await measure(urls[i]!));
        if (i === 1) {
          appCpu.push((cpuMs(stack.appPids) - cpuBefore) / SECONDS);
          cacheStatus.set(page.name, (await fetch(urls[i]!, { headers: HEADERS })).headers.get("x-cache-status") ?? "none");
        }
        await settle(() => cpuMs(stack.appPids));
      }
    }
  }
  const rows = PAGES.map((page) => {
    const [next, proxied, ceiling] = rounds.get(page.name)!;
    const paired = proxied.map((c, i) => c.rps / ceiling[i]!.rps);
    return { page: page.name, cells: [typical(next), typical(proxied), typical(ceiling)], paired };
  });

  const ms = (v: number) => `${v} ms`;
  const cell = (c: Cell) => [c.rps.toFixed(0).padStart(7), ms(c.p50).padStart(8), ms(c.p99).padStart(8)].join(" ") + (c.failed ? ` (${c.failed})` : "");
  const head = ["req/s".padStart(7), "p50".padStart(8), "p99".padStart(8)].join(" ");
  const width = head.length;
  console.log(
    `npm run bench: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per cell (medians), Accept-Encoding: gzip, 127.0.0.1, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
  );
  console.log(
    ["page".padEnd(8), "(1) Next alone".padEnd(width), "(2) nginx + Next".padEnd(width), "(3) nginx static".padEnd(width), "(1)/(3)", "(2)/(3)"].join(" | "),
  );
  console.log(["".padEnd(8), head, head, head, "".padEnd(7), "".padEnd(7)].join(" | "));
  for (const { page, cells, paired } of rows) {
    const [next, proxied, ceiling] = cells as [Cell, Cell, Cell];
    console.log(
      [
        page.padEnd(8),
        cell(next).padEnd(width),
        cell(proxied).padEnd(width),
        cell(ceiling).padEnd(width),
        (next.rps / ceiling.rps).toFixed(2).padStart(7),
        median(paired).toFixed(2).padStart(7),
      ].join(" | "),
    );
  }
  console.log(
    `(2)/(3) is the median of each round's ratio; per round: ${rows.map((r) => `${r.page} ${r.paired.map((x) => x.toFixed(2)).join(" ")}`).join("; ")}.`,
  );
  console.log(`The app instances' CPU during (2) cells: median ${median(appCpu).toFixed(0)} ms per second (the copy of the page is refreshed once a second).`);
  console.log(
    `X-Cache-Status of (2) right after its last cell: ${[...cacheStatus].map(([page, status]) => `${page} ${status}`).join(", ")}. Goal: (2)/(3) >= 0.8.`,
  );
  if (rows.some((r) => r.cells.some((c) => c.failed))) process.exitCode = 1;
} finally {
  await cleanUp();
}
