/**
 * `npm run bench:soak` (after `npm run build`): does the production server give memory back? It
 * starts server.mjs on 127.0.0.1 on a copy of the demo content (or `--content DIR`, or a generated
 * corpus of `--articles N`), warms every kind of answer once, then serves a mixed crawl for
 * `--minutes` with `--connections` request loops: pages (home, /news and its pages, sections,
 * articles, tags, searches), Open Graph cards, photo crops, photos through the image optimizer (AVIF,
 * WebP and the original, every configured width) and feeds and sitemaps. It prints the server's
 * resident memory (RSS and its anonymous part, /proc/PID/status) every `--every` seconds, the peak,
 * and the value once the server has been idle for `--settle` seconds, and ends with a verdict line:
 * the settled value as a ratio of the value after warm-up. It exits 0 whatever the ratio (1 only if
 * the server could not be measured). The image optimizer's disk cache (.next/cache/images) is emptied
 * first, so that each run renders the photos afresh. Options: --minutes N (10), --requests N (no limit: stop
 * after this many, for runs to compare on a machine whose speed varies), --connections N (8),
 * --every N (15), --settle N (30), --port N (3270), --seed N (1). The server gets this process's
 * environment with the malloc settings production runs with (lib/server/server-env.mjs) where it
 * sets none; `--glibc-defaults` starts it without them, to measure glibc's own behaviour.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MALLOC_ENV, serverEnv } from "../../lib/server/server-env.mjs";
import { writeCorpus } from "../generate/corpus/write";
import { CLOCK_TICKS, settle } from "./settle";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    requests: { type: "string" },
    connections: { type: "string", default: "8" },
    every: { type: "string", default: "15" },
    settle: { type: "string", default: "30" },
    port: { type: "string", default: "3270" },
    seed: { type: "string", default: "1" },
    content: { type: "string" },
    articles: { type: "string" },
    "glibc-defaults": { type: "boolean", default: false },
  },
});
const number = (name: keyof typeof values, min: number) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name}: needs a number of at least ${min}, got "${values[name]}"`);
  return value;
};
const MINUTES = number("minutes", 0.1);
const CONNECTIONS = Math.round(number("connections", 1));
const EVERY = number("every", 1);
const SETTLE = number("settle", 0);
const PORT = Math.round(number("port", 1));
const SEED = Math.round(number("seed", 0));
const REQUESTS = values.requests === undefined ? Infinity : Math.round(number("requests", 1));
const ARTICLES = values.articles === undefined ? undefined : Math.round(number("articles", 1));

const root = path.resolve(import.meta.dirname, "../..");
const base = `http://127.0.0.1:${PORT}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Memory {
  rss: number;
  anon: number;
  /** The highest RSS the process has had (VmHWM). */
  peak: number;
}

/** Resident memory of a process in MB, from /proc/PID/status. */
function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb("VmRSS"), anon: kb("RssAnon"), peak: kb("VmHWM") };
}
const mb = (n: number) => `${n.toFixed(0)} MB`;

