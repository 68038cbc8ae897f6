import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterContactRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * Records that the petitioner contacted us again about an open matter (催办) instead of taking in
 * a new one: the contact is counted and timed, and the timeline says what they said.
 */
export async function addContact(ctx: Ctx, id: string, input: TMatterContactRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'add_contact');
    return applyTransition(tx, ctx, matter, 'add_contact', input.version, {
      set: { contactCount: matter.contactCount + 1, lastContactAt: new Date() },
      note: input.note,
      data: { contactCount: matter.contactCount + 1 },
    });
  });
}
