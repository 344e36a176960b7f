/**
 * The last step of `npm run build`: does every kind of page still go out without Next's client
 * runtime? Pages ship no JavaScript of Next's (docs/decisions/0001-pages-ship-no-runtime.md):
 * server.mjs strips it by markers Next may change in any release. This starts the server just
 * built (server.mjs, on a free port of 127.0.0.1, on the demo content), asks for one page of each
 * kind and fails the build, naming the page and the marker, when one would ship the runtime, lost
 * its heading, or carries an inline script its Content-Security-Policy would not run.
 *
 * Options: --content DIR (the bundled demo content: a small, known folder whatever CONTENT_DIR the
 * build was for), --keep-client-runtime (the server keeps Next's runtime: the check must fail; to
 * see what it says), --capture (checks nothing: writes the 404 page as Next renders it, runtime
 * and all, to lib/server/fixtures/ for strip-runtime.test.ts; run it after upgrading Next).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { blockedInlineScripts, clientRuntimeMarkers, scripts } from "../../lib/server/runtime-markers.mjs";
import { serverEnv } from "../../lib/server/server-env.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const { values: args } = parseArgs({
  options: {
    content: { type: "string", default: path.join(root, "content") },
    "keep-client-runtime": { type: "boolean", default: false },
    capture: { type: "boolean", default: false },
  },
});
const START_TIMEOUT_MS = 60_000;
const started = performance.now();
const say = (line: string) => console.log(`check-no-runtime: ${line}`);

const running: { server?: ChildProcess } = {};
let output = "";
/** The server's index database lives here, and goes with the check. */
const scratch = mkdtempSync(path.join(tmpdir(), "check-no-runtime-"));
function stop() {
  const { server } = running;
  if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
}
// The server never outlives the check: not on success, failure, an exception or Ctrl-C.
process.on("exit", stop);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

