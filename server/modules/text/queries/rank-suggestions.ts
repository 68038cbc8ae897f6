import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../core/policy.ts';
import { categories } from '../../categories/tables.ts';
import { units } from '../../org/tables.ts';
import { classifyText } from '../classify-text.ts';
import { isDispatchableUnit } from '../policy.ts';
import type { TextModelKind, TSuggestionItem } from '../schema.ts';
import { loadCurrentModel, type CurrentTextModel } from './load-current-model.ts';

/** Suggestions offered per kind. */
export const SUGGESTIONS_SHOWN = 3;

/** The suggestions of one kind of model for a text, or why there are none. */
export interface RankedSuggestions {
  model: CurrentTextModel | null;
  items: TSuggestionItem[];
  reasonCode: 'NO_MODEL' | 'NONE_IN_SCOPE' | null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Names of the usable categories (active, under active parents), as "parent / child" paths. */
async function usableCategoryNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: categories.id, name: categories.name, path: categories.path, isActive: categories.isActive }).from(categories);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const names = new Map<string, string>();
  for (const r of rows) {
    const chain = r.path.split('/').filter(Boolean).map((id) => byId.get(id));
    if (chain.every((c) => c?.isActive)) names.set(r.id, chain.map((c) => c!.name).join(' / '));
  }
  return names;
}

/** Names of the active units among `ids` that the actor may dispatch to. */
async function dispatchableUnitNames(db: Db, actor: Actor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(and(inArray(units.id, ids), eq(units.isActive, true)));
  return new Map(rows.filter((u) => isDispatchableUnit(actor, u.path)).map((u) => [u.id, u.name]));
}

/**
 * The model's top suggestions for a matter's text: every label ranked by probability, then the
 * ones the caller may use kept — categories that are still usable, units inside the caller's
 * dispatch scope — and the first three returned with their probability as confidence.
 */
export async function rankSuggestions(db: Db, actor: Actor, kind: TextModelKind, title: string, description: string): Promise<RankedSuggestions> {
  const model = await loadCurrentModel(db, kind);
  if (!model) return { model: null, items: [], reasonCode: 'NO_MODEL' };
  const { scores } = classifyText(model.classifier, title, description);
  const ordered = Object.entries(scores).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const names = kind === 'category' ? await usableCategoryNames(db) : await dispatchableUnitNames(db, actor, ordered.map(([id]) => id));
  const items = ordered
    .filter(([id]) => names.has(id))
    .slice(0, SUGGESTIONS_SHOWN)
    .map(([id, p]) => ({ id, name: names.get(id)!, confidence: round(p) }));
  return { model, items, reasonCode: items.length ? null : 'NONE_IN_SCOPE' };
}
