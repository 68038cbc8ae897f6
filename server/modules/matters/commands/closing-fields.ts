import type { Tx } from '../../../db/client.ts';
import { addDays, todayInChina } from '../../calendar/calendar-date.ts';
import type { matters } from '../tables.ts';

/** Days after closing when a matter is looked at again (回头看) when nothing else says. */
export const DEFAULT_REVIEW_AFTER_DAYS = 30;

/**
 * Days until the review of a matter of this category. The catalogue's per-category rule is not
 * in place yet; until it is, every category uses the default.
 */
export async function reviewAfterDays(_tx: Tx, _categoryId: string | null): Promise<number> {
  return DEFAULT_REVIEW_AFTER_DAYS;
}

/**
 * What every way of closing a matter sets (satisfied rating, unmeetable, unrated): the closing
 * time and the review date, so no closing escapes the later check.
 */
export async function closingFields(tx: Tx, categoryId: string | null, now: Date = new Date()): Promise<Pick<typeof matters.$inferInsert, 'closedAt' | 'reviewDueOn'>> {
  return { closedAt: now, reviewDueOn: addDays(todayInChina(now), await reviewAfterDays(tx, categoryId)) };
}
