import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedMethods, API_METHODS, decodedPath, rawPath, refusal } from "./request-guard.mjs";

const HTTP_METHODS = "GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS";

/** The HTTP methods each app/api route file exports, by URL path. */
function exportedApiMethods(): Record<string, string[]> {
  const root = path.resolve(import.meta.dirname, "../../app");
  const found: Record<string, string[]> = {};
  for (const file of readdirSync(path.join(root, "api"), { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const source = readFileSync(path.join(root, "api", file), "utf8");
    const methods = [...source.matchAll(new RegExp(`export\\s+(?:async\\s+function|function|const)\\s+(${HTTP_METHODS})\\b`, "g"))].map((m) => m[1]!);
    found[`/api/${path.dirname(file).split(path.sep).join("/")}`] = methods.sort();
  }
  return found;
}

describe("API_METHODS", () => {
  it("lists exactly the methods each route in app/api exports", () => {
    const table = Object.fromEntries(Object.entries(API_METHODS).map(([route, methods]) => [route, [...methods].sort()]));
    expect(table).toEqual(exportedApiMethods());
  });
});

describe("allowedMethods", () => {
  it("pages, feeds and media are read-only", () => {
    for (const p of [
      "/",
      "/news/x",
      "/rss.xml",
      "/source/vestnik-polesya",
      "/source/vestnik-polesya/rss.xml",
      "/media/a.jpg",
      "/_next/static/x.css",
      "/api/nothing-here",
    ]) {
      expect(allowedMethods(p)).toEqual(["GET", "HEAD", "OPTIONS"]);
    }
  });

  it("an API route allows what it exports, HEAD with GET, and a trailing slash is the same route", () => {
    expect(allowedMethods("/api/consent")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/consent/")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/draft")).toEqual(["GET", "POST", "HEAD", "OPTIONS"]);
  });
});

describe("refusal", () => {
  it("lets allowed methods on good paths through", () => {
    expect(refusal("GET", "/")).toBeUndefined();
    expect(refusal("HEAD", "/news/x?a=1")).toBeUndefined();
    expect(refusal("POST", "/api/consent")).toBeUndefined();
    expect(refusal("POST", "/api/revalidate?x")).toBeUndefined();
    expect(refusal("GET", "http://example.test/news")).toBeUndefined();
  });

  it("answers TRACE and writes to pages with 405 and Allow", () => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "POST"]) {
      const answer = refusal(method, "/news/x");
      expect(answer).toMatchObject({ status: 405, allow: "GET, HEAD, OPTIONS" });
      expect(answer?.reason).toContain(method);
    }
    expect(refusal("GET", "/api/consent")).toMatchObject({ status: 405, allow: "POST, OPTIONS" });
    expect(refusal("DELETE", "/api/draft")).toMatchObject({ status: 405, allow: "GET, POST, HEAD, OPTIONS" });
  });

  it("answers OPTIONS itself with 204 and Allow", () => {
    expect(refusal("OPTIONS", "/")).toEqual({ status: 204, reason: "", allow: "GET, HEAD, OPTIONS" });
    expect(refusal("OPTIONS", "/api/revalidate")).toMatchObject({ status: 204, allow: "POST, OPTIONS" });
  });

  it("answers 400 for paths Next cannot decode where proxy.ts does not look", () => {
    for (const url of [
      "/media/%c0%ae%c0%ae/site.json",
      "/media/%ff",
      "/api/draft/%ff",
      "/media/%00",
      "/media/%e0%80%ae",
      "/media/%zz",
      "/_next/%ff",
      "/api/%ed%a0%80",
    ]) {
      expect(refusal("GET", url), url).toMatchObject({ status: 400 });
    }
    expect(refusal("GET", "/media/..%2f..%2fetc/passwd")).toBeUndefined(); // decodes; the route answers 404
  });

  it("leaves undecodable page paths to proxy.ts and its 404 page, but not their method", () => {
    expect(refusal("GET", "/news/%FF%FE")).toBeUndefined();
    expect(refusal("GET", "/news/a%00b")).toBeUndefined();
    expect(refusal("PUT", "/news/%FF")).toMatchObject({ status: 405 });
  });
});

describe("rawPath and decodedPath", () => {
  it("takes the path from either form of request target", () => {
    expect(rawPath("/a/b?c=%ff#d")).toBe("/a/b");
    expect(rawPath("http://h/a%20b?x")).toBe("/a%20b");
    expect(rawPath("*")).toBeUndefined();
  });

  it("rejects malformed escapes, invalid and overlong UTF-8, and NUL", () => {
    expect(decodedPath("/%D0%AF")).toBe("/Я");
    for (const bad of ["/%ff", "/%c0%ae", "/%e0%80%ae", "/%", "/%0", "/%00"]) expect(decodedPath(bad), bad).toBeUndefined();
  });
});
