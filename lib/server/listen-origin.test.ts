import { describe, expect, it } from "vitest";
import { listenOrigin, siteUrlWarning } from "./listen-origin.mjs";

describe("listenOrigin", () => {
  it("is the host and port the server listens on", () => {
    expect(listenOrigin("127.0.0.1", 3331)).toBe("http://127.0.0.1:3331");
    expect(listenOrigin("news.internal", 8080)).toBe("http://news.internal:8080");
  });

  it("reaches every interface as localhost, and brackets IPv6", () => {
    for (const host of [undefined, "", "0.0.0.0", "::", "[::]"]) expect(listenOrigin(host, 3000), String(host)).toBe("http://localhost:3000");
    expect(listenOrigin("::1", 3000)).toBe("http://[::1]:3000");
    expect(listenOrigin("[::1]", 3000)).toBe("http://[::1]:3000");
  });
});

describe("siteUrlWarning", () => {
  it("names the address used instead, and is silent once SITE_URL is set", () => {
    expect(siteUrlWarning(undefined, "http://127.0.0.1:3331")).toMatch(/SITE_URL is not set.*http:\/\/127\.0\.0\.1:3331/);
    expect(siteUrlWarning("", "http://127.0.0.1:3331")).toBeDefined();
    expect(siteUrlWarning("https://news.example", "http://127.0.0.1:3331")).toBeUndefined();
  });
});
