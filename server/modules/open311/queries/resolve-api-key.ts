import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { units } from '../../org/tables.ts';
import { publicIntakeUnit } from '../../citizen/queries/public-intake-unit.ts';
import { open311Keys } from '../tables.ts';
import { hashApiKey, hashListed } from '../api-keys.ts';

/** Where the requests posted with a key are taken in, and which issued key it was (null: a key from the environment). */
export interface ApiKeyGrant {
  keyId: string | null;
  intakeUnit: { unitId: string; unitPath: string };
}

/**
 * The grant of an `api_key`, or null when it is missing, unknown or revoked. Keys from
 * JICENG_OPEN311_KEYS are taken in like citizen submissions (the `public_intake_unit_id`
 * setting, else the root unit); issued keys by their own unit.
 */
export async function resolveApiKey(db: DbOrTx, key: string | undefined, envHashes: readonly string[]): Promise<ApiKeyGrant | null> {
  if (!key || key.length > 200) return null;
  const hash = hashApiKey(key);
  if (hashListed(hash, envHashes)) return { keyId: null, intakeUnit: await publicIntakeUnit(db) };
  const [row] = await db
    .select({ keyId: open311Keys.id, unitId: units.id, unitPath: units.path })
    .from(open311Keys)
    .innerJoin(units, eq(units.id, open311Keys.unitId))
    .where(and(eq(open311Keys.keyHash, hash), isNull(open311Keys.revokedAt)));
  return row ? { keyId: row.keyId, intakeUnit: { unitId: row.unitId, unitPath: row.unitPath } } : null;
}
