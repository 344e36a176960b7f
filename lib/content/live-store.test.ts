import { cp, mkdir, mkdtemp, rename, rm, stat, symlink, unlink, utimes, writeFile } from "node:fs/promises";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LiveContent, type LiveContentOptions } from "./live-store";
import { RenderPool } from "./render-pool";

let root: string;
let live: LiveContent | undefined;
let logged: string[];
// One pool for the file: a worker's start under tsx takes seconds on a busy machine.
const pool = new RenderPool({ size: 1 });
beforeAll(() => pool.run({ kind: "words", markdown: "Разминка.", takeLead: false }), 60_000);
afterAll(() => pool.close());

const article = (title: string, extra = "") =>
  `---\ntitle: "${title}"\ndate: "2024-03-04T12:00:00+03:00"\nsection: politics\n${extra}---\nТекст новости.\n`;

async function put(rel: string, text: string) {
  const full = path.join(root, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
  // Same-millisecond writes must still look changed to the re-scan.
  const t = new Date(Date.now() + Math.random() * 1000);
  await utimes(full, t, t);
}

async function open(watch = false, extra: Partial<LiveContentOptions> = {}) {
  live = await LiveContent.open(root, { watch, log: (l) => logged.push(l), rescanMs: 60_000, pool, ...extra });
  await live.watching;
  return live;
}

beforeEach(async () => {
  logged = [];
  root = await mkdtemp(path.join(os.tmpdir(), "live-"));
  await put("site.json", JSON.stringify({ name: "Вестник", edition: { name: "Беларусь", genitive: "Беларуси" } }));
  await put("sections.json", JSON.stringify([{ slug: "politics", name: "Политика", genitive: "политики" }]));
  await put("articles/first.md", article("Первая"));
});

afterEach(async () => {
  live?.close();
  live = undefined;
  await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

describe("LiveContent", () => {
  it("picks up new, edited and deleted articles on a re-scan", async () => {
    const c = await open();
    expect([...c.index.bySlug.keys()]).toEqual(["first"]);

    await put("articles/second.md", article("Вторая"));
    await put("articles/first.md", article("Первая, исправленная"));
    await c.rescan();
    expect(c.index.bySlug.get("second")?.title).toBe("Вторая");
    expect(c.index.bySlug.get("first")?.title).toBe("Первая, исправленная");

    await unlink(path.join(root, "articles/second.md"));
    await c.rescan();
    expect(c.index.bySlug.has("second")).toBe(false);
  });

  it("shares repeated values between articles, read from files or from the cache", async () => {
    const extra = 'tags: ["Минск", "Выборы"]\nsource:\n  name: "БелТА"\n';
    await put("articles/first.md", article("Первая", extra));
    await put("articles/second.md", article("Вторая", extra));
    const cache = { file: path.join(root, "cache.ndjson"), salt: "t" };
    for (let run = 0; run < 2; run++) {
      const c = await open(false, { cache });
      const [a, b] = [c.index.bySlug.get("first")!, c.index.bySlug.get("second")!];
      expect(a.tags).toEqual(["Минск", "Выборы"]);
      expect(b.tags).toBe(a.tags);
      expect(b.source).toBe(a.source);
      await c.saveCache();
      c.close();
      live = undefined;
    }
  });

  it("gives search a body's words without rendering it into the readers' cache", async () => {
    await put("articles/first.md", "---\ntitle: Первая\ndate: \"2024-03-04T12:00:00+03:00\"\nsection: politics\n---\nЛид из тела.\n\nВторой абзац со словами.\n\nТретий абзац.\n");
    const c = await open();
    const a = c.index.bySlug.get("first")!;
    expect(a.leadFromBody).toBe(true);
    expect(await c.bodyText(a, 2)).toBe("Второй абзац со словами.");
    expect(await c.bodyText(a)).toBe("Второй абзац со словами.\n\nТретий абзац.");
    expect(c.cachedBodies).toBe(0);
    await c.body(a);
    expect(c.cachedBodies).toBe(1);
  });

  it("keeps the last good version of a file caught mid-save and reports it once", async () => {
    const c = await open();
    await put("articles/first.md", "---\ntitle: \"Перв");
    await c.rescan();
    await c.rescan();
    expect(c.index.bySlug.get("first")?.title).toBe("Первая");
    expect(logged.filter((l) => l.startsWith("articles/first.md: front matter:"))).toHaveLength(1);

    await put("articles/first.md", article("Первая, дописанная"));
    await c.rescan();
    expect(c.index.bySlug.get("first")?.title).toBe("Первая, дописанная");
    expect(c.index.problems).toEqual([]);
  });

  it("re-validates every article when sections.json changes", async () => {
    const c = await open();
    await put("sections.json", JSON.stringify([{ slug: "sport", name: "Спорт", genitive: "спорта" }]));
    await c.rescan();
    expect(c.index.bySlug.has("first")).toBe(false);
    expect(logged.some((l) => l.startsWith('articles/first.md: section: unknown section "politics"'))).toBe(true);
  });

  it("follows sources.json by file events: a partner renamed or added shows, and a broken entry is reported", async () => {
    const partner = (id: string, name: string, url = "https://example.org/rss") => ({ id, name, url, section: "politics" });
    await put("sources.json", JSON.stringify([partner("vestnik", "Вестник")]));
    const c = await open(true);
    expect(c.index.sources).toEqual([{ id: "vestnik", name: "Вестник" }]);
    await put("sources.json", JSON.stringify([partner("vestnik", "Вестник Полесья"), partner("kurier", "Курьер"), partner("broken", "Сломанный", "ftp://x")]));
    const deadline = Date.now() + 5000;
    while (c.index.sources.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(c.index.sources).toEqual([
      { id: "vestnik", name: "Вестник Полесья" },
      { id: "kurier", name: "Курьер" },
    ]);
    expect(c.index.sourceById.get("kurier")?.name).toBe("Курьер");
    expect(c.index.problems.map((p) => `${p.file}: ${p.field}`)).toEqual(["sources.json: [2].url"]);
    expect(logged.some((l) => l.startsWith("sources.json: [2].url: "))).toBe(true);
    // The feed's address never reaches the index that pages read.
    expect(JSON.stringify(c.index.sources)).not.toContain("example.org");
  });

  it("notices sources.json on a re-scan too, and its removal", async () => {
    const c = await open();
    expect(c.index.sources).toEqual([]);
    await put("sources.json", JSON.stringify([{ id: "vestnik", name: "Вестник", url: "file:feeds/v.xml", section: "politics" }]));
    await c.rescan();
    expect(c.index.sources).toEqual([{ id: "vestnik", name: "Вестник" }]);
    await unlink(path.join(root, "sources.json"));
    await c.rescan();
    expect(c.index.sources).toEqual([]);
    expect(c.index.problems).toEqual([]);
  });

  it("re-reads only the files it is told to on refresh", async () => {
    const c = await open();
    await put("articles/pushed.md", article("Присланная"));
    await c.refresh(["articles/pushed.md"]);
    expect(c.index.bySlug.has("pushed")).toBe(true);
  });

  it("follows file events without waiting for a re-scan", async () => {
    const c = await open(true);
    await put("articles/watched.md", article("Замеченная"));
    const deadline = Date.now() + 5000;
    while (!c.index.bySlug.has("watched") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(c.index.bySlug.get("watched")?.title).toBe("Замеченная");
  });

  it("renders a body on demand and keeps the last good one when the file is caught mid-save", async () => {
    const c = await open();
    await put("articles/first.md", article("Первая").replace("Текст новости.", "Полный текст.\n\nВторой абзац."));
    await c.refresh(["articles/first.md"]);
    const a = c.index.bySlug.get("first")!;
    expect(a.lead).toBe("Полный текст.");
    expect((await c.body(a)).html).toBe("<p>Второй абзац.</p>");

    await put("articles/first.md", "---\ntitle: \"Перв");
    await c.refresh(["articles/first.md"]);
    const kept = c.index.bySlug.get("first")!;
    expect(kept.title).toBe("Первая");
    expect((await c.body(kept)).html).toBe("<p>Второй абзац.</p>");
  });

  it("parses front matter once: a second start reads it from the cache file", async () => {
    const cache = { file: path.join(root, ".cache", "index.ndjson"), salt: "build-1" };
    const first = await open(false, { cache });
    await first.saveCache();
    first.close();
    // Same size and time, other text: only a start that trusts the cache still sees "Первая".
    const full = path.join(root, "articles/first.md");
    const { mtime } = await stat(full);
    await writeFile(full, article("Другая"));
    await utimes(full, mtime, mtime);
    expect((await open(false, { cache })).index.bySlug.get("first")?.title).toBe("Первая");
    live!.close();
    // Another build's cache is not trusted.
    expect((await open(false, { cache: { ...cache, salt: "build-2" } })).index.bySlug.get("first")?.title).toBe("Другая");
  });

  it("follows a folder moved in whole, and site.json, by file events", async () => {
    const c = await open(true);
    const outside = await mkdtemp(path.join(os.tmpdir(), "incoming-"));
    await mkdir(path.join(outside, "2024"), { recursive: true });
    await writeFile(path.join(outside, "2024", "moved.md"), article("Перенесённая"));
    await rename(outside, path.join(root, "articles", "batch"));
    await put("site.json", JSON.stringify({ name: "Новый вестник", edition: { name: "Беларусь", genitive: "Беларуси" } }));
    const deadline = Date.now() + 5000;
    while ((!c.index.bySlug.has("moved") || c.index.site.name !== "Новый вестник") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(c.index.bySlug.get("moved")?.title).toBe("Перенесённая");
    expect(c.index.site.name).toBe("Новый вестник");
    // A file written into the new folder afterwards is seen too: the folder is watched now.
    await put("articles/batch/2024/later.md", article("Поздняя"));
    const until = Date.now() + 5000;
    while (!c.index.bySlug.has("later") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(c.index.bySlug.has("later")).toBe(true);
  });

  describe("when the content folder itself is replaced, as deploy tools do", () => {
    // The re-scan is an hour away in these tests: only following the folder brings the new one.
    const hour = { rescanMs: 3_600_000 };

    /** Waits until `done`, checking meanwhile that the index never went empty. */
    async function until(c: LiveContent, done: () => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      let emptied = false;
      while (!done() && Date.now() < deadline) {
        if (c.index.articles.length === 0) emptied = true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return { done: done(), emptied };
    }

    async function copyWith(slug: string): Promise<string> {
      const next = `${root}.next`;
      await cp(root, next, { recursive: true, preserveTimestamps: true });
      await writeFile(path.join(next, "articles", `${slug}.md`), article("Из новой версии"));
      return next;
    }

    it("follows a folder renamed away and replaced by another renamed in", async () => {
      const c = await open(true, hour);
      const next = await copyWith("swapped");
      await rename(root, `${root}.old`);
      await rename(next, root);
      expect(await until(c, () => c.index.bySlug.has("swapped"))).toEqual({ done: true, emptied: false });
      // The new folder is watched: a file written into it later is seen by its event.
      await put("articles/after-swap.md", article("После замены"));
      expect(await until(c, () => c.index.bySlug.has("after-swap"))).toEqual({ done: true, emptied: false });
      await rm(`${root}.old`, { recursive: true, force: true });
    });

    it("serves the last content while the folder is missing, and the new one once it is made again", async () => {
      const c = await open(true, hour);
      const next = await copyWith("recreated");
      await rm(root, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 2500));
      expect(c.index.bySlug.has("first")).toBe(true);
      expect(logged.some((l) => /folder: is missing; serving the last content/.test(l))).toBe(true);
      await rename(next, root);
      expect(await until(c, () => c.index.bySlug.has("recreated"))).toEqual({ done: true, emptied: false });
    });

    it("follows release after release, old ones deleted, though a new folder may reuse an old one's inode", async () => {
      const releases = await mkdtemp(path.join(os.tmpdir(), "releases-"));
      try {
        const current = path.join(releases, "current");
        await cp(root, path.join(releases, "r1"), { recursive: true });
        await symlink("r1", current);
        live = await LiveContent.open(current, { watch: true, log: (l) => logged.push(l), pool, ...hour });
        await live.watching;
        const c = live;
        for (const [i, from] of [[2, "r1"], [3, "r2"], [4, "r3"]] as const) {
          const next = path.join(releases, `r${i}`);
          await cp(path.join(releases, from), next, { recursive: true });
          await writeFile(path.join(next, "articles", `release-${i}.md`), article(`Выпуск ${i}`));
          await symlink(`r${i}`, `${current}.tmp`);
          await rename(`${current}.tmp`, current);
          // The old release goes at once: the next folder made may get its inode back.
          await rm(path.join(releases, from), { recursive: true, force: true });
          expect(await until(c, () => c.index.bySlug.has(`release-${i}`))).toEqual({ done: true, emptied: false });
        }
      } finally {
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
        live = await LiveContent.open(current, { watch: true, log: (l) => logged.push(l), pool, ...hour });
        await live.watching;
        const c = live;
        // Switched atomically: a new link renamed over the old one.
        await symlink(path.join(releases, "b"), `${current}.tmp`);
        await rename(`${current}.tmp`, current);
        expect(await until(c, () => c.index.bySlug.has("release-b"))).toEqual({ done: true, emptied: false });
        // Files of the new release are inside the folder, not "outside" the old one's real path.
        await writeFile(path.join(releases, "b", "articles", "later.md"), article("Позже"));
        expect(await until(c, () => c.index.bySlug.has("later"))).toEqual({ done: true, emptied: false });
      } finally {
        await rm(releases, { recursive: true, force: true });
      }
    });
  });

  it("publishes 5,000 files written at once as it reads them, not after the last one", { timeout: 120_000 }, async () => {
    // Published after every few files here; every second by default. `npm run bench:bulk` times it.
    const c = await open(true, { rescanMs: 3_600_000, publishEveryMs: 0 });
    const bulk = path.join(root, "articles", "bulk");
    await mkdir(bulk, { recursive: true });
    await new Promise((r) => setTimeout(r, 300)); // the new folder is watched
    // Written in one go, as an importer or rsync would.
    for (let i = 0; i < 5000; i++) writeFileSync(path.join(bulk, `bulk-${i}.md`), article(`Массовая ${i}`));
    const counts = new Set<number>();
    const deadline = Date.now() + 100_000;
    while (c.index.articles.length < 5001 && Date.now() < deadline) {
      counts.add(c.index.articles.length);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(c.index.articles.length).toBe(5001);
    // Readers saw the first of them while the rest were read.
    expect([...counts].filter((n) => n > 1 && n < 5001).length).toBeGreaterThan(2);
  });

  it("re-validates the articles waiting for a photo when it arrives", async () => {
    await put("articles/photo.md", article("С фото", "image: {src: media/new.jpg, alt: Фото}\n"));
    const c = await open();
    expect(c.index.bySlug.has("photo")).toBe(false);
    await mkdir(path.join(root, "media"), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#888" } }).jpeg().toFile(path.join(root, "media/new.jpg"));
    await c.refresh(["media/new.jpg"]);
    expect(c.index.bySlug.get("photo")?.image).toMatchObject({ src: "/media/new.jpg", width: 40, height: 30 });
    expect(c.index.bySlug.get("first")?.title).toBe("Первая");
  });
});
