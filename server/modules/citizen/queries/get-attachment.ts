import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { loadMatter } from '../../matters/queries/load-matter.ts';
import { matterAttachments } from '../../matters/tables.ts';

/** The content of one file of a matter the actor may read; 404 for a matter out of scope or a file of another matter. */
export async function getAttachment(ctx: Ctx, matterId: string, attachmentId: string) {
  const matter = await loadMatter(ctx.db, requireActor(ctx), matterId);
  const [file] = await ctx.db
    .select({ fileName: matterAttachments.fileName, contentType: matterAttachments.contentType, data: matterAttachments.data })
    .from(matterAttachments)
    .where(and(eq(matterAttachments.id, attachmentId), eq(matterAttachments.matterId, matter.id)));
  if (!file) throw notFound();
  return file;
}
