import type { SourceConfig } from "./types";
import type { SourceState } from "./state";

/**
 * When --watch reads a source next: its `every` after the last run, give or take a tenth (so that
 * fifty sources set to "10m" do not all knock at once), doubled after each failed run up to
 * six hours or `every`, whichever is longer, and never before the partner's Retry-After.
 */
export const JITTER = 0.1;
export const MAX_BACKOFF_MS = 6 * 3_600_000;

export function nextRunAt(source: SourceConfig, state: SourceState, random: () => number = Math.random): number {
  const last = state.last ? Date.parse(state.last.at) : Number.NEGATIVE_INFINITY;
  const backoff = Math.min(source.everyMs * 2 ** Math.min(state.failures, 10), Math.max(MAX_BACKOFF_MS, source.everyMs));
  const jitter = 1 + (random() * 2 - 1) * JITTER;
  const due = last + backoff * jitter;
  const retry = state.retryAfter ? Date.parse(state.retryAfter) : Number.NEGATIVE_INFINITY;
  return Math.max(due, retry);
}
