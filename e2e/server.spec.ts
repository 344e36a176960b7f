import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { startServer } from "./helpers";

/**
 * What server.mjs answers before Next sees a request (hostile paths, methods, bodies) and how it
 * stops. Raw node:http requests, so that paths and methods reach the server exactly as written.
 */

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(
  base: string,
  method: string,
  path: string,
  options: { headers?: http.OutgoingHttpHeaders; body?: string; agent?: http.Agent } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers: options.headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The headers next.config.ts gives every response (lib/security/static-headers.mjs). */
function expectSecurityHeaders(h: http.IncomingHttpHeaders) {
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["x-frame-options"]).toBe("SAMEORIGIN");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect(h["x-powered-by"]).toBeUndefined();
}

const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

test.describe("hostile paths", () => {
  test.skip(!!process.env.E2E_BASE_URL, "checks the server itself");
  const CASES: [string, number][] = [
    ["/media/%c0%ae%c0%ae/site.json", 400], // overlong UTF-8 for ".."
    ["/media/%e0%80%ae%e0%80%ae/site.json", 400], // the same, three bytes long
    ["/media/%ff", 400],
    ["/api/draft/%ff", 400],
    ["/api/%ed%a0%80", 400], // a lone surrogate
    ["/media/%00", 400],
    ["/media/%zz", 400],
    ["/media/..%2f..%2fetc/passwd", 404],
    ["/media/..%2f..%2f.e2e/content/site.json", 404],
    ["/media/%2e%2e/%2e%2e/package.json", 404],
  ];
  for (const [path, status] of CASES) {
    test(`${path} answers ${status} with the security headers`, async ({ baseURL }) => {
      const res = await send(baseURL!, "GET", path);
      expect(res.status).toBe(status);
      expectSecurityHeaders(res.headers);
      expect(res.body).not.toContain('"edition"'); // site.json
      expect(res.body).not.toContain("root:");
      expect(res.body).not.toContain('"name": "svezhiy-vypusk"'); // package.json
    });
  }
});

test("without SITE_URL, links and feeds lead to the address the server listens on, and the log says so", async ({ baseURL, request }) => {
  test.skip(!!process.env.E2E_BASE_URL, "checks the server itself");
  // The suite's server is started without SITE_URL (playwright.config.ts), on 127.0.0.1:E2E_PORT.
  expect(await (await request.get("/robots.txt")).text()).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  expect(await (await request.get("/rss.xml")).text()).toContain(`<link>${baseURL}/news/`);
  const page = await (await request.get("/news/lukashenko-kazakhstan-sco")).text();
  expect(page).toContain(`<link rel="canonical" href="${baseURL}/news/lukashenko-kazakhstan-sco"/>`);
  expect(readFileSync(".e2e/server.log", "utf8")).toContain(`SITE_URL is not set: canonical links, feeds, sitemaps and share buttons use ${baseURL}`);
});

test("Next's own redirects carry the security headers too", async ({ baseURL }) => {
  test.skip(!!process.env.E2E_BASE_URL, "checks the server itself");
  for (const path of ["/news/", "/media//etc/passwd"]) {
    const res = await send(baseURL!, "GET", path);
    expect(res.status, path).toBe(308);
    expect(res.headers["location"]).toMatch(/^\/[^/\\]/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  }
});

test.describe("methods", () => {
  test.skip(!!process.env.E2E_BASE_URL, "checks the server itself");
  const CASES: [string, string, string][] = [
    ["TRACE", "/", "GET, HEAD, OPTIONS"],
    ["PUT", "/news/lukashenko-kazakhstan-sco", "GET, HEAD, OPTIONS"],
    ["DELETE", "/section/politics", "GET, HEAD, OPTIONS"],
    ["PATCH", "/", "GET, HEAD, OPTIONS"],
    ["POST", "/news", "GET, HEAD, OPTIONS"],
    ["PUT", "/media/lukashenko-kazakhstan-sco.jpg", "GET, HEAD, OPTIONS"],
    ["TRACE", "/api/consent", "POST, OPTIONS"],
    ["GET", "/api/revalidate", "POST, OPTIONS"],
    ["DELETE", "/api/draft", "GET, POST, HEAD, OPTIONS"],
  ];
  for (const [method, path, allow] of CASES) {
    test(`${method} ${path} answers 405 with Allow`, async ({ baseURL }) => {
      const res = await send(baseURL!, method, path, { body: method === "GET" ? undefined : "x=1" });
      expect(res.status).toBe(405);
      expect(res.headers["allow"]).toBe(allow);
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(res.body).not.toContain("<html");
      expectSecurityHeaders(res.headers);
    });
  }

  test("OPTIONS answers 204 with Allow; GET, HEAD and the API's own methods still work", async ({ baseURL }) => {
    const options = await send(baseURL!, "OPTIONS", "/news");
    expect(options.status).toBe(204);
    expect(options.headers["allow"]).toBe("GET, HEAD, OPTIONS");
    expectSecurityHeaders(options.headers);
    expect((await send(baseURL!, "HEAD", "/")).status).toBe(200);
    const consent = await send(baseURL!, "POST", "/api/consent", { body: "choice=denied", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(consent.status).toBe(303);
  });
});

test.describe("request bodies", () => {
  test.skip(!!process.env.E2E_BASE_URL, "checks the server itself");

  test("a declared length over the limit gets 413 before any of the body is sent", async ({ baseURL }) => {
    const { hostname, port } = new URL(baseURL!);
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(
        { hostname, port, method: "POST", path: "/api/consent", agent: false, headers: { "Content-Length": String(100 * 1024 * 1024) } },
        resolve,
      );
      req.on("error", reject);
      req.flushHeaders(); // the headers only; the body never comes
    });
    res.resume();
    expect(res.statusCode).toBe(413);
    expect(res.headers["connection"]).toBe("close");
    expectSecurityHeaders(res.headers);
    res.destroy();
  });

  test("a streamed 100 MB body gets 413 quickly and costs the server no memory", async () => {
    test.skip(test.info().project.name !== "no-js", "one server is enough");
    test.setTimeout(180_000);
    const server = await startServer(3260, {});
    try {
      const post = (megabytes: number) =>
        new Promise<{ status?: number; sentMB: number }>((resolve) => {
          const piece = Buffer.alloc(64 * 1024, "a");
          const total = megabytes * 1024 * 1024;
          let sent = 0;
          let settled = false;
          const settle = (status?: number) => {
            if (settled) return;
            settled = true;
            resolve({ status, sentMB: sent / 1024 / 1024 });
          };
          // Chunked: no length is declared, so the body has to be counted as it comes.
          const req = http.request({
            hostname: "127.0.0.1",
            port: server.port,
            method: "POST",
            path: "/api/consent",
            agent: false,
            headers: { "Transfer-Encoding": "chunked" },
          });
          req.on("response", (res) => {
            res.resume();
            settle(res.statusCode);
            req.destroy();
          });
          req.on("error", () => settle(undefined));
          const write = () => {
            while (!settled && sent < total) {
              sent += piece.length;
              if (!req.write(piece)) return void req.once("drain", write);
            }
            if (!settled) req.end();
          };
          write();
        });
      expect((await post(1)).status).toBe(413); // warms up the path without growing an old server much
      await new Promise((r) => setTimeout(r, 500));
      const before = rssMB(server.pid);
      const started = Date.now();
      const result = await post(100);
      const seconds = (Date.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 500));
      const grown = rssMB(server.pid) - before;
      console.log(
        `100 MB POST: ${result.status} after ${seconds.toFixed(2)} s and ${result.sentMB.toFixed(1)} MB sent; resident memory ${grown >= 0 ? "+" : ""}${grown.toFixed(1)} MB`,
      );
      expect(result.status).toBe(413);
      expect(result.sentMB).toBeLessThan(50); // refused early, not after reading it all
      expect(seconds).toBeLessThan(15); // a generous bound on a busy machine; it takes well under a second
      expect(grown).toBeLessThan(24);
    } finally {
      server.stop();
    }
  });
});

