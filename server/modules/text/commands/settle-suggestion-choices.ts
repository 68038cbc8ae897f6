import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { JobContext } from '../../jobs/job-definition.ts';
import { textSuggestions } from '../tables.ts';
import { firstDispatchUnits } from '../queries/first-dispatch-units.ts';
import { ZSuggestionItem } from '../schema.ts';

/** Undecided unit suggestions looked at per run. */
const BATCH = 500;
/** A suggestion whose matter was not dispatched within this time is no longer looked at. */
const LOOK_BACK_DAYS = 90;

/**
 * Job handler (every 5 minutes): fills in the operator's choice of unit for recorded unit
 * suggestions whose matter has since been dispatched — the unit of the first dispatch, whether
 * it was the first suggestion (`accepted`) — in one transaction. Bookkeeping of a figure, so no
 * audit row (like the scan cursors of the jobs module).
 */
export async function settleSuggestionChoices({ ctx, now }: Pick<JobContext, 'ctx' | 'now'>): Promise<{ settled: number }> {
  return ctx.db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(textSuggestions)
      .where(and(eq(textSuggestions.kind, 'unit'), isNull(textSuggestions.decidedAt), gte(textSuggestions.createdAt, new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000))))
      .orderBy(asc(textSuggestions.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const dispatched = await firstDispatchUnits(
      tx,
      open.map((s) => s.matterId),
    );
    let settled = 0;
    for (const s of open) {
      const d = dispatched.get(s.matterId);
      if (!d) continue;
      const parsed = ZSuggestionItem.array().safeParse(s.suggested);
      const first = parsed.success ? parsed.data[0]?.id : undefined;
      await tx
        .update(textSuggestions)
        .set({ chosen: d.unitId, accepted: first === d.unitId, decidedAt: d.at })
        .where(and(inArray(textSuggestions.id, [s.id]), isNull(textSuggestions.decidedAt)));
      settled++;
    }
    return { settled };
  });
}
