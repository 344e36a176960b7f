import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseFrontMatter } from "../content/front-matter";
import { loadContent } from "../content/load";
import { runImport, type ImportOptions, type PassReport } from "./run";
import type { RunSummary } from "./state";
import { rssFeed, startFeedServer, type FeedServer, type TestItem } from "./testing/feed-server";

/**
 * The importer end to end against partner stand-ins on 127.0.0.1: files written, read back by the
 * content pipeline, updated, left alone, and every failure reported without stopping the others.
 */

const repo = path.resolve(import.meta.dirname, "../..");
let server: FeedServer;
let other: FeedServer;
let root: string;
let photo: Buffer;
let lines: string[];

const item = (n: number, extra: Partial<TestItem> = {}): TestItem => ({
  guid: `g${n}`,
  title: `Новость номер ${n}: в Минске открыли ${["школу", "парк", "мост", "театр", "музей"][n % 5]}`,
  link: `http://example.org/news/${n}`,
  date: `Mon, 04 Mar 2024 1${n % 10}:00:00 +0300`,
  text: `Первый абзац новости ${n} о событии ${"абвгдежзиклмнопрстуфхцчшщэюя"[n % 28]} с подробностями.\n\nВторой абзац новости ${n}.`,
  ...extra,
});

async function writeSources(sources: object[]) {
  await fs.writeFile(path.join(root, "sources.json"), JSON.stringify(sources));
}

const source = (id: string, url: string, extra: object = {}) => ({ id, name: `Партнёр ${id}`, url, section: "politics", ...extra });

function run(extra: Partial<ImportOptions> = {}): Promise<PassReport> {
  return runImport({ root, userAgent: "test-importer", log: (l) => lines.push(l), limits: { timeoutMs: 1500 }, ...extra });
}

async function articleFiles(id: string): Promise<string[]> {
  return (await fs.readdir(path.join(root, "articles", id)).catch(() => [] as string[])).sort();
}

function only(report: PassReport) {
  const [first] = report.sources;
  if (!first) throw new Error("no source in the report");
  return first;
}

async function firstFile(id: string): Promise<string> {
  const [first] = await articleFiles(id);
  if (!first) throw new Error(`no article of ${id}`);
  return first;
}

async function frontMatter(id: string, file: string) {
  const parsed = parseFrontMatter(await fs.readFile(path.join(root, "articles", id, file), "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
}

beforeAll(async () => {
  photo = await sharp({ create: { width: 640, height: 360, channels: 3, background: "#3a6ea5" } })
    .jpeg()
    .toBuffer();
  server = await startFeedServer();
  other = await startFeedServer({ "/photo.jpg": { body: photo, type: "image/jpeg" } });
});

afterAll(async () => {
  await server.close();
  await other.close();
});

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "import-test-"));
  for (const f of ["site.json", "sections.json"]) await fs.copyFile(path.join(repo, "content", f), path.join(root, f));
  lines = [];
  server.routes.clear();
  server.requests.length = 0;
  server.routes.set("/photo.jpg", { body: photo, type: "image/jpeg" });
});

