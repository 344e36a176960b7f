/**
 * The production server (`npm run start`): Next's own request handler behind a FIFO admission
 * gate. A plain `next start` takes every request at once; at 200 open connections on two cores
 * the renders interleave, some starve past any client timeout and memory grows with the number
 * of half-done pages. Here at most RENDER_CONCURRENCY requests run, the rest wait in arrival
 * order, so the slowest answer is about (queue length / throughput) and memory stays flat. When
 * the queue is longer than QUEUE_LIMIT the server says 503 with Retry-After instead of timing out.
 *
 * It also takes Next's client runtime out of the pages (see lib/server/strip-runtime.mjs) and
 * compresses responses. Before the gate it refuses what Next must not see (a method the route does
 * not have, an undecodable path, a body over its limit: lib/server/request-guard.mjs and
 * body-limit.mjs), and on SIGTERM/SIGINT it finishes the requests it has before exiting
 * (lib/server/graceful-stop.mjs, SHUTDOWN_GRACE_MS). Options: -p/--port (or PORT, 3000),
 * -H/--hostname (or HOSTNAME, all interfaces); KEEP_CLIENT_RUNTIME=1 leaves the pages as Next
 * renders them.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import next from "next";
import { createAdmissionGate } from "./lib/server/admission-gate.mjs";
import { bodyLimit, closeWithoutReading, declaredLength, hasBody, holdBody } from "./lib/server/body-limit.mjs";
import { createCompression } from "./lib/server/compression.mjs";
import { encodePage, pageEncoding } from "./lib/server/encode-page.mjs";
import { createGracefulStop, graceFromEnv } from "./lib/server/graceful-stop.mjs";
import { hideInternalHeaders } from "./lib/server/internal-headers.mjs";
import { parseMediaBaseUrl } from "./lib/server/media-base.mjs";
import { answerPlain, setSecurityHeaders } from "./lib/server/plain-answer.mjs";
import { decodedPath, rawPath, refusal } from "./lib/server/request-guard.mjs";
import { LISTEN_ORIGIN_ENV, listenOrigin, siteUrlWarning } from "./lib/server/listen-origin.mjs";
import { createPageValidators, encodedTag, notModified, pageTag } from "./lib/server/page-validators.mjs";
import { MALLOC_ENV } from "./lib/server/server-env.mjs";
import { countRefused, isStoreUnavailable, outageSince, RETRY_AFTER_SECONDS, unavailablePage, withRequestMarks } from "./lib/server/store-outage.mjs";
import { settlePolicy, shouldStrip, stripClientRuntimeBytes } from "./lib/server/strip-runtime.mjs";

// glibc reads its malloc settings only at exec, so they cannot be set from here; without them image
// work leaves hundreds of MB resident for good (lib/server/server-env.mjs).
const mallocUnset = Object.keys(MALLOC_ENV).filter((name) => !process.env[name]);
if (process.platform === "linux" && mallocUnset.length)
  console.error(
    `server.mjs: ${mallocUnset.join(", ")} not set: start it as \`npm run start\` does, with ${Object.entries(MALLOC_ENV)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}, or memory used for images is never given back`,
  );

// next.config turns Next's compression off so that the pages are compressed here, after the client
// runtime has been taken out of them (lib/server/compression.mjs: gzip or deflate, as before).
const compress = createCompression();

function option(short, long, env, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === short || args[i] === long) return args[i + 1];
    if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
  }
  return process.env[env] || fallback;
}

const port = Number(option("-p", "--port", "PORT", "3000"));
const hostname = option("-H", "--hostname", "HOSTNAME", undefined);
const concurrency = Math.max(1, Number(process.env.RENDER_CONCURRENCY) || 8);
const queueLimit = Math.max(1, Number(process.env.QUEUE_LIMIT) || 2000);

const grace = graceFromEnv(process.env.SHUTDOWN_GRACE_MS);
if (grace.problem) console.error(grace.problem);
// A wrong MEDIA_BASE_URL would fail every page with a photo: refused here, once, by name.
const mediaBase = parseMediaBaseUrl(process.env.MEDIA_BASE_URL);
if (mediaBase.problem) {
  console.error(`server.mjs: ${mediaBase.problem}`);
  process.exit(1);
}

// Signals are handled from the first moment: a SIGTERM that arrives while Next is still preparing
// must stop the process too (a test that gives up on a slow start would otherwise leave it behind).
// Once serving, the first signal drains and the second exits at once (lib/server/graceful-stop.mjs).
let stopper;
const onSignal = (signal) => (stopper ? stopper.stop(signal) : process.exit(0));
process.on("SIGTERM", onSignal);
process.on("SIGINT", onSignal);

// V8 lets the old generation grow to up to four times what survived the last full collection before
// it collects again. With the index of a 100,000-article archive live (about 200 MB), that is
// 700-900 MB resident after a burst of work such as the first search's build, for garbage only.
// Growing by half instead keeps it near 500 MB for the same throughput (docs/production.md, "The production
// server"). HEAP_GROWING_PERCENT=0 leaves V8's own policy.
const growingRaw = process.env.HEAP_GROWING_PERCENT ?? "50";
const growingValid = /^\d{1,4}$/.test(growingRaw);
if (!growingValid) console.error(`HEAP_GROWING_PERCENT=${growingRaw}: not a whole number of percent (0-9999); using 50`);
const heapGrowingPercent = growingValid ? Number(growingRaw) : 50;
if (heapGrowingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);

// The build is found beside this file (`dir`), but Next 16 evaluates next.config.ts without a file
// name, so its imports (./lib/…, ./package.json) resolve against the working folder: started from
// any other folder (a systemd WorkingDirectory, `npm run start:cluster`'s instances) it failed with
// "Cannot find module './lib/security/headers'". So the server works in its own folder, and the
// relative paths it was given are first made absolute against the folder it was started in.
for (const name of ["CONTENT_DIR", "INDEX_DB"]) {
  if (process.env[name]) process.env[name] = path.resolve(process.env[name]);
}
process.chdir(import.meta.dirname);

const app = next({ dev: false, dir: import.meta.dirname, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

// V8 collects garbage only when it allocates, so a server that goes quiet after a burst would keep
// the burst's garbage (hundreds of MB at 200 connections) until the next request. Once nothing has
// been served for IDLE_GC_MS after enough work, one full collection runs while no reader waits,
// and the heap shrinks back towards its resting size. IDLE_GC_MS=0 turns this off.
const idleGcMs = Number(process.env.IDLE_GC_MS ?? 1000);
let servedSinceGc = 0;
let idleTimer;
v8.setFlagsFromString("--expose-gc");
const collectGarbage = idleGcMs > 0 ? vm.runInNewContext("gc") : undefined;

function whenIdle() {
  if (!collectGarbage || servedSinceGc < 50) return;
  idleTimer = setTimeout(() => {
    servedSinceGc = 0;
    collectGarbage();
    // The second pass finds the first one's pages swept and empty and gives them back to the system.
    setImmediate(() => collectGarbage()).unref();
  }, idleGcMs).unref();
}

const gate = createAdmissionGate({ concurrency, queueLimit, onIdle: whenIdle });

const keepRuntime = process.env.KEEP_CLIENT_RUNTIME === "1";

// The build's stylesheet (about 6 KB gzipped) is inlined into the pages this server strips: a phone
// then paints from the first response instead of after a second round trip for the CSS. Next's own
// experimental.inlineCss does the same but also copies the CSS into the RSC payload, and halved
// the throughput of list pages. Build output never changes while the server runs, so each file is
// read once.
const staticDir = `${import.meta.dirname}/.next/static/`;
const stylesheets = new Map();
function stylesheet(href) {
  if (!stylesheets.has(href)) {
    let css;
    try {
      // Relative references (the fonts: url(../media/…)) are resolved against the stylesheet's own
      // address, since inlined they would resolve against the page's.
      css = Buffer.from(
        readFileSync(staticDir + href.slice("/_next/static/".length), "utf8").replace(
          /url\((["']?)(?![a-z]+:|\/|#)([^"')]+)\1\)/gi,
          (_, q, ref) => `url(${q}${new URL(ref, `http://x${href}`).pathname}${q})`,
        ),
      );
    } catch {
      css = undefined; // a stale name: the link stays and the browser asks for it
    }
    stylesheets.set(href, css);
  }
  return stylesheets.get(href);
}

// ETag and Last-Modified of the pages a shared cache may keep, from their bytes (lib/server/page-validators.mjs).
const validators = createPageValidators();

/**
 * Gives a whole page that shared caches may keep (status 200, Cache-Control public: not a preview,
 * not a reader's own page) its ETag and Last-Modified, and says whether the request's
 * If-None-Match or If-Modified-Since lets it go as a 304 without its body.
 */
