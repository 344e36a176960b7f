import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCompression, withoutBrotli } from "./compression.mjs";

const FEED = `<rss>${"<item>Новость дня</item>".repeat(200)}</rss>`;

describe("createCompression", () => {
  const compress = createCompression();
  const server = http.createServer((req, res) => {
    compress(req, res);
    res.setHeader("Content-Type", req.url === "/photo" ? "image/jpeg" : "application/rss+xml; charset=utf-8");
    if (req.url === "/encoded") res.setHeader("Content-Encoding", "gzip");
    if (req.url === "/no-transform") res.setHeader("Cache-Control", "no-transform");
    // Whole when short (the length is known at end()); otherwise as Next writes: in pieces.
    if (req.url === "/small") return void res.end(FEED.slice(0, 500));
    res.write(FEED.slice(0, 100));
    res.end(FEED.slice(100));
  });
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (path: string, acceptEncoding?: string, method = "GET") =>
    new Promise<{ encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], vary: res.headers.vary, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });

  it("answers a browser's header with gzip, never Brotli, as Next's bundled copy did", async () => {
    for (const header of ["gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "*", "BR, GZIP"]) {
      const res = await get("/", header);
      expect(res.encoding, header).toBe("gzip");
      expect(res.vary).toBe("Accept-Encoding");
      expect(gunzipSync(res.body).toString("utf8")).toBe(FEED);
    }
  });

  it("deflate when that is all the client takes; nothing for Brotli alone, identity or no header", async () => {
    const deflated = await get("/", "deflate");
    expect(deflated.encoding).toBe("deflate");
    expect(inflateSync(deflated.body).toString("utf8")).toBe(FEED);
    for (const header of ["br", "identity", "zstd", "*, gzip;q=0, deflate;q=0", undefined]) {
      const res = await get("/", header);
      expect(res.encoding, String(header)).toBeUndefined();
      expect(res.body.toString("utf8")).toBe(FEED);
    }
  });

  it("leaves alone what is encoded already, marked no-transform, not compressible, a HEAD or under 1 KB", async () => {
    expect((await get("/encoded", "gzip")).body.toString("utf8")).toBe(FEED);
    expect((await get("/no-transform", "gzip")).encoding).toBeUndefined();
    expect((await get("/photo", "gzip")).encoding).toBeUndefined();
    expect((await get("/", "gzip", "HEAD")).encoding).toBeUndefined();
    expect((await get("/small", "gzip")).encoding).toBeUndefined();
  });
});

describe("withoutBrotli", () => {
  it("shows the middleware a header that refuses Brotli, and leaves the request itself alone", () => {
    const req = { method: "GET", url: "/", headers: { "accept-encoding": "gzip, br;q=1, zstd", host: "x" } } as unknown as http.IncomingMessage;
    const seen = withoutBrotli(req);
    expect(seen.headers["accept-encoding"]).toBe("gzip, zstd,br;q=0");
    expect(seen.headers.host).toBe("x");
    expect(seen.method).toBe("GET");
    expect(req.headers["accept-encoding"]).toBe("gzip, br;q=1, zstd");
    const bare = { headers: {} } as unknown as http.IncomingMessage;
    expect(withoutBrotli(bare)).toBe(bare);
  });
});
