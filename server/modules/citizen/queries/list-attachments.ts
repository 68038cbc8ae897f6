import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { loadMatter } from '../../matters/queries/load-matter.ts';
import { matterAttachments } from '../../matters/tables.ts';
import { presentAttachment } from '../presenter.ts';
import type { TAttachment } from '../schema.ts';

/** The files of a matter the actor may read (without their content), oldest first. */
export async function listAttachments(ctx: Ctx, matterId: string): Promise<{ items: TAttachment[] }> {
  const matter = await loadMatter(ctx.db, requireActor(ctx), matterId);
  const rows = await ctx.db
    .select({
      id: matterAttachments.id,
      matterId: matterAttachments.matterId,
      measureId: matterAttachments.measureId,
      source: matterAttachments.source,
      visibleToCitizen: matterAttachments.visibleToCitizen,
      fileName: matterAttachments.fileName,
      contentType: matterAttachments.contentType,
      size: matterAttachments.size,
      sha256: matterAttachments.sha256,
      uploadedBy: matterAttachments.uploadedBy,
      createdAt: matterAttachments.createdAt,
    })
    .from(matterAttachments)
    .where(eq(matterAttachments.matterId, matter.id))
    .orderBy(asc(matterAttachments.createdAt), asc(matterAttachments.id));
  return { items: rows.map(presentAttachment) };
}
