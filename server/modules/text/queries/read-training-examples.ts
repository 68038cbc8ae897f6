import { and, desc, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { matters } from '../../matters/tables.ts';
import type { LabelledText } from '../classifier-model.ts';
import type { TextModelKind } from '../schema.ts';

/** Newest closed matters a model learns from at most (training on 10,000 takes well under 30 s). */
export const TRAINING_CAP = 20_000;
/** Below these there is no model: too little to learn from. */
export const MIN_TRAINING_MATTERS = 30;
export const MIN_TRAINING_LABELS = 2;
/** A category or unit with fewer closed matters than this cannot be learnt and is left out. */
export const MIN_MATTERS_PER_LABEL = 3;
/** Rows per query: PGlite serves one query at a time, so other requests get their turn between pages. */
const PAGE = 1000;

/** Matters a kind of model learns from: closed (or reviewed after closing) with the label set. */
function labelled(kind: TextModelKind): SQL {
  const closed = inArray(matters.status, ['closed', 'reviewed']);
  // A matter resolved on the spot has the intake office as its unit: that is no dispatch choice.
  return kind === 'category' ? and(closed, isNotNull(matters.categoryId))! : and(closed, isNotNull(matters.unitId), ne(matters.unitId, matters.intakeUnitId))!;
}

/**
 * The training examples of a kind of model, newest first, read page by page (keyset on
 * created_at, id): title and description, labelled by the category id or the responsible unit's
 * id. Labels with fewer than MIN_MATTERS_PER_LABEL examples are dropped. `capped` says the
 * newest TRAINING_CAP were kept of more.
 */
export async function readTrainingExamples(db: DbOrTx, kind: TextModelKind, cap: number = TRAINING_CAP): Promise<{ examples: LabelledText[]; capped: boolean }> {
  const rows: LabelledText[] = [];
  let cursor: { at: string; id: string } | null = null;
  let capped = false;
  for (;;) {
    const page: { id: string; at: string; title: string; description: string; label: string | null }[] = await db
      .select({
        id: matters.id,
        // As text, so the cursor keeps the database's microseconds.
        at: sql<string>`${matters.createdAt}::text`,
        title: matters.title,
        description: matters.description,
        label: kind === 'category' ? matters.categoryId : matters.unitId,
      })
      .from(matters)
      .where(and(labelled(kind), cursor ? sql`(${matters.createdAt}, ${matters.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined))
      .orderBy(desc(matters.createdAt), desc(matters.id))
      .limit(PAGE);
    for (const r of page) {
      if (rows.length >= cap) {
        capped = true;
        break;
      }
      rows.push({ title: r.title, detail: r.description, label: r.label! });
    }
    if (capped || page.length < PAGE) break;
    const last = page[page.length - 1];
    cursor = { at: last.at, id: last.id };
  }
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  return { examples: rows.filter((r) => counts.get(r.label)! >= MIN_MATTERS_PER_LABEL), capped };
}
