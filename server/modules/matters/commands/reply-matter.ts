import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterReplyRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/** The responsible unit replies to the petitioner (答复): what was done; the matter awaits the rating. */
export async function replyMatter(ctx: Ctx, id: string, input: TMatterReplyRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'reply');
    return applyTransition(tx, ctx, matter, 'reply', input.version, { set: { replyText: input.text, repliedAt: new Date() }, data: { text: input.text } });
  });
}
