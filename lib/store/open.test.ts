import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Database } from "./sqlite/driver";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { indexLocation } from "./location";
import { openIndexDatabase } from "./open";
import { FTS_LEAF_BYTES, PAGE_SIZE, readMeta, SCHEMA_VERSION, writeMeta } from "./sqlite/schema";
import { SqliteWriter } from "./sqlite/writer";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "open-"));
});
afterEach(async () => {
  delete process.env.INDEX_DB;
  await rm(dir, { recursive: true, force: true });
});

describe("the index database's file", () => {
  it("is one per content folder and schema version, unless INDEX_DB names it", () => {
    const a = indexLocation("/srv/news", "/app");
    expect(a).toMatch(new RegExp(`^/app/\\.data/index/content-[0-9a-f]{12}\\.v${SCHEMA_VERSION}\\.sqlite$`));
    expect(indexLocation("/srv/other", "/app")).not.toBe(a);
    process.env.INDEX_DB = "var/index.sqlite";
    expect(indexLocation("/srv/news", "/app")).toBe("/app/var/index.sqlite");
  });

  it("is made with 16 KiB pages and FTS5 leaves to match, and one made with SQLite's 4 KiB still opens", () => {
    const db = openIndexDatabase(path.join(dir, "new.sqlite"));
    expect(db.pragma("page_size", { simple: true })).toBe(PAGE_SIZE);
    expect(db.prepare("SELECT v FROM search_config WHERE k = 'pgsz'").pluck().get()).toBe(FTS_LEAF_BYTES);
    db.close();

    const oldFile = path.join(dir, "old.sqlite");
    const raw = new Database(oldFile);
    raw.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x)");
    raw.close();
    const old = openIndexDatabase(oldFile);
    expect(old.pragma("page_size", { simple: true })).toBe(4096);
    // Its FTS5 leaves stay FTS5's default, which fits its pages.
    expect(old.prepare("SELECT v FROM search_config WHERE k = 'pgsz'").pluck().get()).toBeUndefined();
    expect(old.prepare("SELECT count(*) FROM articles").pluck().get()).toBe(0);
    old.close();
  });

  it("is built again when it holds another schema version: nothing old is read", () => {
    const file = path.join(dir, "index.sqlite");
    const db = openIndexDatabase(file);
    const writer = new SqliteWriter(db, testSite.timeZone);
    writer.setCatalog({ site: testSite, sections: testSections, sources: [] }, []);
    writer.apply([{ path: "articles/a.md", stamp: "1", problems: [], article: makeArticle("a", "2024-03-01T10:00:00+03:00") }]);
    writeMeta(db, "schema_version", "0");
    db.close();

    const again = openIndexDatabase(file);
    expect(readMeta(again, "schema_version")).toBe(String(SCHEMA_VERSION));
    expect(again.prepare("SELECT count(*) FROM articles").pluck().get()).toBe(0);
    expect(readMeta(again, "catalog")).toBeUndefined();
    again.close();
  });

  it("keeps what it holds when the schema is the current one", () => {
    const file = path.join(dir, "index.sqlite");
    const db = openIndexDatabase(file);
    new SqliteWriter(db, testSite.timeZone).apply([
      { path: "articles/a.md", stamp: "1", problems: [], article: makeArticle("a", "2024-03-01T10:00:00+03:00") },
    ]);
    db.close();
    const again = openIndexDatabase(file);
    expect(again.prepare("SELECT count(*) FROM articles").pluck().get()).toBe(1);
    again.close();
  });
});
