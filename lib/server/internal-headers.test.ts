import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hideInternalHeaders } from "./internal-headers.mjs";

const long = `/ru?utm=${"a".repeat(7600)}`;
let base = "";
const server = http.createServer((req, res) => {
  hideInternalHeaders(res);
  res.setHeader("X-Middleware-Rewrite", long);
  res.setHeader("x-middleware-set-cookie", "a=b");
  res.setHeader("Cache-Control", "no-store");
  if (req.url === "/object") res.writeHead(200, { "x-middleware-next": "1", "Content-Type": "text/plain" });
  else if (req.url === "/pairs") res.writeHead(200, "OK", ["x-middleware-next", "1", "Content-Type", "text/plain"]);
  else if (req.url === "/flush") res.flushHeaders();
  res.end("body");
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("Next's internal headers never leave the server", () => {
  for (const path of ["/implicit", "/object", "/pairs", "/flush"]) {
    it(`drops every x-middleware-* header and keeps the others (${path})`, async () => {
      const res = await fetch(base + path);
      expect([...res.headers.keys()].filter((name) => name.startsWith("x-middleware-"))).toEqual([]);
      expect(res.headers.get("cache-control")).toBe("no-store");
      if (path === "/object" || path === "/pairs") expect(res.headers.get("content-type")).toBe("text/plain");
      expect(await res.text()).toBe("body");
    });
  }
});