function validate(req, res, html) {
  if (res.statusCode !== 200 || !/\bpublic\b/.test(String(res.getHeader("cache-control") ?? ""))) return false;
  const options = { acceptEncoding: req.headers["accept-encoding"], cacheControl: res.getHeader("cache-control") };
  const tag = pageTag(html);
  const etag = encodedTag(tag, pageEncoding(html, options));
  const lastModified = validators.lastModified(req.url ?? "/", tag);
  res.setHeader("ETag", etag);
  res.setHeader("Last-Modified", new Date(lastModified).toUTCString());
  return notModified(req.method, req.headers, { etag, lastModified });
}

/**
 * Buffers an HTML page and writes it without the client runtime. The decision is taken at the
 * first write, when status and headers are known; anything else streams through untouched.
 */
function stripPages(req, res) {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  let mode; // undefined until the first write: "strip" or "pass"
  const chunks = [];
  const decide = () => {
    if (mode) return mode;
    const contentType = String(res.getHeader("content-type") ?? "");
    const strip = res.getHeader("content-length") === undefined && shouldStrip(res.statusCode, contentType);
    settlePolicy(res, strip);
    return (mode = strip ? "strip" : "pass");
  };
  const collect = (chunk, encoding) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function")
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
  };
  // Next flushes the headers just before its first write; a page that is held whole keeps them
  // until it ends, when its length is known.
  const flushHeaders = res.flushHeaders.bind(res);
  res.flushHeaders = () => {
    if (decide() === "pass") flushHeaders();
  };
  res.write = (chunk, encoding, cb) => {
    if (decide() === "pass") return write(chunk, encoding, cb);
    collect(chunk, encoding);
    if (typeof encoding === "function") encoding();
    else if (typeof cb === "function") cb();
    return true;
  };
  res.end = (chunk, encoding, cb) => {
    if (decide() === "pass") return end(chunk, encoding, cb);
    collect(chunk, encoding);
    const html = stripClientRuntimeBytes(Buffer.concat(chunks), { stylesheet });
    const callback = typeof encoding === "function" ? encoding : cb;
    if (validate(req, res, html)) {
      // The reader's copy is current: the headers alone (the compression middleware adds Vary).
      res.statusCode = 304;
      res.removeHeader("Content-Length");
      return end(undefined, callback);
    }
    // A HEAD answer has no body to measure; the compression middleware deals with it as before.
    if (req.method === "HEAD") return end(html, callback);
    // The whole page is here: compressed once and sent with its length, not chunked. The
    // compression middleware leaves a response that already has a Content-Encoding alone.
    const { body, headers } = encodePage(html, { acceptEncoding: req.headers["accept-encoding"], cacheControl: res.getHeader("cache-control") });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    return end(body, callback);
  };
}

