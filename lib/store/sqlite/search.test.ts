import { describe, expect, it } from "vitest";
import { makeArticle, testSections, testSite } from "@/lib/content/test-helpers";
import { searchContract } from "../search-contract";
import { databaseFromArticles, storeFromArticles } from "./memory";
import { SEARCH_WINDOW } from "./reader";
import { SEARCH_ID_BITS, SEARCH_ROWID_FLIP, searchKey } from "./writer";

searchContract("SQLite", storeFromArticles, SEARCH_WINDOW);

describe("the full-text table's rowids", () => {
  // What the contract above cannot see: newest first must be FTS5's ascending order, the direction
  // it reads a word's list fast in (writer.ts, SEARCH_ROWID_FLIP). Stored as the plain key, every
  // search would still be right and its AND of words up to twice as slow.
  it("run from the newest article to the oldest, each the flipped search key", () => {
    const articles = [makeArticle("old", "2024-01-02T10:00:00Z"), makeArticle("new", "2024-03-01T10:00:00Z"), makeArticle("mid", "2024-02-01T10:00:00Z")];
    const db = databaseFromArticles(articles, { site: testSite, sections: testSections });
    const rowids = db.prepare("SELECT rowid FROM search ORDER BY rowid").pluck().safeIntegers(true).all() as bigint[];
    const keys = db.prepare("SELECT search_key FROM articles ORDER BY date_ms DESC").pluck().safeIntegers(true).all() as bigint[];
    expect(rowids).toEqual(keys.map((k) => SEARCH_ROWID_FLIP - k));
    expect(keys[0]).toBe(searchKey(Date.parse("2024-03-01T10:00:00Z"), Number(keys[0]! & ((1n << BigInt(SEARCH_ID_BITS)) - 1n))));
    expect(rowids.every((r) => r > 0n)).toBe(true);
  });
});