test.describe("graceful stop", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");

  test("SIGTERM lets 50 in-flight requests on keep-alive connections finish, then the server exits 0", async () => {
    test.skip(test.info().project.name !== "no-js", "one server is enough");
    test.setTimeout(180_000);
    // One render at a time: the requests also queue in the admission gate during the drain.
    const server = await startServer(3261, { RENDER_CONCURRENCY: "1", SHUTDOWN_GRACE_MS: "40000" });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    try {
      // 50 keep-alive connections, open and idle.
      await Promise.all(Array.from({ length: 50 }, () => send(server.base, "GET", "/news", { agent })));

      // Each client sends its headers and half its body now and the rest 6 s after the signal:
      // longer than the 5 s the old server gave before exiting. `Expect: 100-continue` makes the
      // server say when it has the request, so the signal comes after all 50 are in flight.
      const inFlight = Array.from({ length: 50 }, (_, i) => {
        const consent = i % 2 === 0;
        const [head, tail] = consent ? ["choice=gra", "nted"] : ["0123456789", "abcdef"];
        const path = consent ? "/api/consent" : "/news"; // a page reads no body, but the server waits for it
        const headers = {
          "Content-Length": String(head.length + tail.length),
          Expect: "100-continue",
          ...(consent ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        };
        const req = http.request({ hostname: "127.0.0.1", port: server.port, method: consent ? "POST" : "GET", path, headers, agent });
        const admitted = new Promise<void>((resolve) => {
          req.on("continue", () => {
            req.write(head);
            resolve();
          });
        });
        const finishBody = () => void req.end(tail);
        const answer = new Promise<{ status?: number; complete: boolean; connection?: string; error?: string }>((resolve) => {
          req.on("response", (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode, complete: res.complete, connection: res.headers["connection"] }));
            res.on("error", (e) => resolve({ status: res.statusCode, complete: false, error: e.message }));
          });
          req.on("error", (e) => resolve({ complete: false, error: e.message }));
        });
        req.flushHeaders();
        return { expected: consent ? 303 : 200, admitted, finishBody, answer };
      });
      await Promise.all(inFlight.map((r) => r.admitted));

      const signalled = Date.now();
      process.kill(server.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 6_000));
      for (const r of inFlight) r.finishBody();
      const answers = await Promise.all(inFlight.map((r) => r.answer));
      const code = await server.exited;
      const exitedAfter = (Date.now() - signalled) / 1000;

      const whole = answers.filter((a, i) => a.complete && a.status === inFlight[i]!.expected).length;
      console.log(`graceful stop: ${whole} of 50 in-flight requests answered in full; exited ${code} after ${exitedAfter.toFixed(1)} s`);
      expect(answers.map((a) => a.error).filter(Boolean)).toEqual([]);
      expect(whole).toBe(50);
      // Answers during the drain close their connections, so the server is not held open by them.
      expect(answers.every((a) => a.connection === "close")).toBe(true);
      expect(code).toBe(0);
      expect(exitedAfter).toBeLessThan(40);
    } finally {
      agent.destroy();
      server.stop();
    }
  });
});
