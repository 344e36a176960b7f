import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArticleBody } from "./body";
import { Indexer } from "@/lib/store/indexer";
import { openIndexDatabase } from "@/lib/store/open";
import { SqliteStore } from "@/lib/store/sqlite/reader";
import { Bodies } from "./bodies";
import { loadContent } from "./load";
import { MarkdownBudgetError, RenderPool } from "./render-pool";
import { formatProblem, type ContentIndex } from "./types";

// The committed corpus in test/hostile-content, plus a 5 MB file, an outside symlink and a symlink
// loop made here.
let root: string;
let outside: string;
let index: ContentIndex;
let lines: string[];
const pool = new RenderPool({ size: 1 });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "hostile-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "outside-"));
  await cp(path.resolve(import.meta.dirname, "../../test/hostile-content"), root, { recursive: true });
  const big = `---\ntitle: Огромная\ndate: "2024-03-01T10:00:00+03:00"\nsection: society\n---\n${"Очень длинный абзац. ".repeat(140_000)}\n`;
  await writeFile(path.join(root, "articles/society/five-megabytes.md"), big);
  await writeFile(path.join(outside, "secret.md"), "---\ntitle: Секрет\ndate: \"2024-03-01T10:00:00+03:00\"\nsection: society\n---\nСекрет.\n");
  await symlink(path.join(outside, "secret.md"), path.join(root, "articles/society/escape.md"));
  await symlink("..", path.join(root, "articles/society/loop"));
  index = await loadContent(root);
  lines = index.problems.map(formatProblem);
});

afterAll(async () => {
  await pool.close();
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("hostile and broken content", () => {
  // The first render waits for a worker to load the parser under tsx.
  it("renders markup-laden articles without scripts, handlers, frames or dangerous URLs", { timeout: 60_000 }, async () => {
    const a = index.bySlug.get("script-tags")!;
    const html = bodyOf(await readArticleBody(root, a, pool)).html;
    expect(html).not.toMatch(/<script|<iframe|onerror|onclick|javascript:|vbscript:|data:text/i);
    expect(html).toContain('<img alt="картинка-ловушка">'); // its javascript: source is gone
    expect(html).toContain('<a href="https://example.org/news" rel="noopener noreferrer">внешняя ссылка</a>');
    // The title is text, escaped by React when shown: typeset, but its "<script>" stays literal.
    expect(a.title).toBe("Скрипт в\u00A0тексте <script>alert('title')</script>");
  });

  it("reads files with a byte-order mark or CRLF line endings", async () => {
    expect(index.bySlug.get("byte-order-mark")?.title).toBe("Файл с\u00A0меткой порядка байтов");
    const crlf = index.bySlug.get("crlf-line-endings")!;
    expect(crlf.lead).toBe("Первый абзац.");
    expect(bodyOf(await readArticleBody(root, crlf, pool)).html).toBe("<p>Второй абзац.</p>");
  });

  it("leaves out what it cannot trust, naming the file and the field", () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^articles\/society\/broken-yaml\.md: front matter: invalid YAML/),
        "articles/society/binary-garbage.md: file: is not a text file (contains NUL bytes)",
        expect.stringMatching(/^articles\/society\/Новость-кириллицей\.md: slug: "Новость-кириллицей" \(taken from the file name/),
        'articles/society/collision-b.md: slug: "same-slug" is already used by articles/society/collision-a.md',
        "articles/society/five-megabytes.md: file: is 5.1 MB; articles may be at most 1 MB",
        "articles/society/escape.md: file: is a symbolic link to a place outside the content folder; ignored",
        "articles/society/loop: folder: is a symbolic link to a folder that is already read (or contains this one); ignored",
        "articles/society/yaml-alias-bomb.md: front matter: uses YAML aliases (*name), which are not allowed",
        "articles/society/windows-1251.md: file: is not valid UTF-8 (line 2, byte 12); save it as UTF-8",
        "articles/pathological/nested-quotes.md: body: line 3: more than 16 block quotes and list items nested; the page shows the lead only",
        "articles/pathological/nested-list.md: body: line 3: more than 16 block quotes and list items nested; the page shows the lead only",
        "articles/pathological/wide-table.md: body: line 3: more than 128 table columns; the page shows the lead only",
        "articles/pathological/backtick-runs.md: body: line 3: more than 32 '`' in a row; the page shows the lead only",
        expect.stringMatching(/^articles\/pathological\/emphasis-runs\.md: body: the block at line 3 /),
        expect.stringMatching(/^articles\/pathological\/unclosed-links\.md: body: the block at line 3 /),
      ]),
    );
    // budget-buster.md is within every shape bound: only rendering it shows what it costs.
    expect(lines).toHaveLength(15);
  });

  it("keeps serving everything else, and the odd-shaped articles with their leads", () => {
    const pathological = ["backtick-runs", "budget-buster", "emphasis-runs", "nested-list", "nested-quotes", "unclosed-links", "wide-table"];
    expect([...index.bySlug.keys()].sort()).toEqual(["byte-order-mark", "crlf-line-endings", "kirillica-so-slugom", "same-slug", "script-tags", ...pathological].sort());
    for (const slug of pathological) expect(index.bySlug.get(slug)?.lead).toMatch(/^Лид патологической статьи/);
    expect(index.bySlug.get("same-slug")?.title).toBe("Первая статья с\u00A0общим slug");
    expect(index.bySlug.has("escape")).toBe(false);
  });
});

