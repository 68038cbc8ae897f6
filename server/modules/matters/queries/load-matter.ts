import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { AppError, notFound } from '../../../core/errors.ts';
import { can, type Action, type Actor } from '../../../core/policy.ts';
import { scopedTo } from '../../../core/scope.ts';
import { units } from '../../org/tables.ts';
import { matters, matterUnits } from '../tables.ts';

export type MatterRow = typeof matters.$inferSelect;

/**
 * SQL: one of the matter's co-units (协办, `matter_units` role 'co') lies where the actor may
 * perform `action`. A semi-join from the actor's units, so a list filtered by it starts from the
 * few co-unit links instead of scanning matters.
 */
export function coUnitScoped(actor: Actor, action: Action): SQL {
  return sql`${matters.id} in (select ${matterUnits.matterId} from ${matterUnits} join ${units} on ${units.id} = ${matterUnits.unitId} where ${matterUnits.role} = 'co' and ${scopedTo(units.path, actor, action)})`;
}

/**
 * SQL: the same test for one matter already found by id — a correlated EXISTS on the matter's
 * own links (primary key of matter_units), not every co-unit link in the actor's scope.
 */
function hasCoUnitIn(actor: Actor, action: Action): SQL {
  return sql`exists (select 1 from ${matterUnits} join ${units} on ${units.id} = ${matterUnits.unitId} where ${matterUnits.matterId} = ${matters.id} and ${matterUnits.role} = 'co' and ${scopedTo(units.path, actor, action)})`;
}

/** The paths of a matter's co-units (协办), for its role rules. */
export async function coUnitPathsOf(db: DbOrTx, matterId: string): Promise<string[]> {
  const rows = await db
    .select({ path: units.path })
    .from(matterUnits)
    .innerJoin(units, eq(units.id, matterUnits.unitId))
    .where(and(eq(matterUnits.matterId, matterId), eq(matterUnits.role, 'co')));
  return rows.map((r) => r.path);
}

/**
 * A matter the actor may read: taken in (intake unit), handled (responsible unit) or co-handled
 * (a co-unit, 协办) inside the actor's scope. Anything else is 404, whether it exists or not. `forUpdate` locks the row, so
 * concurrent commands on one matter run one after the other and the later sees the new state.
 */
export async function loadMatter(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<MatterRow> {
  const query = db
    .select()
    .from(matters)
    .where(and(eq(matters.id, id), or(scopedTo(matters.intakeUnitPath, actor, 'matter.read'), scopedTo(matters.unitPath, actor, 'matter.read'), hasCoUnitIn(actor, 'matter.read'))));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/** Which of a matter's units an action is judged on: where it was taken in, or where it is handled. */
export type MatterSide = 'intake' | 'unit';

/** 403 unless the actor may perform `action` for the matter's intake unit or responsible unit. */
export function assertMatterAbility(actor: Actor, matter: MatterRow, action: Action, side: MatterSide): void {
  const path = side === 'intake' ? matter.intakeUnitPath : matter.unitPath;
  if (!path || !can(actor, action, path)) throw new AppError(403, 'FORBIDDEN');
}

/**
 * A matter by id whatever the scope, for contexts without an account (a background job, the
 * citizen page once the lookup secret has been checked); 404 when there is none.
 */
export async function loadMatterUnscoped(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<MatterRow> {
  const query = db.select().from(matters).where(eq(matters.id, id));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}