/** Fails the build. `pages`: the problems are in the pages (not in starting the check). */
function fail(lines: string[], pages = false): never {
  console.error(`\ncheck-no-runtime: FAILED\n${lines.map((l) => `  ✗ ${l}`).join("\n")}\n`);
  if (pages) {
    console.error(
      "Pages must go out without Next's client runtime. If Next was upgraded, its output has changed:\n" +
        "see docs/decisions/0001-pages-ship-no-runtime.md (what to try when Next changes); the markers\n" +
        "server.mjs removes are in lib/server/strip-runtime.mjs. Compare with KEEP_CLIENT_RUNTIME=1.\n",
    );
  }
  stop();
  process.exit(1);
}

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) fail(["no .next/BUILD_ID: run `next build` first"]);
const content = path.resolve(args.content);
if (!existsSync(path.join(content, "site.json"))) fail([`${content} has no site.json: the check needs the demo content (or --content DIR)`]);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = serverEnv({
  ...process.env,
  CONTENT_DIR: content,
  // An index of its own, deleted with the check: the build leaves no database behind.
  INDEX_DB: path.join(scratch, "index.sqlite"),
  NEXT_TELEMETRY_DISABLED: "1",
  // A counter, so that the consent notice and its script are on the pages too.
  METRIKA_ID: "12345678",
});
delete env.KEEP_CLIENT_RUNTIME;
delete env.PORT;
if (args["keep-client-runtime"] || args.capture) env.KEEP_CLIENT_RUNTIME = "1";
const server = spawn(process.execPath, [path.join(root, "server.mjs"), "-H", "127.0.0.1", "-p", String(port)], {
  cwd: root,
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
running.server = server;
server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
const exited = new Promise<string>((resolve) =>
  server.once("exit", (code, signal) => resolve(`server.mjs exited (${signal ?? code}) before it answered:\n${output}`)),
);

async function get(url: string): Promise<{ status: number; type: string; policy: string; html: string }> {
  const res = await fetch(base + url, { redirect: "manual", headers: { "accept-encoding": "gzip" }, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, type: res.headers.get("content-type") ?? "", policy: res.headers.get("content-security-policy") ?? "", html: await res.text() };
}

async function ready(): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      if ((await get("/")).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail([`server.mjs did not answer / within ${START_TIMEOUT_MS / 1000} s:\n${output}`]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const early = await Promise.race([ready().then(() => undefined), exited]);
if (early) fail([early]);

if (args.capture) {
  // The 404 page as Next renders it, runtime and all: the smallest page, with the layout, the theme
  // and consent scripts and an RSC payload. Named for the Next that rendered it, so that the tests
  // ask for a new capture when Next is upgraded.
  const next = (JSON.parse(readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version;
  const dir = path.join(root, "lib", "server", "fixtures");
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (/^not-found\.next-.*\.html$/.test(name)) rmSync(path.join(dir, name));
  const file = path.join(dir, `not-found.next-${next}.html`);
  writeFileSync(file, (await get("/no-such-page")).html);
  stop();
  say(`wrote ${path.relative(root, file)}, the 404 page as Next ${next} renders it`);
  process.exit(0);
}

/** The first link on a page to a path under `prefix` (`/news/`, `/tag/`, …), without its query. */
function firstLink(html: string, prefix: string): string | undefined {
  const match = new RegExp(`href="(${prefix}[^"?#]+)`).exec(html);
  return match?.[1];
}

const home = await get("/");
const article = firstLink(home.html, "/news/");
const articleHtml = article ? (await get(article)).html : "";
const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(articleHtml)?.[1]?.replace(/<[^>]+>/g, "") ?? "";
const word = heading.split(/[^\p{L}]+/u).find((w) => w.length >= 5);
const source =
  firstLink(home.html, "/source/") ??
  firstLink(articleHtml, "/source/") ??
  (() => {
    try {
      const list = JSON.parse(readFileSync(path.join(content, "sources.json"), "utf8")) as { id?: string }[];
      return list[0]?.id ? `/source/${list[0].id}` : undefined;
    } catch {
      return undefined;
    }
  })();

const pages: [kind: string, url: string | undefined, status: number][] = [
  ["home", "/", 200],
  ["latest news", "/news", 200],
  ["article", article, 200],
  ["section", firstLink(home.html, "/section/"), 200],
  ["tag", firstLink(articleHtml, "/tag/") ?? firstLink(home.html, "/tag/"), 200],
  ["source", source, 200],
  ["search", word ? `/search?q=${encodeURIComponent(word)}` : undefined, 200],
  ["404", `/no-such-page-${process.pid}`, 404],
];

// Problem → the pages it is on and one example, so that a marker on every page is said once.
const problems = new Map<string, { pages: string[]; example?: string }>();
const problem = (text: string, page: string, example?: string) => {
  const entry = problems.get(text) ?? { pages: [], example };
  if (!entry.pages.includes(page)) entry.pages.push(page);
  problems.set(text, entry);
};
const checked: string[] = [];
const readyAt = performance.now();
for (const [kind, url, status] of pages) {
  if (!url) {
    problem("no link to a page of this kind on the demo pages (has the demo content changed?)", kind);
    continue;
  }
  const page = await get(url);
  const at = `${kind} (${decodeURI(url)})`;
  if (page.status !== status) problem(`answered ${page.status}, expected ${status}`, at);
  if (!/^text\/html\b/i.test(page.type)) problem(`Content-Type is not text/html: ${page.type}`, at);
  for (const { marker, excerpt } of clientRuntimeMarkers(page.html)) problem(`ships Next's runtime: ${marker}`, at, excerpt);
  if (!/<h1\b[^>]*>[\s\S]*?\S[\s\S]*?<\/h1>/i.test(page.html)) problem("has no <h1> with text (the content must be in the first HTML)", at);
  if (!scripts(page.html).some((s) => s.executable && !s.src)) problem("has none of the site's own inline scripts (the theme script at least)", at);
  if (/'nonce-/.test(page.policy)) problem("has a Content-Security-Policy with a nonce (as a page that keeps the runtime)", at);
  for (const script of blockedInlineScripts(page.html, page.policy)) problem("has an inline script its Content-Security-Policy does not allow", at, script);
  checked.push(`${kind} ${(Buffer.byteLength(page.html) / 1024).toFixed(0)} KB`);
}
const seconds = (from: number, to = performance.now()) => `${((to - from) / 1000).toFixed(1)} s`;

if (problems.size)
  fail(
    [...problems].map(([text, { pages, example }]) => `${text}\n      on: ${pages.join(", ")}${example ? `\n      e.g. ${JSON.stringify(example)}` : ""}`),
    true,
  );
stop();
say(
  `${checked.length} kinds of page go out without Next's client runtime (${checked.join(", ")}); server ready in ${seconds(started, readyAt)}, pages in ${seconds(readyAt)}`,
);
