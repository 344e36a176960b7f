/**
 * The p-th percentile of some figures by the nearest-rank method (the smallest value with at
 * least p % of the figures at or below it): with 100 latencies, p95 is the 95th fastest, a value
 * that was actually measured. Undefined for no figures.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(p > 0 && p <= 100)) throw new Error(`percentile: p must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A timeout that grows with the archive: `perHundredK` seconds per 100,000 articles, never under
 * `floor` seconds (a small archive still pays the server's own start-up). Milliseconds.
 */
export function scaledTimeoutMs(perHundredK: number, articles: number, floor: number): number {
  return Math.round(1000 * Math.max(floor, (perHundredK * articles) / 100_000));
}
