import { mkdir, mkdtemp, rm, unlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveContent } from "./live-store";

let root: string;
let live: LiveContent | undefined;
let logged: string[];

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

async function open(watch = false) {
  live = await LiveContent.open(root, { watch, log: (l) => logged.push(l), rescanMs: 60_000 });
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
  await rm(root, { recursive: true, force: true });
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
});
