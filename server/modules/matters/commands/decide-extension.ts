import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, notFound } from '../../../core/errors.ts';
import { matterExtensions } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TExtensionDecideRequest } from '../schema.ts';
import { applyTransition, assertVersion } from './apply-transition.ts';

/**
 * A leader at or above the responsible unit decides an extension request: approval moves the
 * resolution deadline to the requested one and counts the extension; either way the request is
 * closed with the decision, the decider and the note.
 */
export async function decideExtension(ctx: Ctx, id: string, extId: string, input: TExtensionDecideRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    const [ext] = await tx
      .select()
      .from(matterExtensions)
      .where(and(eq(matterExtensions.id, extId), eq(matterExtensions.matterId, id)))
      .for('update');
    if (!ext) throw notFound();
    assertRoleOnMatter(actor, matter, 'decide_extension');
    assertVersion(matter, input.version);
    if (ext.status !== 'pending') throw new AppError(409, 'EXTENSION_NOT_PENDING');
    const now = new Date();
    const row = await applyTransition(tx, ctx, matter, 'decide_extension', input.version, {
      hasPendingExtension: true,
      set: input.approve ? { resolveBy: ext.requestedResolveBy, extensionCount: matter.extensionCount + 1 } : {},
      note: input.note ?? null,
      data: { extensionId: ext.id, approve: input.approve, resolveBy: (input.approve ? ext.requestedResolveBy : matter.resolveBy)?.toISOString() ?? null },
    });
    await tx
      .update(matterExtensions)
      .set({ status: input.approve ? 'approved' : 'rejected', decidedBy: actor.accountId, decidedByName: actor.displayName, decisionNote: input.note ?? null, decidedAt: now })
      .where(eq(matterExtensions.id, ext.id));
    return row;
  });
}
