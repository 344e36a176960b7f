import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeNetworkError, fetchResource, formatBytes, formatSeconds, parseRetryAfter, type FetchOptions } from "./fetch";
import type { Resolver } from "./net-guard";
import { ImportError } from "./types";

const MB = 1024 * 1024;
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Партнёр</title></channel></rss>';
const ETAG = '"v1"';
const LAST_MODIFIED = "Mon, 30 Nov 2026 08:00:00 GMT";

/** The requests the server saw, for header assertions. */
const seen: http.IncomingHttpHeaders[] = [];

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const routes: Record<string, Handler> = {
  "/feed": (req, res) => {
    seen.push(req.headers);
    if (req.headers["if-none-match"] === ETAG || req.headers["if-modified-since"] === LAST_MODIFIED) {
      res.writeHead(304, { ETag: ETAG }).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/rss+xml; charset=utf-8", ETag: ETAG, "Last-Modified": LAST_MODIFIED });
    res.end(FEED);
  },
  "/gzip": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "gzip" }).end(zlib.gzipSync(FEED));
  },
  "/deflate": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "deflate" }).end(zlib.deflateSync(FEED));
  },
  "/deflate-raw": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "deflate" }).end(zlib.deflateRawSync(FEED));
  },
  "/br": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "br" }).end(zlib.brotliCompressSync(FEED));
  },
  "/bomb": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "gzip" }).end(bomb);
  },
  "/broken-gzip": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "gzip" }).end(Buffer.from("not gzip at all"));
  },
  "/compress": (_req, res) => {
    res.writeHead(200, { "Content-Encoding": "compress" }).end("x");
  },
  "/declared-large": (_req, res) => {
    // Claims 2 MB but sends little: we must refuse on the header alone, without waiting.
    res.writeHead(200, { "Content-Length": String(2 * MB) });
    res.write("x");
  },
  "/chunked-large": (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < 4 * MB && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  },
  "/drip": (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    const timer = setInterval(() => res.write("."), 50);
    res.on("close", () => clearInterval(timer));
  },
  "/slow-headers": () => {
    // Never answers.
  },
  "/relative": (_req, res) => {
    res.writeHead(302, { Location: "feed?from=relative" }).end();
  },
  "/to-file": (_req, res) => {
    res.writeHead(301, { Location: "file:///etc/passwd" }).end();
  },
  "/to-ftp": (_req, res) => {
    res.writeHead(307, { Location: "ftp://example.com/feed.xml" }).end();
  },
  "/no-location": (_req, res) => {
    res.writeHead(302).end();
  },
  "/busy-seconds": (_req, res) => {
    res.writeHead(503, { "Retry-After": "120" }).end();
  },
  "/busy-date": (_req, res) => {
    res.writeHead(429, { "Retry-After": new Date(Date.now() + 60_000).toUTCString() }).end();
  },
  "/busy-forever": (_req, res) => {
    res.writeHead(503, { "Retry-After": String(7 * 24 * 3600) }).end();
  },
  "/error": (_req, res) => {
    res.writeHead(500).end("oops");
  },
  "/cut": (_req, res) => {
    res.writeHead(200, { "Content-Length": "1000" });
    res.write("partial");
    setTimeout(() => res.destroy(), 20);
  },
};

/** /hop/N redirects N more times, then serves the feed. */
function hop(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const match = /^\/hop\/(\d+)$/.exec(req.url ?? "");
  if (!match) return false;
  const left = Number(match[1]);
  const statuses = [301, 302, 303, 307, 308];
  if (left === 0) res.writeHead(200).end(FEED);
  else res.writeHead(statuses[left % statuses.length] ?? 302, { Location: `/hop/${left - 1}` }).end();
  return true;
}

let bomb: Buffer;
let server: http.Server;
let other: http.Server;
let base: string;
let otherBase: string;
let refusedBase: string;
let root: string;
let outside: string;

