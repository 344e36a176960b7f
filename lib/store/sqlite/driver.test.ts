import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Database, driverPackage, NAPI_FROM_MAJOR } from "./driver";

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split(".")[0]);

describe("the SQLite driver", () => {
  it("is better-sqlite3 13 (Node-API) from Node 22 on, and 12 on Node 20", () => {
    const { version } = require(`${driverPackage}/package.json`) as { version: string };
    expect(version.split(".")[0]).toBe(major >= NAPI_FROM_MAJOR ? "13" : "12");
  });

  it("opens a database with FTS5 and the statement modes the store uses", () => {
    const db = new Database(":memory:");
    try {
      db.exec("CREATE VIRTUAL TABLE s USING fts5(a, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')");
      const insert = db.prepare("INSERT INTO s (rowid, a) VALUES (?, ?)");
      db.transaction(() => {
        insert.run(1, "новость дня");
        insert.run(9007199254740993n, "другая новость");
      })();
      expect(db.prepare("SELECT rowid FROM s WHERE s MATCH ? ORDER BY rowid").pluck().safeIntegers(true).all("новость")).toEqual([1n, 9007199254740993n]);
      expect(db.pragma("journal_mode", { simple: true })).toBe("memory");
    } finally {
      db.close();
    }
  });

  // The abort driver.ts avoids needs a collection of a dropped statement with no JavaScript context
  // entered, which a test cannot call for at will (a script that made 100,000 statements aborted in
  // one run of five). What can be checked is its cause: a binary that calls Node's C++
  // RemoveEnvironmentCleanupHook, as better-sqlite3 12 does when compiled against Node 24.19+
  // headers (its node::ObjectWrap). 12 built for Node 20 does not call it; 13 calls no Node C++ at all.
  it.runIf(existsSync("/proc/self/maps"))("loads a native binary that does not call Node's RemoveEnvironmentCleanupHook", () => {
    new Database(":memory:").close();
    const loaded = new Set(
      readFileSync("/proc/self/maps", "utf8")
        .split("\n")
        .map((line) => line.trim().split(/\s+/)[5] ?? "")
        .filter((file) => /[/\\]better-sqlite3[^/\\]*[/\\].*\.node$/.test(file)),
    );
    expect(loaded.size).toBeGreaterThan(0);
    for (const file of loaded) expect(readFileSync(file).includes("RemoveEnvironmentCleanupHook"), file).toBe(false);
  });
});
