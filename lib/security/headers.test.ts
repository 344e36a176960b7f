import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, siteIsHttps } from "./headers";

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce, and Metrika only when it is enabled", () => {
    const off = contentSecurityPolicy("abc", { metrika: false, https: false, development: false });
    expect(off).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(off).toContain("frame-ancestors 'self'");
    expect(off).toContain("object-src 'none'");
    expect(off).not.toContain("mc.yandex.ru");
    expect(off).not.toContain("unsafe-eval");
    const on = contentSecurityPolicy("abc", { metrika: true, https: true, development: false });
    expect(on).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' https://mc.yandex.ru;");
    expect(on).toContain("upgrade-insecure-requests");
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
