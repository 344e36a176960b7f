import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";

/**
 * What an instance does while its PostgreSQL store is unreachable (issue 18: "keeps serving what it
 * has, says so in its log and health endpoint"). Pages it has answered since the last change come
 * from the store's memory (lib/store/pg/reader.ts); a page, photo or search it has not cannot be
 * made, and the reader gets 503 with Retry-After and the site's own short page instead of Next's
 * 500 (server.mjs). Shared through globalThis by server.mjs and the store, which Next bundles into
 * module graphs of their own.
 */

/** How long a reader (or nginx, or a crawler) is asked to wait: the listener's first reconnection waits 1 s, a restart takes a few. */
export const RETRY_AFTER_SECONDS = 10;

const NAME = "StoreUnavailableError";
const state = (globalThis.__svezhiyStoreOutage ??= { requests: new AsyncLocalStorage(), since: undefined, refused: 0 });

/** The store could not be asked: the database is unreachable. Carries the driver's error as its cause. */
export class StoreUnavailableError extends Error {
  constructor(cause) {
    super(`the database is unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = NAME;
  }
}

/** By name, not class: the page bundles, the proxy's and server.mjs each have their own copy of the class. */
export function isStoreUnavailable(error) {
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) if (e instanceof Error && e.name === NAME) return true;
  return false;
}

// Connection classes of PostgreSQL's SQLSTATE codes: 08 (connection exception), 57P01-57P03
// (terminated by a shutdown, cannot connect now), and the driver's own socket errors.
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN", "57P01", "57P02", "57P03"]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Connection refused/i;

/** Whether a driver error means the database cannot be reached (rather than a wrong query). */
export function isUnreachable(error) {
  if (!(error instanceof Error)) return false;
  const code = String(error.code ?? "");
  return UNREACHABLE_CODES.has(code) || code.startsWith("08") || UNREACHABLE_MESSAGES.test(error.message);
}

/** Runs a request's handling with marks the store can set (server.mjs, around Next's handler). */
export function withRequestMarks(marks, fn) {
  return state.requests.run(marks, fn);
}

/** The current request's marks, or undefined outside server.mjs (`next dev`, tests). */
export function requestMarks() {
  return state.requests.getStore();
}

/**
 * The store failed to reach the database while answering this request: marks the request (so the
 * server answers 503), and starts an outage when none is going on, saying so once.
 */
export function noteUnreachable(error, log = defaultLog) {
  const marks = requestMarks();
  if (marks) marks.storeUnavailable = true;
  if (state.since === undefined) {
    state.since = Date.now();
    state.refused = 0;
    log(
      `the database is unreachable (${error instanceof Error ? error.message : String(error)}): serving what this instance has cached, 503 for the rest, retrying`,
    );
  }
}

/** The database answered: the outage (if any) is over; says how long it lasted and how many requests got 503. */
export function noteReachable(log = defaultLog) {
  if (state.since === undefined) return;
  log(`the database is back after ${((Date.now() - state.since) / 1000).toFixed(1)} s; ${state.refused} request(s) got 503 meanwhile`);
  state.since = undefined;
}

/** A page tells the reader itself that the store is away (the search's message): the server keeps its body and answers 503. */
export function markUnavailableShown() {
  const marks = requestMarks();
  if (marks) marks.storeUnavailable = marks.shown = true;
}

/** Since when the store has been unreachable (epoch ms), or undefined. */
export function outageSince() {
  return state.since;
}

/** Counts a request answered 503 for the outage (told in noteReachable's line, not one line each). */
export function countRefused() {
  state.refused++;
}

const STYLE =
  'body{margin:0;padding:4rem 1rem;font:1.125rem/1.6 "PT Serif",Georgia,serif;text-align:center;color:#16171a;background:#fdfcf9}main{max-width:36rem;margin:0 auto}h1{font-size:2rem;line-height:1.2}a{color:#a4161a;font-weight:700}@media (prefers-color-scheme:dark){body{color:#e8e6e1;background:#131417}a{color:#ff8a80}}';

/**
 * The page a reader gets for what cannot be made while the database is away: the site's own words
 * (messages/ru.json `unavailable`), no script, light or dark as the reader's system is, not
 * indexed; with the policy that lets its one inline style apply (by hash) and nothing else.
 */
export function unavailablePage({ title, text, home }) {
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const html = `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="color-scheme" content="light dark"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main><h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="/">${esc(home)}</a></p></main></body></html>`;
  const hash = createHash("sha256").update(STYLE).digest("base64");
  return { html, policy: `default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'self'` };
}

function defaultLog(line) {
  console.error(`[store] ${line}`);
}
