// The site on several machines, played on one (`npm run start:cluster`, scripts/dev/cluster.ts):
// PostgreSQL, the indexer copying a content folder into it, two instances that read only the
// database (no content folder, working folders of their own) and nginx in front. A change reaches
// both instances within 5 s; readers through nginx do not see an instance killed under them; and an
// instance that loses the database keeps serving, says so, and catches up once it is back.
// Runs only with E2E_CLUSTER=1 (`npm run test:e2e:cluster`), on a cluster of its own; the figures
// measured are printed.
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startCluster, type Cluster } from "../scripts/dev/cluster";
import messages from "../messages/ru.json" with { type: "json" };
import { SEED } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 40;
// Not the unit tests' PostgreSQL (test/pg-setup.ts) nor a system one on 5432.
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 55510);
/** The promise: a change reaches every instance within 5 s. */
const WITHIN = 5_000;
/** And an instance is healthy again within 10 s of the database's return. */
const RECOVER_WITHIN = 10_000;
const READERS = 4;
/** How long PostgreSQL stays away. */
const DOWN_FOR = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: Cluster;
let root: string;

test.describe("the cluster: PostgreSQL, the indexer, two instances without a content folder, nginx", () => {
  test.describe.configure({ mode: "serial" });
  test.skip(process.env.E2E_CLUSTER !== "1", "starts a cluster of its own: E2E_CLUSTER=1 (npm run test:e2e:cluster)");

  test.beforeAll(async ({}, info) => {
    // What is checked here does not depend on JavaScript in a browser.
    test.skip(info.project.name !== "no-js", "runs once, in the no-js project");
    info.setTimeout(240_000);
    root = await mkdtemp(path.join(os.tmpdir(), "svezhiy-vypusk-cluster-"));
    // As root, PostgreSQL runs as `postgres` (scripts/dev/postgres.ts), which must reach its data folder.
    await chmod(root, 0o755);
    await cp(path.resolve("content"), path.join(root, "content"), { recursive: true });
    cluster = await startCluster({
      port: PORT + 3,
      appPorts: [PORT + 1, PORT + 2],
      pgPort: PG_PORT,
      dataDir: path.join(root, "data"),
      contentDir: path.join(root, "content"),
      fresh: true,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      appOutput: "files",
      importer: false,
    });
  });

  test.afterAll(async () => {
    await cluster?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  test("a published file is served by both instances within 5 s", async () => {
    const took = await publish("cluster-new");
    console.log(`a new file: 200 on both instances after ${took} ms`);
    expect(took).toBeLessThanOrEqual(WITHIN);
  });

  test("readers through nginx do not see an instance killed with SIGKILL", async () => {
    test.setTimeout(120_000);
    const readers = startReaders(cluster.stack.base);
    await sleep(1_500);
    const pid = cluster.stack.appPids[0]!;
    process.kill(pid, "SIGKILL");
    await sleep(3_500);
    await readers.stop();
    const seen = readers.tally();
    console.log(`readers through nginx, 5 s with one instance killed after 1.5 s: ${JSON.stringify(seen)}`);
    const total = Object.values(seen).reduce((a, b) => a + b, 0);
    const failed = total - (seen["200"] ?? 0);
    // nginx sends a refused connection to the other instance; only an answer the instance was in
    // the middle of sending when it died can be lost (nginx cannot repeat half an answer), so at
    // most one per reader.
    expect(total).toBeGreaterThan(20);
    expect(failed, JSON.stringify(seen)).toBeLessThanOrEqual(READERS);
    // The stack starts it again (as systemd would): wait for it, the next test needs both.
    await expect
      .poll(async () => cluster.stack.restarts[0] === 1 && (await status(cluster.stack.instances[0]!)) === 200, { timeout: 90_000, intervals: [500] })
      .toBe(true);
  });

  test("without PostgreSQL the instances serve what they have and say so; they recover by themselves", async () => {
    test.setTimeout(120_000);
    const { instances } = cluster.stack;
    // `/search` without a query: its sidebar is then kept, and a search can say it cannot search.
    const pages = ["/", `/news/${SEED.slug}`, "/section/culture", "/news/cluster-new", "/search"];
    // Served once before, so each instance has them.
    for (const base of instances) for (const page of pages) expect(await status(base + page), base + page).toBe(200);

    // The logs from here on: an instance may have logged a moment's loss before (a connection that
    // timed out while it started on this busy machine).
    const logFiles = instances.map((u) => path.join(cluster.stack.prefix, "logs", `app-${new URL(u).port}.log`));
    const logsBefore = await Promise.all(logFiles.map(async (f) => (await readFile(f, "utf8")).length));

    await cluster.stopPostgres();
    const stoppedAt = Date.now();
    for (const base of instances) {
      await expect.poll(() => health(base), { timeout: 10_000, intervals: [250] }).toMatchObject({ status: 503, database: "unreachable" });
      for (const page of pages) expect(await status(base + page), `${base}${page} without the database`).toBe(200);
      // What the instance has not served since the last change cannot be made: 503 with Retry-After,
      // the site's own page for a reader, a line of text for a photo, the search's own message.
      for (const page of UNCACHED) {
        const res = await answer(base + page, { accept: "text/html" });
        expect(res.status, `${base}${page} without the database`).toBe(503);
        expect(Number(res.headers.get("retry-after")), page).toBeGreaterThan(0);
        expect(res.headers.get("cache-control"), page).toBe("no-store");
        if (page === UNCACHED_PAGE) {
          expect(res.body).toContain(messages.unavailable.title);
          expect(res.body).not.toMatch(/StoreUnavailableError|at \S+ \(/);
          expect(res.body).not.toContain("<script");
        }
        if (page === UNCACHED_SEARCH) expect(res.body).toContain(messages.search.unavailable);
      }
      const photo = await answer(base + UNCACHED_PHOTO);
      expect(photo.status, "a photo without the database").toBe(503);
      expect(photo.headers.get("retry-after")).toBeTruthy();
    }
    // Through nginx, those 503s do not count against the instances (deploy/nginx: proxy_next_upstream
    // without http_503): counted, a dozen would set both aside, and what they still serve would be 502.
    const nginx = cluster.stack.base;
    for (let i = 0; i < 12; i++) expect(await status(`${nginx}${UNCACHED_PAGE}?n=${i}`), "an uncached page through nginx").toBe(503);
    for (let i = 0; i < 6; i++) expect(await status(`${nginx}/?probe=${i}`), "a page the instances have, through nginx").toBe(200);
    for (const port of cluster.stack.instances.map((u) => new URL(u).port)) {
      await expect
        .poll(async () => (await readFile(path.join(cluster.stack.prefix, "logs", `app-${port}.log`), "utf8")).includes("unreachable"), { timeout: 10_000 })
        .toBe(true);
    }
    // Down for a while, as a restart or a failover takes: the instances' reconnection waits grow
    // (1 s, 2 s, 4 s…), and recovery must still come within RECOVER_WITHIN.
    await sleep(Math.max(0, DOWN_FOR - (Date.now() - stoppedAt)));
    const downFor = Date.now() - stoppedAt;

    await cluster.startPostgres();
    const backAt = Date.now();
    for (const base of instances) {
      await expect.poll(async () => (await health(base)).status, { timeout: RECOVER_WITHIN, intervals: [250] }).toBe(200);
    }
    const healthyAfter = Date.now() - backAt;
    const logs = await Promise.all(logFiles.map(async (f, i) => (await readFile(f, "utf8")).slice(logsBefore[i])));
    expect(logs.every((log) => log.includes("is back"))).toBe(true);
    // Once per outage, not once per request: one line when it began and one when it ended, no stacks.
    for (const log of logs) {
      expect(log.match(/the database is unreachable/g) ?? [], log).toHaveLength(1);
      expect(log.match(/the database is back/g) ?? [], log).toHaveLength(1);
      expect(log).not.toContain("StoreUnavailableError");
    }
    // And what could not be made then is made now.
    for (const base of instances) for (const page of [...UNCACHED, UNCACHED_PHOTO]) expect(await status(base + page), `${base}${page} after`).toBe(200);

    const took = await publish("cluster-after-restart");
    console.log(
      `PostgreSQL stopped for ${(downFor / 1000).toFixed(1)} s: pages kept 200, /healthz 503; both instances healthy ${healthyAfter} ms after it was back; a file published then: 200 on both after ${took} ms`,
    );
    expect(healthyAfter).toBeLessThanOrEqual(RECOVER_WITHIN);
    expect(took).toBeLessThanOrEqual(WITHIN);
  });
});

/** Pages and a photo no test asks for before PostgreSQL is stopped. */
const UNCACHED_PAGE = "/news/exchange-rates-week";
const UNCACHED_SEARCH = "/search?q=%D0%BA%D1%83%D1%80%D1%81";
const UNCACHED = [UNCACHED_PAGE, `/tag/${encodeURIComponent("Курсы валют")}`, UNCACHED_SEARCH];
const UNCACHED_PHOTO = "/media/harvest-plans-2024.jpg";

/** A request's status, headers and text. */
async function answer(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Writes a new article into the indexer's folder; resolves with the ms until both instances answer 200 for it. */
async function publish(slug: string): Promise<number> {
  const url = `/news/${slug}`;
  for (const base of cluster.stack.instances) expect(await status(base + url)).toBe(404);
  const started = Date.now();
  await writeFile(
    path.join(cluster.contentDir, "articles", "culture", `${slug}.md`),
    `---\ntitle: "Новость для кластера ${slug}"\ndate: "2024-03-01T10:00:00+03:00"\nsection: culture\n---\nОна должна появиться на обоих экземплярах.\n`,
  );
  // Each instance asked directly, not through nginx (whose copy could come from either).
  await Promise.all(cluster.stack.instances.map((base) => expect.poll(() => status(base + url), { timeout: WITHIN + 5_000, intervals: [100] }).toBe(200)));
  return Date.now() - started;
}

/** A request's status, or the error's name. */
async function status(url: string): Promise<number | string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    return res.status;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

async function health(base: string): Promise<{ status: number; database?: string }> {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, ...((await res.json()) as { database?: string }) };
  } catch {
    return { status: 0 };
  }
}

/**
 * READERS loops asking nginx for pages, every other one with a query string of its own, so that
 * nginx's micro-cache cannot answer it and an instance must.
 */
function startReaders(base: string) {
  const pages = ["/", "/news", "/section/politics", "/section/culture", `/news/${SEED.slug}`];
  const seen: (number | string)[] = [];
  let stopped = false;
  const loops = Array.from({ length: READERS }, async (_, r) => {
    for (let i = r; !stopped; i++) {
      const page = pages[i % pages.length]!;
      seen.push(await status(base + page + (i % 2 === 0 ? `?reader=${r}-${i}` : "")));
    }
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
    tally: () => {
      const out: Record<string, number> = {};
      for (const s of seen) out[String(s)] = (out[String(s)] ?? 0) + 1;
      return out;
    },
  };
}
