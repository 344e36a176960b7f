import { describe, expect, it } from "vitest";
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, normalizeWord, parseQuery, tokenize, wordTerms } from "./text";

/** Whether two words share a term, i.e. a query for one finds a text with the other. */
const match = (a: string, b: string) => wordTerms(a).some((t) => wordTerms(b).includes(t));

describe("normalizeWord", () => {
  it("ignores case and treats ё as е", () => {
    expect(normalizeWord("ЁЛКА")).toBe("елка");
    expect(normalizeWord("Могилёв")).toBe(normalizeWord("МОГИЛЕВ"));
  });

  it("composes decomposed letters, so й typed two ways is one letter", () => {
    expect(normalizeWord("и\u0306")).toBe("й");
  });
});

describe("tokenize", () => {
  it("splits on punctuation and hyphens and keeps offsets", () => {
    const text = "«Днепр-Полесье» сыграл 2:1!";
    expect(tokenize(text).map((t) => t.word)).toEqual(["Днепр", "Полесье", "сыграл", "2", "1"]);
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.word);
  });
});

describe("wordTerms: Russian word forms", () => {
  it("matches the case forms of a noun", () => {
    for (const form of ["Минске", "Минска", "Минском", "минск"]) expect(match("Минск", form), form).toBe(true);
    for (const form of ["новости", "новостей", "новостям", "новостью"]) expect(match("новость", form), form).toBe(true);
  });

  it("matches Беларусь with Беларуси and Могилёв with Могилеве, where Snowball alone would not", () => {
    expect(match("Беларуси", "Беларусь")).toBe(true);
    expect(match("Беларусь", "Беларусью")).toBe(true);
    expect(match("Могилёв", "Могилеве")).toBe(true);
    expect(match("Могилева", "Могилёв")).toBe(true);
  });

  it("treats ё and е, and upper and lower case, alike", () => {
    expect(match("Волонтёры", "волонтеров")).toBe(true);
    expect(match("ШОС", "шос")).toBe(true);
  });

  it("does not merge unrelated words", () => {
    expect(match("Минск", "Мир")).toBe(false);
    expect(match("погода", "пограничник")).toBe(false);
  });

  it("drops stop words but keeps words that carry meaning", () => {
    for (const w of ["в", "и", "на", "что", "Это"]) expect(wordTerms(w), w).toEqual([]);
    expect(wordTerms("человек")).not.toEqual([]);
    expect(wordTerms("два")).not.toEqual([]);
  });

  it("leaves Latin words and numbers as they are, lower-cased", () => {
    expect(wordTerms("IT")).toEqual(["it"]);
    expect(wordTerms("2024")).toEqual(["2024"]);
  });
});

describe("parseQuery", () => {
  it("keeps one term list per searched word, without stop words and repeats", () => {
    const q = parseQuery("  новости   в Минске, минск ")!;
    expect(q.text).toBe("новости в Минске, минск");
    expect(q.words).toEqual([wordTerms("новости"), wordTerms("Минске")]);
    expect(q.truncated).toBe(false);
  });

  it("reads an absent or empty query as no words", () => {
    expect(parseQuery(undefined)).toEqual({ text: "", truncated: false, words: [] });
    expect(parseQuery("   ")!.words).toEqual([]);
    expect(parseQuery("в и на")!.words).toEqual([]);
  });

  it("refuses a repeated parameter and malformed percent-encoding", () => {
    expect(parseQuery(["Минск", "Гомель"])).toBeUndefined();
    expect(parseQuery(["Минск"])!.text).toBe("Минск");
    expect(parseQuery(new URLSearchParams("q=%FF%FE").get("q")!)).toBeUndefined();
  });

  it("cuts a very long query and says so, never splitting a character", () => {
    const q = parseQuery("😀".repeat(MAX_QUERY_LENGTH + 5))!;
    expect(q.truncated).toBe(true);
    expect([...q.text]).toHaveLength(MAX_QUERY_LENGTH);
    expect(q.text).toBe("😀".repeat(MAX_QUERY_LENGTH));
    const many = parseQuery(Array.from({ length: 40 }, (_, i) => `слово${i}`).join(" "))!;
    expect(many.words).toHaveLength(MAX_QUERY_WORDS);
  });

  it("takes markup, regex and control characters as plain text", () => {
    const q = parseQuery('<script>alert(1)</script> .*[(\\\0\n"')!;
    expect(q.text).toBe('<script>alert(1)</script> .*[(\\ "');
    expect(q.words).toEqual([["script"], ["alert"], ["1"]]);
  });
});
