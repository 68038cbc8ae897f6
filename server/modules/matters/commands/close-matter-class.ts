import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../../core/errors.ts';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { matterClasses, matterClassMembers, matters } from '../tables.ts';
import { assertManageClass, loadMatterClass, type MatterClassRow } from '../queries/load-matter-class.ts';
import type { MatterStatus } from '../state-machine.ts';
import type { TMatterClassCloseRequest } from '../schema.ts';
import { applyTransition, recordMatterEvent } from './apply-transition.ts';

/**
 * Records the fix of a whole class (整改一个、触及一类) and closes it: every member's timeline
 * gets the fix, and every member still in progress gets it as its reply (→ replied), so the
 * petitioners rate it as they would any reply. All in one transaction: the class closes with
 * every member or not at all.
 */
export async function closeMatterClass(ctx: Ctx, classId: string, input: TMatterClassCloseRequest): Promise<MatterClassRow> {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const c = await loadMatterClass(tx, actor, classId, { forUpdate: true });
    assertManageClass(actor, c);
    if (c.closedAt) throw new AppError(409, 'CLASS_CLOSED');
    const now = new Date();
    // Members locked in id order, like every multi-matter command, so concurrent ones cannot deadlock.
    const members = await tx
      .select({ m: matters })
      .from(matterClassMembers)
      .innerJoin(matters, eq(matters.id, matterClassMembers.matterId))
      .where(eq(matterClassMembers.classId, classId))
      .orderBy(asc(matters.id))
      .for('update', { of: matters });
    let replied = 0;
    for (const { m } of members) {
      await recordMatterEvent(tx, ctx, m, 'class_close', m.status as MatterStatus, input.note, { classId, className: c.name });
      if (m.status === 'in_progress') {
        await applyTransition(tx, ctx, m, 'reply', undefined, { set: { replyText: input.note, repliedAt: now }, data: { text: input.note, classId } });
        replied++;
      }
    }
    const [row] = await tx.update(matterClasses).set({ closedAt: now, closingNote: input.note }).where(eq(matterClasses.id, classId)).returning();
    await appendAudit(tx, ctx, {
      action: 'matter_class.close',
      subjectType: 'matter_class',
      subjectId: classId,
      unitPath: c.ownerUnitPath,
      after: { memberCount: members.length, replied },
    });
    return row;
  });
}
