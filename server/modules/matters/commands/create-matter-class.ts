import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { forbidden } from '../../../core/errors.ts';
import { scopeFor } from '../../../core/policy.ts';
import { matterClasses } from '../tables.ts';
import type { TMatterClassCreateRequest } from '../schema.ts';
import type { MatterClassRow } from '../queries/load-matter-class.ts';

/**
 * A leader (or admin) opens a class of matters (一类问题) to fix together (整改一个、触及一类); it
 * belongs to the outermost unit where the actor leads, which decides who sees and changes it.
 */
export async function createMatterClass(ctx: Ctx, input: TMatterClassCreateRequest): Promise<MatterClassRow> {
  const actor = requireActor(ctx);
  const [root] = scopeFor(actor, 'matter.lead');
  const role = actor.roles.find((r) => r.unitPath === root);
  if (!role) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(matterClasses)
      .values({ name: input.name, description: input.description || null, ownerUnitId: role.unitId, ownerUnitPath: role.unitPath, createdBy: actor.accountId })
      .returning();
    await appendAudit(tx, ctx, { action: 'matter_class.create', subjectType: 'matter_class', subjectId: row.id, unitPath: row.ownerUnitPath, after: { name: row.name } });
    return row;
  });
}
