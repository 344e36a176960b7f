/**
 * Fetches a feed, page or image for the importer from an address a partner controls.
 *
 * node:http / node:https rather than global fetch, because we need to own three things fetch
 * hides: DNS (every address vetted, no second resolution — see net-guard), the byte count after
 * decompression (a gzip bomb must stop at the cap) and one deadline over the whole exchange
 * (a server dripping one byte a second must not hold an import worker forever).
 */
import { constants as fsConstants } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { assertLiteralAllowed, createGuardedLookup, type Resolver } from "./net-guard";
import { type FetchResult, ImportError } from "./types";

export interface FetchOptions {
  /** Cap on the body, applied on the wire and again after decompression. */
  maxBytes: number;
  /** Deadline for the whole exchange: every redirect hop, connect, headers and body. */
  timeoutMs: number;
  /** Redirects followed before giving up; default 5. */
  maxRedirects?: number;
  userAgent: string;
  /** Accept header; default `*\/*`. */
  accept?: string;
  /** ETag from the last successful fetch, sent as If-None-Match. */
  etag?: string;
  /** Last-Modified from the last successful fetch, sent as If-Modified-Since (file: compares mtime). */
  lastModified?: string;
  /**
   * Origin (scheme://host:port) exempt from the public-address rule: the operator-configured
   * feed's own origin, which may be on the LAN. Nothing else may be.
   */
  trustedOrigin?: string;
  /** Folder `file:` URLs must stay inside (after resolving symlinks); relative `file:` URLs start here. */
  fileRoot?: string;
  signal?: AbortSignal;
  /** Resolver for host names; the system's by default. Injectable for tests. */
  resolver?: Resolver;
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Longer than a day is not a back-off, it is a server that wants us gone; the poll interval decides then. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
const FILE_READ_CHUNK = 64 * 1024;

/** "512 bytes", "1.5 KB", "10 MB" — for messages an operator reads. Binary units. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(1))} ${units[unit] ?? "TB"}`;
}

/** "15 s", "0.3 s": the operator configured seconds, so that is the unit we answer in. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** Retry-After (delta-seconds or HTTP-date) as milliseconds from `now`, capped at 24 h; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const at = Date.parse(text);
    if (!Number.isFinite(at)) return undefined;
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** The first string `code` on an error, looking inside AggregateError (Node's happy eyeballs throws those). */
function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  if ("code" in err && typeof err.code === "string") return err.code;
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const code = errorCode(inner);
      if (code) return code;
    }
  }
  return undefined;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** Maps a socket / DNS / TLS / parser error to words an operator understands. */
export function describeNetworkError(err: unknown, host: string): ImportError {
  if (err instanceof ImportError) return err;
  const code = errorCode(err) ?? "";
  const message = err instanceof Error ? err.message : String(err);
  if (code === "ECONNREFUSED") return new ImportError("connection refused");
  if (code === "ENOTFOUND" || code === "EAI_NONAME" || code === "EAI_NODATA") return new ImportError(`host not found: ${host}`);
  if (code === "EAI_AGAIN") return new ImportError(`host not found: ${host} (DNS did not answer)`);
  if (code === "ECONNRESET" || code === "EPIPE") return new ImportError("connection reset by the server");
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return new ImportError(`host unreachable: ${host}`);
  if (code === "ETIMEDOUT") return new ImportError("connection timed out");
  if (TLS_CODE.test(code)) return new ImportError(`TLS: ${message}`);
  if (code.startsWith("HPE_")) return new ImportError("malformed HTTP response");
  return new ImportError(`network error: ${message.slice(0, 200)}`);
}

function tooLarge(maxBytes: number): ImportError {
  return new ImportError(`larger than ${formatBytes(maxBytes)}`);
}

