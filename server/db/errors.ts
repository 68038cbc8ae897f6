/** The PostgreSQL error code of a driver error, looking through Drizzle's wrapper. */
export function pgErrorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True for a unique-constraint violation (23505). */
export const isUniqueViolation = (e: unknown) => pgErrorCode(e) === '23505';
/** True for a serialization failure or deadlock, which a retry may resolve. */
export const isRetryable = (e: unknown) => ['40001', '40P01'].includes(pgErrorCode(e) ?? '');
/** True for a lock that could not be taken at once (FOR UPDATE NOWAIT). */
export const isLockNotAvailable = (e: unknown) => pgErrorCode(e) === '55P03';