function bodyOf(result: Awaited<ReturnType<typeof readArticleBody>>) {
  if (!("body" in result)) throw new Error(result.problem);
  return result.body;
}

describe("hostile bodies in a live folder", () => {
  it("renders none of the odd-shaped bodies, stops the one over budget, names each once, and keeps serving", { timeout: 120_000 }, async () => {
    const logged: string[] = [];
    const budget = new RenderPool({ size: 1, budgetMs: 1000 });
    const dbDir = await mkdtemp(path.join(os.tmpdir(), "hostile-index-"));
    const db = openIndexDatabase(path.join(dbDir, "index.sqlite"));
    const indexer = await Indexer.open(root, db, { watch: false, log: (l) => logged.push(l) });
    const store = new SqliteStore(db);
    const bodies = new Bodies(root, { pool: budget, log: (l) => logged.push(l) });
    const article = async (slug: string) => (await store.article(slug))!;
    // As the pages see it: the index's problems and those found while rendering.
    const problemsNow = async () => [...(await store.problems()), ...bodies.problems()].map(formatProblem);
    const live = { body: (a: Awaited<ReturnType<typeof article>>) => bodies.body(a) };
    try {
      const slugs = ["nested-quotes", "emphasis-runs", "nested-list", "wide-table", "backtick-runs", "unclosed-links", "budget-buster"];
      // A reader timer keeps ticking on the main thread while the bodies are requested.
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      const started = Date.now();
      const rendered = await Promise.all(slugs.map(async (slug) => live.body(await article(slug))));
      clearInterval(timer);
      expect(rendered.every((b) => b.html === "" && b.text === "")).toBe(true);
      expect(ticks).toBeGreaterThan((Date.now() - started) / 20 / 4);
      const sane = await article("crlf-line-endings");
      expect((await live.body(sane)).html).toBe("<p>Второй абзац.</p>");

      // The one within the shape bounds ran out of its time budget, once: asked again, it costs nothing.
      await new Promise((r) => setTimeout(r, 100));
      const busted = "articles/pathological/budget-buster.md: body: " + new MarkdownBudgetError(1000).message + "; the page shows the lead only";
      const problems = await problemsNow();
      expect(problems).toContain(busted);
      // Each problem once: the shape problems come from the index, the budget one from rendering.
      expect(new Set(problems).size).toBe(problems.length);
      const again = Date.now();
      expect((await live.body(await article("budget-buster"))).html).toBe("");
      expect(Date.now() - again).toBeLessThan(500);
    } finally {
      indexer.close();
      db.close();
      bodies.close();
      await budget.close();
      await rm(dbDir, { recursive: true, force: true });
    }
  });
});
