import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterResolveOnSpotRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/** The intake office resolves a received matter on the spot (当场解决), replying at once without dispatch. */
export async function resolveOnSpot(ctx: Ctx, id: string, input: TMatterResolveOnSpotRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.intake', 'intake');
    return applyTransition(tx, ctx, matter, 'resolve_on_spot', input.version, { set: { replyText: input.text, repliedAt: new Date() }, data: { text: input.text } });
  });
}
