import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterAcceptRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/** The responsible unit accepts a dispatched matter (签收); the accepting account becomes its handler. */
export async function acceptMatter(ctx: Ctx, id: string, input: TMatterAcceptRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.handle', 'unit');
    return applyTransition(tx, ctx, matter, 'accept', input.version, { set: { handlerAccountId: actor.accountId }, note: input.note ?? null });
  });
}
