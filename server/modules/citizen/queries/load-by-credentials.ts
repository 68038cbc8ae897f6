import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { decryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import { matters } from '../../matters/tables.ts';
import type { MatterRow } from '../../matters/queries/load-matter.ts';
import { hashLookupSecret, safeEqual } from '../lookup-secret.ts';
import { PHONE_GUARD_MINUTES, type PhoneGuard } from '../phone-guard.ts';

/** What a citizen gives to prove a matter is theirs. */
export interface CitizenCredentials {
  code: string;
  secret?: string;
  phoneLast4?: string;
}

// Hashed when the code is unknown, so that answer costs about as much as a wrong secret.
const NO_HASH = '0'.repeat(64);

/** The last four digits of the matter's petitioner phone, or null when there is none or it cannot be read. */
function phoneLast4Of(ctx: Ctx, m: MatterRow): string | null {
  if (!m.petitionerPhoneEnc || !ctx.keys) return null;
  try {
    const digits = decryptField(ctx.keys, m.petitionerPhoneEnc, fieldAad('matter', m.id, 'phone')).replace(/\D/g, '');
    return digits.length >= 4 ? digits.slice(-4) : null;
  } catch {
    return null;
  }
}

/** True when the matter has a phone whose last four digits are `given`. */
function phoneMatches(ctx: Ctx, row: MatterRow | undefined, given: string): boolean {
  const last4 = row ? phoneLast4Of(ctx, row) : null;
  return safeEqual(last4 ?? '----', given) && last4 !== null;
}

/** True when the matter has a lookup secret and `given` is it. */
function secretMatches(row: MatterRow | undefined, given: string): boolean {
  return safeEqual(row?.lookupSecretHash ?? NO_HASH, hashLookupSecret(given)) && !!row?.lookupSecretHash;
}

/**
 * The matter with this code, if the secret or the phone's last four digits match; otherwise 404
 * CITIZEN_LOOKUP_FAILED — the same answer for an unknown code, so a guess learns nothing. Wrong
 * phone digits are counted per code (PhoneGuard); `forUpdate` locks the row for a command.
 */
export async function loadByCredentials(db: DbOrTx, ctx: Ctx, guard: PhoneGuard, cred: CitizenCredentials, opts: { forUpdate?: boolean } = {}): Promise<MatterRow> {
  const byPhone = cred.phoneLast4 !== undefined;
  if (byPhone && guard.isLocked(cred.code)) throw new AppError(429, 'CITIZEN_PHONE_LOCKED', { minutes: PHONE_GUARD_MINUTES });
  const query = db.select().from(matters).where(eq(matters.code, cred.code));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  const ok = byPhone ? phoneMatches(ctx, row, cred.phoneLast4!) : secretMatches(row, cred.secret ?? '');
  if (!row || !ok) {
    if (byPhone) guard.recordFailure(cred.code);
    throw new AppError(404, 'CITIZEN_LOOKUP_FAILED');
  }
  return row;
}
