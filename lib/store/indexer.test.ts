import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm, stat, symlink, unlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type Database from "better-sqlite3";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/search/text";
import { Indexer, type IndexerOptions } from "./indexer";
import { OpenedStore, openIndexDatabase } from "./open";
import { SqliteStore } from "./sqlite/reader";
import { readMeta } from "./sqlite/schema";

let root: string;
/** Where the test's databases go: beside the content folder, never in it (the folder is replaced in some tests). */
let dataDir: string;
let db: Database.Database | undefined;
let indexer: Indexer | undefined;
let store: SqliteStore;
let logged: string[];
const opened: OpenedStore[] = [];

/** Far after every date the tests write: everything valid is published. */
const NOW = Date.parse("2030-01-01T00:00:00Z");
const EVERYTHING = { offset: 0, limit: 100_000 };

const article = (title: string, extra = "") => `---\ntitle: "${title}"\ndate: "2024-03-04T12:00:00+03:00"\nsection: politics\n${extra}---\nТекст новости.\n`;

async function put(rel: string, text: string) {
  const full = path.join(root, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
  // Same-millisecond writes must still look changed to the sweep.
  const t = new Date(Date.now() + Math.random() * 1000);
  await utimes(full, t, t);
}

async function open(watch = false, extra: Partial<IndexerOptions> = {}, contentRoot = root) {
  db = openIndexDatabase(path.join(dataDir, "index.sqlite"));
  indexer = await Indexer.open(contentRoot, db, { watch, log: (l) => logged.push(l), rescanMs: 60_000, ...extra });
  await indexer.watching;
  store = new SqliteStore(db);
  return indexer;
}

async function closeIndexer() {
  indexer?.close();
  // A batch of file events may still be being written: the database closes after it.
  await indexer?.idle().catch(() => {});
  db?.close();
  indexer = undefined;
  db = undefined;
}

const title = async (slug: string) => (await store.article(slug))?.title;
const has = async (slug: string) => (await store.article(slug)) !== undefined;
const slugs = async () => (await store.list({}, NOW, EVERYTHING)).map((a) => a.slug);
const found = async (words: string) => (await store.search(parseQuery(words)!, NOW, { offset: 0, limit: 50 })).hits.map((h) => h.slug);
const problemLines = async () => (await store.problems()).map((p) => `${p.file}: ${p.field}: ${p.message}`);

/** Checks `done` until it holds or `ms` pass. */
async function until(done: () => Promise<boolean>, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return done();
}

beforeEach(async () => {
  logged = [];
  root = await mkdtemp(path.join(os.tmpdir(), "indexer-"));
  dataDir = await mkdtemp(path.join(os.tmpdir(), "indexer-db-"));
  await put("site.json", JSON.stringify({ name: "Вестник", edition: { name: "Беларусь", genitive: "Беларуси" } }));
  await put("sections.json", JSON.stringify([{ slug: "politics", name: "Политика", genitive: "политики" }]));
  await put("articles/first.md", article("Первая"));
});

afterEach(async () => {
  await closeIndexer();
  for (const o of opened.splice(0)) o.close();
  await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

describe("Indexer", () => {
  it("picks up new, edited and deleted articles on a re-scan with the sweep", async () => {
    await open();
    expect(await slugs()).toEqual(["first"]);

    await put("articles/second.md", article("Вторая"));
    await put("articles/first.md", article("Первая, исправленная"));
    await indexer!.rescan({ sweep: true });
    expect(await title("second")).toBe("Вторая");
    expect(await title("first")).toBe("Первая, исправленная");

    await unlink(path.join(root, "articles/second.md"));
    await indexer!.rescan({ sweep: true });
    expect(await has("second")).toBe(false);
  });

  it("finds a file added to a folder by the folder's modification time, without file events or the sweep", async () => {
    await open();
    await put("articles/added.md", article("Добавленная"));
    await indexer!.rescan();
    expect(await title("added")).toBe("Добавленная");
    expect(await found("добавленная")).toEqual(["added"]);
    // A file removed changes its folder's time too.
    await unlink(path.join(root, "articles/added.md"));
    await indexer!.rescan();
    expect(await has("added")).toBe(false);
    expect(await found("добавленная")).toEqual([]);
    // Each check counts its own CPU, which /healthz and bench:scale report as the safety net's cost.
    const net = indexer!.safetyNet();
    expect(net.checks).toBeGreaterThanOrEqual(2);
    expect(net.cpuMs).toBeGreaterThan(0);
  });

  it("finds a file edited in place only by the sweep when there are no file events", async () => {
    await open();
    await put("articles/first.md", article("Первая, исправленная"));
    // Editing a file leaves its folder's time alone: the folder check does not see it.
    await indexer!.rescan();
    expect(await title("first")).toBe("Первая");
    await indexer!.rescan({ sweep: true });
    expect(await title("first")).toBe("Первая, исправленная");
    expect(await found("исправленная")).toEqual(["first"]);
  });

  it("sweeps a slice at a time, each as long as allowed, and starts a new pass a minute after the last began", async () => {
    // 300 files in three folders; a slice of no time at all still stats a few dozen files.
    for (let i = 0; i < 300; i++) await put(`articles/${["a", "b", "c"][i % 3]}/n${String(i).padStart(3, "0")}.md`, article(`Новость ${i}`));
    await open(false, { sweepSliceMs: 0 });
    // The last file of each folder, edited in place: whatever the folders' order, the pass's last.
    const last = ["n297", "n298", "n299"];
    for (const [k, slug] of last.entries()) await put(`articles/${["a", "b", "c"][k]}/${slug}.md`, article(`Исправленная ${slug}`));
    await put("articles/first.md", article("Первая, исправленная"));
    const edited = async () => (await Promise.all(last.map(title))).every((t, k) => t === `Исправленная ${last[k]}`);
    let slices = 0;
    while (!(await edited()) && slices < 100) {
      await indexer!.rescan({ sweep: "slice" });
      slices++;
    }
    expect(await edited()).toBe(true);
    expect(await title("first")).toBe("Первая, исправленная");
    // Every one of the 301 files once, some 64 a slice.
    expect(slices).toBeGreaterThanOrEqual(4);
    expect(slices).toBeLessThanOrEqual(8);
    // The pass is over; the next waits its minute: an edit now is not seen by slices.
    await put("articles/a/n000.md", article("Исправленная потом"));
    for (let i = 0; i < 10; i++) await indexer!.rescan({ sweep: "slice" });
    expect(await title("n000")).not.toBe("Исправленная потом");
    await indexer!.rescan({ sweep: true });
    expect(await title("n000")).toBe("Исправленная потом");
  });

  it("finds a file edited in place by its file event when watching", async () => {
    await open(true);
    await put("articles/first.md", article("Первая, исправленная"));
    expect(await until(async () => (await title("first")) === "Первая, исправленная")).toBe(true);
  });

  it("finds a new sub-folder, and loses a removed folder's files, on a re-scan", async () => {
    await open();
    await put("articles/2024/03/deep.md", article("Глубокая"));
    await put("articles/2024/shallow.md", article("Мелкая"));
    await indexer!.rescan();
    expect(await title("deep")).toBe("Глубокая");
    expect(await title("shallow")).toBe("Мелкая");
    // A file added later to a folder found this way is found too: the folder is known now.
    await put("articles/2024/03/later.md", article("Поздняя"));
    await indexer!.rescan();
    expect(await title("later")).toBe("Поздняя");

    await rm(path.join(root, "articles/2024"), { recursive: true });
    await indexer!.rescan();
    expect(await slugs()).toEqual(["first"]);
    expect(db!.prepare("SELECT count(*) FROM files").pluck().get()).toBe(1);
    expect(db!.prepare("SELECT path FROM dirs ORDER BY path").pluck().all()).toEqual(["articles"]);
  });

  it("keeps what it holds for searching: tags, partners, a body's words after the lead", async () => {
    const extra = 'tags: ["Минск", "Выборы"]\nsource:\n  name: "БелТА"\n';
    await put("articles/first.md", article("Первая", extra));
    await put("articles/second.md", article("Вторая", extra).replace("Текст новости.", "Лид из тела.\n\nВторой абзац со словами."));
    await open();
    const [a, b] = [(await store.article("first"))!, (await store.article("second"))!];
    expect(a.tags).toEqual(["Минск", "Выборы"]);
    expect(b.source).toEqual(a.source);
    expect(b.leadFromBody).toBe(true);
    expect(await store.tag("минск", NOW)).toMatchObject({ name: "Минск", count: 2 });
    expect(await store.list({ tag: "выборы" }, NOW, EVERYTHING)).toHaveLength(2);
    // The body's words are searchable without any body being rendered.
    expect(await found("абзац")).toEqual(["second"]);
  });

  it("reads only what changed when started again on its database, and everything on a new one", async () => {
    await open();
    await closeIndexer();
    // Same size and time, other text: only a start that trusts the database still sees "Первая".
    const full = path.join(root, "articles/first.md");
    const { mtime } = await stat(full);
    await writeFile(full, article("Другая"));
    await utimes(full, mtime, mtime);
    await open();
    expect(await title("first")).toBe("Первая");
    await closeIndexer();
    // The database deleted (it is derived): built again from the files.
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir);
    await open();
    expect(await title("first")).toBe("Другая");
  });

  it("does not read again, when started again, the articles that show a photo", async () => {
    await mkdir(path.join(root, "media"), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#888" } })
      .jpeg()
      .toFile(path.join(root, "media/photo.jpg"));
    await put("articles/photo.md", article("Фотография", "image: {src: media/photo.jpg, alt: Фото}\n"));
    await open();
    expect(await title("photo")).toBe("Фотография");
    await closeIndexer();
    // Same size and time, other text: a start that re-read it (as one that took every photo for new did) would see it.
    const full = path.join(root, "articles/photo.md");
    const { mtime } = await stat(full);
    await writeFile(full, article("Фотографиё", "image: {src: media/photo.jpg, alt: Фото}\n"));
    await utimes(full, mtime, mtime);
    await open();
    expect(await title("photo")).toBe("Фотография");
  });

  it("keeps the last good version of a file caught mid-save and reports it once", async () => {
    await open();
    await put("articles/first.md", '---\ntitle: "Перв');
    await indexer!.rescan({ sweep: true });
    await indexer!.rescan({ sweep: true });
    expect(await title("first")).toBe("Первая");
    expect(logged.filter((l) => l.startsWith("articles/first.md: front matter:"))).toHaveLength(1);
    expect(await found("первая")).toEqual(["first"]);

    await put("articles/first.md", article("Первая, дописанная"));
    await indexer!.rescan({ sweep: true });
    expect(await title("first")).toBe("Первая, дописанная");
    expect(await store.problems()).toEqual([]);
  });

  it("re-validates every article when sections.json changes", async () => {
    await open();
    await put("sections.json", JSON.stringify([{ slug: "sport", name: "Спорт", genitive: "спорта" }]));
    await indexer!.rescan();
    expect(await has("first")).toBe(false);
    expect(await found("первая")).toEqual([]);
    expect(logged.some((l) => l.startsWith('articles/first.md: section: unknown section "politics"'))).toBe(true);
    expect((await store.catalog()).sections.map((s) => s.slug)).toEqual(["sport"]);
  });

  it("drops the last good version of a broken file when sections.json changes (fresh)", async () => {
    await put("articles/second.md", article("Вторая"));
    await open();
    await put("articles/first.md", '---\ntitle: "Перв');
    await indexer!.rescan({ sweep: true });
    expect(await title("first")).toBe("Первая");
    // A section added: every article is read again as if for the first time, and a broken file
    // has no version that is known to be valid with the new sections.
    await put(
      "sections.json",
      JSON.stringify([
        { slug: "politics", name: "Политика", genitive: "политики" },
        { slug: "sport", name: "Спорт", genitive: "спорта" },
      ]),
    );
    await indexer!.rescan();
    expect(await has("first")).toBe(false);
    expect(await title("second")).toBe("Вторая");
    expect((await problemLines()).some((l) => l.startsWith("articles/first.md: front matter:"))).toBe(true);
  });

  it("follows sources.json by file events: a partner renamed or added shows, and a broken entry is reported", async () => {
    const partner = (id: string, name: string, url = "https://example.org/rss") => ({ id, name, url, section: "politics" });
    await put("sources.json", JSON.stringify([partner("vestnik", "Вестник")]));
    await open(true);
    expect((await store.catalog()).sources).toEqual([{ id: "vestnik", name: "Вестник" }]);
    await put("sources.json", JSON.stringify([partner("vestnik", "Вестник Полесья"), partner("kurier", "Курьер"), partner("broken", "Сломанный", "ftp://x")]));
    expect(await until(async () => (await store.catalog()).sources.length >= 2)).toBe(true);
    const catalog = await store.catalog();
    expect(catalog.sources).toEqual([
      { id: "vestnik", name: "Вестник Полесья" },
      { id: "kurier", name: "Курьер" },
    ]);
    expect(catalog.sourceById.get("kurier")?.name).toBe("Курьер");
    expect((await store.problems()).map((p) => `${p.file}: ${p.field}`)).toEqual(["sources.json: [2].url"]);
    expect(logged.some((l) => l.startsWith("sources.json: [2].url: "))).toBe(true);
    // The feed's address never reaches the catalog that pages read.
    expect(JSON.stringify(catalog.sources)).not.toContain("example.org");
  });

  it("notices sources.json on a re-scan too, and its removal", async () => {
    await open();
    expect((await store.catalog()).sources).toEqual([]);
    await put("sources.json", JSON.stringify([{ id: "vestnik", name: "Вестник", url: "file:feeds/v.xml", section: "politics" }]));
    await indexer!.rescan();
    expect((await store.catalog()).sources).toEqual([{ id: "vestnik", name: "Вестник" }]);
    await unlink(path.join(root, "sources.json"));
    await indexer!.rescan();
    expect((await store.catalog()).sources).toEqual([]);
    expect(await store.problems()).toEqual([]);
  });

  it("re-reads only the files it is told to on refresh", async () => {
    await open();
    await put("articles/pushed.md", article("Присланная"));
    await put("articles/first.md", article("Первая, исправленная"));
    await indexer!.refresh(["articles/pushed.md"]);
    expect(await has("pushed")).toBe(true);
    expect(await title("first")).toBe("Первая");
  });

  it("follows file events without waiting for a re-scan", async () => {
    await open(true);
    await put("articles/watched.md", article("Замеченная"));
    expect(await until(() => has("watched"))).toBe(true);
    expect(await title("watched")).toBe("Замеченная");
  });

  it("follows a folder moved in whole, and site.json, by file events", async () => {
    await open(true);
    const outside = await mkdtemp(path.join(os.tmpdir(), "incoming-"));
    await mkdir(path.join(outside, "2024"), { recursive: true });
    await writeFile(path.join(outside, "2024", "moved.md"), article("Перенесённая"));
    await rename(outside, path.join(root, "articles", "batch"));
    await put("site.json", JSON.stringify({ name: "Новый вестник", edition: { name: "Беларусь", genitive: "Беларуси" } }));
    expect(await until(async () => (await has("moved")) && (await store.catalog()).site.name === "Новый вестник")).toBe(true);
    expect(await title("moved")).toBe("Перенесённая");
    // A file written into the new folder afterwards is seen too: the folder is watched now.
    await put("articles/batch/2024/later.md", article("Поздняя"));
    expect(await until(() => has("later"))).toBe(true);
  });

  it("gives a slug to the file whose path sorts first, and to the other when that one is deleted", async () => {
    await put("articles/b/dup.md", article("Выпуск бета", "slug: dup\n"));
    await put("articles/a/dup.md", article("Выпуск альфа", "slug: dup\n"));
    await open();
    expect(await title("dup")).toBe("Выпуск альфа");
    expect(await problemLines()).toEqual(['articles/b/dup.md: slug: "dup" is already used by articles/a/dup.md']);
    // Only the winner is searchable.
    expect(await found("выпуск")).toEqual(["dup"]);
    expect(await found("бета")).toEqual([]);
    expect(await store.size()).toBe(2);

    await rm(path.join(root, "articles/a"), { recursive: true });
    await indexer!.rescan();
    expect(await title("dup")).toBe("Выпуск бета");
    expect(await found("бета")).toEqual(["dup"]);
    expect(await store.problems()).toEqual([]);
  });

  it("hands a slug over when the winning file takes another slug", async () => {
    await put("articles/a.md", article("Первая А", "slug: shared\n"));
    await put("articles/b.md", article("Вторая Б", "slug: shared\n"));
    await open();
    expect(await title("shared")).toBe("Первая А");
    await put("articles/a.md", article("Первая А", "slug: own\n"));
    await indexer!.refresh(["articles/a.md"]);
    expect(await title("shared")).toBe("Вторая Б");
    expect(await title("own")).toBe("Первая А");
    expect(await found("вторая")).toEqual(["shared"]);
    expect(await store.problems()).toEqual([]);
  });

  it("answers an old slug with the article that names it in aliases, while no article holds it", async () => {
    await put("articles/renamed.md", article("Переименованная", 'aliases: ["old-name"]\n'));
    await open();
    expect((await store.alias("old-name"))?.slug).toBe("renamed");
    expect(await store.alias("renamed")).toBeUndefined();
    // An article that takes the old slug for itself wins over the alias.
    await put("articles/old-name.md", article("Новая заметка"));
    await indexer!.rescan();
    expect(await store.alias("old-name")).toBeUndefined();
    expect(await title("old-name")).toBe("Новая заметка");
    // The alias goes with its article.
    await unlink(path.join(root, "articles/old-name.md"));
    await unlink(path.join(root, "articles/renamed.md"));
    await indexer!.rescan();
    expect(await store.alias("old-name")).toBeUndefined();
  });

  it("brings the database up to the folder at start: what was added, edited and removed while no indexer ran", async () => {
    await put("articles/2024/gone-with-folder.md", article("Уйдёт с папкой"));
    await put("articles/deleted.md", article("Удалённая"));
    await open();
    expect((await slugs()).sort()).toEqual(["deleted", "first", "gone-with-folder"]);
    await closeIndexer();

    await rm(path.join(root, "articles/2024"), { recursive: true });
    await unlink(path.join(root, "articles/deleted.md"));
    await put("articles/first.md", article("Первая, исправленная"));
    await put("articles/2025/added.md", article("Добавленная"));
    await open();
    expect((await slugs()).sort()).toEqual(["added", "first"]);
    expect(await title("first")).toBe("Первая, исправленная");
    expect(await found("удалённая")).toEqual([]);
    expect(db!.prepare("SELECT path FROM dirs ORDER BY path").pluck().all()).toEqual(["articles", "articles/2025"]);
  });

  it("follows deletions and renames by file events", async () => {
    await put("articles/doomed.md", article("Обречённая"));
    await open(true);
    await unlink(path.join(root, "articles/doomed.md"));
    await rename(path.join(root, "articles/first.md"), path.join(root, "articles/renamed.md"));
    expect(await until(async () => !(await has("doomed")) && (await has("renamed")) && !(await has("first")))).toBe(true);
    expect(await found("первая")).toEqual(["renamed"]);
    expect(db!.prepare("SELECT path FROM files ORDER BY path").pluck().all()).toEqual(["articles/renamed.md"]);
  });

  it("keeps what it has while articles/ is missing (a deploy in progress), and reads it again once it is back", async () => {
    await open();
    await rename(path.join(root, "articles"), path.join(root, "articles.old"));
    await indexer!.rescan({ sweep: true });
    expect(await title("first")).toBe("Первая");
    expect(logged.some((l) => l.endsWith("articles: folder is missing; serving the last content read until it is back"))).toBe(true);
    await rename(path.join(root, "articles.old"), path.join(root, "articles"));
    await put("articles/back.md", article("Вернувшаяся"));
    await indexer!.rescan();
    expect((await slugs()).sort()).toEqual(["back", "first"]);
  });

  it("lists and searches drafts and scheduled stories only once published, but finds them by slug (the editor's preview)", async () => {
    await put("articles/draft.md", article("Черновик", "draft: true\n"));
    await put("articles/later.md", article("Запланированная").replace("2024-03-04", "2031-01-01"));
    await open();
    expect(await slugs()).toEqual(["first"]);
    expect(await title("draft")).toBe("Черновик");
    expect(await title("later")).toBe("Запланированная");
    expect(await found("черновик")).toEqual([]);
    expect(await found("запланированная")).toEqual([]);
    // Its time comes: listed and found without the index changing.
    const after = Date.parse("2031-01-02T00:00:00Z");
    expect((await store.list({}, after, EVERYTHING)).map((a) => a.slug)).toEqual(["later", "first"]);
    expect((await store.search(parseQuery("запланированная")!, after, EVERYTHING)).hits.map((h) => h.slug)).toEqual(["later"]);
    // The draft published: now it is found.
    await put("articles/draft.md", article("Черновик"));
    await indexer!.refresh(["articles/draft.md"]);
    expect(await found("черновик")).toEqual(["draft"]);
  });

  it("drops an article whose photo is removed, and lists why", async () => {
    await mkdir(path.join(root, "media"), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#888" } })
      .jpeg()
      .toFile(path.join(root, "media/old.jpg"));
    await put("articles/photo.md", article("С фото", "image: {src: media/old.jpg, alt: Фото}\n"));
    await open();
    expect((await store.article("photo"))?.image).toMatchObject({ width: 40, height: 30 });
    await unlink(path.join(root, "media/old.jpg"));
    await indexer!.rescan();
    expect(await has("photo")).toBe(false);
    expect(await store.media("media/old.jpg")).toBeUndefined();
    expect((await problemLines()).some((l) => l.startsWith("articles/photo.md: image"))).toBe(true);
    expect(await title("first")).toBe("Первая");
  });

  it("re-validates the articles waiting for a photo when it arrives", async () => {
    await put("articles/photo.md", article("С фото", "image: {src: media/new.jpg, alt: Фото}\n"));
    await open();
    expect(await has("photo")).toBe(false);
    await mkdir(path.join(root, "media"), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#888" } })
      .jpeg()
      .toFile(path.join(root, "media/new.jpg"));
    await indexer!.refresh(["media/new.jpg"]);
    expect((await store.article("photo"))?.image).toMatchObject({ src: "/media/new.jpg", width: 40, height: 30 });
    expect(await store.media("media/new.jpg")).toEqual({ width: 40, height: 30 });
    expect(await title("first")).toBe("Первая");
  });

  describe("when the content folder itself is replaced, as deploy tools do", () => {
    // The re-scan is an hour away in these tests: only following the folder brings the new one.
    const hour = { rescanMs: 3_600_000 };

    /** Waits until `done`, checking meanwhile that the store never went empty. */
    async function untilKept(done: () => Promise<boolean>, ms = 10_000) {
      const deadline = Date.now() + ms;
      let emptied = false;
      while (!(await done()) && Date.now() < deadline) {
        if ((await store.size()) === 0) emptied = true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return { done: await done(), emptied };
    }

    async function copyWith(slug: string): Promise<string> {
      const next = `${root}.next`;
      await cp(root, next, { recursive: true, preserveTimestamps: true });
      await writeFile(path.join(next, "articles", `${slug}.md`), article("Из новой версии"));
      return next;
    }

    it("follows a folder renamed away and replaced by another renamed in", async () => {
      await open(true, hour);
      const next = await copyWith("swapped");
      await rename(root, `${root}.old`);
      await rename(next, root);
      expect(await untilKept(() => has("swapped"))).toEqual({ done: true, emptied: false });
      // The new folder is watched: a file written into it later is seen by its event.
      await put("articles/after-swap.md", article("После замены"));
      expect(await untilKept(() => has("after-swap"))).toEqual({ done: true, emptied: false });
      await rm(`${root}.old`, { recursive: true, force: true });
    });

    it("serves the last content while the folder is missing, and the new one once it is made again", async () => {
      await open(true, hour);
      const next = await copyWith("recreated");
      await rm(root, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 2500));
      expect(await has("first")).toBe(true);
      expect(logged.some((l) => /folder: is missing; serving the last content/.test(l))).toBe(true);
      await rename(next, root);
      expect(await untilKept(() => has("recreated"))).toEqual({ done: true, emptied: false });
    });

    it("follows release after release, old ones deleted, though a new folder may reuse an old one's inode", async () => {
      const releases = await mkdtemp(path.join(os.tmpdir(), "releases-"));
      try {
        const current = path.join(releases, "current");
        await cp(root, path.join(releases, "r1"), { recursive: true });
        await symlink("r1", current);
        await open(true, hour, current);
        for (const [i, from] of [
          [2, "r1"],
          [3, "r2"],
          [4, "r3"],
        ] as const) {
          const next = path.join(releases, `r${i}`);
          await cp(path.join(releases, from), next, { recursive: true });
          await writeFile(path.join(next, "articles", `release-${i}.md`), article(`Выпуск ${i}`));
          await symlink(`r${i}`, `${current}.tmp`);
          await rename(`${current}.tmp`, current);
          // The old release goes at once: the next folder made may get its inode back.
          await rm(path.join(releases, from), { recursive: true, force: true });
          expect(await untilKept(() => has(`release-${i}`))).toEqual({ done: true, emptied: false });
        }
      } finally {
        await closeIndexer();
        await rm(releases, { recursive: true, force: true });
      }
    });

    it("follows a symbolic link switched to another release", async () => {
      const releases = await mkdtemp(path.join(os.tmpdir(), "releases-"));
      try {
        await cp(root, path.join(releases, "a"), { recursive: true });
        await cp(root, path.join(releases, "b"), { recursive: true });
        await writeFile(path.join(releases, "b", "articles", "release-b.md"), article("Выпуск Б"));
        const current = path.join(releases, "current");
        await symlink(path.join(releases, "a"), current);
        await open(true, hour, current);
        // Switched atomically: a new link renamed over the old one.
        await symlink(path.join(releases, "b"), `${current}.tmp`);
        await rename(`${current}.tmp`, current);
        expect(await untilKept(() => has("release-b"))).toEqual({ done: true, emptied: false });
        // Files of the new release are inside the folder, not "outside" the old one's real path.
        await writeFile(path.join(releases, "b", "articles", "later.md"), article("Позже"));
        expect(await untilKept(() => has("later"))).toEqual({ done: true, emptied: false });
      } finally {
        await closeIndexer();
        await rm(releases, { recursive: true, force: true });
      }
    });
  });

  it("shows thousands of files written at once as it writes them, not after the last one", { timeout: 120_000 }, async () => {
    // Written in small transactions here; every 1,000 records by default.
    await open(true, { rescanMs: 3_600_000, batchSize: 100 });
    const bulk = path.join(root, "articles", "bulk");
    await mkdir(bulk, { recursive: true });
    await new Promise((r) => setTimeout(r, 300)); // the new folder is watched
    // Written in one go, as an importer or rsync would.
    for (let i = 0; i < 3000; i++) writeFileSync(path.join(bulk, `bulk-${i}.md`), article(`Массовая ${i}`));
    const counts = new Set<number>();
    const deadline = Date.now() + 100_000;
    for (let n = 0; n < 3001 && Date.now() < deadline; n = await store.size()) {
      counts.add(n);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await store.size()).toBe(3001);
    // Readers saw the first of them while the rest were written.
    expect([...counts].filter((n) => n > 1 && n < 3001).length).toBeGreaterThan(2);
  });

  it("ends a large batch (worker threads) with the same store as small ones", { timeout: 180_000 }, async () => {
    // 2,500 tiny files, among them a duplicate slug, a draft, a broken file and tags.
    const files: [string, string][] = [];
    for (let i = 0; i < 2500; i++) {
      const folder = `articles/${i % 2 ? "odd" : "even"}/${String(i % 7)}`;
      const extra = i % 50 === 0 ? `tags: ["Тег ${i % 3}"]\n` : i % 333 === 0 ? "draft: true\n" : "";
      files.push([`${folder}/item-${i}.md`, article(`Заметка номер ${i}`, extra)]);
    }
    files.push(["articles/even/dup.md", article("Дубль первый", "slug: dup\n")]);
    files.push(["articles/odd/dup.md", article("Дубль второй", "slug: dup\n")]);
    files.push(["articles/odd/broken.md", '---\ntitle: "Сломан']);
    const half = Math.floor(files.length / 2);
    const write = (list: [string, string][]) => Promise.all(list.map(([rel, text]) => put(rel, text)));

    // Small batches: half at start, the rest found by a re-scan (each under the threads' threshold).
    await write(files.slice(0, half));
    await open();
    await write(files.slice(half));
    await indexer!.rescan();
    const small = await snapshot();
    await closeIndexer();
    // The 2,500, first.md and the duplicate that holds its slug (not the other, nor the broken file).
    expect(small.size).toBe(2502);

    // One large batch into an empty database.
    dataDir = await mkdtemp(path.join(os.tmpdir(), "indexer-db-"));
    await open();
    expect(logged.some((l) => /^indexed 2504 files in/.test(l))).toBe(true);
    expect(await snapshot()).toEqual(small);
    expect(readMeta(db!, "building")).toBe("0");
  });

  async function snapshot() {
    const articles = db!.prepare("SELECT file, slug, draft, state, date_ms, section, month, data FROM articles ORDER BY file").all();
    const files = db!.prepare("SELECT path, dir, stamp, problems FROM files ORDER BY path").all();
    const tags = db!.prepare("SELECT t.tag_key, a.file, t.state FROM tags t JOIN articles a ON a.id = t.article_id ORDER BY 1, 2").all();
    const dirs = db!.prepare("SELECT path FROM dirs ORDER BY path").pluck().all();
    const search = { all: await found("заметка"), dup: await found("дубль"), count: (await store.search(parseQuery("заметка")!, NOW, EVERYTHING)).total };
    return { size: await store.size(), articles, files, tags, dirs, search, problems: await problemLines(), listed: await slugs() };
  }
});

describe("OpenedStore", () => {
  async function openStore(extra: Parameters<typeof OpenedStore.open>[1] = {}) {
    const o = await OpenedStore.open(root, { file: path.join(dataDir, "shared.sqlite"), watch: false, rescanMs: 60_000, log: (l) => logged.push(l), ...extra });
    opened.push(o);
    return o;
  }

  it("lets one of two stores on a file index (the lease), the other read its changes, and take over when it closes", { timeout: 30_000 }, async () => {
    const first = await openStore();
    const second = await openStore();
    expect(first.indexer).toBeDefined();
    expect(second.indexer).toBeUndefined();
    expect((await second.current().article("first"))?.title).toBe("Первая");

    await put("articles/second.md", article("Вторая"));
    await first.indexer!.refresh(["articles/second.md"]);
    expect((await second.current().article("second"))?.title).toBe("Вторая");
    expect(await second.current().search(parseQuery("вторая")!, NOW, { offset: 0, limit: 10 })).toMatchObject({ hits: [{ slug: "second" }] });

    first.close();
    // The lease is released on close: the other store takes it at its next renewal tick.
    expect(await until(async () => second.indexer !== undefined, 10_000)).toBe(true);
    await put("articles/third.md", article("Третья"));
    await second.indexer!.refresh(["articles/third.md"]);
    expect((await second.current().article("third"))?.title).toBe("Третья");
  });

  it("serves a database rebuilt by npm run index -- --rebuild once current() looks again", { timeout: 120_000 }, async () => {
    const file = path.join(dataDir, "cli.sqlite");
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/build/index-content.ts", ...args], {
        cwd: process.cwd(),
        env: { ...process.env, CONTENT_DIR: root, INDEX_DB: file },
      });
    const once = await run();
    expect(once.stdout).toMatch(/^indexed 1 articles in .* → /m);

    // Again: nothing changed, so nothing is written (readers keep their caches).
    const reader = await openStore({ file, write: false });
    const version = await reader.current().version();
    const again = await run();
    expect(again.stdout).toMatch(/^indexed 1 articles in /m);
    expect(await reader.current().version()).toBe(version);

    // A rebuild makes a new file and puts it in place of the old one, which the reader follows.
    await put("articles/second.md", article("Вторая"));
    const rebuilt = await run("--rebuild");
    expect(rebuilt.stdout).toMatch(/^indexed 2 articles in /m);
    await new Promise((r) => setTimeout(r, 1100)); // current() looks at the file at most once a second
    expect((await reader.current().article("second"))?.title).toBe("Вторая");
    expect(logged.some((l) => l.endsWith("the index was replaced; reading the new one"))).toBe(true);
  });
});