/** CPU time (ms) a process has used, from /proc/PID/stat. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** A small seeded generator (mulberry32): the same seed asks for the same URLs in the same order. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The content folder: a copy, so that nothing the server or a writer does reaches the original.
const content = await mkdtemp(path.join(os.tmpdir(), "bench-soak-"));
if (ARTICLES !== undefined) {
  await writeCorpus({ articles: ARTICLES, seed: SEED, end: Date.now() - (Date.now() % 3_600_000), out: content, source: path.join(root, "content") });
} else {
  await cp(path.resolve(values.content ?? path.join(root, "content")), content, { recursive: true });
}
await rm(path.join(root, ".next", "cache", "images"), { recursive: true, force: true });

const env: NodeJS.ProcessEnv = serverEnv({ ...process.env, CONTENT_DIR: content, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
if (values["glibc-defaults"]) for (const name of Object.keys(MALLOC_ENV)) delete env[name];
const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(PORT)], {
  cwd: root,
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
const exited = new Promise((r) => server.once("exit", r));
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

/** The URLs of the crawl, by kind, found on the running site as a crawler would find them. */
async function discover(): Promise<Record<string, string[]>> {
  const text = (p: string) => fetch(base + p).then((r) => r.text());
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&")).pathname);
  const sitemaps = locs(await text("/sitemap.xml"));
  const pages = (await Promise.all(sitemaps.map(async (p) => locs(await text(p))))).flat();
  const articles = pages.filter((p) => p.startsWith("/news/"));
  const tags = new Set<string>();
  const words = new Set<string>();
  for (const p of articles.slice(0, 100)) {
    const html = await text(p);
    for (const m of html.matchAll(/href="(\/tag\/[^"#?]+)"/g)) tags.add(m[1]!);
    const title = /<h1[^>]*>([^<]+)</.exec(html)?.[1] ?? "";
    for (const w of title.split(/[\s,.:«»—-]+/)) if (w.length > 4) words.add(w.toLowerCase());
  }
  const media = (await readdir(path.join(content, "media"))).filter((f) => /\.(jpe?g|png|webp)$/i.test(f));
  const widths = [96, 160, 256, 384, 640, 828, 1080, 1200, 1600]; // next.config.ts: imageSizes + deviceSizes
  const listPages = pages.filter((p) => !p.startsWith("/news/"));
  return {
    pages: [
      ...listPages,
      ...listPages.filter((p) => p.startsWith("/section/") || p === "/news").flatMap((p) => [`${p}?page=2`, `${p}?page=3`]),
      ...articles,
      ...tags,
      ...[...words].slice(0, 200).map((w) => `/search?q=${encodeURIComponent(w)}`),
    ],
    cards: articles.map((p) => `${p}/opengraph-image`),
    crops: media.flatMap((f) => ["16x9", "4x3", "1x1"].map((r) => `/og/crop/${r}/media/${f}`)),
    photos: media.flatMap((f) => widths.map((w) => `/_next/image?url=${encodeURIComponent(`/media/${f}`)}&w=${w}&q=75`)),
    feeds: [
      "/rss.xml",
      "/yandex.rss",
      "/news-sitemap.xml",
      "/sitemap.xml",
      ...sitemaps,
      ...listPages.filter((p) => p.startsWith("/section/")).map((p) => `${p}/rss.xml`),
    ],
  };
}

// A photo is asked for as each kind of browser asks: AVIF first, WebP, or neither.
const ACCEPTS = ["image/avif,image/webp,image/*,*/*;q=0.8", "image/webp,image/*,*/*;q=0.8", "image/*,*/*;q=0.8"];
// Shares of the crawl, roughly what a site's mix of readers, crawlers and link previews asks for.
const WEIGHTS: [string, number][] = [
  ["pages", 0.5],
  ["cards", 0.15],
  ["crops", 0.05],
  ["photos", 0.2],
  ["feeds", 0.1],
];

interface Tally {
  ok: number;
  failed: number;
  statuses: Map<number | string, number>;
}

/** Asks for one URL and reads the whole answer; says its status (0 when the request failed). */
async function get(url: string, accept: string | undefined, tally: Tally): Promise<number> {
  try {
    const res = await fetch(base + url, { headers: { "accept-encoding": "gzip", ...(accept ? { accept } : {}) }, signal: AbortSignal.timeout(60_000) });
    await res.arrayBuffer();
    if (res.status < 400) tally.ok++;
    else tally.failed++;
    if (res.status >= 400) tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
    return res.status;
  } catch (error) {
    tally.failed++;
    const name = (error as Error).name;
    tally.statuses.set(name, (tally.statuses.get(name) ?? 0) + 1);
    return 0;
  }
}

let failed = false;
try {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (server.exitCode !== null || i > 300) throw new Error("the server did not start; run `npm run build` first");
    await sleep(200);
  }
  const pid = server.pid!;
  const started = memory(pid);
  const urls = await discover();

  // Warm-up: every kind of answer once, so that what loads on first use (the card renderer, sharp,
  // the search index) is in the figure the soak is compared with.
  const warmTally: Tally = { ok: 0, failed: 0, statuses: new Map() };
  // A list page past the end (a short section's ?page=3) answers 404; the crawl keeps to what exists.
  const found: string[] = [];
  for (const p of urls.pages!) if ((await get(p, undefined, warmTally)) === 200) found.push(p);
  urls.pages = found;
  for (const p of urls.feeds!) await get(p, undefined, warmTally);
  await get(urls.cards![0]!, undefined, warmTally);
  await get(urls.crops![0]!, undefined, warmTally);
  for (const accept of ACCEPTS) await get(urls.photos![0]!, accept, warmTally);
  await settle(() => cpuMs(pid));
  await sleep(SETTLE * 1000);
  const warm = memory(pid);
  console.log(
    `${Object.entries(urls)
      .map(([k, v]) => `${v.length} ${k}`)
      .join(", ")}; ${CONNECTIONS} connections for ${MINUTES} min${REQUESTS < Infinity ? ` or ${REQUESTS} requests, whichever comes first` : ""}`,
  );
  console.log(
    `malloc: ${Object.keys(MALLOC_ENV)
      .map((k) => `${k}=${env[k] ?? "(glibc's default)"}`)
      .join(" ")}`,
  );
  console.log(`at start ${mb(started.rss)} (anonymous ${mb(started.anon)}); after warm-up ${mb(warm.rss)} (anonymous ${mb(warm.anon)})`);

  // The crawl: CONNECTIONS loops, each asking for one URL after another until the time is up.
  const random = rng(SEED);
  const pick = () => {
    let r = random();
    for (const [kind, weight] of WEIGHTS) {
      if ((r -= weight) < 0 || kind === "feeds") {
        const list = urls[kind]!;
        return { kind, url: list[Math.floor(random() * list.length)]!, accept: kind === "photos" ? ACCEPTS[Math.floor(random() * ACCEPTS.length)] : undefined };
      }
    }
    throw new Error("unreachable");
  };
  const tallies = new Map<string, Tally>(WEIGHTS.map(([k]) => [k, { ok: 0, failed: 0, statuses: new Map() }]));
  const t0 = Date.now();
  const end = t0 + MINUTES * 60_000;
  let peakAnon = warm.anon;
  let sent = 0;
  let atHalf: Memory | undefined; // the last sample in the first half of the crawl
  const sampler = setInterval(() => {
    const m = memory(pid);
    peakAnon = Math.max(peakAnon, m.anon);
    if (Date.now() - t0 < (end - t0) / 2) atHalf = m;
    const served = [...tallies.values()].reduce((n, t) => n + t.ok + t.failed, 0);
    console.log(
      `${`${Math.round((Date.now() - t0) / 1000)} s`.padStart(7)}  ${String(served).padStart(7)} requests  RSS ${mb(m.rss).padStart(7)}  anonymous ${mb(m.anon).padStart(7)}`,
    );
  }, EVERY * 1000);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end && sent < REQUESTS && server.exitCode === null) {
        sent++;
        const { kind, url, accept } = pick();
        await get(url, accept, tallies.get(kind)!);
      }
    }),
  );
  clearInterval(sampler);
  const crawlMs = Date.now() - t0;
  if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) during the crawl`);
  const atEnd = memory(pid);
  peakAnon = Math.max(peakAnon, atEnd.anon);

  // After the traffic: the server's idle collection runs a second after the last answer; the figure
  // is taken once it has been quiet and then SETTLE seconds more.
  await settle(() => cpuMs(pid));
  await sleep(SETTLE * 1000);
  const settled = memory(pid);

  const rows: [string, string][] = [
    ["crawl", `${sent} requests in ${(crawlMs / 1000).toFixed(0)} s`],
    ...[...tallies].map(([kind, t]): [string, string] => [
      kind,
      `${t.ok + t.failed} requests${t.failed ? `, ${t.failed} failed (${[...t.statuses].map(([s, n]) => `${n}× ${s}`).join(", ")})` : ""}`,
    ]),
    ["RSS at start", `${mb(started.rss)} (anonymous ${mb(started.anon)})`],
    ["RSS after warm-up", `${mb(warm.rss)} (anonymous ${mb(warm.anon)})`],
    ["RSS at end of traffic", `${mb(atEnd.rss)} (anonymous ${mb(atEnd.anon)})`],
    ["RSS peak", `${mb(settled.peak)} (anonymous ${mb(peakAnon)}, sampled)`],
    ["growth in the 2nd half", atHalf ? `${mb(atEnd.rss - atHalf.rss)} (from ${mb(atHalf.rss)} to ${mb(atEnd.rss)})` : "(too short to tell)"],
    [`RSS ${SETTLE} s after settling`, `${mb(settled.rss)} (anonymous ${mb(settled.anon)})`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(24)} ${v}`);
  // The warm-up fills none of the caches that are bounded on purpose (link-preview cards up to 32 MB,
  // Next's 150 recent images, rendered article bodies), so a server that gives memory back still
  // settles somewhat above it; glibc's defaults left it at 2-3 times.
  const ratio = settled.rss / warm.rss;
  const anonRatio = settled.anon / warm.anon;
  console.log(
    `verdict: settled at ${mb(settled.rss)}, ${ratio.toFixed(2)}× the ${mb(warm.rss)} after warm-up ` +
      `(anonymous ${anonRatio.toFixed(2)}×): ${ratio <= 1.5 ? "memory comes back" : "memory is held"}`,
  );
} catch (error) {
  console.error((error as Error).message);
  failed = true;
} finally {
  stop();
  await exited;
  await rm(content, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
