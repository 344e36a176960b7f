import { describe, expect, it } from "vitest";
import { Batcher } from "./batch";

/** A batcher over a map, recording each fetch's keys and group. */
function recorded(values: Record<string, number>, max?: number) {
  const calls: { keys: string[]; group: string }[] = [];
  const batcher = new Batcher<number>(async (keys, group) => {
    calls.push({ keys, group });
    return new Map(keys.filter((k) => k in values).map((k) => [k, values[k]!]));
  }, max);
  return { batcher, calls };
}

describe("Batcher", () => {
  it("answers the lookups of one turn with one fetch, each key once", async () => {
    const { batcher, calls } = recorded({ a: 1, b: 2 });
    const answers = await Promise.all([batcher.load("a"), batcher.load("b"), batcher.load("a"), batcher.load("x")]);
    expect(answers).toEqual([1, 2, 1, undefined]);
    expect(calls).toEqual([{ keys: ["a", "b", "x"], group: "" }]);
  });

  it("gathers lookups asked after awaits within the same turn", async () => {
    const { batcher, calls } = recorded({ a: 1, b: 2 });
    const later = async (key: string) => {
      await Promise.resolve();
      await Promise.resolve();
      return batcher.load(key);
    };
    expect(await Promise.all([batcher.load("a"), later("b")])).toEqual([1, 2]);
    expect(calls).toHaveLength(1);
  });

  it("fetches each group apart, and a later turn's lookups in a batch of their own", async () => {
    const { batcher, calls } = recorded({ a: 1 });
    await Promise.all([batcher.load("a", "t1"), batcher.load("a", "t2")]);
    await batcher.load("a", "t1");
    expect(calls).toEqual([
      { keys: ["a"], group: "t1" },
      { keys: ["a"], group: "t2" },
      { keys: ["a"], group: "t1" },
    ]);
  });

  it("fetches at most `max` keys at a time", async () => {
    const { batcher, calls } = recorded({ a: 1, b: 2, c: 3 }, 2);
    expect(await Promise.all(["a", "b", "c"].map((k) => batcher.load(k)))).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.keys)).toEqual([["a", "b"], ["c"]]);
  });

  it("fails every lookup of a failed fetch with its error, and starts afresh after it", async () => {
    let fail = true;
    const batcher = new Batcher<number>((keys) => {
      if (fail) throw new Error("connection refused");
      return Promise.resolve(new Map(keys.map((k) => [k, 1])));
    });
    const outcomes = await Promise.allSettled([batcher.load("a"), batcher.load("b")]);
    expect(outcomes.map((o) => (o.status === "rejected" ? (o.reason as Error).message : o.value))).toEqual(["connection refused", "connection refused"]);
    fail = false;
    expect(await batcher.load("a")).toBe(1);
  });
});
