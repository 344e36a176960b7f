import { afterEach, describe, expect, it, vi } from "vitest";
import { siteUrl } from "./urls";

afterEach(() => vi.unstubAllEnvs());

describe("siteUrl", () => {
  it("is SITE_URL without a trailing slash", () => {
    vi.stubEnv("SITE_URL", "https://news.example/");
    vi.stubEnv("LISTEN_ORIGIN", "http://127.0.0.1:3331");
    expect(siteUrl()).toBe("https://news.example");
  });

  it("without SITE_URL, or with a malformed one, is the address server.mjs listens on", () => {
    vi.stubEnv("SITE_URL", "");
    vi.stubEnv("LISTEN_ORIGIN", "http://127.0.0.1:3331");
    expect(siteUrl()).toBe("http://127.0.0.1:3331");
    vi.stubEnv("SITE_URL", "not a url");
    expect(siteUrl()).toBe("http://127.0.0.1:3331");
  });

  it("outside server.mjs falls back to Next's default port", () => {
    vi.stubEnv("SITE_URL", "");
    vi.stubEnv("LISTEN_ORIGIN", "");
    expect(siteUrl()).toBe("http://localhost:3000");
  });
});
