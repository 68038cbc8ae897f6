import type { textSuggestions } from '../tables.ts';
import { textModelKinds, ZSuggestionItem, type TRecordedSuggestion } from '../schema.ts';

/** One `text_suggestions` row. */
export type SuggestionRow = typeof textSuggestions.$inferSelect;

/** A recorded suggestion as the API shows it; `inTop3` is derived from the stored list and the choice. */
export function presentSuggestion(row: SuggestionRow): TRecordedSuggestion {
  const parsed = ZSuggestionItem.array().safeParse(row.suggested);
  const suggested = parsed.success ? parsed.data : [];
  return {
    id: Number(row.id),
    matterId: row.matterId,
    kind: textModelKinds.includes(row.kind as never) ? (row.kind as TRecordedSuggestion['kind']) : 'category',
    modelId: row.modelId,
    suggested,
    chosen: row.chosen,
    accepted: row.accepted,
    inTop3: row.chosen === null ? null : suggested.some((s) => s.id === row.chosen),
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}
