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

/** ts_rank's weights of D (body), C (lead), B (tags), A (title): SQLite's bm25 weights 1, 1.5, 2.5, 3, scaled to 1. */
export const RANK_WEIGHTS = "{0.333, 0.5, 0.833, 1}";

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

/**
 * The month an article was published in (its `month`, as the archive pages count it), as a term of
 * its own in its tsvector: `'#m2024-03'`. The search reads the newest matches a few months at a
 * time by adding these terms to the query (lib/store/pg/window.ts). No word of a query is one: a
 * query's terms are letters and digits.
 */
export function monthTerm(month: string): string {
  return lexeme(`#m${month}`);
}

/** An article's search document: its terms (tsvectorLiteral) and the term of its month. */
export function documentLiteral(fields: SearchFields, month: string): string {
  const terms = tsvectorLiteral(fields);
  return terms ? `${terms} ${monthTerm(month)}` : monthTerm(month);
}

/**
 * What a search ranks by: the title, tags and lead (a few hundred bytes, kept in the row), never
 * the body's terms (a few kilobytes, stored apart, compressed): reading those for each of 5,000
 * matches was most of a search's time. A match in the body alone ranks below these (window.ts).
 */
export function headLiteral(fields: SearchFields): string {
  return tsvectorLiteral({ ...fields, body: "" });
}

/** Months as a tsquery that matches a document of any of them: `('#m2024-03' | '#m2024-02')`. */
export function monthsTsquery(months: readonly string[]): string {
  return `(${months.map(monthTerm).join(" | ")})`;
}

/** A query's words (each a list of alternative terms) as a tsquery literal: `('a' | 'b') & 'c'`. */
export function tsquery(words: readonly (readonly string[])[]): string {
  return words.map((alternatives) => `(${alternatives.map(lexeme).join(" | ")})`).join(" & ");
}

/**
 * The terms of an article's title and tags, each once: the rows of title_terms (schema.ts), which
 * «По теме» reads newest first, as SQLite reads its full-text table's title and tags columns.
 */
export function titleTerms(fields: Pick<SearchFields, "title" | "tags">): string[] {
  return [...new Set(`${fields.title} ${fields.tags}`.split(" ").filter(Boolean))];
}
