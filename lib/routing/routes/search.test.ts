import { describe, expect, it } from "vitest";
import { SEARCH_PAGE_SIZE } from "@/lib/limits";
import type { ParsedQuery } from "@/lib/search/text";
import type { PageRange, SearchSort } from "@/lib/store/types";
import { resolveSearch } from "./search";

const now = Date.parse("2024-03-05T12:00:00+03:00");

/** A search that finds `hits` articles and counts its runs. */
function fakeSearch(hits: number) {
  const runs: ParsedQuery[] = [];
  const sorts: SearchSort[] = [];
  const run = async (query: ParsedQuery, _now: number, range: PageRange, sort: SearchSort) => {
    runs.push(query);
    sorts.push(sort);
    const all = Array.from({ length: hits }, (_, i) => ({ slug: `s${i}`, score: 1 }));
    return { hits: all.slice(range.offset, range.offset + range.limit), total: hits, terms: new Set(query.words.flat()), complete: true };
  };
  return { run, runs, sorts };
}

describe("resolveSearch", () => {
  it("has page 1 of any one query, found or not, and searches only when there is text", async () => {
    const { run, runs } = fakeSearch(0);
    expect(await resolveSearch({}, now, run)).toEqual({ query: { text: "", truncated: false, words: [] }, pageNumber: 1, sort: "relevance" });
    expect(await resolveSearch({ q: "" }, now, run)).toMatchObject({ pageNumber: 1 });
    expect(runs).toHaveLength(0);
    const resolved = await resolveSearch({ q: "  минск  " }, now, run);
    expect(resolved).toMatchObject({ query: { text: "минск" }, pageNumber: 1, outcome: { hits: [] } });
    expect(runs).toHaveLength(1);
  });

  it("has later pages only as far as the results go", async () => {
    const { run } = fakeSearch(SEARCH_PAGE_SIZE + 1);
    expect((await resolveSearch({ q: "минск", page: "2" }, now, run))?.pageNumber).toBe(2);
    expect((await resolveSearch({ q: "минск", page: "2" }, now, run))?.outcome).toMatchObject({
      hits: [{ slug: `s${SEARCH_PAGE_SIZE}` }],
      total: SEARCH_PAGE_SIZE + 1,
    });
    expect(await resolveSearch({ q: "минск", page: "3" }, now, run)).toBeUndefined();
    expect(await resolveSearch({ page: "2" }, now, run)).toBeUndefined();
  });

  it("refuses repeated or malformed parameters", async () => {
    const { run } = fakeSearch(100);
    for (const query of [
      { q: ["a", "b"] },
      { q: "\uFFFD" },
      { q: "x", page: "abc" },
      { q: "x", page: ["1", "2"] },
      { q: "x", sort: "relevance" },
      { q: "x", sort: "Date" },
      { q: "x", sort: ["date", "date"] },
    ]) {
      expect(await resolveSearch(query, now, run), JSON.stringify(query)).toBeUndefined();
    }
  });

  it("passes the order on: relevance when absent, newest first for sort=date", async () => {
    const { run, sorts } = fakeSearch(3);
    expect(await resolveSearch({ q: "минск" }, now, run)).toMatchObject({ sort: "relevance" });
    expect(await resolveSearch({ q: "минск", sort: "date" }, now, run)).toMatchObject({ sort: "date" });
    expect(sorts).toEqual(["relevance", "date"]);
  });
});
