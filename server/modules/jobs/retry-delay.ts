/** Attempts before a job is marked failed, unless its definition says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * How long to wait before attempt `attempts + 1` after `attempts` failed ones: 30 s, 1 min, 2 min …
 * doubling up to an hour, so a dependency that is down is not hammered and a passing glitch costs
 * half a minute. No jitter: instances claim different rows anyway, and tests can predict it.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}
