import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { open311Keys } from '../tables.ts';
import { loadOpen311Key } from '../queries/list-open311-keys.ts';
import { presentOpen311Key } from '../presenter.ts';

/**
 * Revokes an issued key at once: posts with it answer 403 from now on. A key outside the caller's
 * scope is 404. Revoking a revoked key changes nothing and writes no second audit row.
 */
export async function revokeOpen311Key(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { key, unitName, unitPath } = await loadOpen311Key(tx, ctx, id, { forUpdate: true });
    if (key.revokedAt) return presentOpen311Key(key, unitName);
    const [row] = await tx.update(open311Keys).set({ revokedAt: new Date() }).where(eq(open311Keys.id, id)).returning();
    await appendAudit(tx, ctx, { action: 'open311.key_revoke', subjectType: 'open311_key', subjectId: id, unitPath, before: { revokedAt: null }, after: { name: row.name, revokedAt: row.revokedAt!.toISOString() } });
    return presentOpen311Key(row, unitName);
  });
}