// While the database of a PostgreSQL site is away, what this instance has not cached cannot be made:
// Next answers 500 (with a stack in the log for each request). Readers, nginx and crawlers get a 503
// with Retry-After instead, the site's own short page (or a line of text for anything but a page),
// and the log one line per outage from the store (lib/server/store-outage.mjs).
const unavailable = unavailablePage(JSON.parse(readFileSync(`${import.meta.dirname}/messages/ru.json`, "utf8")).unavailable);
const unavailableHtml = Buffer.from(unavailable.html);
const unavailableText = Buffer.from("Service Unavailable: the database is unreachable; try again shortly\n");
const logError = console.error.bind(console);
console.error = (...args) => {
  // Each request's failure is counted and told once the outage ends, not logged one by one.
  if (args.some((a) => isStoreUnavailable(a) || (typeof a === "string" && a.includes("StoreUnavailableError")))) return;
  logError(...args);
};

/**
 * Answers 503 for a request the store could not serve (`marks`, set by the store while it ran, or
 * any 500 while the store is away): Next's 500 is replaced whole; a page that told the reader
 * itself (the search's message) keeps its body with the status 503. Installed last, so that it
 * sees Next's writes first.
 */
function answerUnavailable(req, res, marks) {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const flushHeaders = res.flushHeaders.bind(res);
  let replace; // undefined until the first write, when the status is known
  // Next's 500 only: an answer a route gives itself (/healthz's 503 and its JSON) goes as it is.
  const decide = () => (replace ??= res.statusCode === 500 && !res.headersSent && (!!marks.storeUnavailable || outageSince() !== undefined));
  res.flushHeaders = () => {
    if (!decide()) flushHeaders();
  };
  res.write = (chunk, encoding, cb) => {
    if (!decide()) return write(chunk, encoding, cb);
    if (typeof encoding === "function") encoding();
    else if (typeof cb === "function") cb();
    return true;
  };
  res.end = (chunk, encoding, cb) => {
    const retry = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
    if (decide()) {
      countRefused();
      const page = /\btext\/html\b/.test(String(req.headers.accept ?? ""));
      // Next's headers went with its page; HSTS (an https site's, set by the proxy) stays on every answer.
      const hsts = res.getHeader("strict-transport-security");
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      setSecurityHeaders(res);
      if (hsts !== undefined) res.setHeader("Strict-Transport-Security", hsts);
      res.statusCode = 503;
      const body = page ? unavailableHtml : unavailableText;
      const headers = {
        ...retry,
        "Content-Type": page ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
        "Content-Length": String(body.length),
        "Content-Security-Policy": unavailable.policy,
      };
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      const callback = [chunk, encoding, cb].find((f) => typeof f === "function");
      return end(req.method === "HEAD" ? undefined : body, callback);
    }
    if (marks.shown && res.statusCode === 200 && !res.headersSent) {
      countRefused();
      res.statusCode = 503;
      for (const [name, value] of Object.entries(retry)) res.setHeader(name, value);
    }
    return end(chunk, encoding, cb);
  };
}

