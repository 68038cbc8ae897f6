import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterAcceptRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * The responsible unit accepts a dispatched matter (签收); the accepting account becomes its
 * handler, and the first acceptance is the response time of 响应率.
 */
export async function acceptMatter(ctx: Ctx, id: string, input: TMatterAcceptRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'accept');
    return applyTransition(tx, ctx, matter, 'accept', input.version, {
      set: { handlerAccountId: actor.accountId, respondedAt: matter.respondedAt ?? new Date() },
      note: input.note ?? null,
    });
  });
}
