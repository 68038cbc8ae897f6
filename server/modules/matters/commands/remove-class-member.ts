import { and, eq } from 'drizzle-orm';
import { AppError, notFound } from '../../../core/errors.ts';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { matterClassMembers } from '../tables.ts';
import { loadMatterUnscoped } from '../queries/load-matter.ts';
import { assertManageClass, loadMatterClass, type MatterClassRow } from '../queries/load-matter-class.ts';
import type { MatterStatus } from '../state-machine.ts';
import { recordMatterEvent } from './apply-transition.ts';

/** Takes a matter out of an open class (linked by mistake); the matter's timeline says so. */
export async function removeClassMember(ctx: Ctx, classId: string, matterId: string): Promise<MatterClassRow> {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const c = await loadMatterClass(tx, actor, classId, { forUpdate: true });
    assertManageClass(actor, c);
    if (c.closedAt) throw new AppError(409, 'CLASS_CLOSED');
    const [removed] = await tx
      .delete(matterClassMembers)
      .where(and(eq(matterClassMembers.classId, classId), eq(matterClassMembers.matterId, matterId)))
      .returning();
    if (!removed) throw notFound();
    // A member is in the class's scope by construction; it need not be in the remover's.
    const matter = await loadMatterUnscoped(tx, matterId, { forUpdate: true });
    await recordMatterEvent(tx, ctx, matter, 'class_remove', matter.status as MatterStatus, null, { classId, className: c.name });
    await appendAudit(tx, ctx, { action: 'matter_class.remove_member', subjectType: 'matter_class', subjectId: classId, unitPath: c.ownerUnitPath, before: { matterId, code: matter.code } });
    return c;
  });
}
