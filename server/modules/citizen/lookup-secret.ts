import crypto from 'node:crypto';

// Letters and digits nobody confuses when reading them off a phone or over the telephone:
// no 0/O, 1/I/L. 31 symbols × 8 places ≈ 2^39.6 possibilities.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/** A new random lookup secret (查询密码), e.g. `K7QM-3XPA` without the hyphen: `K7QM3XPA`. */
export function newLookupSecret(): string {
  let s = '';
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return s;
}

/** The secret as stored and compared: upper case, without the spaces and hyphens people add. */
export function normaliseLookupSecret(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * sha256 (hex) of the normalised secret: all the database keeps. A plain hash is enough here: the
 * view it unlocks shows nothing the matters table does not already hold in clear (petitioner
 * data is never in the citizen view), so a stolen table gains nothing by cracking it.
 */
export function hashLookupSecret(secret: string): string {
  return crypto.createHash('sha256').update(normaliseLookupSecret(secret), 'utf8').digest('hex');
}

/** Constant-time comparison of two strings (false when their lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Compare equal-length buffers either way, so a length mismatch costs the same time.
  if (x.length !== y.length) {
    crypto.timingSafeEqual(x, x);
    return false;
  }
  return crypto.timingSafeEqual(x, y);
}
