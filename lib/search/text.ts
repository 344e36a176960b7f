import { stemmer } from "@orama/stemmers/russian";
import { stopwords } from "@orama/stopwords/russian";

/**
 * Text → search terms, shared by indexing, querying and highlighting so that the three always
 * agree on what a "word" is and which words match.
 */

/** Case, ё/е and Unicode composition do not matter to a reader: «Ёлка», «елка» and «ЕЛКА» are one word. */
export function normalizeWord(word: string): string {
  return word.normalize("NFC").toLowerCase().replace(/ё/g, "е");
}

export interface Token {
  /** The word as written. */
  word: string;
  /** Offset of the word in the text (UTF-16 code units). */
  start: number;
  end: number;
}

// A word is a run of letters, digits and combining marks; hyphens and punctuation split words, so
// «Днепр-Полесье» is two words and a query for either finds it.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

// The Snowball list, less words that carry meaning in news («человек», «жизнь», «два»…): the
// rest are prepositions, conjunctions, pronouns and particles that match nearly every article.
const MEANINGFUL = new Set([
  "человек",
  "жизнь",
  "сказал",
  "сказала",
  "сказать",
  "говорил",
  "сегодня",
  "один",
  "два",
  "три",
  "хорошо",
  "лучше",
  "больше",
  "много",
  "нельзя",
  "конечно",
  "кажется",
  "раз",
  "другой",
  "теперь",
  "наконец",
  "никогда",
  "всегда",
  "иногда",
]);
// …plus function words it lacks that are everywhere in news prose.
const MORE = [
  "это",
  "также",
  "который",
  "которая",
  "которое",
  "которые",
  "которого",
  "которой",
  "которому",
  "которую",
  "котором",
  "которым",
  "которых",
  "которыми",
];
const STOPWORDS: ReadonlySet<string> = new Set([...stopwords, ...MORE].map(normalizeWord).filter((w) => !MEANINGFUL.has(w)));

export function isStopword(normalized: string): boolean {
  return STOPWORDS.has(normalized);
}

/**
 * The index terms of one word: its Snowball stem, plus a second stem where Snowball is known to
 * split the forms of a name. Both the index and the query use this, and a query word matches an
 * article when any of its terms is among the article's, so the extra stems only ever add matches:
 * - nouns in -сь: Snowball strips «сь» as a reflexive verb ending, so «Беларусь» → «белар» but
 *   «Беларуси» → «беларус»; the word less its «ь» gives the stem of the other forms.
 * - names in -ов/-ев: Snowball strips them as a genitive plural, so «Могилёв» → «могил» but
 *   «Могилеве» → «могилев»; the whole word is the stem of the other forms.
 * Stop words have no terms.
 */
export function wordTerms(word: string): string[] {
  const w = normalizeWord(word);
  if (w.length === 0 || isStopword(w)) return [];
  const stem = stemmer(w);
  const terms = [stem];
  let extra: string | undefined;
  if (/[а-я]сь$/.test(w) && w.length > 3) extra = stemmer(w.slice(0, -1));
  else if (/[а-я]{2}[ое]в$/.test(w)) extra = w;
  if (extra && extra !== stem) terms.push(extra);
  return terms;
}

/** The longest query the search reads; the rest is cut (a search box does not need more). */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words of a query are searched for. */
export const MAX_QUERY_WORDS = 12;

export interface ParsedQuery {
  /** The query as it is shown and searched: trimmed, whitespace collapsed, cut to the maximum. */
  text: string;
  /** Whether the reader's query was longer than what is searched. */
  truncated: boolean;
  /** Per searched word, its alternative terms (a word matches when any of them does). */
  words: string[][];
}

/**
 * Reads the `q` parameter. Undefined when it is unusable as given: repeated (`?q=a&q=b`), or
 * holding the replacement character that a malformed percent-encoding decodes to. Such URLs get
 * the 404 page, as malformed paths and repeated `?page=` do.
 */
export function parseQuery(value: string | string[] | undefined): ParsedQuery | undefined {
  if (Array.isArray(value)) return value.length === 1 ? parseQuery(value[0]) : undefined;
  if (value !== undefined && value.includes("\uFFFD")) return undefined;
  // Control characters (a pasted NUL or line break) are spaces to the search.
  const clean = (value ?? "")
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\s]+/gu, " ")
    .trim();
  const truncated = [...clean].length > MAX_QUERY_LENGTH;
  // Cut by code points so that an emoji or a surrogate pair is never split.
  const text = truncated ? [...clean].slice(0, MAX_QUERY_LENGTH).join("").trim() : clean;
  const words: string[][] = [];
  const seen = new Set<string>();
  for (const { word } of tokenize(text)) {
    const terms = wordTerms(word);
    const key = terms.join(" ");
    if (terms.length === 0 || seen.has(key)) continue;
    seen.add(key);
    words.push(terms);
    if (words.length >= MAX_QUERY_WORDS) break;
  }
  return { text, truncated, words };
}
