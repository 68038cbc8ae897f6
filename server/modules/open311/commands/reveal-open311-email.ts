import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { AppError } from '../../../core/errors.ts';
import { decryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import { loadMatter } from '../../matters/queries/load-matter.ts';
import { assertRoleOnMatter } from '../../matters/policy.ts';
import { open311Submissions } from '../tables.ts';
import type { TOpen311RevealRequest } from '../schema.ts';

/**
 * Reveals the email an Open311 client posted with a matter, under the same rule and the same
 * audit action as the petitioner's phone (`matter.reveal`, field `email`): the audit row (field
 * and reason, never the value) commits before the value is handed out.
 */
export async function revealOpen311Email(ctx: Ctx, matterId: string, input: TOpen311RevealRequest): Promise<{ field: 'email'; value: string }> {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, matterId);
    assertRoleOnMatter(actor, matter, 'reveal');
    const [row] = await tx.select({ emailEnc: open311Submissions.emailEnc }).from(open311Submissions).where(eq(open311Submissions.matterId, matter.id));
    if (!row?.emailEnc) throw new AppError(404, 'NOTHING_TO_REVEAL');
    if (!ctx.keys) throw new AppError(500, 'SECRET_KEY_MISSING');
    const value = decryptField(ctx.keys, row.emailEnc, fieldAad('open311_submission', matter.id, 'email'));
    await appendAudit(tx, ctx, {
      action: 'matter.reveal',
      subjectType: 'matter',
      subjectId: matter.id,
      unitPath: matter.unitPath ?? matter.intakeUnitPath,
      after: { field: 'email', reason: input.reason ?? null },
    });
    return { field: 'email', value };
  });
}
