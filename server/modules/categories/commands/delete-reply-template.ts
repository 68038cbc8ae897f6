import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { replyTemplates } from '../tables.ts';
import { presentReplyTemplateForAudit } from '../presenter.ts';
import { loadTemplateForUpdate } from './save-reply-template.ts';

/** Deletes a reply template; replies already written from it keep their text. */
export async function deleteReplyTemplate(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await loadTemplateForUpdate(tx, actor, id);
    await tx.delete(replyTemplates).where(eq(replyTemplates.id, id));
    await appendAudit(tx, ctx, { action: 'reply_template.delete', subjectType: 'reply_template', subjectId: id, unitPath: before.ownerUnitPath, before: presentReplyTemplateForAudit(before) });
  });
}
