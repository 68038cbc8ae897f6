import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { endOfChinaDay, isCalendarDate } from '../../calendar/calendar-date.ts';
import { matterExtensions } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TExtensionRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/** A requested deadline as an instant: a bare day means the end of that day in China. */
export function deadlineOf(value: string): Date {
  return isCalendarDate(value) ? endOfChinaDay(value) : new Date(value);
}

/**
 * The responsible unit asks to extend the resolution deadline (延期), with the reason; a leader
 * decides. One request at a time (409 EXTENSION_PENDING); the new deadline must be later than the
 * current one and in the future.
 */
export async function requestExtension(ctx: Ctx, id: string, input: TExtensionRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'request_extension');
    const requested = deadlineOf(input.requestedResolveBy);
    const floor = matter.resolveBy && matter.resolveBy > new Date() ? matter.resolveBy : new Date();
    if (requested <= floor) throw invalidField('requestedResolveBy', 'EXTENSION_NOT_LATER', { resolveBy: floor.toISOString() });
    const pending = await tx
      .select({ id: matterExtensions.id })
      .from(matterExtensions)
      .where(and(eq(matterExtensions.matterId, id), eq(matterExtensions.status, 'pending')));
    const extensionId = randomUUID();
    const row = await applyTransition(tx, ctx, matter, 'request_extension', input.version, {
      hasPendingExtension: pending.length > 0,
      note: input.reason,
      data: { extensionId, requestedResolveBy: requested.toISOString(), previousResolveBy: matter.resolveBy?.toISOString() ?? null },
    });
    await tx
      .insert(matterExtensions)
      .values({ id: extensionId, matterId: id, reason: input.reason, previousResolveBy: matter.resolveBy, requestedResolveBy: requested, requestedBy: actor.accountId, requestedByName: actor.displayName });
    return row;
  });
}
