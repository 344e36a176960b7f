/*
 * How the SQLite store orders a search's matches, apart from the SQL that finds them.
 *
 * FTS5's bm25() weighs each word by how many articles hold it, and it counts them by reading the
 * word's whole list of articles, on every query: a word in half of a million articles costs some
 * 100 ms before the first row is ranked, whatever the LIMIT. So the window of newest matches is
 * found without bm25(), and bm25() then scores that window by the rarer words only, as many as fit
 * a budget of list entries. A very common word still has to match; it just adds no weight, which
 * is close to what bm25() gives it anyway (next to nothing past half of the archive).
 */
import { recencyBoost } from "@/lib/search/ranking";
import { SEARCH_ID_BITS } from "./writer";

/** The most list entries (articles holding a ranked word, summed over the words) bm25() may read per query. */
export const RANK_BUDGET = 40_000;
/**
 * The most rows bm25() scores per query: the newest matches of the ranked words within the window's
 * range (the window's own matches among them). Each costs some 5 µs here; past it, a match ranks
 * as the least relevant scored, by its date. 1,500 kept 99 % of the first pages' hits of 3,000
 * over the bench's 300 queries at a million articles, at two thirds of the time.
 */
export const RANK_ROWS = 1_500;

/** A row bm25() scored: the article's id, its second and its relevance (higher is better). */
export interface RankedRow {
  id: number;
  sec: number;
  b: number;
}

/**
 * The scored rows less a second the limit cut through: rows come newest first, and when there were
 * more than `limit`, the last second's matches may be only partly there. Which of them made it
 * would depend on the article ids the indexer gave (a second's order), so that second is dropped
 * whole and all its matches take the floor together: the order is the content's, not the ids'.
 */
export function wholeSeconds(rows: RankedRow[], limit: number): RankedRow[] {
  if (rows.length < limit || rows.length === 0) return rows;
  const last = rows.at(-1)!.sec;
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.sec === last) end--;
  return rows.slice(0, end);
}

/** A word's article count is estimated from this many of the newest articles (exact below that). */
export const DF_SAMPLE = 10_000;

/** A query word (its FTS5 phrase, alternatives included) and the articles estimated to hold it. */
export interface WordFrequency {
  phrase: string;
  df: number;
}

/** The words bm25() ranks by: the rarest first, while their article counts fit the budget. */
export function wordsToRank(words: readonly WordFrequency[], budget = RANK_BUDGET): string[] {
  const chosen: string[] = [];
  let spent = 0;
  for (const w of [...words].sort((a, b) => a.df - b.df || (a.phrase < b.phrase ? -1 : 1))) {
    if (spent + w.df > budget) break;
    spent += w.df;
    chosen.push(w.phrase);
  }
  return chosen;
}

/**
 * A word's article count from a count in the newest `sampled` of `total` articles: the sample's
 * rate applied to the archive, or the count itself when the sample is the whole archive.
 */
export function estimateDf(inSample: number, sampled: number, total: number): number {
  return sampled >= total || sampled <= 0 ? inSample : Math.round((inSample * total) / sampled);
}

/**
 * A match: its search key as the publication second and the article's id (the key itself is too
 * large for a JavaScript number, and a Map keyed by BigInts costs tens of ms for a window).
 */
export interface Match {
  sec: number;
  id: number;
}

/** The search key of a match, for SQL (bigint: seconds shifted past the id's bits). */
export const keyOf = (m: Match): bigint => (BigInt(m.sec) << BigInt(SEARCH_ID_BITS)) + BigInt(m.id);

/** A match of the window, scored. */
export interface Scored extends Match {
  score: number;
}

/**
 * The window's matches by score, best first: bm25()'s relevance (by article id, higher is better)
 * times the recency boost. With no relevance (every word too common to rank) the boost alone
 * orders them, newest first. A match that bm25() did not reach (past RANK_ROWS) counts as the
 * least relevant it did reach. Equal scores: the newer first.
 */
export function scoreWindow(matches: readonly Match[], relevance: ReadonlyMap<number, number> | undefined, now: number): Scored[] {
  let floor = Infinity;
  if (relevance) for (const r of relevance.values()) floor = Math.min(floor, r);
  if (!Number.isFinite(floor)) floor = 1;
  const scored = matches.map(({ sec, id }) => ({ sec, id, score: (relevance?.get(id) ?? floor) * recencyBoost(sec * 1000, now) }));
  return scored.sort((a, b) => b.score - a.score || b.sec - a.sec || b.id - a.id);
}

/**
 * How many of the scored matches a page must look at: through the page's last row, and on past it
 * while the score and the second stay the same (such ties are ordered by date and slug, which only
 * the articles tell).
 */
export function cutOf(scored: readonly Scored[], end: number): number {
  if (end >= scored.length) return scored.length;
  if (end <= 0) return 0;
  const last = scored[end - 1]!;
  let cut = end;
  while (cut < scored.length && scored[cut]!.score === last.score && scored[cut]!.sec === last.sec) cut++;
  return cut;
}

/** A page's hits as published articles, in order (score, then date, then slug), cut to the page's range. */
export function pageHits(rows: { slug: string; d: number; score: number }[], range: { offset: number; limit: number }): { slug: string; score: number }[] {
  rows.sort((a, b) => b.score - a.score || b.d - a.d || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return rows.slice(range.offset, range.offset + range.limit).map(({ slug, score }) => ({ slug, score }));
}
