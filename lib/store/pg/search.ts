import type { SearchFields } from "@/lib/store/search-text";

/*
 * Search on PostgreSQL holds the same Snowball terms as SQLite's FTS5 table (lib/store/search-text.ts,
 * ё = е, the code that also reads queries), written as tsvector and tsquery literals: no text
 * search configuration of the server's stems or splits them again, so both stores find the same
 * articles for the same query.
 */

/** Lexemes as the literal syntax quotes them: in single quotes, with ' and \ doubled or escaped. */
function lexeme(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** PostgreSQL keeps at most this many positions per lexeme, and positions up to 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16_383;

/** The weight of each field: the title says most, as in SQLite's bm25 weights 3, 2.5, 1.5, 1. */
const FIELDS: [keyof SearchFields, string][] = [
  ["title", "A"],
  ["tags", "B"],
  ["lead", "C"],
  ["body", "D"],
];

/**
 * An article's terms as a tsvector literal: `'term':1A,4A 'other':2C`. Positions run on through
 * the fields in the order title, tags, lead, body; each term keeps the weight of where it is.
 */
export function tsvectorLiteral(fields: SearchFields): string {
  const positions = new Map<string, string[]>();
  let at = 0;
  for (const [field, weight] of FIELDS) {
    for (const term of fields[field].split(" ")) {
      if (!term) continue;
      at = Math.min(at + 1, MAX_POSITION);
      let list = positions.get(term);
      if (!list) positions.set(term, (list = []));
      if (list.length < MAX_POSITIONS) list.push(`${at}${weight}`);
    }
  }
  return [...positions].map(([term, list]) => `${lexeme(term)}:${list.join(",")}`).join(" ");
}

/** A query's words (each a list of alternative terms) as a tsquery literal: `('a' | 'b') & 'c'`. */
export function tsquery(words: readonly (readonly string[])[]): string {
  return words.map((alternatives) => `(${alternatives.map(lexeme).join(" | ")})`).join(" & ");
}

/** One word's alternative terms as a tsquery that matches them in the title or the tags only (weights A, B). */
export function titleOrTagsTsquery(alternatives: readonly string[]): string {
  return `(${alternatives.map((t) => `${lexeme(t)}:AB`).join(" | ")})`;
}