function listen(handler: Handler): Promise<http.Server> {
  const s = http.createServer(handler);
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

const portOf = (s: http.Server): number => (s.address() as AddressInfo).port;

beforeAll(async () => {
  bomb = zlib.gzipSync(Buffer.alloc(50 * MB), { level: 9 });
  server = await listen((req, res) => {
    if (hop(req, res)) return;
    const route = routes[(req.url ?? "").split("?")[0] ?? ""];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  other = await listen((_req, res) => res.writeHead(302, { Location: `${base}/feed` }).end());
  base = `http://127.0.0.1:${portOf(server)}`;
  otherBase = `http://127.0.0.1:${portOf(other)}`;
  // A port nobody listens on: bind, note, close.
  const closed = await listen(() => undefined);
  refusedBase = `http://127.0.0.1:${portOf(closed)}`;
  await new Promise((resolve) => closed.close(resolve));

  root = await fs.mkdtemp(path.join(os.tmpdir(), "fetch-root-"));
  outside = await fs.mkdtemp(path.join(os.tmpdir(), "fetch-outside-"));
  await fs.mkdir(path.join(root, "feeds"));
  await fs.writeFile(path.join(root, "feeds", "partner.xml"), FEED);
  await fs.writeFile(path.join(root, "feeds", "big.xml"), Buffer.alloc(2 * MB, 0x61));
  await fs.writeFile(path.join(outside, "secret.xml"), "secret");
  await fs.symlink(path.join(outside, "secret.xml"), path.join(root, "feeds", "link.xml"));
  await fs.symlink(outside, path.join(root, "feeds", "linkdir"));
  await fs.utimes(path.join(root, "feeds", "partner.xml"), new Date(LAST_MODIFIED), new Date(LAST_MODIFIED));
});

afterAll(async () => {
  server.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.close(r))]);
  await fs.rm(root, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

/** An HTTPS server with a throwaway self-signed certificate; undefined when openssl is not installed. */
async function selfSignedServer(): Promise<https.Server | undefined> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fetch-tls-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    const s = https.createServer({ key: await fs.readFile(key), cert: await fs.readFile(cert) }, (_req, res) => res.end(FEED));
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    return s;
  } catch {
    return undefined;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Options for the test server: it is the trusted origin unless a test says otherwise. */
function opts(extra: Partial<FetchOptions> = {}): FetchOptions {
  return { maxBytes: MB, timeoutMs: 2000, userAgent: "SvezhiyVypusk-Test/1", trustedOrigin: base, ...extra };
}

/** The ImportError a fetch rejects with (fails the test when it resolves or throws something else). */
async function failure(url: string, options: FetchOptions): Promise<ImportError> {
  const err = await fetchResource(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe("fetchResource over HTTP", () => {
  it("fetches a 200 with its headers and sends ours", async () => {
    seen.length = 0;
    const result = await fetchResource(`${base}/feed`, opts({ accept: "application/rss+xml" }));
    expect(result).toEqual({
      status: "ok",
      bytes: Buffer.from(FEED),
      contentType: "application/rss+xml; charset=utf-8",
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      url: `${base}/feed`,
    });
    expect(seen[0]?.["user-agent"]).toBe("SvezhiyVypusk-Test/1");
    expect(seen[0]?.accept).toBe("application/rss+xml");
    expect(seen[0]?.["accept-encoding"]).toBe("gzip, deflate, br");
    expect(seen[0]?.["if-none-match"]).toBeUndefined();
  });

  it("round-trips ETag and Last-Modified into a 304 not-modified", async () => {
    const first = await fetchResource(`${base}/feed`, opts());
    if (first.status !== "ok") throw new Error("expected ok");
    seen.length = 0;
    await expect(fetchResource(`${base}/feed`, opts({ etag: first.etag }))).resolves.toEqual({
      status: "not-modified",
      url: `${base}/feed`,
    });
    expect(seen[0]?.["if-none-match"]).toBe(ETAG);
    await expect(fetchResource(`${base}/feed`, opts({ lastModified: first.lastModified }))).resolves.toMatchObject({
      status: "not-modified",
    });
    expect(seen[1]?.["if-modified-since"]).toBe(LAST_MODIFIED);
  });

  it.each(["/gzip", "/deflate", "/deflate-raw", "/br"])("decompresses %s", async (route) => {
    const result = await fetchResource(`${base}${route}`, opts());
    expect(result.status === "ok" && result.bytes.toString()).toBe(FEED);
  });

  it("stops a gzip bomb at the cap on the decompressed size", async () => {
    expect(bomb.length).toBeLessThan(MB);
    const err = await failure(`${base}/bomb`, opts());
    expect(err.reason).toBe("larger than 1 MB");
  });

  it("reports a corrupt compressed body and an encoding it cannot undo", async () => {
    expect((await failure(`${base}/broken-gzip`, opts())).reason).toBe("the body is not valid gzip data");
    expect((await failure(`${base}/compress`, opts())).reason).toBe('unsupported content encoding "compress"');
  });

  it("refuses a Content-Length over the cap before reading the body", async () => {
    const started = Date.now();
    expect((await failure(`${base}/declared-large`, opts())).reason).toBe("larger than 1 MB");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("stops a chunked stream at the cap", async () => {
    expect((await failure(`${base}/chunked-large`, opts({ maxBytes: 512 * 1024 }))).reason).toBe("larger than 512 KB");
  });

  it("times out a slow-drip body within the deadline for the whole exchange", async () => {
    const started = Date.now();
    expect((await failure(`${base}/drip`, opts({ timeoutMs: 300 }))).reason).toBe("timed out after 0.3 s");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("times out a server that never answers", async () => {
    expect((await failure(`${base}/slow-headers`, opts({ timeoutMs: 300 }))).reason).toBe("timed out after 0.3 s");
  });

  it("reports a body cut short", async () => {
    expect((await failure(`${base}/cut`, opts())).reason).toBe("connection closed before the whole body arrived");
  });

  it("stops when the caller cancels", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failure(`${base}/drip`, opts({ signal: controller.signal }))).reason).toBe("cancelled");
  });

  it("follows 5 redirects of every kind and refuses a 6th", async () => {
    await expect(fetchResource(`${base}/hop/5`, opts())).resolves.toMatchObject({ status: "ok", url: `${base}/hop/0` });
    expect((await failure(`${base}/hop/6`, opts())).reason).toBe("more than 5 redirects");
    expect((await failure(`${base}/hop/2`, opts({ maxRedirects: 1 }))).reason).toBe("more than 1 redirects");
  });

  it("resolves a relative Location", async () => {
    await expect(fetchResource(`${base}/relative`, opts())).resolves.toMatchObject({
      status: "ok",
      url: `${base}/feed?from=relative`,
    });
  });

  it("refuses redirects to file: and ftp:, and one without a Location", async () => {
    expect((await failure(`${base}/to-file`, opts())).reason).toBe("redirect to file: refused");
    expect((await failure(`${base}/to-ftp`, opts())).reason).toBe("redirect to ftp: refused");
    expect((await failure(`${base}/no-location`, opts())).reason).toBe("HTTP 302 without a Location");
  });

  it("reports HTTP errors with status and Retry-After", async () => {
    const seconds = await failure(`${base}/busy-seconds`, opts());
    expect(seconds.reason).toBe("HTTP 503");
    expect(seconds.details).toEqual({ status: 503, retryAfterMs: 120_000 });
    const date = await failure(`${base}/busy-date`, opts());
    expect(date.reason).toBe("HTTP 429");
    expect(date.details.retryAfterMs).toBeGreaterThan(55_000);
    expect(date.details.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await failure(`${base}/busy-forever`, opts())).details.retryAfterMs).toBe(24 * 3600 * 1000);
    const plain = await failure(`${base}/error`, opts());
    expect(plain.reason).toBe("HTTP 500");
    expect(plain.details).toEqual({ status: 500 });
    expect((await failure(`${base}/missing`, opts())).reason).toBe("HTTP 404");
  });

  it("says connection refused", async () => {
    expect((await failure(`${refusedBase}/feed`, opts({ trustedOrigin: refusedBase }))).reason).toBe("connection refused");
  });

  it("says TLS and what is wrong with the certificate", async (ctx) => {
    const tls = await selfSignedServer();
    if (!tls) return ctx.skip();
    try {
      const origin = `https://127.0.0.1:${portOf(tls)}`;
      expect((await failure(`${origin}/feed`, opts({ trustedOrigin: origin }))).reason).toMatch(/^TLS: .*self-signed/);
    } finally {
      await new Promise((r) => tls.close(r));
    }
  });

  it("refuses schemes other than http:, https: and file:, and nonsense", async () => {
    expect((await failure("ftp://example.com/feed.xml", opts())).reason).toBe("unsupported address scheme ftp: (only http:, https: and file:)");
    expect((await failure("not a url", opts())).reason).toBe("invalid address: not a url");
  });
});

describe("the public-address rule", () => {
  it("lets the trusted origin be private", async () => {
    await expect(fetchResource(`${base}/feed`, opts())).resolves.toMatchObject({ status: "ok" });
  });

  it("refuses another port on the same private host: it is not the trusted origin", async () => {
    expect((await failure(`${otherBase}/feed`, opts())).reason).toBe("127.0.0.1 is a private address; only the feed's own origin may be private");
    expect((await failure(`${base}/feed`, opts({ trustedOrigin: undefined }))).reason).toContain("private address");
  });

  it("sees through numeric spellings of an address", async () => {
    // The URL parser turns them into dotted quads, so they meet the same check (and compare
    // equal to the trusted origin they spell, which is right: it is the same origin).
    const untrusted = opts({ trustedOrigin: undefined });
    const port = portOf(server);
    expect((await failure(`http://2130706433:${port}/feed`, untrusted)).reason).toContain("127.0.0.1 is a private address");
    expect((await failure(`http://0x7f.1:${port}/feed`, untrusted)).reason).toContain("127.0.0.1 is a private address");
    expect((await failure(`http://[::ffff:127.0.0.1]:${port}/feed`, untrusted)).reason).toBe(
      "::ffff:7f00:1 is a private address; only the feed's own origin may be private",
    );
    await expect(fetchResource(`http://2130706433:${port}/feed`, opts())).resolves.toMatchObject({ status: "ok" });
  });

  it("checks each redirect hop: off the trusted origin to a private address is refused", async () => {
    // The trusted origin redirects... to itself (fine); "other" redirects to base, which is then not trusted.
    const err = await failure(`${otherBase}/`, opts({ trustedOrigin: otherBase }));
    expect(err.reason).toBe("127.0.0.1 is a private address; only the feed's own origin may be private");
  });

  it("vets resolved names and connects to the vetted address", async () => {
    const port = portOf(server);
    const names: Resolver = async (host) => {
      if (host === "feed.test") return [{ address: "127.0.0.1", family: 4 }];
      if (host === "public.test") return [{ address: "10.0.0.5", family: 4 }];
      throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const trusted = `http://feed.test:${port}`;
    await expect(fetchResource(`${trusted}/feed`, opts({ trustedOrigin: trusted, resolver: names }))).resolves.toMatchObject({
      status: "ok",
      url: `${trusted}/feed`,
    });
    const err = await failure(`http://public.test:${port}/feed`, opts({ resolver: names }));
    expect(err.reason).toBe("public.test resolves to a private address (10.0.0.5); only the feed's own origin may be private");
    expect((await failure(`http://nowhere.test:${port}/feed`, opts({ resolver: names }))).reason).toBe("host not found: nowhere.test");
  });

  it("uses the system resolver by default (localhost is private)", async () => {
    const err = await failure(`http://localhost:${portOf(server)}/feed`, opts());
    expect(err.reason).toMatch(/^localhost resolves to a private address \((127\.0\.0\.1|::1)\)/);
  });
});

describe("fetchResource for file: URLs", () => {
  const fileOpts = (extra: Partial<FetchOptions> = {}): FetchOptions => opts({ fileRoot: root, ...extra });

  it("reads a file inside the root, with its mtime as Last-Modified", async () => {
    const url = pathToFileURL(path.join(root, "feeds", "partner.xml")).href;
    await expect(fetchResource(url, fileOpts())).resolves.toEqual({
      status: "ok",
      bytes: Buffer.from(FEED),
      lastModified: LAST_MODIFIED,
      url,
    });
  });

  it("reads a relative file: URL from the root", async () => {
    await expect(fetchResource("file:feeds/partner.xml", fileOpts())).resolves.toMatchObject({ status: "ok" });
    expect((await failure("file:feeds/partner.xml", opts())).reason).toBe("a relative file: address needs a content folder");
  });

  it("is a cheap no-op when the mtime is not newer than lastModified", async () => {
    const url = pathToFileURL(path.join(root, "feeds", "partner.xml")).href;
    await expect(fetchResource(url, fileOpts({ lastModified: LAST_MODIFIED }))).resolves.toEqual({ status: "not-modified", url });
    await expect(fetchResource(url, fileOpts({ lastModified: "Sun, 29 Nov 2026 08:00:00 GMT" }))).resolves.toMatchObject({
      status: "ok",
    });
  });

  it("refuses ../ escapes and symlinks out of the root", async () => {
    const escape = `${pathToFileURL(root).href}/feeds/../../${path.basename(outside)}/secret.xml`;
    expect((await failure(escape, fileOpts())).reason).toMatch(/^file outside the content folder/);
    expect((await failure("file:../secret.xml", fileOpts())).reason).toMatch(/^file outside the content folder/);
    expect((await failure("file:feeds/link.xml", fileOpts())).reason).toBe("file outside the content folder: feeds/link.xml");
    expect((await failure("file:feeds/linkdir/secret.xml", fileOpts())).reason).toBe("file outside the content folder: feeds/linkdir/secret.xml");
  });

  it("says file not found relative to the root", async () => {
    expect((await failure("file:feeds/x.xml", fileOpts())).reason).toBe("file not found: feeds/x.xml");
    const absolute = pathToFileURL(path.join(root, "feeds", "x.xml")).href;
    expect((await failure(absolute, fileOpts())).reason).toBe("file not found: feeds/x.xml");
  });

  it("refuses a FIFO without waiting for a writer", async (ctx) => {
    const fifo = path.join(root, "feeds", "pipe.xml");
    try {
      execFileSync("mkfifo", [fifo], { stdio: "ignore" });
    } catch {
      return ctx.skip();
    }
    expect((await failure("file:feeds/pipe.xml", fileOpts())).reason).toBe("not a file: feeds/pipe.xml");
  });

  it("refuses a file over the cap and a folder", async () => {
    expect((await failure("file:feeds/big.xml", fileOpts())).reason).toBe("larger than 1 MB");
    expect((await failure("file:feeds", fileOpts())).reason).toBe("not a file: feeds");
  });
});

describe("helpers", () => {
  it("formats sizes and durations for operators", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(10 * MB)).toBe("10 MB");
    expect(formatBytes(3 * 1024 * MB)).toBe("3 GB");
    expect(formatSeconds(15_000)).toBe("15 s");
    expect(formatSeconds(300)).toBe("0.3 s");
    expect(formatSeconds(1250)).toBe("1.25 s");
  });

  it("parses Retry-After in both forms, capped at a day", () => {
    const now = Date.parse("Mon, 30 Nov 2026 08:00:00 GMT");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Mon, 30 Nov 2026 08:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Mon, 30 Nov 2026 07:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("999999999", now)).toBe(24 * 3600 * 1000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("maps network errors to operator words", () => {
    const withCode = (code: string, message = code): Error => Object.assign(new Error(message), { code });
    expect(describeNetworkError(withCode("ECONNREFUSED"), "x").reason).toBe("connection refused");
    expect(describeNetworkError(withCode("ENOTFOUND"), "feeds.example").reason).toBe("host not found: feeds.example");
    expect(describeNetworkError(withCode("CERT_HAS_EXPIRED", "certificate has expired"), "x").reason).toBe("TLS: certificate has expired");
    expect(describeNetworkError(withCode("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match"), "x").reason).toBe("TLS: Hostname/IP does not match");
    expect(describeNetworkError(withCode("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"), "x").reason).toBe("TLS: self-signed certificate");
    expect(describeNetworkError(new AggregateError([withCode("ECONNREFUSED")]), "x").reason).toBe("connection refused");
    expect(describeNetworkError(withCode("HPE_INVALID_CONSTANT"), "x").reason).toBe("malformed HTTP response");
  });
});