describe("an RSS 2.0 source", () => {
  it("becomes valid articles with attribution and a downloaded photo", async () => {
    server.routes.set("/rss", { body: rssFeed("A", [item(1, { image: "/photo.jpg", category: "Экономика" }), item(2)]) });
    await writeSources([source("alpha", `${server.origin}/rss`, { categories: { экономика: "economy" }, rubric: "Разное" })]);
    const report = await run();
    expect(only(report).summary).toMatchObject({ ok: true, new: 2, failed: 0 });
    const files = await articleFiles("alpha");
    expect(files).toHaveLength(2);
    const one = await frontMatter("alpha", files.find((f) => f.includes("nomer-1")) ?? "");
    expect(one.data).toMatchObject({
      title: "Новость номер 1: в Минске открыли парк",
      date: "2024-03-04T11:00:00+03:00",
      section: "economy",
      rubric: "Разное",
      source: { id: "alpha", name: "Партнёр alpha", url: "http://example.org/news/1" },
      image: { src: expect.stringMatching(/^media\/alpha\/novost-nomer-1-.*\.jpg$/), credit: "Партнёр alpha" },
    });
    expect(files[0]).toMatch(/^novost-nomer-[12]-v-minske-otkryli-[a-z]+\.md$/);
    await expect(fs.readFile(path.join(root, (one.data.image as { src: string }).src))).resolves.toEqual(photo);
    // The site reads them like any editor's file.
    const index = await loadContent(root);
    expect(index.problems).toEqual([]);
    expect(index.articles.filter((a) => a.source?.name === "Партнёр alpha")).toHaveLength(2);
    // A good client: who is asking, and what it accepts.
    expect(server.requests[0]?.headers["user-agent"]).toBe("test-importer");
  });

  it("writes nothing on a second pass with nothing changed, and sends its validators", async () => {
    server.routes.set("/rss", { body: rssFeed("A", [item(1), item(2)]) });
    await writeSources([source("alpha", `${server.origin}/rss`)]);
    await run();
    const before = await fs.stat(path.join(root, "articles", "alpha", await firstFile("alpha")));
    const second = await run();
    expect(only(second).summary).toMatchObject({ ok: true, notModified: true, new: 0, updated: 0 });
    expect(server.requests.at(-1)!.headers["if-none-match"]).toMatch(/^"/);
    // A partner that ignores validators but sends the same bytes has changed nothing either.
    server.routes.set("/rss", { body: rssFeed("A", [item(1), item(2)]), etag: false });
    const third = await run();
    expect(only(third).summary).toMatchObject({ ok: true, notModified: true, new: 0, updated: 0 });
    // Nor does one that rebuilds its feed with the same items: unchanged items are not written.
    server.routes.set("/rss", { body: `${rssFeed("A", [item(1), item(2)])}<!-- rebuilt ${Date.now()} -->`, etag: false });
    const fourth = await run();
    expect(only(fourth).summary).toMatchObject({ ok: true, notModified: false, new: 0, updated: 0, unchanged: 2 });
    const after = await fs.stat(path.join(root, "articles", "alpha", await firstFile("alpha")));
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it("updates a changed item in place, keeps an item that left the feed, and never overwrites an editor", async () => {
    server.routes.set("/rss", { body: rssFeed("A", [item(1), item(2), item(3)]) });
    await writeSources([source("alpha", `${server.origin}/rss`)]);
    await run();
    const files = await articleFiles("alpha");
    const f1 = files.find((f) => f.includes("nomer-1")) ?? "";
    const f2 = files.find((f) => f.includes("nomer-2")) ?? "";
    // An editor corrects story 2 by hand.
    const edited = path.join(root, "articles", "alpha", f2);
    await fs.appendFile(edited, "\nПравка редактора.\n");
    const editedText = await fs.readFile(edited, "utf8");
    // The partner changes stories 1 and 2 (with a new title) and drops story 3.
    server.routes.set("/rss", {
      body: rssFeed("A", [
        item(1, { title: "Новость номер 1: заголовок поправили", text: "Исправленный текст.\n\nЕщё абзац." }),
        item(2, { text: "Другой текст." }),
      ]),
    });
    const report = await run();
    expect(only(report).summary).toMatchObject({ updated: 1, edited: 1, new: 0 });
    expect(await articleFiles("alpha")).toEqual(files);
    const one = await frontMatter("alpha", f1);
    expect(one.data.title).toBe("Новость номер 1: заголовок поправили");
    expect(one.data.updated).toMatch(/Z$/);
    expect(one.body).toContain("Исправленный текст.");
    expect(await fs.readFile(edited, "utf8")).toBe(editedText);
    expect(lines.some((l) => l.includes(f2) && l.includes("changed by an editor"))).toBe(true);
  });

  it("after losing its state, recognises the articles it wrote instead of importing them twice", async () => {
    server.routes.set("/rss", { body: rssFeed("A", [item(1), item(2)]) });
    await writeSources([source("alpha", `${server.origin}/rss`)]);
    await run();
    await fs.rm(path.join(root, ".import"), { recursive: true });
    const report = await run();
    expect(only(report).summary).toMatchObject({ new: 0, unchanged: 2 });
    expect(await articleFiles("alpha")).toHaveLength(2);
  });

  it("gives every article its own slug, even two with the same title in one feed", async () => {
    server.routes.set("/rss", { body: rssFeed("A", [item(1, { title: "Одинаковый заголовок" }), item(2, { title: "Одинаковый заголовок" })]) });
    await writeSources([source("alpha", `${server.origin}/rss`)]);
    await run();
    expect(await articleFiles("alpha")).toEqual(["odinakovyy-zagolovok-2.md", "odinakovyy-zagolovok.md"]);
  });
});

describe("the same story from two partners", () => {
  it("becomes one article that lists the other partner under «Также сообщают»", async () => {
    const story = {
      title: "В Гомеле открыли новый мост через Сож",
      text: "В Гомеле после трёх лет строительства открыли новый мост через Сож. Длина моста составляет 720 метров, по нему пройдут четыре полосы движения и трамвайная линия. Строительство обошлось в 180 миллионов рублей.",
    };
    server.routes.set("/a", { body: rssFeed("A", [item(1, story)]) });
    server.routes.set("/b", {
      body: rssFeed("B", [
        item(7, {
          title: "Новый мост через Сож открыт в Гомеле",
          text: "Новый мост через реку Сож открыли в Гомеле, строительство заняло три года. Длина моста составляет 720 метров, по нему пройдут четыре полосы движения и трамвайная линия.",
          link: "http://example.org/b/most",
        }),
        item(8),
      ]),
    });
    await writeSources([source("alpha", `${server.origin}/a`), source("beta", `${server.origin}/b`)]);
    const report = await run();
    expect(report.sources.map((s) => [s.id, s.summary.new, s.summary.duplicates])).toEqual([
      ["alpha", 1, 0],
      ["beta", 1, 1],
    ]);
    const first = await frontMatter("alpha", await firstFile("alpha"));
    expect(first.data.also).toEqual([{ name: "Партнёр beta", url: "http://example.org/b/most" }]);
    expect((await articleFiles("beta")).some((f) => f.includes("most"))).toBe(false);
    // And again, nothing changes.
    const again = await run();
    expect(again.sources.map((s) => s.summary.new + s.summary.updated)).toEqual([0, 0]);
    // Nor after the importer lost its memory: the copy is still not a second article.
    await fs.rm(path.join(root, ".import"), { recursive: true });
    const lost = await run();
    expect(lost.sources.map((s) => s.summary.new)).toEqual([0, 0]);
    expect((await frontMatter("alpha", await firstFile("alpha"))).data.also).toEqual([{ name: "Партнёр beta", url: "http://example.org/b/most" }]);
    // The partner corrects its story: the article is updated, and still names the other partner.
    server.routes.set("/a", { body: rssFeed("A", [item(1, { ...story, text: `${story.text} Движение откроют в понедельник.` })]) });
    const corrected = await run();
    expect(only(corrected).summary).toMatchObject({ updated: 1 });
    const updated = await frontMatter("alpha", await firstFile("alpha"));
    expect(updated.body).toContain("Движение откроют в понедельник.");
    expect(updated.data.also).toEqual([{ name: "Партнёр beta", url: "http://example.org/b/most" }]);
  });
});

describe("failures", () => {
  it("reports each failing source with its reason and still imports the others", async () => {
    server.routes.set("/good", { body: rssFeed("A", [item(1)]) });
    server.routes.set("/html", { body: "<!doctype html><html><body>Ой</body></html>", type: "text/html" });
    server.routes.set("/500", { body: "oops", status: 500, etag: false });
    server.routes.set("/slow", () => {
      /* never answers */
    });
    server.routes.set("/huge", { body: `<rss version="2.0"><channel>${"<item><title>x</title></item>".repeat(40_000)}</channel></rss>` });
    server.routes.set("/broken", { body: `<rss version="2.0"><channel><item><title>x</title></channel></rss>` });
    server.routes.set("/xxe", {
      body: `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>&x;</title></item></channel></rss>`,
    });
    server.routes.set("/busy", { body: "busy", status: 503, headers: { "retry-after": "120" }, etag: false });
    await writeSources([
      source("good", `${server.origin}/good`),
      source("html", `${server.origin}/html`),
      source("five", `${server.origin}/500`),
      source("slow", `${server.origin}/slow`),
      source("huge", `${server.origin}/huge`),
      source("broken", `${server.origin}/broken`),
      source("xxe", `${server.origin}/xxe`),
      source("busy", `${server.origin}/busy`),
      source("missing", `file:feeds/nope.xml`),
    ]);
    const report = await run({ limits: { timeoutMs: 1000, feedBytes: 1024 * 1024 } });
    const by = (id: string): Partial<RunSummary> => report.sources.find((s) => s.id === id)?.summary ?? { reason: `no report for ${id}` };
    expect(by("good")).toMatchObject({ ok: true, new: 1 });
    expect(by("html").reason).toMatch(/HTML page, not a feed/);
    expect(by("five").reason).toMatch(/500/);
    expect(by("slow").reason).toMatch(/timed out/);
    expect(by("huge").reason).toMatch(/larger than/);
    expect(by("broken").reason).toMatch(/broken XML/);
    expect(by("xxe").reason).toMatch(/entit/);
    expect(by("busy").reason).toMatch(/503/);
    expect(by("missing").reason).toMatch(/not found/);
    for (const id of ["html", "five", "slow", "huge", "broken", "xxe", "busy", "missing"]) expect(by(id).ok, id).toBe(false);
    // The partner asked for two minutes: the next pass does not knock.
    const count = server.requests.filter((r) => r.path === "/busy").length;
    const next = await run({ ids: ["busy"] });
    expect(only(next).summary.reason).toMatch(/Retry-After/);
    expect(server.requests.filter((r) => r.path === "/busy").length).toBe(count);
  });

  it("names a bad sources.json entry and runs the good ones", async () => {
    server.routes.set("/good", { body: rssFeed("A", [item(1)]) });
    await writeSources([source("good", `${server.origin}/good`), { id: "bad", name: "Bad", url: "ftp://x", section: "politics" }]);
    const report = await run();
    expect(report.problems.map((p) => `${p.file}: ${p.field}`)).toEqual(["sources.json: [1].url"]);
    expect(report.sources.map((s) => s.id)).toEqual(["good"]);
  });
});

describe("photos", () => {
  it("are refused from another private address, and when they are not images by their bytes", async () => {
    server.routes.set("/svg.jpg", { body: `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, type: "image/jpeg" });
    server.routes.set("/rss", {
      body: rssFeed("A", [item(1, { image: `${other.origin}/photo.jpg` }), item(2, { image: "/svg.jpg" })]),
    });
    await writeSources([source("alpha", `${server.origin}/rss`)]);
    const report = await run();
    expect(only(report).summary).toMatchObject({ new: 2, failed: 0 });
    for (const f of await articleFiles("alpha")) expect((await frontMatter("alpha", f)).data.image).toBeUndefined();
    expect(lines.some((l) => /private|loopback/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes("not a JPEG"))).toBe(true);
    expect(other.requests).toHaveLength(0);
    await expect(fs.readdir(path.join(root, "media"))).rejects.toThrow();
  });
});

describe("encodings, Atom, file: feeds and pages", () => {
  it("reads a windows-1251 feed, an Atom feed with HTML content, and a file: feed", async () => {
    const demo = path.join(repo, "content");
    await fs.cp(path.join(demo, "feeds"), path.join(root, "feeds"), { recursive: true });
    await fs.copyFile(path.join(demo, "sources.json"), path.join(root, "sources.json"));
    const report = await run();
    expect(report.sources.every((s) => s.summary.ok)).toBe(true);
    const kurier = await Promise.all((await articleFiles("vitebsk-kurier")).map((f) => frontMatter("vitebsk-kurier", f)));
    expect(kurier.map((k) => k.data.title)).toContain("В Витебске стартовал фестиваль уличных театров");
    // Lead mode: the summary, and no body; the reader follows «(оригинал новости)».
    const festival = kurier.find((k) => String(k.data.title).includes("фестиваль"));
    expect(festival?.data.lead).toBeTruthy();
    expect(festival?.body.trim()).toBe("");
    const atom = await Promise.all((await articleFiles("grodno-vedomosti")).map((f) => frontMatter("grodno-vedomosti", f)));
    const castle = atom.find((a) => String(a.data.title).includes("замке"))!;
    expect(castle.data.section).toBe("culture");
    expect(castle.data.image).toMatchObject({ src: expect.stringMatching(/^media\/grodno-vedomosti\//), alt: "Зал Старого замка" });
    expect(castle.body).toContain("## Что покажут");
    expect(castle.body).not.toMatch(/script|onclick|alert|<img/);
    const index = await loadContent(root);
    expect(index.problems).toEqual([]);
  });

  it("takes the text of a page-mode item from the partner's page, without its menus and footers", async () => {
    const page = await fs.readFile(path.join(import.meta.dirname, "fixtures", "partner-page.html"), "utf8").catch(() => "");
    server.routes.set("/page/1", { body: page, type: "text/html; charset=utf-8" });
    server.routes.set("/rss", { body: rssFeed("A", [item(1, { link: `${server.origin}/page/1`, text: "Только анонс." })]) });
    await writeSources([source("alpha", `${server.origin}/rss`, { mode: "page" })]);
    const report = await run();
    expect(only(report).summary).toMatchObject({ new: 1 });
    const article = await frontMatter("alpha", await firstFile("alpha"));
    expect(article.body.length).toBeGreaterThan(200);
    expect(article.body).not.toMatch(/Популярное|cookie|Все права защищены/i);
  });
});
