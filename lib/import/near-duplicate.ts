import { normalizeWord, tokenize, wordTerms } from "../search/text";

/**
 * "The same story from another partner": partners copy each other, retitle, trim and reorder.
 * Two items are the same story when their openings share most of their word pairs, or when their
 * headlines share most of their words and their openings a good part. Words are the search's
 * Snowball stems (ё = е, stop words out), so case endings and reworded function words do not
 * matter; numbers are words, so «курс на 5 марта» and «курс на 6 марта» stay two stories.
 * How the thresholds were chosen: docs/importer.md, "The same story twice", measured on
 * lib/import/fixtures/near-duplicates.json by near-duplicate.test.ts.
 */

/** Words of the opening compared: a lead, or a body's first paragraph or two. */
export const OPENING_WORDS = 80;
export const THRESHOLDS = {
  /** Share of the shorter opening's word pairs found in the other: a copy, trimmed or not. */
  opening: 0.5,
  /** Headline word overlap (Jaccard) that, with `openingWithTitle` of the opening, is the same story. */
  title: 0.5,
  openingWithTitle: 0.2,
} as const;

export interface Fingerprint {
  /** Stems of the headline, sorted, unique. */
  t: string[];
  /** Hashes of consecutive stem pairs of the opening, sorted, unique. */
  o: number[];
  /** Numbers in the headline, sorted, unique: different numbers, different stories. */
  n: string[];
}

function stems(text: string, max: number): string[] {
  const out: string[] = [];
  for (const { word } of tokenize(text)) {
    const terms = wordTerms(word);
    const stem = terms[0];
    if (stem !== undefined) out.push(stem);
    if (out.length >= max) break;
  }
  return out;
}

/** FNV-1a, 32 bits: short, stable across runs and machines (the fingerprints are stored). */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fingerprint(title: string, opening: string): Fingerprint {
  const t = [...new Set(stems(title, 40))].sort();
  const words = stems(opening, OPENING_WORDS);
  const pairs = new Set<number>();
  for (let i = 0; i + 1 < words.length; i++) pairs.add(fnv(`${words[i]} ${words[i + 1]}`));
  if (words.length === 1) pairs.add(fnv(words[0] ?? ""));
  const n = [
    ...new Set(
      tokenize(title)
        .map((x) => normalizeWord(x.word))
        .filter((w) => /^\d+$/.test(w)),
    ),
  ].sort();
  return { t, o: [...pairs].sort((a, b) => a - b), n };
}

function overlap<T>(a: readonly T[], b: readonly T[]): number {
  const set = new Set(a);
  let common = 0;
  for (const x of b) if (set.has(x)) common++;
  return common;
}

export interface Similarity {
  title: number;
  opening: number;
}

export function similarity(a: Fingerprint, b: Fingerprint): Similarity {
  const tc = overlap(a.t, b.t);
  const tu = a.t.length + b.t.length - tc;
  const oc = overlap(a.o, b.o);
  const shorter = Math.min(a.o.length, b.o.length);
  return { title: tu === 0 ? 0 : tc / tu, opening: shorter === 0 ? 0 : oc / shorter };
}

export function isSameStory(a: Fingerprint, b: Fingerprint): boolean {
  if (a.n.length > 0 && b.n.length > 0 && a.n.join(" ") !== b.n.join(" ")) return false;
  const s = similarity(a, b);
  // An opening of a few words (a one-line item) says too little to be called a copy by itself.
  const enough = Math.min(a.o.length, b.o.length) >= 8;
  return (enough && s.opening >= THRESHOLDS.opening) || (s.title >= THRESHOLDS.title && s.opening >= THRESHOLDS.openingWithTitle);
}

/** An article the importer wrote recently, as the duplicate check remembers it. */
export interface RecentArticle {
  source: string;
  slug: string;
  /** When it was imported (epoch ms): only the last 48 hours count. */
  at: number;
  fp: Fingerprint;
}

export const DUPLICATE_WINDOW_MS = 48 * 3_600_000;

/**
 * The earliest recent article of another source that tells the same story, if any. Candidates
 * are the articles that share opening pairs with the item (every rule above needs a fifth of the
 * shorter opening in common), counted through an index of pairs: a check costs a few lookups, not
 * a comparison with every story of the last two days, however common a headline word is.
 */
export class RecentStories {
  private readonly byPair = new Map<number, RecentArticle[]>();
  private readonly all: RecentArticle[] = [];

  constructor(recent: readonly RecentArticle[] = [], now = Date.now()) {
    for (const r of recent) if (now - r.at <= DUPLICATE_WINDOW_MS) this.add(r);
  }

  add(r: RecentArticle): void {
    this.all.push(r);
    for (const pair of r.fp.o) {
      const list = this.byPair.get(pair);
      if (list) list.push(r);
      else this.byPair.set(pair, [r]);
    }
  }

  findSame(fp: Fingerprint, source: string, now = Date.now()): RecentArticle | undefined {
    const shared = new Map<RecentArticle, number>();
    for (const pair of fp.o) for (const r of this.byPair.get(pair) ?? []) shared.set(r, (shared.get(r) ?? 0) + 1);
    let best: RecentArticle | undefined;
    for (const [r, count] of shared) {
      if (count < THRESHOLDS.openingWithTitle * Math.min(fp.o.length, r.fp.o.length)) continue;
      if (r.source === source || now - r.at > DUPLICATE_WINDOW_MS) continue;
      if (isSameStory(fp, r.fp) && (!best || r.at < best.at)) best = r;
    }
    return best;
  }

  /** What is kept on disk: the last 48 hours. */
  toJSON(now = Date.now()): RecentArticle[] {
    return this.all.filter((r) => now - r.at <= DUPLICATE_WINDOW_MS);
  }
}
