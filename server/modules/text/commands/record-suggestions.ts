import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { assertMatterAbility, loadMatter } from '../../matters/queries/load-matter.ts';
import { textSuggestions } from '../tables.ts';
import { textModelKinds, type TRecordedSuggestion, type TextModelKind } from '../schema.ts';
import { rankSuggestions, type RankedSuggestions } from '../queries/rank-suggestions.ts';
import { firstDispatchUnits } from '../queries/first-dispatch-units.ts';
import { presentSuggestion } from '../queries/present-suggestion.ts';

/**
 * Records what the models suggest for a matter just taken in (POST /api/text/suggestions), so the
 * acceptance rate is computed from data: one row per kind with the model's top three for the
 * matter's saved text. The choice is filled in from the matter itself, never from the client —
 * the category it was taken in with at once, the unit of its first dispatch as soon as there is
 * one (here, or later by the `text.settle_suggestions` job). Recording twice adds nothing; a
 * kind without a model gets no row. Operators of the intake office only (403), in scope (404).
 */
export async function recordSuggestions(ctx: Ctx, matterId: string): Promise<TRecordedSuggestion[]> {
  const actor = requireActor(ctx);
  const seen = await loadMatter(ctx.db, actor, matterId);
  assertMatterAbility(actor, seen, 'matter.intake', 'intake');
  // Classification is CPU work: done before the transaction, on the text as saved.
  const ranked = new Map<TextModelKind, RankedSuggestions>();
  for (const kind of textModelKinds) ranked.set(kind, await rankSuggestions(ctx.db, actor, kind, seen.title, seen.description));
  return ctx.db.transaction(async (tx) => {
    // The matter's row lock makes two simultaneous recordings of one matter run one after the other.
    const matter = await loadMatter(tx, actor, matterId, { forUpdate: true });
    const existing = await tx.select({ kind: textSuggestions.kind }).from(textSuggestions).where(eq(textSuggestions.matterId, matterId));
    const dispatched = (await firstDispatchUnits(tx, [matterId])).get(matterId) ?? null;
    const now = new Date();
    const added: TextModelKind[] = [];
    for (const kind of textModelKinds) {
      const r = ranked.get(kind)!;
      if (!r.model || existing.some((e) => e.kind === kind)) continue;
      const chosen = kind === 'category' ? matter.categoryId : (dispatched?.unitId ?? null);
      const decided = kind === 'category' || dispatched !== null;
      await tx.insert(textSuggestions).values({
        matterId,
        kind,
        modelId: r.model.id,
        suggested: r.items,
        chosen,
        accepted: chosen === null ? null : r.items[0]?.id === chosen,
        decidedAt: decided ? (kind === 'unit' ? dispatched!.at : now) : null,
      });
      added.push(kind);
    }
    if (added.length) await appendAudit(tx, ctx, { action: 'text.suggestions_record', subjectType: 'matter', subjectId: matterId, unitPath: matter.intakeUnitPath, after: { kinds: added } });
    const rows = await tx.select().from(textSuggestions).where(eq(textSuggestions.matterId, matterId)).orderBy(asc(textSuggestions.id));
    return rows.map(presentSuggestion);
  });
}
