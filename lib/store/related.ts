import { tagKey } from "@/lib/content/tags";
import type { Article } from "@/lib/content/types";
import { parseQuery } from "@/lib/search/text";

/*
 * «По теме»: stories related to an article, chosen the same way on every store from small index
 * reads, never a scan of the archive: the newest published articles of each of its tags (the tag
 * index), then, to fill up, the newest whose title or tags hold the words of its headline (the
 * search index, one word at a time). Each read is a range of at most RELATED_PER_KEY rows.
 */

/** How many of the newest articles are read per tag and per headline word. */
export const RELATED_PER_KEY = 30;
/** At most this many tags and headline words are looked up. */
const MAX_TAGS = 6;
const MAX_WORDS = 8;

/** A candidate as the index gives it: enough to rank it without reading the article. */
export interface RelatedRow {
  slug: string;
  dateMs: number;
}

/** What a store looks up for an article's related stories. */
export interface RelatedKeys {
  /** Tag keys (`tagKey`), each once. */
  tags: string[];
  /** The headline's words, each as its alternative search terms (lib/search/text.ts). */
  words: string[][];
}

export function relatedKeys(article: Pick<Article, "title" | "tags">): RelatedKeys {
  const tags = [...new Set(article.tags.map(tagKey).filter(Boolean))].slice(0, MAX_TAGS);
  const words = (parseQuery(article.title)?.words ?? []).slice(0, MAX_WORDS);
  return { tags, words };
}

/**
 * The related stories' slugs, best first: those sharing more tags first, then those sharing more
 * headline words (at least two, or the one word of a one-word headline: a single common word such
 * as «Минск» relates nothing), each newest first, ties by slug. The article itself is left out.
 */
export function rankRelated(self: string, byTag: readonly RelatedRow[][], byWord: readonly RelatedRow[][], limit: number): string[] {
  const tally = (lists: readonly RelatedRow[][]) => {
    const out = new Map<string, { n: number; dateMs: number }>();
    for (const list of lists)
      for (const row of new Map(list.map((r) => [r.slug, r])).values()) {
        if (row.slug === self) continue;
        const seen = out.get(row.slug);
        out.set(row.slug, { n: (seen?.n ?? 0) + 1, dateMs: row.dateMs });
      }
    return out;
  };
  const order = (m: Map<string, { n: number; dateMs: number }>, min: number) =>
    [...m]
      .filter(([, v]) => v.n >= min)
      .sort(([sa, a], [sb, b]) => b.n - a.n || b.dateMs - a.dateMs || (sa < sb ? -1 : sa > sb ? 1 : 0))
      .map(([slug]) => slug);
  const tagged = order(tally(byTag), 1);
  const chosen = new Set(tagged.slice(0, limit));
  if (chosen.size < limit) {
    for (const slug of order(tally(byWord), Math.min(2, byWord.length))) {
      if (chosen.size >= limit) break;
      chosen.add(slug);
    }
  }
  return [...chosen];
}
