import { normalizeWord, tokenize, wordTerms } from "./text";

/** A run of text, marked when it is a word the reader searched for. Rendered as text, never HTML. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Whether one of a word's terms was searched for. A word's terms are prefixes of the word as
 * normalized (Snowball's Russian stemmer only cuts endings, and normalizeWord has made ё into е
 * before it runs, its one replacement): a word no searched-for term begins is passed over without
 * being stemmed. A passage from a body's text tokenizes the whole text and stemmed every word
 * before the first match, or every word when the body did not hold one: 20 bodies' passages took
 * 3.5-3.7 ms, and 1.5-1.7 ms this way (1,500-character bodies, a word found early or nowhere).
 */
function matches(word: string, terms: ReadonlySet<string>): boolean {
  const w = normalizeWord(word);
  for (const t of terms) if (w.startsWith(t)) return wordTerms(word).some((x) => terms.has(x));
  return false;
}

/** Splits a text into marked and unmarked runs: a word is marked when one of its terms was searched for. */
export function highlight(text: string, terms: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  const push = (s: string, mark: boolean) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last && !last.mark && !mark) last.text += s;
    else out.push({ text: s, mark });
  };
  if (terms.size > 0) {
    for (const t of tokenize(text)) {
      if (!matches(t.word, terms)) continue;
      push(text.slice(at, t.start), false);
      push(t.word, true);
      at = t.end;
    }
  }
  push(text.slice(at), false);
  return out;
}

/**
 * A passage of about `maxChars` around the first searched-for word, cut at word boundaries, with
 * «…» where it was cut. Undefined when the text has no such word.
 */
export function snippet(text: string, terms: ReadonlySet<string>, maxChars = 220): Segment[] | undefined {
  const tokens = tokenize(text);
  const first = tokens.findIndex((t) => matches(t.word, terms));
  if (first < 0) return undefined;
  // Some context before the match, a third of the passage at most, starting on a word.
  let from = first;
  while (from > 0 && tokens[first]!.start - tokens[from - 1]!.start <= maxChars / 3) from--;
  let to = first;
  while (to + 1 < tokens.length && tokens[to + 1]!.end - tokens[from]!.start <= maxChars) to++;
  const start = from === 0 ? 0 : tokens[from]!.start;
  const end = to === tokens.length - 1 ? text.length : tokens[to]!.end;
  const passage = highlight(text.slice(start, end).replace(/\s+/g, " "), terms);
  if (start > 0) passage.unshift({ text: "…", mark: false });
  if (end < text.length) passage.push({ text: "…", mark: false });
  return passage;
}
