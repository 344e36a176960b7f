import { describe, expect, it } from "vitest";
import { batchEnd, batchTarget, restIsCheaper, headRelevance, monthsNewestFirst, readWindow, type MonthCount, type WindowRow } from "./window";

const months = (...ns: number[]): MonthCount[] => ns.map((n, i) => ({ month: `2024-${String(12 - i).padStart(2, "0")}`, n }));

describe("monthsNewestFirst", () => {
  it("takes the months' counts, newest first, and nothing else", () => {
    expect(
      monthsNewestFirst([
        { key: "a", n: 9 },
        { key: "m:2023-12", n: "4" },
        { key: "m:2024-02", n: 3 },
        { key: "m:2024-01", n: 0 },
        { key: "s:politics", n: 5 },
      ]),
    ).toEqual([
      { month: "2024-02", n: 3 },
      { month: "2023-12", n: 4 },
    ]);
  });
});

describe("batchTarget", () => {
  it("first covers as many articles as matches are needed: each might match", () => {
    expect(batchTarget(5001, 0, 0)).toBe(5001);
  });

  it("then the shortfall at the rate found so far, with a margin", () => {
    // 1,000 matches in 10,000 articles: 4,001 more need about 40,010 articles, 50,013 with the margin.
    expect(batchTarget(5001, 1000, 10_000)).toBe(50_013);
  });

  it("never less than all the batches before it: coverage at least doubles", () => {
    expect(batchTarget(5001, 5000, 10_000)).toBe(10_000);
  });

  it("reaches past the whole archive at once when nothing was found", () => {
    expect(batchTarget(5001, 0, 20_000)).toBeGreaterThan(100_000_000);
  });
});

describe("batchEnd", () => {
  it("takes months until they hold the target, at least one", () => {
    const list = months(100, 200, 300, 400);
    expect(batchEnd(list, 0, 250)).toBe(2);
    expect(batchEnd(list, 0, 300)).toBe(2);
    expect(batchEnd(list, 1, 1)).toBe(2);
    expect(batchEnd(list, 2, 10_000)).toBe(4);
  });
});

describe("readWindow", () => {
  /**
   * A reader over months whose matches are `rate` of their articles, ids counting up from the newest;
   * it records what it was asked (months, how many, and below which match).
   */
  function archive(list: MonthCount[], rate: number) {
    const asked: { months?: string[]; limit: number; below?: number }[] = [];
    let id = 0;
    const rows = new Map(list.map((m) => [m.month, Array.from({ length: Math.round(m.n * rate) }, () => ({ sec: 0, id: id++, r: 0 }))]));
    const read = async (ms: string[] | undefined, limit: number, below: WindowRow | undefined): Promise<WindowRow[]> => {
      asked.push({ ...(ms ? { months: ms } : {}), limit, ...(below ? { below: below.id } : {}) });
      const found = ms ? ms.flatMap((m) => rows.get(m)!) : [...rows.values()].flat().filter((r) => !below || r.id > below.id);
      return found.slice(0, limit);
    };
    return { asked, read };
  }

  it("finds a common word's window in the newest month alone", async () => {
    const list = months(28_000, 28_000, 28_000);
    const { asked, read } = archive(list, 0.6);
    const window = await readWindow(list, 5001, read);
    expect(window).toHaveLength(5001);
    expect(asked).toEqual([{ months: ["2024-12"], limit: 5001 }]);
  });

  it("asks for the shortfall only, from the next months sized by what the first found", async () => {
    const list = months(...Array.from({ length: 10 }, () => 30_000));
    const { asked, read } = archive(list, 0.1);
    const window = await readWindow(list, 5001, read);
    expect(window).toHaveLength(5001);
    // 3,000 found in 30,000 articles: some 27,000 expected in the rest, too many to read at once;
    // 2,001 more need about 20,000 articles, and a batch covers at least the 30,000 before it.
    expect(asked).toEqual([
      { months: ["2024-12"], limit: 5001 },
      { months: ["2024-11"], limit: 2001 },
    ]);
    // Newest first: the months in order, each month's own rows in order.
    expect(window.map((r) => r.id)).toEqual(Array.from({ length: 5001 }, (_, i) => i));
  });

  it("reads the rest at once, below the oldest match found, when that reads fewer matches than the next months would", async () => {
    const list = months(...Array.from({ length: 36 }, () => 28_000));
    const { asked, read } = archive(list, 0.012);
    const window = await readWindow(list, 5001, read);
    // 336 found in 28,000 articles: some 11,800 in the 980,000 left, against 6,000 in the 18
    // months (504,000 articles) the next batch would need, whose terms cost GIN as much as 37,800.
    expect(asked).toEqual([
      { months: ["2024-12"], limit: 5001 },
      { limit: 4665, below: 335 },
    ]);
    expect(window.map((r) => r.id)).toEqual(Array.from({ length: 5001 }, (_, i) => i));
  });

  it("reads a half of the archive's matches by months when the rest would read twice as many", async () => {
    const list = months(3000, 3000, 3000, 3000, 3000, 3000);
    const { asked, read } = archive(list, 0.5);
    const window = await readWindow(list, 5001, read);
    // 3,000 found in 6,000 articles: the next two months hold the 2,001 still needed among their
    // 3,000 matches; the rest would read 6,000.
    expect(asked).toEqual([
      { months: ["2024-12", "2024-11"], limit: 5001 },
      { months: ["2024-10", "2024-09"], limit: 2001 },
    ]);
    expect(window.map((r) => r.id)).toEqual(Array.from({ length: 5001 }, (_, i) => i));
  });

  it("decides by cost: the rest holds many times the window before month terms pay", () => {
    // A million articles, 28,000 of them read: at 1.2 % the rest (11,800 matches) is cheaper than
    // 18 months of terms; at 10 % (98,000) a month's batch is.
    expect(restIsCheaper(0.012, 980_000, 504_000)).toBe(true);
    expect(restIsCheaper(0.1, 980_000, 28_000)).toBe(false);
  });

  it("reads a rare word's archive in two queries", async () => {
    const list = months(...Array.from({ length: 120 }, () => 8000));
    const { asked, read } = archive(list, 0.001);
    const window = await readWindow(list, 5001, read);
    expect(window).toHaveLength(8 * 120);
    expect(asked).toEqual([
      { months: ["2024-12"], limit: 5001 },
      { limit: 4993, below: 7 },
    ]);
  });

  it("reads a small archive, or one without month counts, by the query alone", async () => {
    const small = archive(months(300, 200), 1);
    expect(await readWindow(months(300, 200), 5001, small.read)).toHaveLength(500);
    expect(small.asked).toEqual([{ limit: 5001 }]);
    const none = archive([], 1);
    expect(await readWindow([], 5001, none.read)).toEqual([]);
    expect(none.asked).toEqual([{ limit: 5001 }]);
  });
});

describe("headRelevance", () => {
  it("ranks a match in the body alone at half the lowest rank of a title, tags or lead", () => {
    const rows = [
      { sec: 3, id: 1, r: 0 },
      { sec: 2, id: 2, r: 0.4 },
      { sec: 1, id: 3, r: 0.1 },
    ];
    expect(headRelevance(rows)).toEqual(
      new Map([
        [1, 0.05],
        [2, 0.4],
        [3, 0.1],
      ]),
    );
  });

  it("ranks every match alike when none is in a title, tags or lead", () => {
    expect(headRelevance([{ sec: 1, id: 1, r: 0 }])).toEqual(new Map([[1, 1]]));
  });
});
