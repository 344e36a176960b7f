/**
 * Silent reading speed for Russian prose, in words a minute. Russian words are longer than English
 * ones, so the usual English figure of 230–250 overstates it; the International Reading Speed
 * Texts study (Trauzettel-Klosinski & Dietz, 2012) measured 184 ± 32 words a minute for Russian
 * adults reading plain non-fiction. 180 is that figure, rounded down for news dense with names and
 * numbers.
 */
export const WORDS_PER_MINUTE = 180;

/** Whole minutes to read an article of `wordCount` words; never less than one. */
export function readingMinutes(wordCount: number): number {
  if (!Number.isFinite(wordCount) || wordCount <= 0) return 1;
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
