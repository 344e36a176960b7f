import { describe, expect, it } from "vitest";
import { parseEvery, validateSources } from "./sources";

const sections = new Map([
  ["politics", { slug: "politics", name: "Политика", genitive: "политики" }],
  ["economy", { slug: "economy", name: "Экономика", genitive: "экономики" }],
]);
const good = { id: "mir24-by", name: "Mir24.TV Belarus", url: "https://example.org/rss", section: "politics" };

describe("validateSources", () => {
  it("accepts the documented entry and fills the defaults", () => {
    const { sources, problems } = validateSources(
      [{ ...good, rubric: "Разное", mode: "lead", every: "10m", enabled: true, categories: { Экономика: "economy" } }],
      sections,
    );
    expect(problems).toEqual([]);
    expect(sources).toEqual([
      { ...good, rubric: "Разное", mode: "lead", everyMs: 600_000, enabled: true, categories: { экономика: "economy" } },
    ]);
    expect(validateSources([good], sections).sources[0]).toMatchObject({ mode: "full", everyMs: 600_000, enabled: true });
  });

  it("names each bad entry by its index and field, and keeps the good ones", () => {
    const { sources, problems } = validateSources(
      [
        good,
        { ...good, id: "Bad_ID" },
        { ...good, id: "two", url: "ftp://example.org/x" },
        { ...good, id: "three", section: "nope", mode: "everything", every: "often" },
        { ...good, id: "mir24-by" },
        "not an object",
        { ...good, id: "four", categories: { Спорт: "sport" } },
        { ...good, id: "five", url: "file:feeds/five.xml", enabled: "yes" },
      ],
      sections,
    );
    expect(sources.map((s) => s.id)).toEqual(["mir24-by"]);
    expect(problems.map((p) => `${p.file}: ${p.field}`)).toEqual([
      "sources.json: [1].id",
      "sources.json: [2].url",
      "sources.json: [3].section",
      "sources.json: [3].mode",
      "sources.json: [3].every",
      "sources.json: [4].id",
      "sources.json: [5]",
      'sources.json: [6].categories["Спорт"]',
      "sources.json: [7].enabled",
    ]);
    expect(problems[1]!.message).toContain("ftp:");
    expect(problems[5]!.message).toContain('duplicate source "mir24-by"');
  });

  it("refuses a root that is not a list", () => {
    expect(validateSources({}, sections).problems[0]).toMatchObject({ field: "(root)" });
  });
});

describe("parseEvery", () => {
  it("reads seconds, minutes, hours and days", () => {
    expect(parseEvery("90s")).toBe(90_000);
    expect(parseEvery("10m")).toBe(600_000);
    expect(parseEvery("2h")).toBe(7_200_000);
    expect(parseEvery("1d")).toBe(86_400_000);
    expect(parseEvery("10 minutes")).toBeUndefined();
  });
});
