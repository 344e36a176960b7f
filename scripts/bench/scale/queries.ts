/**
 * The search queries the scale bench asks: a fixed, seeded list made of words of the corpus's own
 * titles, so that every query finds something (a query that matches nothing measures a miss, not
 * a search) and the same seed asks the same queries at every size and in every run.
 */
import { createRng } from "../../generate/corpus/text";

export interface SearchQuery {
  /** How many words the query has. */
  words: number;
  q: string;
}

/** The title in an article file's front matter (`title: "…"` as the generator writes it, or bare). */
export function titleOf(text: string): string | undefined {
  const line = /^title:[ \t]*(.+?)[ \t]*$/m.exec(text)?.[1];
  if (line === undefined) return undefined;
  if (line.startsWith('"')) {
    try {
      return JSON.parse(line) as string;
    } catch {
      return undefined;
    }
  }
  return line.replace(/^'(.*)'$/, "$1");
}

/** A title's words worth searching for: letters only, lower case, four letters or more (no prepositions). */
export function titleWords(title: string): string[] {
  return (title.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 4);
}

/**
 * `perLength` queries of each length in `lengths`, each the words next to each other in one title
 * picked at random (a phrase readers would type), in that order: all one-word queries first.
 * Titles with too few words for a length are passed over for it.
 */
export function searchQueries(titles: readonly string[], { seed = 1, perLength = 100, lengths = [1, 2, 3] } = {}): SearchQuery[] {
  const rng = createRng(seed);
  const worded = titles.map(titleWords);
  const queries: SearchQuery[] = [];
  for (const words of lengths) {
    const fit = worded.filter((w) => w.length >= words);
    if (fit.length === 0) throw new Error(`search queries: no title has ${words} words of four letters or more`);
    for (let k = 0; k < perLength; k++) {
      const title = rng.pick(fit);
      const start = rng.int(0, title.length - words);
      queries.push({ words, q: title.slice(start, start + words).join(" ") });
    }
  }
  return queries;
}
