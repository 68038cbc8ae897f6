import { AppError, invalidField } from '../../../core/errors.ts';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { matterClassMembers } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertManageClass, loadMatterClass, type MatterClassRow } from '../queries/load-matter-class.ts';
import type { MatterStatus } from '../state-machine.ts';
import type { TMatterClassMemberRequest } from '../schema.ts';
import { recordMatterEvent } from './apply-transition.ts';

/**
 * Links a matter the actor may read into an open class; the matter's timeline says so. Adding a
 * member twice changes nothing.
 */
export async function addClassMember(ctx: Ctx, classId: string, input: TMatterClassMemberRequest): Promise<MatterClassRow> {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const c = await loadMatterClass(tx, actor, classId, { forUpdate: true });
    assertManageClass(actor, c);
    if (c.closedAt) throw new AppError(409, 'CLASS_CLOSED');
    const matter = await loadMatter(tx, actor, input.matterId, { forUpdate: true }).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw invalidField('matterId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '事项' : 'matter' });
      throw e;
    });
    const [added] = await tx.insert(matterClassMembers).values({ classId, matterId: matter.id, addedBy: actor.accountId }).onConflictDoNothing().returning();
    if (!added) return c;
    await recordMatterEvent(tx, ctx, matter, 'class_add', matter.status as MatterStatus, null, { classId, className: c.name });
    await appendAudit(tx, ctx, { action: 'matter_class.add_member', subjectType: 'matter_class', subjectId: classId, unitPath: c.ownerUnitPath, after: { matterId: matter.id, code: matter.code } });
    return c;
  });
}
