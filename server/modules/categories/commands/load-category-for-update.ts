import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { notFound } from '../../../core/errors.ts';
import { categories } from '../tables.ts';
import type { CategoryRow } from '../queries/list-categories.ts';

/** A category locked for a change in the caller's transaction, or 404. */
export async function loadCategoryForUpdate(tx: Tx, id: string): Promise<CategoryRow> {
  const [row] = await tx.select().from(categories).where(eq(categories.id, id)).for('update');
  if (!row) throw notFound();
  return row;
}
