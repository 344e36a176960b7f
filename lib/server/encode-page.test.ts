import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, encodePage } from "./encode-page.mjs";

describe("acceptsGzip", () => {
  it("reads the header as browsers and proxies send it", () => {
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("*, gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("encodePage", () => {
  const page = Buffer.from(`<html><body>${"<p>Текст новости.</p>".repeat(100)}</body></html>`);

  it("gzips a page for a client that accepts it, with its length", () => {
    const { body, headers } = encodePage(page, { acceptEncoding: "gzip, deflate" });
    expect(headers["Content-Encoding"]).toBe("gzip");
    expect(headers["Content-Length"]).toBe(String(body.length));
    expect(body.length).toBeLessThan(page.length / 4);
    expect(gunzipSync(body).equals(page)).toBe(true);
  });

  it("sends the page as it is to a client without gzip, to a no-transform response, and when it is short", () => {
    for (const [html, options] of [
      [page, { acceptEncoding: "identity" }],
      [page, { acceptEncoding: "gzip", cacheControl: "public, no-transform" }],
      [Buffer.from("<p>Коротко</p>"), { acceptEncoding: "gzip" }],
    ] as const) {
      const { body, headers } = encodePage(html, options);
      expect(body.equals(html)).toBe(true);
      expect(headers).toEqual({ "Content-Length": String(html.length) });
    }
  });
});
