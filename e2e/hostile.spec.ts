import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { serverEnv } from "../lib/server/server-env.mjs";

/**
 * The hostile corpus (test/hostile-content: Markdown that cost the parser minutes to hours, a YAML
 * alias bomb, a file in Windows-1251) sits in the folder of a server of its own, beside the demo
 * content: while its pages are requested, every other page keeps answering in its usual time.
 */
const root = path.resolve(import.meta.dirname, "..");
const content = path.join(root, ".e2e", "hostile-content");
const log = path.join(root, ".e2e", "hostile-server.log");
const port = 3275 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const base = `http://127.0.0.1:${port}`;
const PATHOLOGICAL = ["nested-quotes", "emphasis-runs", "nested-list", "wide-table", "backtick-runs", "unclosed-links", "budget-buster"];
const NORMAL = ["/", "/news/lukashenko-kazakhstan-sco", "/section/politics", "/news", "/rss.xml"];

async function timed(request: APIRequestContext, url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  const res = await request.get(`${base}${url}`, { timeout: 60_000 });
  return { status: res.status(), body: await res.text(), ms: Date.now() - started };
}

test.describe("hostile content in the folder", () => {
  test.skip(!!process.env.E2E_BASE_URL, "starts its own server");
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "server behaviour: one project is enough");
  test.describe.configure({ mode: "serial", timeout: 180_000 });

  let server: ChildProcess | undefined;

  test.beforeAll(async ({}, testInfo) => {
    // Hooks run for a project whose tests are all skipped: only one server, one log.
    test.skip(testInfo.project.use.javaScriptEnabled !== false, "server behaviour: one project is enough");
    await rm(content, { recursive: true, force: true });
    for (const suffix of ["", "-wal", "-shm"]) await rm(`${content}.sqlite${suffix}`, { force: true });
    await mkdir(content, { recursive: true });
    await cp(path.join(root, "content"), content, { recursive: true });
    const hostile = path.join(root, "test", "hostile-content", "articles");
    await cp(path.join(hostile, "pathological"), path.join(content, "articles", "pathological"), { recursive: true });
    for (const f of ["yaml-alias-bomb.md", "windows-1251.md"]) await cp(path.join(hostile, "society", f), path.join(content, "articles", "society", f));
    const { openSync } = await import("node:fs");
    const out = openSync(log, "w");
    server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(port)], {
      cwd: root,
      env: serverEnv({ ...process.env, CONTENT_DIR: content, INDEX_DB: `${content}.sqlite`, NEXT_TELEMETRY_DISABLED: "1", MARKDOWN_BUDGET_MS: "2000" }),
      stdio: ["ignore", out, out],
    });
    const deadline = Date.now() + 90_000;
    while (
      !(await fetch(base).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error(`the server on port ${port} did not start; see ${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  test("every other page answers in its usual time while the hostile ones are requested", async ({ request }) => {
    // The usual time: each page once to warm it, then the slowest of three rounds.
    for (const url of NORMAL) await timed(request, url);
    let usual = 0;
    for (let round = 0; round < 3; round++) for (const url of NORMAL) usual = Math.max(usual, (await timed(request, url)).ms);

    const hostile = Promise.all(PATHOLOGICAL.map((slug) => timed(request, `/news/${slug}`)));
    const during: { url: string; status: number; ms: number }[] = [];
    for (let round = 0; round < 3; round++) {
      for (const url of NORMAL) {
        const r = await timed(request, url);
        during.push({ url, status: r.status, ms: r.ms });
      }
    }
    const pages = await hostile;
    console.log(`usual: ${usual} ms; during: ${during.map((d) => d.ms).join(", ")} ms; hostile pages: ${pages.map((p) => p.ms).join(", ")} ms`);
    expect(during.every((d) => d.status === 200)).toBe(true);
    // Generous for a busy machine: the old code did not answer at all for 30+ minutes.
    expect(Math.max(...during.map((d) => d.ms))).toBeLessThan(Math.max(2000, usual * 5));

    // Each hostile page is there, with its title and lead, and without its body.
    for (const [i, page] of pages.entries()) {
      expect(page.status, PATHOLOGICAL[i]).toBe(200);
      expect(page.body).toContain("Лид патологической статьи");
      expect(page.body).not.toContain("&gt;&gt;&gt;&gt;");
    }
  });

  test("feeds and search that include the hostile articles still answer", async ({ request }) => {
    for (const url of [
      "/yandex.rss",
      "/rss.xml",
      "/section/society/rss.xml",
      "/search?q=%D0%BF%D0%B0%D1%82%D0%BE%D0%BB%D0%BE%D0%B3%D0%B8%D1%87%D0%B5%D1%81%D0%BA%D0%BE%D0%B9",
    ]) {
      const r = await timed(request, url);
      expect(r.status, url).toBe(200);
    }
    const search = await timed(request, "/search?q=%D0%BF%D0%B0%D1%82%D0%BE%D0%BB%D0%BE%D0%B3%D0%B8%D1%87%D0%B5%D1%81%D0%BA%D0%BE%D0%B9");
    expect(search.body).toContain("Сто тысяч вложенных цитат");
  });

  test("the log names each hostile file with its field, and the invalid ones are left out", async ({ request }) => {
    await expect
      .poll(async () => readFile(log, "utf8"), { timeout: 30_000 })
      .toContain("articles/pathological/budget-buster.md: body: took longer than 2 s to render");
    const text = await readFile(log, "utf8");
    for (const line of [
      "articles/pathological/nested-quotes.md: body: line 3: more than 16 block quotes and list items nested",
      "articles/pathological/wide-table.md: body: line 3: more than 128 table columns",
      "articles/society/yaml-alias-bomb.md: front matter: uses YAML aliases (*name), which are not allowed",
      "articles/society/windows-1251.md: file: is not valid UTF-8",
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toMatch(/Maximum call stack|unhandledRejection/);
    expect((await request.get(`${base}/news/yaml-alias-bomb`)).status()).toBe(404);
  });
});
