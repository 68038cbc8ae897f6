import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { matterMeasures } from '../tables.ts';
import { coUnitPathsOf, loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMeasureCreateRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';
import { assertMeasureOwner } from './measure-owner.ts';

/**
 * The responsible unit or a co-unit (协办) adds a measure (措施) to a matter in progress: what will be done, by whom,
 * by when, how far along, with evidence. The matter's progress is the mean of its measures.
 */
export async function addMeasure(ctx: Ctx, id: string, input: TMeasureCreateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, { ...matter, coUnitPaths: await coUnitPathsOf(tx, id) }, 'add_measure');
    await assertMeasureOwner(tx, ctx, actor, input.ownerPersonId);
    const measureId = randomUUID();
    const done = input.done ?? false;
    const progress = done ? 100 : (input.progress ?? 0);
    const row = await applyTransition(tx, ctx, matter, 'add_measure', input.version, { data: { measureId, content: input.content, ownerName: input.ownerName, progress, done } });
    const now = new Date();
    await tx.insert(matterMeasures).values({
      id: measureId,
      matterId: id,
      content: input.content,
      ownerName: input.ownerName,
      ownerPersonId: input.ownerPersonId ?? null,
      dueOn: input.dueOn ?? null,
      progress,
      doneAt: done ? now : null,
      evidence: input.evidence || null,
      createdBy: actor.accountId,
      createdAt: now,
      updatedAt: now,
    });
    return row;
  });
}
