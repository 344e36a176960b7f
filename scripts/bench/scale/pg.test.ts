import { describe, expect, it } from "vitest";
import { childTicksOf, databaseNameFor, databaseUrlFor, hugePagesNote, indexLines, pssKbOf, storeOf } from "./pg";

describe("storeOf", () => {
  it("takes the two stores and refuses anything else", () => {
    expect(storeOf("sqlite")).toBe("sqlite");
    expect(storeOf("postgres")).toBe("postgres");
    expect(() => storeOf("postgresql")).toThrow(/--store: sqlite or postgres, got postgresql/);
  });
});

describe("databaseUrlFor", () => {
  it("names another database on the same server, keeping user, host and port", () => {
    expect(databaseUrlFor("postgres://postgres@127.0.0.1:56100/postgres", databaseNameFor(100_000))).toBe("postgres://postgres@127.0.0.1:56100/bench_100000");
  });
});

describe("indexLines", () => {
  it("reads the index's and the copy's times, not the mirror's progress lines", () => {
    const log = [
      "> svezhiy-vypusk@0.1.0 index",
      "indexed 100000 articles in 57.6 s → /tmp/x/index.db",
      "[mirror] copied 50000 articles",
      "[mirror] copied 100000 articles",
      "copied the whole index (version 1) to PostgreSQL in 41.3 s",
    ].join("\n");
    expect(indexLines(log)).toEqual({
      indexLine: "indexed 100000 articles in 57.6 s",
      indexSeconds: 57.6,
      copyLine: "copied the whole index (version 1) to PostgreSQL in 41.3 s",
      copySeconds: 41.3,
    });
  });

  it("leaves out what was not said (a SQLite run copies nothing)", () => {
    expect(indexLines("indexed 1000 articles in 3.0 s → index.db")).toEqual({ indexLine: "indexed 1000 articles in 3.0 s", indexSeconds: 3 });
    expect(indexLines("")).toEqual({});
  });
});

describe("pssKbOf", () => {
  it("reads the proportional set size of smaps_rollup", () => {
    const rollup =
      "55d0c0000000-7ffc00000000 ---p 00000000 00:00 0  [rollup]\nRss:              143360 kB\nPss:               21504 kB\nPss_Anon:           3072 kB\n";
    expect(pssKbOf(rollup)).toBe(21504);
    expect(pssKbOf("")).toBe(0);
  });
});

describe("childTicksOf", () => {
  it("reads the CPU time of a process's exited children, after a command name with spaces and parentheses", () => {
    const stat = "26047 (postgres (x) y) S 26040 26047 26040 0 -1 4194560 1200 9000 0 0 150 60 4242 758 20 0 1 0 1000 230000000 5000";
    expect(childTicksOf(stat)).toBe(5000);
  });
});

describe("hugePagesNote", () => {
  it("tells huge pages in use from the postmaster's mappings, and says what their absence costs", () => {
    const rollup = (shared: number, own: number) => `Rss: 100 kB\nPss: 40 kB\nShared_Hugetlb:    ${shared} kB\nPrivate_Hugetlb:    ${own} kB\n`;
    expect(hugePagesNote(200, rollup(14336, 2048))).toBe("shared memory in huge pages (vm.nr_hugepages = 200)");
    expect(hugePagesNote(0, rollup(0, 0))).toMatch(/^shared memory in 4 KB pages \(vm.nr_hugepages = 0\): each new connection faults/);
    expect(hugePagesNote(200, "Rss: 100 kB\n")).toMatch(/4 KB pages \(vm.nr_hugepages = 200\)/); // reserved, not taken
  });
});
