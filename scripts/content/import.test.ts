import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed, startFeedServer, type FeedServer } from "../../lib/import/testing/feed-server";

/** `npm run import` as an operator runs it: exit codes, the summary, --status, --watch and its lock. */

const repo = path.resolve(import.meta.dirname, "../..");
let server: FeedServer;
let root: string;
/** Every importer started here, stopped after the tests even when one fails halfway. */
const children = new Set<import("node:child_process").ChildProcess>();

function cli(args: string[]): { done: Promise<{ code: number | null; out: string; err: string }>; kill: (s: NodeJS.Signals) => void; err: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/content/import.ts", "--content", root, ...args], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on("exit", (code) => resolve({ code, out, err })));
  return { done, kill: (s) => child.kill(s), err: () => err };
}

const item = { guid: "g1", title: "Первая новость партнёра", link: "http://example.org/1", date: "Mon, 04 Mar 2024 12:00:00 +0300", text: "Текст первой новости." };

beforeAll(async () => {
  server = await startFeedServer({ "/ok": { body: rssFeed("A", [item]) }, "/down": { body: "no", status: 503, etag: false } });
  root = await fs.mkdtemp(path.join(os.tmpdir(), "import-cli-"));
  for (const f of ["site.json", "sections.json"]) await fs.copyFile(path.join(repo, "content", f), path.join(root, f));
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

const sources = (list: object[]) => fs.writeFile(path.join(root, "sources.json"), JSON.stringify(list));
const ok = { id: "ok", name: "Партнёр", url: "", section: "politics" };

describe("npm run import", () => {
  it("exits 0 when every source was read, 1 when one was not, and prints the summary table", async () => {
    await sources([{ ...ok, url: `${server.origin}/ok` }]);
    const first = await cli([]).done;
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^source\s+new\s+updated/m);
    expect(first.out).toMatch(/^ok\s+1\s+0\s+0/m);

    await sources([{ ...ok, url: `${server.origin}/ok` }, { ...ok, id: "down", url: `${server.origin}/down` }]);
    const second = await cli([]).done;
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/^down\s.*FAILED: HTTP 503/m);
    expect(second.out).toMatch(/^ok\s+0\s+0\s+0\s.*ok, not modified/m);

    const one = await cli(["--source", "ok"]).done;
    expect(one.code).toBe(0);
    expect(one.out).not.toMatch(/^down/m);

    const status = await cli(["--status"]).done;
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^down\s+full\s.*FAILED: HTTP 503\s+0\s+1/m);
  }, 60_000);

  it("--watch reads a source not read yet at once, refuses a second importer, and stops cleanly on SIGTERM", async () => {
    // "ok" was read a moment ago (the test above): its turn comes in ten minutes. "fresh" never was.
    server.routes.set("/fresh", { body: rssFeed("B", [{ ...item, guid: "f1", title: "Гродненский завод запустил новую линию", link: "http://example.org/f1", text: "Линия выпустит сорок тысяч тонн стекла в год." }]) });
    await sources([{ ...ok, url: `${server.origin}/ok` }, { ...ok, id: "fresh", url: `${server.origin}/fresh` }]);
    const before = server.requests.filter((r) => r.path === "/ok").length;
    const watch = cli(["--watch"]);
    await expect.poll(() => watch.err(), { timeout: 20_000 }).toContain("fresh: 1 new");
    expect(server.requests.filter((r) => r.path === "/ok").length).toBe(before);
    // A partner added while it runs is read at once, not at its next round a minute later.
    server.routes.set("/later", { body: rssFeed("C", [{ ...item, guid: "l1", title: "Могилёвский театр показал премьеру", link: "http://example.org/l1", text: "Спектакль по пьесе Островского шёл три часа." }]) });
    await sources([{ ...ok, url: `${server.origin}/ok` }, { ...ok, id: "fresh", url: `${server.origin}/fresh` }, { ...ok, id: "later", url: `${server.origin}/later` }]);
    await expect.poll(() => watch.err(), { timeout: 15_000 }).toContain("later: 1 new");
    const second = await cli([]).done;
    expect(second.code).toBe(2);
    expect(second.err).toContain("Another importer");
    watch.kill("SIGTERM");
    const stopped = await watch.done;
    expect(stopped.code).toBe(0);
    expect(existsSync(path.join(root, ".import", "lock"))).toBe(false);
  }, 60_000);
});
