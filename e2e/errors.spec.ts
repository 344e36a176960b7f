import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

const NOT_FOUND = [
  "/no-such-page",
  "/news/no-such-article",
  "/news/e2e-draft",
  "/news/e2e-scheduled",
  "/news/e2e-broken-yaml",
  "/news/e2e-unknown-section",
  `/news/${"a".repeat(300)}`,
  "/news/lukashenko-kazakhstan-sco/extra",
  "/media/../package.json",
  "/media/nope.jpg",
  "/media/..%2Fsite.json",
  "/news/..%2F..%2Fpackage.json",
  "/news/%2e%2e%2f%2e%2e%2fpackage.json",
  "/news/a%00b",
  "/news/%FF%FE",
  "/section/%C0%AF",
  "/news?page=99999",
  "/news?page=abc",
  "/news?page=1e3",
];

// Through the proxy too (`npm run test:e2e:proxy`): a 404 must not come from, or stay in, its cache.
const SMOKE = new Set(["/no-such-page", "/news/e2e-draft", "/news/lukashenko-kazakhstan-sco/extra", "/news?page=abc"]);

for (const path of NOT_FOUND) {
  test(`${path.slice(0, 60)} answers the Russian 404 page`, { tag: SMOKE.has(path) ? "@smoke" : [] }, async ({ page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    const body = (await res?.text()) ?? "";
    expect(body).not.toContain('"name": "svezhiy-vypusk"'); // package.json
    expect(body).not.toContain('"edition"'); // site.json
    if (!path.startsWith("/media/")) {
      await expect(page.locator("h1")).toHaveText("Страница не найдена");
      await expect(page.getByRole("link", { name: "Перейти на главную" })).toBeVisible();
      await expect(page.locator('meta[name="robots"]')).toHaveCount(1);
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    }
  });
}

test.describe("permanent redirects to the canonical URL", () => {
  const cases: [string, string][] = [
    ["/news/e2e-old-name", "/news/e2e-renamed"],
    ["/news/E2E-Old-Name", "/news/e2e-renamed"],
    ["/news/Lukashenko-Kazakhstan-SCO", "/news/lukashenko-kazakhstan-sco"],
    ["/news/lukashenko-kazakhstan-sco/", "/news/lukashenko-kazakhstan-sco"],
    ["/Section/Politics?page=1", "/section/politics?page=1"],
  ];
  for (const [from, to] of cases) {
    test(`${from} → ${to}`, { tag: "@smoke" }, async ({ request }) => {
      const res = await request.get(from, { maxRedirects: 0 });
      expect(res.status()).toBe(308);
      expect(res.headers()["location"]).toBe(to);
      expect((await request.get(to)).status()).toBe(200);
    });
  }
});

test("the /ru prefix of the default locale redirects to the plain URL", { tag: "@smoke" }, async ({ request }) => {
  const res = await request.get("/ru/news/lukashenko-kazakhstan-sco", { maxRedirects: 0 });
  // Permanent: the default locale never takes a prefix, so crawlers should keep only the plain URL.
  expect(res.status()).toBe(308);
  expect(res.headers()["location"]).toBe("/news/lukashenko-kazakhstan-sco");
});

test.describe("broken content files", () => {
  test.skip(!!process.env.E2E_BASE_URL, "reads the log of the server this suite starts");

  test("are reported on the server log by file and field while the site keeps serving", async ({ request }) => {
    expect((await request.get("/")).status()).toBe(200);
    expect((await request.get("/news/lukashenko-kazakhstan-sco")).status()).toBe(200);
    const log = await readFile(".e2e/server.log", "utf8");
    expect(log).toContain("articles/politics/e2e-broken-yaml.md: front matter: invalid YAML");
    expect(log).toContain('articles/society/e2e-unknown-section.md: section: unknown section "weather"');
  });

  test("make `npm run content:check` list them and fail", async () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/content/content-check.ts", ".e2e/content"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^articles\/politics\/e2e-broken-yaml\.md: front matter: invalid YAML/);
    expect(lines[1]).toBe(
      'articles/society/e2e-unknown-section.md: section: unknown section "weather" (known: politics, economy, society, world, sport, culture, tech)',
    );
  });
});

test("the demo content itself passes `npm run content:check`", async () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/content/content-check.ts", "content"], { encoding: "utf8" });
  expect(run.stdout).toBe("");
  expect(run.status).toBe(0);
});
