import { expect, test } from "@playwright/test";

// Hostile requests to the API and the router (issue 14): cross-site POSTs, token guessing,
// redirects that would leave the site, malformed query parameters.

test.describe("cross-site POSTs", () => {
  test("are refused with 403 and change nothing", { tag: "@smoke" }, async ({ request }) => {
    const evil = { Origin: "http://evil.example" };
    const consent = await request.post("/api/consent", { form: { choice: "granted" }, headers: evil, maxRedirects: 0 });
    expect(consent.status()).toBe(403);
    expect(consent.headers()["set-cookie"]).toBeUndefined();
    const exit = await request.post("/api/draft/exit", { form: { slug: "e2e-draft" }, headers: { "Sec-Fetch-Site": "cross-site" }, maxRedirects: 0 });
    expect(exit.status()).toBe(403);
    expect(exit.headers()["set-cookie"]).toBeUndefined();
    const draft = await request.post("/api/draft", { form: { token: "e2e-preview-token", slug: "e2e-draft" }, headers: evil, maxRedirects: 0 });
    expect(draft.status()).toBe(403);
    expect(draft.headers()["set-cookie"]).toBeUndefined();
    expect((await request.post("/api/revalidate", { headers: { ...evil, Authorization: "Bearer e2e-revalidate-token" } })).status()).toBe(403);
    expect((await request.post("/api/consent", { form: { choice: "granted" }, headers: { Origin: "null" }, maxRedirects: 0 })).status()).toBe(403);
  });

  test("from the site's own pages, or from clients that send no Origin, go through", { tag: "@smoke" }, async ({ request, baseURL }) => {
    const own = await request.post("/api/consent", {
      form: { choice: "denied" },
      headers: { Origin: new URL(baseURL!).origin, "Sec-Fetch-Site": "same-origin" },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(303);
    expect(own.headers()["set-cookie"]).toContain("metrika_consent=denied");
    expect((await request.post("/api/draft/exit", { maxRedirects: 0 })).status()).toBe(303);
  });
});

test.describe("token guessing", () => {
  test.skip(!!process.env.E2E_BASE_URL, "needs the tokens of the server this suite starts");

  test("the 11th wrong token in a burst is 429 with Retry-After; the right token still works from another address", async ({ request }, info) => {
    // The suite talks to the server from 127.0.0.1, the address nginx would call from, so the
    // server takes X-Real-IP as the client's: each run gets addresses of its own.
    const address = (n: number) => `198.51.100.${(info.project.name === "js" ? 10 : 0) + n}`;
    const guess = (token: string, ip: string) =>
      request.post("/api/revalidate", { headers: { Authorization: `Bearer ${token}`, "X-Real-IP": ip }, data: { paths: ["site.json"] } });
    for (let i = 0; i < 10; i++) expect((await guess(`wrong-${i}`, address(1))).status()).toBe(401);
    const limited = await guess("wrong-10", address(1));
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers()["retry-after"])).toBeLessThanOrEqual(60);
    // Refused before the token is looked at: a right guess cannot be told from a wrong one.
    expect((await guess("e2e-revalidate-token", address(1))).status()).toBe(429);
    // The preview endpoint counts against the same address.
    const draft = await request.post("/api/draft", {
      form: { token: "e2e-preview-token", slug: "e2e-draft" },
      headers: { "X-Real-IP": address(1) },
      maxRedirects: 0,
    });
    expect(draft.status()).toBe(429);
    // Another reader is not held up.
    expect((await guess("e2e-revalidate-token", address(2))).status()).toBe(200);
  });
});

test.describe("redirects", () => {
  // Paths as a client sends them, unnormalized (`//host` and `/\host` are other hosts to a browser).
  const TRICKY = [
    "/%2F%2FNEWS/x",
    "/%2F%2Fevil.example",
    "/\\evil.example",
    "/%5C%5Cevil.example/x",
    "//evil.example/",
    "/%5C%5CNEWS/x",
    "/News/%2F%2Fevil.example",
    "/ru/%2F%2Fevil.example",
    "//NEWS//lukashenko-kazakhstan-sco",
    "/%2FSection/Politics",
  ];
  for (const path of TRICKY) {
    test(`${path} stays on the site`, { tag: "@smoke" }, async ({ baseURL }) => {
      const url = new URL(baseURL!);
      const { status, location } = await rawGet(url.hostname, Number(url.port), path);
      expect([200, 308, 404], path).toContain(status);
      if (location) {
        expect(location, path).not.toMatch(/^[/\\]{2}/);
        expect(new URL(location, baseURL).origin, path).toBe(url.origin);
        expect(new URL(location, baseURL).pathname, path).not.toMatch(/^[/\\]{2}/);
      }
    });
  }

  test("/%2F%2FNEWS/x is the canonical /news/x", async ({ baseURL }) => {
    const url = new URL(baseURL!);
    const raw = await rawGet(url.hostname, Number(url.port), "/%2F%2FNEWS/lukashenko-kazakhstan-sco");
    expect(raw.status).toBe(308);
    expect(new URL(raw.location!, baseURL).href).toBe(`${url.origin}/news/lukashenko-kazakhstan-sco`);
  });
});

test("a malformed percent escape in ?q= is a bad URL: 404", { tag: "@smoke" }, async ({ request }) => {
  expect((await request.get("/search?q=%zz")).status()).toBe(404);
  expect((await request.get("/search?q=%D0")).status()).toBe(404);
  expect((await request.get("/search?q=%25zz")).status()).toBe(200); // "%zz", properly encoded
});

/** A GET with the path exactly as given (http.request keeps it; fetch() would normalize it). */
async function rawGet(host: string, port: number, path: string): Promise<{ status: number; location?: string }> {
  const http = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path, method: "GET" }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on("error", reject);
    req.end();
  });
}
