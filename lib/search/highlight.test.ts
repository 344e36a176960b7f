import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Highlighted } from "@/components/Highlighted";
import { highlight, snippet, type Segment } from "./highlight";
import { normalizeWord, parseQuery, tokenize, wordTerms } from "./text";

const termsOf = (q: string) => new Set(parseQuery(q)!.words.flat());
const marked = (segments: Segment[]) => segments.filter((s) => s.mark).map((s) => s.text);
const joined = (segments: Segment[]) => segments.map((s) => s.text).join("");

describe("highlight", () => {
  it("marks every form of the searched words and keeps the text intact", () => {
    const text = "В Минске и Минской области — минские новости, МИНСК.";
    const segments = highlight(text, termsOf("минск"));
    expect(joined(segments)).toBe(text);
    expect(marked(segments)).toEqual(["Минске", "Минской", "минские", "МИНСК"]);
  });

  it("marks ё-spellings and leaves stop words alone", () => {
    expect(marked(highlight("Волонтёры в Могилёве", termsOf("волонтеры в могилев")))).toEqual(["Волонтёры", "Могилёве"]);
  });

  it("marks nothing when nothing was searched", () => {
    expect(highlight("Текст", new Set())).toEqual([{ text: "Текст", mark: false }]);
  });
});

describe("the terms of a word", () => {
  // highlight() passes over a word that no searched-for term begins, without stemming it: right
  // only while every term of a word is a prefix of the word as normalized.
  it("are prefixes of the word, for every word of the demo content and some hard cases", () => {
    const root = path.join(import.meta.dirname, "../../content/articles");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
    const words = new Set(["Ёжиком", "ВОЛОНТЁРЫ", "старейший", "длинный", "учишься", "собираются", "вещь", "Ивано\u0306в".normalize("NFD"), "Минске"]);
    for (const file of files) for (const t of tokenize(readFileSync(path.join(root, file), "utf8"))) words.add(t.word);
    expect(words.size).toBeGreaterThan(1000);
    const notPrefix = [...words].filter((w) => wordTerms(w).some((t) => !normalizeWord(w).startsWith(t)));
    expect(notPrefix).toEqual([]);
    // And each is marked when searched for itself.
    const unmarked = [...words].filter((w) => wordTerms(w).length > 0 && !highlight(w, new Set(wordTerms(w)))[0]?.mark);
    expect(unmarked).toEqual([]);
  });
});

describe("snippet", () => {
  const words = Array.from({ length: 200 }, (_, i) => `слово${i}`);
  it("cuts a passage around the first match, at word boundaries, with ellipses", () => {
    words[120] = "Гомеле";
    const s = snippet(words.join(" "), termsOf("Гомель"), 120)!;
    const text = joined(s);
    expect(marked(s)).toEqual(["Гомеле"]);
    expect(text.startsWith("…слово")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(122);
    // Whole words only: every word of the passage is one of the text's words.
    for (const w of text.replace(/…/g, "").split(" ")) expect(words).toContain(w);
  });

  it("shows a short text whole, and nothing when the text has no match", () => {
    expect(joined(snippet("Погода в Минске.", termsOf("минск"))!)).toBe("Погода в Минске.");
    expect(snippet("Погода в Гомеле.", termsOf("минск"))).toBeUndefined();
  });
});

describe("Highlighted", () => {
  it("renders marks as <mark> and any markup in the text as text", () => {
    const text = "<b>Минск</b> & <script>alert('Минск')</script>";
    const html = renderToStaticMarkup(createElement(Highlighted, { segments: highlight(text, termsOf("Минск")) }));
    expect(html.replace(/ class="[^"]*"/g, "")).toBe(
      "&lt;b&gt;<mark>Минск</mark>&lt;/b&gt; &amp; &lt;script&gt;alert(&#x27;<mark>Минск</mark>&#x27;)&lt;/script&gt;",
    );
  });
});