/** One header as a string (the first, when a server repeats it). */
function header(res: http.IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

type BodyEncoding = "identity" | "gzip" | "deflate" | "br";

/** The Content-Encoding we can undo; anything else would hand the parser compressed bytes. */
function bodyEncoding(value: string | undefined): BodyEncoding {
  const name = (value ?? "").trim().toLowerCase();
  if (name === "" || name === "identity") return "identity";
  if (name === "gzip" || name === "x-gzip") return "gzip";
  if (name === "deflate" || name === "br") return name;
  throw new ImportError(`unsupported content encoding "${name.replace(/[^\x20-\x7e]/g, "?").slice(0, 40)}"`);
}

/**
 * "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; the zlib header
 * (CM = 8, window ≤ 32 KB, header checksum) tells the two apart.
 */
function looksZlibWrapped(first: Buffer): boolean {
  const cmf = first[0];
  const flg = first[1];
  if (cmf === undefined || (cmf & 0x0f) !== 8 || cmf >> 4 > 7) return false;
  return flg === undefined || (cmf * 256 + flg) % 31 === 0;
}

function createDecoder(encoding: Exclude<BodyEncoding, "identity">, first: Buffer): zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress {
  if (encoding === "gzip") return zlib.createGunzip();
  if (encoding === "br") return zlib.createBrotliDecompress();
  return looksZlibWrapped(first) ? zlib.createInflate() : zlib.createInflateRaw();
}

/**
 * Reads a response body, decompressing it, and stops as soon as either the wire bytes or the
 * decompressed bytes pass `maxBytes`. Counting the wire too bounds streams that decompress to
 * nothing (an endless gzip header), which a compressed body of real content never needs.
 */
function readBody(res: http.IncomingMessage, encoding: BodyEncoding, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let wire = 0;
    let done = false;
    let decoder: ReturnType<typeof createDecoder> | undefined;

    const stop = (err: ImportError | undefined): void => {
      if (done) return;
      done = true;
      decoder?.destroy();
      if (err) {
        res.destroy();
        reject(err);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const take = (chunk: Buffer): void => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) stop(tooLarge(maxBytes));
      else chunks.push(chunk);
    };

    res.on("data", (chunk: Buffer) => {
      if (done) return;
      wire += chunk.length;
      if (wire > maxBytes) return stop(tooLarge(maxBytes));
      if (encoding === "identity") return take(chunk);
      if (!decoder) {
        const created = createDecoder(encoding, chunk);
        created.on("data", take);
        created.on("end", () => stop(undefined));
        created.on("error", () => stop(new ImportError(`the body is not valid ${encoding} data`)));
        // Let zlib's output pace the socket, so a bomb is inflated no faster than we count it.
        created.on("drain", () => res.resume());
        decoder = created;
      }
      if (!decoder.write(chunk)) res.pause();
    });
    res.on("end", () => {
      if (decoder) decoder.end();
      else stop(undefined);
    });
    res.on("error", () => stop(new ImportError("connection closed before the whole body arrived")));
    res.on("close", () => {
      if (!res.complete) stop(new ImportError("connection closed before the whole body arrived"));
    });
  });
}

type Hop = { kind: "redirect"; status: number; location: string | undefined } | { kind: "done"; result: FetchResult };

interface HopContext {
  options: FetchOptions;
  trustedOrigin: string | undefined;
  signal: AbortSignal;
}

function requestHeaders(options: FetchOptions): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {
    "User-Agent": options.userAgent,
    Accept: options.accept ?? "*/*",
    "Accept-Encoding": "gzip, deflate, br",
  };
  if (options.etag) headers["If-None-Match"] = options.etag;
  if (options.lastModified) headers["If-Modified-Since"] = options.lastModified;
  return headers;
}

