import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { can, type Actor } from '../../../core/policy.ts';
import { recordMatterEvent } from '../../matters/commands/apply-transition.ts';
import { loadMatter, type MatterRow } from '../../matters/queries/load-matter.ts';
import { matterAttachments, matterMeasures } from '../../matters/tables.ts';
import { presentAttachment } from '../presenter.ts';
import type { TAttachment } from '../schema.ts';

/** A file read and checked (type by content, size) by the route. */
export interface StaffFile {
  fileName: string;
  contentType: string;
  data: Buffer;
  size: number;
  sha256: string;
}

/** Where and how the file is attached. */
export interface AddAttachmentOptions {
  /** Shown to the citizen on the lookup page (e.g. a photo of the finished work). */
  visibleToCitizen: boolean;
  /** The measure (措施) whose evidence this is; must belong to the matter. */
  measureId?: string;
}

/**
 * 403 unless the actor handles the matter (matter.handle on the responsible unit) or took it in
 * (matter.intake on the intake unit). The caller has loaded the matter in the actor's read scope.
 */
export function assertMayAttach(actor: Actor, matter: MatterRow): void {
  const handles = !!matter.unitPath && can(actor, 'matter.handle', matter.unitPath);
  if (!handles && !can(actor, 'matter.intake', matter.intakeUnitPath)) throw new AppError(403, 'FORBIDDEN');
}

/**
 * Attaches a file to a matter (documents, evidence, photos from staff) with a timeline event and
 * an audit row in one transaction. The state does not matter: evidence may follow a closing.
 * The event and audit row name the attachment by id only (file names can carry personal names).
 */
export async function addAttachment(ctx: Ctx, matterId: string, file: StaffFile, opts: AddAttachmentOptions): Promise<TAttachment> {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, matterId, { forUpdate: true });
    assertMayAttach(actor, matter);
    if (opts.measureId) {
      const [measure] = await tx
        .select({ id: matterMeasures.id })
        .from(matterMeasures)
        .where(and(eq(matterMeasures.id, opts.measureId), eq(matterMeasures.matterId, matter.id)));
      if (!measure) throw invalidField('measureId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '措施' : 'measure' });
    }
    const [row] = await tx
      .insert(matterAttachments)
      .values({
        matterId: matter.id,
        measureId: opts.measureId ?? null,
        source: 'staff',
        visibleToCitizen: opts.visibleToCitizen,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        data: file.data,
        uploadedBy: actor.accountId,
      })
      .returning();
    const data = { source: 'staff', count: 1, attachmentIds: [row.id], visibleToCitizen: opts.visibleToCitizen };
    await recordMatterEvent(tx, ctx, matter, 'attach', null, null, data);
    await appendAudit(tx, ctx, { action: 'matter.attach', subjectType: 'matter', subjectId: matter.id, unitPath: matter.unitPath ?? matter.intakeUnitPath, after: { ...data, contentType: file.contentType, size: file.size } });
    return presentAttachment(row);
  });
}
