import { mkdir, mkdtemp, rm, unlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Bodies } from "./bodies";
import { buildArticle } from "./build-index";
import { readArticleFile } from "./load";
import { MarkdownBudgetError, RenderPool, type MarkdownJob } from "./render-pool";
import type { Article, Section } from "./types";

let root: string;
let bodies: Bodies | undefined;
let logged: string[];
// One pool for the file: a worker's start under tsx takes seconds on a busy machine.
const pool = new RenderPool({ size: 1 });
beforeAll(() => pool.run({ kind: "render", markdown: "Разминка.", takeLead: false }), 60_000);
afterAll(() => pool.close());

const sections: ReadonlyMap<string, Section> = new Map([["politics", { slug: "politics", name: "Политика", genitive: "политики" }]]);
const article = (title: string, body = "Лид.\n\nТекст новости.") => `---\ntitle: "${title}"\ndate: "2024-03-04T12:00:00+03:00"\nsection: politics\n---\n${body}\n`;

async function put(rel: string, text: string) {
  const full = path.join(root, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
  // Same-millisecond writes must still look changed.
  const t = new Date(Date.now() + Math.random() * 1000);
  await utimes(full, t, t);
}

/** The article as the indexer reads it now (with its file's stamp). */
async function indexed(rel: string): Promise<Article> {
  const source = await readArticleFile(root, rel);
  if (!("text" in source)) throw new Error(source.message);
  const { article: a } = buildArticle(source, sections, new Map());
  if (!a) throw new Error(`${rel} is not a valid article`);
  return a;
}

/** A pool that counts its jobs, and fails them with `fail` when set. */
function countingPool(fail?: () => Error) {
  const jobs: MarkdownJob[] = [];
  const counting = {
    run: (job: MarkdownJob) => {
      jobs.push(job);
      return fail ? Promise.reject(fail()) : pool.run(job);
    },
  } as unknown as RenderPool;
  return { pool: counting, jobs };
}

function open(options: ConstructorParameters<typeof Bodies>[1] = {}) {
  bodies = new Bodies(root, { pool, log: (l) => logged.push(l), ...options });
  return bodies;
}

beforeEach(async () => {
  logged = [];
  root = await mkdtemp(path.join(os.tmpdir(), "bodies-"));
  await put("articles/first.md", article("Первая"));
});

afterEach(async () => {
  bodies?.close();
  bodies = undefined;
  await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

describe("Bodies", () => {
  it("renders a body on demand and keeps the last good one when the file is caught mid-save", async () => {
    const b = open();
    await put("articles/first.md", article("Первая", "Полный текст.\n\nВторой абзац."));
    const a = await indexed("articles/first.md");
    expect(a.lead).toBe("Полный текст.");
    expect((await b.body(a)).html).toBe("<p>Второй абзац.</p>");

    // The index keeps the last good article of a file caught half-saved: its body is still served.
    await put("articles/first.md", '---\ntitle: "Перв');
    expect((await b.body(a)).html).toBe("<p>Второй абзац.</p>");
  });

  it("serves the last good body for a newer version caught mid-save before anyone read it, and says so once", async () => {
    const b = open();
    expect((await b.body(await indexed("articles/first.md"))).html).toBe("<p>Текст новости.</p>");
    // Edited (and indexed), then caught half-saved before a reader asked for the new version.
    await put("articles/first.md", article("Первая", "Лид.\n\nНовый текст."));
    const edited = await indexed("articles/first.md");
    await put("articles/first.md", '---\ntitle: "Перв');
    expect((await b.body(edited)).html).toBe("<p>Текст новости.</p>");
    expect((await b.body(edited)).html).toBe("<p>Текст новости.</p>");
    expect(logged.filter((l) => l.startsWith("articles/first.md: body: cannot be read now"))).toHaveLength(1);
    // Not a problem of the content: the file is being written.
    expect(b.problems()).toEqual([]);

    // Fixed: rendered again (the failure of a half-saved file is not remembered).
    await put("articles/first.md", article("Первая", "Лид.\n\nНовый текст."));
    expect((await b.body(await indexed("articles/first.md"))).html).toBe("<p>Новый текст.</p>");
  });

  it("renders a body once for many readers asking at once, and keeps it", async () => {
    const counting = countingPool();
    const b = open({ pool: counting.pool });
    const a = await indexed("articles/first.md");
    expect(b.cachedBodies).toBe(0);
    const all = await Promise.all(Array.from({ length: 5 }, () => b.body(a)));
    expect(new Set(all).size).toBe(1);
    expect(await b.body(a)).toBe(all[0]);
    expect(counting.jobs).toHaveLength(1);
    expect(b.cachedBodies).toBe(1);
    expect(b.cached(a)).toBe(all[0]);
  });

  it("serves a missing file's body as empty, logged once", async () => {
    const b = open();
    const a = await indexed("articles/first.md");
    await unlink(path.join(root, "articles/first.md"));
    expect(await b.body(a)).toEqual({ html: "", text: "" });
    expect(await b.body(a)).toEqual({ html: "", text: "" });
    expect(logged.filter((l) => l.startsWith("articles/first.md: body: cannot be read now"))).toHaveLength(1);
  });

  it("remembers a body over its budget by file and stamp: tried once, listed and logged once, forgotten when the file changes", async () => {
    const counting = countingPool(() => new MarkdownBudgetError(1000));
    const b = open({ pool: counting.pool });
    const a = await indexed("articles/first.md");
    expect(await b.body(a)).toEqual({ html: "", text: "" });
    expect(await b.body(a)).toEqual({ html: "", text: "" });
    expect(counting.jobs).toHaveLength(1);
    const line = `articles/first.md: body: ${new MarkdownBudgetError(1000).message}; the page shows the lead only`;
    expect(b.problems().map((p) => `${p.file}: ${p.field}: ${p.message}`)).toEqual([line]);
    expect(logged).toEqual([line]);

    // The file changes: the problem goes, and the new version is tried.
    await put("articles/first.md", article("Первая", "Лид.\n\nДругой текст."));
    expect(b.problems()).toEqual([]);
    await b.body(await indexed("articles/first.md"));
    expect(counting.jobs).toHaveLength(2);
  });

  it("tells its caller of a new body problem instead of logging it, when asked to", async () => {
    const told: string[] = [];
    const b = open({ pool: countingPool(() => new Error("parser failed")).pool, onProblem: (p) => told.push(p.message) });
    await b.body(await indexed("articles/first.md"));
    expect(told).toEqual(["parser failed; the page shows the lead only"]);
    expect(logged).toEqual([]);
  });

  it("keeps its rendered bodies within the budget of characters", async () => {
    const b = open({ bodyCacheChars: 100 });
    for (let i = 0; i < 5; i++) {
      await put(`articles/a${i}.md`, article(`Статья ${i}`, `Лид.\n\n${"Текст ".repeat(20)}`));
      await b.body(await indexed(`articles/a${i}.md`));
    }
    // At least the newest one is kept, and never more than the budget holds.
    expect(b.cachedBodies).toBe(1);
  });
});
