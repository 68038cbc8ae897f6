/**
 * Fixtures of the text module's product tests: matters written straight into the database (many
 * closed ones to train on, or a period's worth for hot topics) — faster than the API, and with
 * the creation times and statuses the tests need. Petitioner phones get the blind index the
 * matters module stores, so "same caller" works as in production.
 */
import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { blindIndex } from '../../core/personal-data/blind-index.ts';
import { testKeys } from '../../test/harness.ts';
import { units } from '../org/tables.ts';
import { matters } from '../matters/tables.ts';

/** A matter to write; the intake office is the county unless named. */
export interface FixtureMatter {
  title: string;
  description: string;
  status?: string;
  categoryId?: string | null;
  unitId?: string | null;
  intakeUnitId: string;
  phone?: string;
  address?: string;
  createdAt?: Date;
}

let serial = 0;

/** Writes the matters (one INSERT) and answers their ids in order. */
export async function insertMatters(db: Db, rows: readonly FixtureMatter[]): Promise<string[]> {
  const unitIds = [...new Set(rows.flatMap((r) => [r.intakeUnitId, r.unitId].filter((x): x is string => !!x)))];
  const paths = new Map((await db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, unitIds))).map((u) => [u.id, u.path]));
  const values = rows.map((r) => {
    const id = crypto.randomUUID();
    const createdAt = r.createdAt ?? new Date();
    return {
      id,
      code: `TX${String(++serial).padStart(6, '0')}-${id.slice(0, 6)}`,
      kind: 'demand',
      origin: 'hotline',
      title: r.title,
      description: r.description,
      categoryId: r.categoryId ?? null,
      urgency: 'normal',
      status: r.status ?? 'received',
      intakeUnitId: r.intakeUnitId,
      intakeUnitPath: paths.get(r.intakeUnitId)!,
      unitId: r.unitId ?? null,
      unitPath: r.unitId ? paths.get(r.unitId)! : null,
      petitionerPhoneIdx: r.phone ? blindIndex(testKeys.current, 'phone', r.phone) : null,
      address: r.address ?? null,
      createdAt,
      updatedAt: createdAt,
    };
  });
  await db.insert(matters).values(values);
  return values.map((v) => v.id);
}

/** A pseudo-random pick that is the same on every run. */
export function pick<T>(items: readonly T[], i: number): T {
  return items[(i * 7 + 3) % items.length];
}
