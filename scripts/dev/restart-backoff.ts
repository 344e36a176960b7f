/**
 * When to restart an app instance that died (scripts/dev/proxy-stack.ts), as systemd's `Restart=` with
 * a growing `RestartSec=` would: soon after a one-off crash, less and less often when the instance
 * dies again right after each start (a broken build, a port someone else took), so that a crash
 * loop neither spins a core nor floods the log. An instance that ran a while before it died is
 * treated as healthy again: the next delay starts over from the first.
 */

export interface BackoffOptions {
  /** The delay after the first exit, in ms. */
  initialMs: number;
  /** The longest delay, in ms. */
  maxMs: number;
  /** An instance that ran at least this long before it exited starts over from initialMs. */
  resetAfterMs: number;
}

export const RESTART_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 };

export interface Backoff {
  /** The delay before the next start, given how long the process that just exited had run. */
  next: (ranForMs: number) => number;
}

export function createBackoff(options: BackoffOptions = RESTART_BACKOFF): Backoff {
  const { initialMs, maxMs, resetAfterMs } = options;
  if (!(initialMs > 0)) throw new Error(`restart back-off: initialMs: must be above 0 (got ${initialMs})`);
  if (!(maxMs >= initialMs)) throw new Error(`restart back-off: maxMs: must be at least initialMs (got ${maxMs})`);
  if (!(resetAfterMs >= 0)) throw new Error(`restart back-off: resetAfterMs: must not be negative (got ${resetAfterMs})`);
  let delay = 0; // 0: the last run was healthy (or there was none yet)
  return {
    next(ranForMs) {
      delay = ranForMs >= resetAfterMs || delay === 0 ? initialMs : Math.min(delay * 2, maxMs);
      return delay;
    },
  };
}
