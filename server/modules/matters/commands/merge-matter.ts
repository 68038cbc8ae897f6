import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField, AppError } from '../../../core/errors.ts';
import { matters } from '../tables.ts';
import { loadMatter, type MatterRow } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterMergeRequest } from '../schema.ts';
import type { MatterStatus } from '../state-machine.ts';
import { applyTransition, recordMatterEvent } from './apply-transition.ts';

/**
 * Merges a duplicate demand (重复诉求) into the main matter: the duplicate becomes `merged` and
 * points at the main one, whose status its petitioner then follows; the main matter counts the
 * duplicate's contacts. Both timelines record it, and duplicates merged earlier into this one
 * move along, so a merged matter is always one step from its main matter.
 */
export async function mergeMatter(ctx: Ctx, id: string, input: TMatterMergeRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    // The duplicate first, unlocked, so that one outside the caller's scope is 404 whatever the body says.
    await loadMatter(tx, actor, id);
    if (input.intoId === id) throw invalidField('intoId', 'MERGE_INTO_SELF');
    // Lock both in id order, so two merges of the same pair in opposite directions cannot deadlock.
    const locked = new Map<string, MatterRow>();
    for (const mid of [id, input.intoId].sort()) {
      try {
        locked.set(mid, await loadMatter(tx, actor, mid, { forUpdate: true }));
      } catch (e) {
        if (mid === input.intoId && e instanceof AppError && e.status === 404) throw invalidField('intoId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '事项' : 'matter' });
        throw e;
      }
    }
    const dup = locked.get(id)!;
    const main = locked.get(input.intoId)!;
    assertRoleOnMatter(actor, dup, 'merge');
    if (main.status === 'merged') {
      const [top] = await tx.select({ code: matters.code }).from(matters).where(eq(matters.id, main.mergedIntoId!));
      throw invalidField('intoId', 'MERGE_INTO_MERGED', { code: top?.code ?? '' });
    }
    const row = await applyTransition(tx, ctx, dup, 'merge', input.version, {
      set: { mergedIntoId: main.id },
      note: input.note ?? null,
      data: { intoId: main.id, intoCode: main.code },
    });
    await tx.update(matters).set({ mergedIntoId: main.id }).where(eq(matters.mergedIntoId, dup.id));
    const lastContactAt = [main.lastContactAt, dup.lastContactAt].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    const [mainAfter] = await tx
      .update(matters)
      .set({ contactCount: sql`${matters.contactCount} + ${dup.contactCount}`, lastContactAt, version: main.version + 1, updatedAt: new Date() })
      .where(eq(matters.id, main.id))
      .returning();
    await recordMatterEvent(tx, ctx, mainAfter, 'merge_in', main.status as MatterStatus, input.note ?? null, { matterId: dup.id, code: dup.code, contactCount: mainAfter.contactCount });
    return row;
  });
}
