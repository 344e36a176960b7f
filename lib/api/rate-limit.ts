import { isIP } from "node:net";

/**
 * Failed token guesses per client address, in fixed windows: after `maxFailures` wrong tokens in
 * `windowMs` an address is refused (429, before its token is even looked at, so that a right guess
 * cannot be told from a wrong one) until its window ends. Memory is bounded: at most `maxClients`
 * addresses are tracked; when full, lapsed windows go first, then the oldest.
 */
export interface FailureLimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  maxClients?: number;
}

export type LimitDecision = { limited: false } | { limited: true; retryAfterS: number };

export class FailureLimiter {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly maxClients: number;
  // Insertion order is the age order the eviction relies on.
  readonly #clients = new Map<string, { failures: number; resetAt: number }>();

  constructor({ maxFailures = 10, windowMs = 60_000, maxClients = 10_000 }: FailureLimiterOptions = {}) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.maxClients = maxClients;
  }

  /** Whether `client` may try a token now. */
  check(client: string, now: number): LimitDecision {
    const entry = this.#clients.get(client);
    if (!entry) return { limited: false };
    if (entry.resetAt <= now) {
      this.#clients.delete(client);
      return { limited: false };
    }
    if (entry.failures < this.maxFailures) return { limited: false };
    return { limited: true, retryAfterS: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
  }

  /** Counts a wrong token from `client`. */
  fail(client: string, now: number): void {
    const entry = this.#clients.get(client);
    if (entry && entry.resetAt > now) {
      entry.failures++;
      return;
    }
    if (entry) this.#clients.delete(client);
    if (this.#clients.size >= this.maxClients) this.#evict(now);
    this.#clients.set(client, { failures: 1, resetAt: now + this.windowMs });
  }

  /** How many addresses are tracked (for tests). */
  get size(): number {
    return this.#clients.size;
  }

  #evict(now: number): void {
    for (const [client, entry] of this.#clients) if (entry.resetAt <= now) this.#clients.delete(client);
    // Still full: the oldest window goes (its address starts afresh; a flood of addresses can do
    // that anyway, and nginx's limit_req caps the rate per address in front of the app).
    while (this.#clients.size >= this.maxClients) {
      const oldest = this.#clients.keys().next().value;
      if (oldest === undefined) break;
      this.#clients.delete(oldest);
    }
  }
}

const LIMITER = Symbol.for("svezhiy-vypusk.token-guesses");

/** The header server.mjs sets from the socket, replacing anything a client sent under that name. */
export const PEER_HEADER = "x-svezhiy-peer";

function isLoopback(address: string): boolean {
  const a = address.replace(/^::ffff:/i, "");
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * The address a request came from, for rate limits. The socket's address is the truth; nginx in
 * front (on this machine, so the socket is loopback) passes the reader's own as X-Real-IP. Anyone
 * else's X-Real-IP or X-Forwarded-For is ignored: a client could send a new one with every guess.
 * Without the socket header (a server other than server.mjs), every request counts as one client.
 */
export function clientAddress(headers: Headers): string {
  const peer = headers.get(PEER_HEADER)?.trim() ?? "";
  if (!peer) return "unknown";
  if (isLoopback(peer)) {
    const real = headers.get("x-real-ip")?.trim() ?? "";
    if (isIP(real)) return real;
  }
  return peer;
}

/**
 * One limiter for both token endpoints: a guess at either counts against the same address. Kept on
 * globalThis because the bundler may give each route its own copy of this module.
 */
export const tokenGuesses: FailureLimiter = ((globalThis as { [LIMITER]?: FailureLimiter })[LIMITER] ??= new FailureLimiter());

/** The 429 for a limited address. */
export function tooManyGuesses(retryAfterS: number, json: boolean): Response {
  const headers = { "Retry-After": String(retryAfterS), "Cache-Control": "no-store" };
  return json
    ? Response.json({ error: "too many wrong tokens; retry later" }, { status: 429, headers })
    : new Response("token: too many wrong tokens; retry later\n", { status: 429, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
