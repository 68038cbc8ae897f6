import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { matterMeasures } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMeasureUpdateRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';
import { assertMeasureOwner } from './measure-owner.ts';

/**
 * The responsible unit updates a measure: its text, owner, due date, progress, evidence, or marks
 * it done (done counts as 100 %). Only the given fields change; the event lists them.
 */
export async function updateMeasure(ctx: Ctx, id: string, measureId: string, input: TMeasureUpdateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'update_measure');
    const [measure] = await tx
      .select()
      .from(matterMeasures)
      .where(and(eq(matterMeasures.id, measureId), eq(matterMeasures.matterId, id)))
      .for('update');
    if (!measure) throw notFound();
    await assertMeasureOwner(tx, ctx, actor, input.ownerPersonId);
    const now = new Date();
    const patch: Partial<typeof matterMeasures.$inferInsert> = {};
    if (input.content !== undefined) patch.content = input.content;
    if (input.ownerName !== undefined) patch.ownerName = input.ownerName;
    if (input.ownerPersonId !== undefined) patch.ownerPersonId = input.ownerPersonId;
    if (input.dueOn !== undefined) patch.dueOn = input.dueOn;
    if (input.progress !== undefined) patch.progress = input.progress;
    if (input.evidence !== undefined) patch.evidence = input.evidence || null;
    if (input.done === true) Object.assign(patch, { doneAt: measure.doneAt ?? now, progress: 100 });
    if (input.done === false) patch.doneAt = null;
    const row = await applyTransition(tx, ctx, matter, 'update_measure', input.version, {
      data: { measureId, changed: Object.keys(patch), progress: patch.progress ?? measure.progress, done: patch.doneAt !== undefined ? !!patch.doneAt : !!measure.doneAt },
    });
    await tx
      .update(matterMeasures)
      .set({ ...patch, version: measure.version + 1, updatedAt: now })
      .where(eq(matterMeasures.id, measureId));
    return row;
  });
}
