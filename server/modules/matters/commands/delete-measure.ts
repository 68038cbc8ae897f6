import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { matterMeasures } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import { applyTransition } from './apply-transition.ts';

/** The responsible unit deletes a measure recorded by mistake; the event keeps what it said. */
export async function deleteMeasure(ctx: Ctx, id: string, measureId: string) {
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
    const row = await applyTransition(tx, ctx, matter, 'delete_measure', undefined, { data: { measureId, content: measure.content, ownerName: measure.ownerName } });
    await tx.delete(matterMeasures).where(eq(matterMeasures.id, measureId));
    return row;
  });
}
