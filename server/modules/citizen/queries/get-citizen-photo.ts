import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { matterAttachments } from '../../matters/tables.ts';
import type { PhoneGuard } from '../phone-guard.ts';
import { loadByCredentials, type CitizenCredentials } from './load-by-credentials.ts';

/** One photo of the citizen's own matter that is visible to citizens (else 404). */
export async function getCitizenPhoto(ctx: Ctx, guard: PhoneGuard, cred: CitizenCredentials, attachmentId: string) {
  const matter = await loadByCredentials(ctx.db, ctx, guard, cred);
  const [file] = await ctx.db
    .select({ fileName: matterAttachments.fileName, contentType: matterAttachments.contentType, data: matterAttachments.data })
    .from(matterAttachments)
    .where(and(eq(matterAttachments.id, attachmentId), eq(matterAttachments.matterId, matter.id), eq(matterAttachments.visibleToCitizen, true)));
  if (!file) throw notFound();
  return file;
}
