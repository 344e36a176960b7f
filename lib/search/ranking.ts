const DAY_MS = 24 * 3600 * 1000;

/** How much more a story published right now weighs than a very old one with the same relevance. */
export const RECENCY_WEIGHT = 0.5;
/** Age at which a story keeps half of that extra weight. */
export const RECENCY_HALF_LIFE_DAYS = 30;

/**
 * The factor a match's relevance is multiplied by: 1.5 for a story published now, 1.25 a month
 * later, ~1.04 after a year. It decays smoothly instead of cutting at a date, so a much better
 * match from last year still outranks a passing mention from this morning.
 */
export function recencyBoost(dateMs: number, now: number): number {
  const ageDays = Math.max(0, now - dateMs) / DAY_MS;
  return 1 + RECENCY_WEIGHT / (1 + ageDays / RECENCY_HALF_LIFE_DAYS);
}
