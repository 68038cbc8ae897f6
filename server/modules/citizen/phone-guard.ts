/** Wrong last-4 answers allowed per matter code within the window before the phone route closes. */
export const PHONE_FAILURES_ALLOWED = 10;
/** The window of PHONE_FAILURES_ALLOWED, in minutes. */
export const PHONE_GUARD_MINUTES = 60;

/**
 * Counts wrong "last 4 digits of the phone" answers per matter code. Codes are sequential and four
 * digits have only 10,000 values, so without this a patient guesser spread over many addresses
 * could find any matter; the 8-character secret (≈ 2^40) needs no such guard. Only the phone route
 * closes, so a guesser cannot lock the owner out: the secret keeps working. Kept in memory per
 * instance (a restart forgets it; several instances each allow their own count).
 */
export class PhoneGuard {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly allowed = PHONE_FAILURES_ALLOWED,
    private readonly windowMs = PHONE_GUARD_MINUTES * 60_000,
  ) {}

  /** True while the code has used up its wrong answers. */
  isLocked(code: string, now = Date.now()): boolean {
    const f = this.failures.get(code);
    if (!f) return false;
    if (now - f.since > this.windowMs) {
      this.failures.delete(code);
      return false;
    }
    return f.count >= this.allowed;
  }

  /** Counts one wrong answer for the code. */
  recordFailure(code: string, now = Date.now()): void {
    const f = this.failures.get(code);
    if (!f || now - f.since > this.windowMs) {
      // Bounded memory: a flood of distinct codes clears the oldest state rather than growing.
      if (this.failures.size >= 100_000) this.failures.clear();
      this.failures.set(code, { count: 1, since: now });
    } else f.count += 1;
  }
}
