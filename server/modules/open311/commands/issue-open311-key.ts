import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { can } from '../../../core/policy.ts';
import { units } from '../../org/tables.ts';
import { open311Keys } from '../tables.ts';
import { generateApiKey, hashApiKey } from '../api-keys.ts';
import { presentOpen311Key } from '../presenter.ts';
import type { TOpen311KeyCreateRequest } from '../schema.ts';

/**
 * Issues an Open311 API key for a client; requests posted with it are taken in by `unitId`, an
 * active unit in the admin's `open311.manage` scope (else 400 on unitId). Only the key's sha256
 * is stored: the answer is the one time the key is shown. The audit row names the key, not its value.
 */
export async function issueOpen311Key(ctx: Ctx, input: TOpen311KeyCreateRequest) {
  const actor = requireActor(ctx);
  const key = generateApiKey();
  return ctx.db.transaction(async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (!unit?.isActive || !can(actor, 'open311.manage', unit.path)) throw invalidField('unitId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
    const [row] = await tx.insert(open311Keys).values({ name: input.name, keyHash: hashApiKey(key), unitId: unit.id, createdBy: actor.accountId }).returning();
    await appendAudit(tx, ctx, { action: 'open311.key_create', subjectType: 'open311_key', subjectId: row.id, unitPath: unit.path, after: { name: row.name, unitId: unit.id, unitName: unit.name } });
    return { ...presentOpen311Key(row, unit.name), key };
  });
}
