import { describe, expect, it } from "vitest";
import { Postings } from "./postings";

// Fields: title, body.
const BOOST = [3, 1];

function keys(p: Postings, words: string[][]): string[] {
  return p
    .search(words, { boost: BOOST })
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    .map((r) => r.key);
}

describe("Postings", () => {
  it("finds documents holding every word, in any of its alternatives", () => {
    const p = new Postings(2);
    p.add("a", [["минск"], ["погод", "весн"]]);
    p.add("b", [["гомел"], ["погод"]]);
    p.add("c", [[], ["белар", "беларус"]]);
    expect(keys(p, [["погод"]]).sort()).toEqual(["a", "b"]);
    expect(keys(p, [["погод"], ["минск"]])).toEqual(["a"]);
    expect(keys(p, [["погод"], ["брест"]])).toEqual([]);
    expect(keys(p, [["белар", "беларус"]])).toEqual(["c"]);
    expect(keys(p, [])).toEqual([]);
  });

  it("ranks a boosted field, a frequent term and a short field higher (BM25+)", () => {
    const p = new Postings(2);
    p.add("body", [["друг"], ["гродн"]]);
    p.add("title", [["гродн"], ["друг"]]);
    expect(keys(p, [["гродн"]])).toEqual(["title", "body"]);

    const q = new Postings(2);
    q.add("once", [[], ["гродн", "а", "б", "в"]]);
    q.add("thrice", [[], ["гродн", "гродн", "гродн", "г"]]);
    q.add("short", [[], ["гродн"]]);
    const [first, ...rest] = keys(q, [["гродн"]]);
    expect(first).toBe("thrice");
    expect(rest).toEqual(["short", "once"]);
  });

  it("keeps frequencies past what a posting's byte holds, and document numbers past one byte", () => {
    const p = new Postings(2);
    for (let i = 0; i < 300; i++) p.add(`filler-${i}`, [["шум"], []]);
    p.add("many", [[], Array<string>(200).fill("слово")]);
    p.add("few", [[], ["слово", "другое", "третье", "четвертое", "пятое"]]);
    expect(keys(p, [["слово"]])).toEqual(["many", "few"]);
    expect(p.search([["шум"]], { boost: BOOST })).toHaveLength(300);
  });

  it("forgets removed documents and finds a replaced one by its new text only", () => {
    const p = new Postings(2);
    p.add("a", [["витебск"], []]);
    p.add("b", [["витебск"], []]);
    p.remove("a");
    p.remove("missing");
    expect(keys(p, [["витебск"]])).toEqual(["b"]);
    p.add("b", [["полоцк"], []]);
    expect(keys(p, [["витебск"]])).toEqual([]);
    expect(keys(p, [["полоцк"]])).toEqual(["b"]);
    expect(p.size).toBe(1);
  });

  it("applies the filter and the document boost", () => {
    const p = new Postings(2);
    p.add("old", [["орша"], []]);
    p.add("new", [["орша"], []]);
    p.add("hidden", [["орша"], []]);
    const results = p.search([["орша"]], { boost: BOOST, filter: (k) => k !== "hidden", docBoost: (k) => (k === "new" ? 2 : 1) });
    const score = Object.fromEntries(results.map((r) => [r.key, r.score]));
    expect(Object.keys(score).sort()).toEqual(["new", "old"]);
    expect(score.new).toBeCloseTo(2 * score.old!);
  });

  it("gives the same answers after a vacuum, without the removed documents' terms", () => {
    const p = new Postings(2);
    for (let i = 0; i < 600; i++) p.add(`d${i}`, [[i % 2 ? "нечет" : "чет"], [`только${i}`, "все"]]);
    const before = p.search([["все"]], { boost: BOOST }).filter((r) => Number(r.key.slice(1)) >= 300);
    // Removals trigger a vacuum on their own once the dead are a quarter of the live (here at
    // the 256th); the explicit one drops the rest.
    for (let i = 0; i < 300; i++) p.remove(`d${i}`);
    expect(p.termCount).toBe(2 + 1 + 300 + 44);
    p.vacuum();
    expect(p.termCount).toBe(2 + 1 + 300);
    const after = p.search([["все"]], { boost: BOOST });
    expect(after.map((r) => r.key).sort()).toEqual(before.map((r) => r.key).sort());
    expect(keys(p, [["только5"]])).toEqual([]);
    expect(keys(p, [["только599"], ["нечет"]])).toEqual(["d599"]);
    p.add("d5", [["чет"], ["только5"]]);
    expect(keys(p, [["только5"], ["чет"]])).toEqual(["d5"]);
  });

  it("answers the same after trimming its lists", () => {
    const p = new Postings(2);
    for (let i = 0; i < 50; i++) p.add(`d${i}`, [["а"], [`б${i % 7}`]]);
    const before = keys(p, [["а"], ["б3"]]);
    p.trim();
    expect(keys(p, [["а"], ["б3"]])).toEqual(before);
    expect(before).toHaveLength(7);
  });

  it("refuses a document with the wrong number of fields", () => {
    expect(() => new Postings(5)).toThrow(/1 to 4 fields/);
    expect(() => new Postings(2).add("a", [["x"]])).toThrow(/a\): 1 fields, expected 2/);
  });
});
