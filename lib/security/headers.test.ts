import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, siteIsHttps } from "./headers";

const hashes = ["'sha256-AAAA'", "'sha256-BBBB'"];

describe("contentSecurityPolicy", () => {
  it("allows scripts only by hash, and Metrika only when it is enabled", () => {
    const off = contentSecurityPolicy({ hashes, metrika: false, https: false, development: false });
    expect(off).toContain("script-src 'self' 'sha256-AAAA' 'sha256-BBBB' 'strict-dynamic';");
    expect(off).not.toContain("nonce");
    expect(off).toContain("frame-ancestors 'self'");
    expect(off).toContain("object-src 'none'");
    expect(off).not.toContain("mc.yandex.ru");
    expect(off).not.toContain("unsafe-eval");
    expect(/script-src [^;]*unsafe-inline/.test(off)).toBe(false); // inline styles only
    const on = contentSecurityPolicy({ hashes, metrika: true, https: true, development: false });
    expect(on).toContain("script-src 'self' 'sha256-AAAA' 'sha256-BBBB' 'strict-dynamic' https://mc.yandex.ru;");
    expect(on).toContain("upgrade-insecure-requests");
  });

  it("is the same for every response of a page, a nonce only for a page that keeps Next's runtime", () => {
    const options = { hashes, metrika: false, https: false, development: false };
    expect(contentSecurityPolicy(options)).toBe(contentSecurityPolicy(options));
    expect(contentSecurityPolicy({ ...options, nonce: "abc" })).toContain("script-src 'self' 'nonce-abc' 'sha256-AAAA' 'sha256-BBBB' 'strict-dynamic';");
  });

  it("lets photos come from an http:// MEDIA_BASE_URL by its origin (https: is allowed already)", () => {
    const options = { hashes, metrika: false, https: false, development: false };
    expect(contentSecurityPolicy({ ...options, media: "http://127.0.0.1:9000/photos" })).toContain("img-src 'self' data: blob: https: http://127.0.0.1:9000;");
    expect(contentSecurityPolicy({ ...options, media: "https://cdn.example/photos" })).toContain("img-src 'self' data: blob: https:;");
  });

  it("makes a different nonce each time", () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });

  it("knows an https site", () => {
    expect(siteIsHttps("https://news.example")).toBe(true);
    expect(siteIsHttps("http://localhost:3000")).toBe(false);
    expect(siteIsHttps(undefined)).toBe(false);
  });
});
