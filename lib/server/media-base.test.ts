import { describe, expect, it } from "vitest";
import { mediaBaseUrl, parseMediaBaseUrl } from "./media-base.mjs";

describe("MEDIA_BASE_URL", () => {
  it("is unset or empty: no base", () => {
    expect(parseMediaBaseUrl(undefined)).toEqual({});
    expect(parseMediaBaseUrl("  ")).toEqual({});
    expect(mediaBaseUrl({})).toBeUndefined();
  });

  it("takes an http(s) URL with or without a path, and drops the trailing slashes", () => {
    expect(parseMediaBaseUrl("https://cdn.example.com")).toEqual({ base: "https://cdn.example.com" });
    expect(parseMediaBaseUrl("https://cdn.example.com/")).toEqual({ base: "https://cdn.example.com" });
    expect(parseMediaBaseUrl(" https://s3.example.com/bucket/photos// ")).toEqual({ base: "https://s3.example.com/bucket/photos" });
    expect(parseMediaBaseUrl("http://127.0.0.1:9000/media-bucket")).toEqual({ base: "http://127.0.0.1:9000/media-bucket" });
  });

  it("refuses anything else with a message naming the variable and the value", () => {
    for (const value of [
      "cdn.example.com",
      "ftp://cdn.example.com",
      "//cdn.example.com",
      "https://u:p@cdn.example.com",
      "https://cdn.example.com/?v=1",
      "https://cdn.example.com/#x",
    ]) {
      const { base, problem } = parseMediaBaseUrl(value);
      expect(base, value).toBeUndefined();
      expect(problem, value).toMatch(/^MEDIA_BASE_URL: .+ \(got ".*"\); for example MEDIA_BASE_URL=https:\/\/cdn\.example\.com$/);
      expect(problem).toContain(JSON.stringify(value));
    }
    expect(() => mediaBaseUrl({ MEDIA_BASE_URL: "ftp://x" })).toThrow(/^MEDIA_BASE_URL: must start with https:\/\/ or http:\/\//);
  });
});