async function serve(req, res, done) {
  res.once("finish", done);
  res.once("close", done);
  const marks = {};
  try {
    hideInternalHeaders(res);
    compress(req, res);
    if (!keepRuntime) stripPages(req, res);
    answerUnavailable(req, res, marks);
    await withRequestMarks(marks, () => handle(req, res));
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
}

/** Into the admission gate, or 503 when its queue is full. */
function admit(req, res) {
  clearTimeout(idleTimer);
  servedSinceGc++;
  // A client that gave up while waiting costs nothing: its slot goes to the next in line.
  const admitted = gate.admit(
    (done) => void serve(req, res, done),
    () => req.destroyed,
  );
  if (!admitted) answerPlain(res, 503, "Service Unavailable\n", { "Retry-After": "1" });
}

/**
 * Everything a request meets before the gate: the method and path checks, then its body, held
 * whole up to the route's limit (413 past it, the connection closed). `expectsContinue`: the client
 * sent `Expect: 100-continue` and waits for a go-ahead, which a body over the limit never gets.
 */
function onRequest(req, res, expectsContinue = false) {
  stopper.track(req, res);
  // The socket's address, for the token endpoints' rate limit (lib/api/rate-limit.ts, PEER_HEADER);
  // a client's own header of that name is overwritten.
  req.headers["x-svezhiy-peer"] = req.socket.remoteAddress ?? "";
  const refused = refusal(req.method, req.url);
  if (refused) {
    // A body nobody will read is not worth receiving: the connection closes instead.
    const unread = hasBody(req.headers);
    if (unread) closeWithoutReading(req.socket);
    return answerPlain(res, refused.status, refused.reason, { ...(refused.allow ? { Allow: refused.allow } : {}), ...(unread ? { Connection: "close" } : {}) });
  }
  setSecurityHeaders(res);
  if (!hasBody(req.headers)) return admit(req, res);
  const limit = bodyLimit(decodedPath(rawPath(req.url) ?? "") ?? "");
  if (expectsContinue && (declaredLength(req.headers) ?? 0) <= limit) res.writeContinue();
  void holdBody(req, limit).then((outcome) => {
    if (outcome === "complete") admit(req, res);
    else if (outcome === "too-large") {
      closeWithoutReading(req.socket);
      answerPlain(res, 413, `Content Too Large: a request body here is at most ${limit} bytes\n`, { Connection: "close" });
    }
    // "aborted": the client went away; there is nobody to answer.
  });
}

const server = http.createServer(onRequest);
server.on("checkContinue", (req, res) => onRequest(req, res, true));
stopper = createGracefulStop({ server, graceMs: grace.graceMs });
// Longer than a typical proxy's upstream keepalive, so the proxy closes idle connections first.
server.keepAliveTimeout = 65_000;
// Without SITE_URL, links and feeds are built on the address this server listens on (lib/seo/urls.ts);
// set before listening, as requests may arrive at once, and again with the port the system chose for -p 0.
process.env[LISTEN_ORIGIN_ENV] = listenOrigin(hostname, port);
server.listen(port, hostname, () => {
  const address = server.address();
  if (address && typeof address === "object") process.env[LISTEN_ORIGIN_ENV] = listenOrigin(hostname, address.port);
  const warning = siteUrlWarning(process.env.SITE_URL, process.env[LISTEN_ORIGIN_ENV]);
  if (warning) console.error(warning);
  console.log(`▲ ready on http://${hostname ?? "localhost"}:${port} (at most ${concurrency} requests at once)`);
});
