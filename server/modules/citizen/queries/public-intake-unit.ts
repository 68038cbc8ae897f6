import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { AppError } from '../../../core/errors.ts';
import { units } from '../../org/tables.ts';
import { getSetting } from '../../system/settings.ts';

/**
 * The unit that takes in what citizens submit online: the `public_intake_unit_id` setting when it
 * names an active unit, else the root of the tree (first top-level unit by sort order). A setting
 * pointing at a deactivated unit falls back too, so a reorganisation never shuts the page.
 */
export async function publicIntakeUnit(db: DbOrTx): Promise<{ unitId: string; unitPath: string }> {
  const configured = await getSetting(db, 'public_intake_unit_id');
  if (configured) {
    const [u] = await db
      .select({ unitId: units.id, unitPath: units.path })
      .from(units)
      .where(and(eq(units.id, configured), eq(units.isActive, true)));
    if (u) return u;
  }
  const [root] = await db
    .select({ unitId: units.id, unitPath: units.path })
    .from(units)
    .where(and(isNull(units.parentId), eq(units.isActive, true)))
    .orderBy(asc(units.sortOrder), asc(units.name))
    .limit(1);
  if (!root) throw new AppError(503, 'PUBLIC_INTAKE_CLOSED');
  return root;
}