/** One request/response; redirects are returned, not followed, so the caller re-checks each hop. */
function requestOnce(url: URL, ctx: HopContext): Promise<Hop> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const trusted = ctx.trustedOrigin !== undefined && url.origin === ctx.trustedOrigin;
  // Node connects to address literals without calling `lookup`, so they are vetted here.
  assertLiteralAllowed(host, trusted);
  const { options, signal } = ctx;

  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    let req: http.ClientRequest | undefined;
    const finish = (hop: Hop | ImportError): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      // agent: false, so the socket is ours alone; nothing is reused after this hop.
      req?.destroy();
      if (hop instanceof ImportError) reject(hop);
      else resolve(hop);
    };
    const onAbort = (): void => finish(signal.reason instanceof ImportError ? signal.reason : new ImportError("cancelled"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });

    const onResponse = (res: http.IncomingMessage): void => {
      // Branches that do not read the body destroy it unread; a late socket error then must not
      // surface as an unhandled 'error' event that would take the importer down.
      res.on("error", () => undefined);
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) return finish({ kind: "redirect", status, location: header(res, "location") });
      if (status === 304) return finish({ kind: "done", result: { status: "not-modified", url: url.href } });
      if (status < 200 || status > 299) {
        const retryAfterMs = parseRetryAfter(header(res, "retry-after"));
        return finish(new ImportError(`HTTP ${status}`, retryAfterMs === undefined ? { status } : { status, retryAfterMs }));
      }
      const length = Number(header(res, "content-length"));
      if (Number.isFinite(length) && length > options.maxBytes) return finish(tooLarge(options.maxBytes));
      let encoding: BodyEncoding;
      try {
        encoding = bodyEncoding(header(res, "content-encoding"));
      } catch (err) {
        return finish(describeNetworkError(err, host));
      }
      readBody(res, encoding, options.maxBytes).then(
        (bytes) =>
          finish({
            kind: "done",
            result: {
              status: "ok",
              bytes,
              contentType: header(res, "content-type"),
              etag: header(res, "etag"),
              lastModified: header(res, "last-modified"),
              url: url.href,
            },
          }),
        (err: unknown) => finish(describeNetworkError(err, host)),
      );
    };

    try {
      const client = url.protocol === "https:" ? https : http;
      req = client.request(
        {
          protocol: url.protocol,
          hostname: host,
          port: url.port === "" ? undefined : Number(url.port),
          path: `${url.pathname}${url.search}`,
          method: "GET",
          headers: requestHeaders(options),
          auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
          agent: false,
          lookup: createGuardedLookup(trusted, options.resolver),
        },
        onResponse,
      );
    } catch (err) {
      // Bad header characters and the like throw synchronously.
      return finish(describeNetworkError(err, host));
    }
    req.on("error", (err) => finish(describeNetworkError(err, host)));
    req.end();
  });
}

