import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { AppError } from '../../../core/errors.ts';
import { decryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import { loadMatter, type MatterRow } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterRevealRequest } from '../schema.ts';

// Each revealable field: its encrypted column and the name bound into its AAD at intake.
const columns: Record<TMatterRevealRequest['field'], { column: keyof MatterRow; aad: string }> = {
  name: { column: 'petitionerNameEnc', aad: 'name' },
  phone: { column: 'petitionerPhoneEnc', aad: 'phone' },
  idNumber: { column: 'petitionerIdEnc', aad: 'id_number' },
  address: { column: 'petitionerAddressEnc', aad: 'address' },
};

/**
 * Reveals one petitioner field in clear (查看完整信息) to a role that needs it, for the matter's
 * intake office or responsible unit. The audit row (field and reason, never the value) is
 * committed before the value is handed out, so no reveal goes unrecorded.
 */
export async function revealPetitioner(ctx: Ctx, id: string, input: TMatterRevealRequest): Promise<{ field: TMatterRevealRequest['field']; value: string }> {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id);
    assertRoleOnMatter(actor, matter, 'reveal');
    const { column, aad } = columns[input.field];
    const enc = matter[column] as string | null;
    if (!enc) throw new AppError(404, 'NOTHING_TO_REVEAL');
    if (!ctx.keys) throw new AppError(500, 'SECRET_KEY_MISSING');
    const value = decryptField(ctx.keys, enc, fieldAad('matter', id, aad));
    await appendAudit(tx, ctx, {
      action: 'matter.reveal',
      subjectType: 'matter',
      subjectId: id,
      unitPath: matter.unitPath ?? matter.intakeUnitPath,
      after: { field: input.field, reason: input.reason ?? null },
    });
    return { field: input.field, value };
  });
}
