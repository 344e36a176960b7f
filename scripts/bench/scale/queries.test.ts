import { describe, expect, it } from "vitest";
import { searchQueries, titleOf, titleWords } from "./queries";

const TITLES = ["Ярмарка малого бизнеса в Слуцке: главное", "В Гомеле открыли новый мост через Сож", "Минздрав утвердил правила вакцинации", "Итоги"];

describe("titleOf", () => {
  it("reads the generator's quoted title", () => {
    expect(titleOf('---\ntitle: "Ярмарка в \\"Слуцке\\""\ndate: "2026-01-01T00:00:00+03:00"\n---\n')).toBe('Ярмарка в "Слуцке"');
  });
  it("reads a bare title and says when there is none", () => {
    expect(titleOf("---\ntitle: Мост открыт\n---\n")).toBe("Мост открыт");
    expect(titleOf("---\ndate: x\n---\n")).toBeUndefined();
  });
});

describe("titleWords", () => {
  it("keeps words of four letters or more, lower case, without punctuation", () => {
    expect(titleWords("Ярмарка малого бизнеса в Слуцке: главное")).toEqual(["ярмарка", "малого", "бизнеса", "слуцке", "главное"]);
  });
});

describe("searchQueries", () => {
  it("gives the asked number of queries of each length, words next to each other in one title", () => {
    const queries = searchQueries(TITLES, { seed: 7, perLength: 20 });
    expect(queries).toHaveLength(60);
    for (const words of [1, 2, 3]) {
      const of = queries.filter((q) => q.words === words);
      expect(of).toHaveLength(20);
      for (const { q } of of) {
        expect(q.split(" ")).toHaveLength(words);
        expect(TITLES.some((t) => titleWords(t).join(" ").includes(q))).toBe(true);
      }
    }
  });

  it("is the same list for the same seed and another for another seed", () => {
    expect(searchQueries(TITLES, { seed: 3 })).toEqual(searchQueries(TITLES, { seed: 3 }));
    expect(searchQueries(TITLES, { seed: 3 })).not.toEqual(searchQueries(TITLES, { seed: 4 }));
  });

  it("passes over titles too short for a length, and refuses when none is long enough", () => {
    expect(searchQueries(["Итоги", "Новый мост"], { lengths: [2], perLength: 5 }).every((q) => q.q === "новый мост")).toBe(true);
    expect(() => searchQueries(["Итоги"], { lengths: [2] })).toThrow(/2 words/);
  });
});
