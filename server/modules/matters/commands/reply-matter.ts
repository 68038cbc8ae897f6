import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterReplyRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/** The responsible unit replies to the petitioner (答复): what was done; the matter awaits the callback. */
export async function replyMatter(ctx: Ctx, id: string, input: TMatterReplyRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.handle', 'unit');
    return applyTransition(tx, ctx, matter, 'reply', input.version, { set: { replyText: input.text, repliedAt: new Date() }, data: { text: input.text } });
  });
}
