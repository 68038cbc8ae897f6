import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { scopeFor } from '../../../core/policy.ts';
import { queryRows } from '../../../db/client.ts';
import { units } from '../tables.ts';
import { presentUnit } from '../presenter.ts';
import { loadUnit } from '../queries/load-unit.ts';

/**
 * Deletes a unit created by mistake. A unit that has anything attached — sub-units, people,
 * account roles, supervision groups — is refused: such a unit is deactivated instead, so the
 * records that point at it keep their meaning.
 */
export async function deleteUnit(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const unit = await loadUnit(tx, actor, id, 'unit.manage', true);
    if (scopeFor(actor, 'unit.manage').includes(unit.path)) throw new AppError(400, 'ROOT_UNIT');
    const [refs] = await queryRows<{ n: number | string }>(
      tx,
      sql`select (select count(*) from units where parent_id = ${id})
        + (select count(*) from people where unit_id = ${id})
        + (select count(*) from account_roles where unit_id = ${id})
        + (select count(*) from supervision_groups where host_unit_id = ${id})
        + (select count(*) from supervision_group_units where unit_id = ${id}) as n`,
    );
    if (Number(refs.n) > 0) throw new AppError(409, 'UNIT_HAS_RECORDS', { count: Number(refs.n) });
    await tx.delete(units).where(eq(units.id, id));
    await appendAudit(tx, ctx, { action: 'unit.delete', subjectType: 'unit', subjectId: id, unitPath: unit.path, before: presentUnit(unit) });
  });
}
