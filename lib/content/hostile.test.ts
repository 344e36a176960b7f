import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArticleBody } from "./body";
import { loadContent } from "./load";
import { formatProblem, type ContentIndex } from "./types";

// The committed corpus in test/hostile-content, plus a 5 MB file and an outside symlink made here.
let root: string;
let outside: string;
let index: ContentIndex;
let lines: string[];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "hostile-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "outside-"));
  await cp(path.resolve(import.meta.dirname, "../../test/hostile-content"), root, { recursive: true });
  const big = `---\ntitle: Огромная\ndate: "2024-03-01T10:00:00+03:00"\nsection: society\n---\n${"Очень длинный абзац. ".repeat(140_000)}\n`;
  await writeFile(path.join(root, "articles/society/five-megabytes.md"), big);
  await writeFile(path.join(outside, "secret.md"), "---\ntitle: Секрет\ndate: \"2024-03-01T10:00:00+03:00\"\nsection: society\n---\nСекрет.\n");
  await symlink(path.join(outside, "secret.md"), path.join(root, "articles/society/escape.md"));
  index = await loadContent(root);
  lines = index.problems.map(formatProblem);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("hostile and broken content", () => {
  it("renders markup-laden articles without scripts, handlers, frames or dangerous URLs", async () => {
    const a = index.bySlug.get("script-tags")!;
    const html = (await readArticleBody(root, a)).body!.html;
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
    expect((await readArticleBody(root, crlf)).body?.html).toBe("<p>Второй абзац.</p>");
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
      ]),
    );
    expect(lines).toHaveLength(6);
  });

  it("keeps serving everything else", () => {
    expect([...index.bySlug.keys()].sort()).toEqual(["byte-order-mark", "crlf-line-endings", "kirillica-so-slugom", "same-slug", "script-tags"]);
    expect(index.bySlug.get("same-slug")?.title).toBe("Первая статья с\u00A0общим slug");
    expect(index.bySlug.has("escape")).toBe(false);
  });
});