function isHttp(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

/** Follows redirects by hand so each hop's scheme and address are checked like the first. */
async function fetchHttp(start: URL, ctx: HopContext, maxRedirects: number): Promise<FetchResult> {
  let current = start;
  for (let redirects = 0; ; redirects += 1) {
    const hop = await requestOnce(current, ctx);
    if (hop.kind === "done") return hop.result;
    if (redirects >= maxRedirects) throw new ImportError(`more than ${maxRedirects} redirects`);
    if (!hop.location) throw new ImportError(`HTTP ${hop.status} without a Location`);
    let next: URL;
    try {
      next = new URL(hop.location, current);
    } catch {
      throw new ImportError("redirect to an invalid address");
    }
    if (!isHttp(next)) throw new ImportError(`redirect to ${next.protocol} refused`);
    current = next;
  }
}

/** The trusted origin in URL.origin form (default ports dropped), so it compares equal to a hop's. */
function normaliseOrigin(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  try {
    return new URL(origin).origin;
  } catch {
    throw new ImportError(`invalid trusted origin "${origin}"`);
  }
}

/** True when `target` is `root` or lies under it (both absolute, normalised). */
function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Where a file: URL points, and how to name it to the operator (relative to the root when there is one). */
function filePath(raw: string, url: URL, fileRoot: string | undefined): { target: string; shown: string } {
  const root = fileRoot === undefined ? undefined : path.resolve(fileRoot);
  let target: string;
  // "file:feeds/x.xml" (no slash) is relative to the content folder, as sources.json allows.
  const relative = /^file:(?!\/)/i.exec(raw) ? decodeURIComponent(raw.slice(5).replace(/[?#].*$/, "")) : undefined;
  if (relative !== undefined) {
    if (!root) throw new ImportError("a relative file: address needs a content folder");
    target = path.resolve(root, relative);
  } else {
    try {
      target = fileURLToPath(url);
    } catch {
      throw new ImportError("file: address with a host refused");
    }
  }
  const shown = root && isInside(root, target) ? path.relative(root, target).split(path.sep).join("/") : target;
  return { target, shown };
}

function fileError(err: unknown, shown: string): ImportError {
  const code = errorCode(err);
  if (code === "ENOENT" || code === "ENOTDIR") return new ImportError(`file not found: ${shown}`);
  if (code === "EACCES" || code === "EPERM") return new ImportError(`file not readable: ${shown}`);
  if (code === "ELOOP") return new ImportError(`file outside the content folder: ${shown}`);
  if (code === "EISDIR") return new ImportError(`not a file: ${shown}`);
  return err instanceof ImportError ? err : new ImportError(`file error: ${shown}`);
}

/** Reads at most `maxBytes` from an open file; one byte more means the file grew past the cap. */
async function readCapped(handle: fs.FileHandle, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const buffer = Buffer.alloc(Math.min(FILE_READ_CHUNK, maxBytes + 1 - size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, size);
    size += bytesRead;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(buffer.subarray(0, bytesRead));
  }
}

/** True when the file's mtime (to the second, as HTTP dates go) is not newer than `since`. */
function unchangedSince(mtimeMs: number, since: string | undefined): boolean {
  if (!since) return false;
  const at = Date.parse(since);
  return Number.isFinite(at) && Math.floor(mtimeMs / 1000) * 1000 <= at;
}

/**
 * A file: feed (a partner drops files into the content folder). It must stay inside `fileRoot`
 * after symlinks are resolved, is capped like a download, and an unchanged mtime is a cheap no-op.
 */
async function fetchFile(raw: string, url: URL, options: FetchOptions): Promise<FetchResult> {
  const { target, shown } = filePath(raw, url, options.fileRoot);
  const root = options.fileRoot === undefined ? undefined : path.resolve(options.fileRoot);
  if (root && !isInside(root, target)) throw new ImportError(`file outside the content folder: ${raw}`);
  let handle: fs.FileHandle | undefined;
  try {
    const real = await fs.realpath(target);
    if (root && !isInside(await fs.realpath(root), real)) throw new ImportError(`file outside the content folder: ${shown}`);
    // O_NOFOLLOW: if the checked path is swapped for a symlink after realpath, opening it fails.
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever; the isFile check refuses it.
    handle = await fs.open(real, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ImportError(`not a file: ${shown}`);
    if (stat.size > options.maxBytes) throw tooLarge(options.maxBytes);
    if (unchangedSince(stat.mtimeMs, options.lastModified)) return { status: "not-modified", url: raw };
    const bytes = await readCapped(handle, options.maxBytes);
    const lastModified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toUTCString();
    return { status: "ok", bytes, lastModified, url: raw };
  } catch (err) {
    throw fileError(err, shown);
  } finally {
    await handle?.close();
  }
}

/**
 * Fetches `url` (http:, https: or file:) under the caps in `options`.
 * Resolves to the body or "not-modified"; rejects only with ImportError, whose reason is for the operator.
 */
export async function fetchResource(url: string, options: FetchOptions): Promise<FetchResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ImportError(`invalid address: ${url.slice(0, 200)}`);
  }
  if (options.signal?.aborted) throw new ImportError("cancelled");
  if (target.protocol === "file:") return fetchFile(url, target, options);
  if (!isHttp(target)) throw new ImportError(`unsupported address scheme ${target.protocol} (only http:, https: and file:)`);

  // One deadline for every hop and byte: per-socket timeouts would let a slow drip go on forever.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ImportError(`timed out after ${formatSeconds(options.timeoutMs)}`)), options.timeoutMs);
  const onCancel = (): void => deadline.abort(new ImportError("cancelled"));
  options.signal?.addEventListener("abort", onCancel, { once: true });
  try {
    const ctx: HopContext = { options, trustedOrigin: normaliseOrigin(options.trustedOrigin), signal: deadline.signal };
    return await fetchHttp(target, ctx, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCancel);
  }
}
