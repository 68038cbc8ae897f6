import type { Tx } from '../../../db/client.ts';
import { addDays, todayInChina } from '../../calendar/calendar-date.ts';
import { reviewAfterDaysFor } from '../../categories/queries/category-rules.ts';
import type { matters } from '../tables.ts';

/**
 * What every way of closing a matter sets (satisfied rating, unmeetable, unrated): the closing
 * time and the review date (回头看) — the category's review days, else the deployment setting —
 * so no closing escapes the later check.
 */
export async function closingFields(tx: Tx, categoryId: string | null, now: Date = new Date()): Promise<Pick<typeof matters.$inferInsert, 'closedAt' | 'reviewDueOn'>> {
  return { closedAt: now, reviewDueOn: addDays(todayInChina(now), await reviewAfterDaysFor(tx, categoryId)) };
}
