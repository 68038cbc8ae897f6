import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { defaultDeadlineRules, type DeadlineRule, type Urgency } from '../../calendar/compute-deadlines.ts';
import { getSetting } from '../../system/settings.ts';
import { categories } from '../tables.ts';

type RuleColumns = Pick<typeof categories.$inferSelect, 'level' | 'respondDays' | 'resolveDays' | 'urgentRespondHours' | 'urgentResolveDays' | 'reviewAfterDays'>;

// The category and its ancestors, nearest first: each field is taken from the nearest one that
// sets it. A category id that does not exist gives no rows, so the defaults apply.
async function lineageOf(db: DbOrTx, categoryId: string | null): Promise<RuleColumns[]> {
  if (!categoryId) return [];
  const [self] = await db.select({ path: categories.path }).from(categories).where(eq(categories.id, categoryId));
  if (!self) return [];
  const ids = self.path.split('/').filter(Boolean);
  const rows = await db
    .select({
      level: categories.level,
      respondDays: categories.respondDays,
      resolveDays: categories.resolveDays,
      urgentRespondHours: categories.urgentRespondHours,
      urgentResolveDays: categories.urgentResolveDays,
      reviewAfterDays: categories.reviewAfterDays,
    })
    .from(categories)
    .where(inArray(categories.id, ids));
  return rows.sort((a, b) => b.level - a.level);
}

function nearest<K extends keyof RuleColumns>(lineage: RuleColumns[], key: K): RuleColumns[K] | null {
  for (const row of lineage) if (row[key] !== null && row[key] !== undefined) return row[key];
  return null;
}

/**
 * The deadline rule of a category and urgency: each span from the nearest ancestor (the category
 * itself first) that sets it, else the default of issue 3. The one-month cap of normal matters
 * always holds — a category may shorten a deadline or lengthen it up to the cap, never beyond.
 */
export async function deadlineRuleFor(db: DbOrTx, categoryId: string | null, urgency: Urgency): Promise<DeadlineRule> {
  const lineage = await lineageOf(db, categoryId);
  const fallback = defaultDeadlineRules[urgency];
  if (urgency === 'urgent') {
    const hours = nearest(lineage, 'urgentRespondHours');
    const days = nearest(lineage, 'urgentResolveDays');
    return {
      ...fallback,
      respond: hours !== null ? { hours } : fallback.respond,
      resolve: days !== null ? { workingDays: days } : fallback.resolve,
    };
  }
  const respond = nearest(lineage, 'respondDays');
  const resolve = nearest(lineage, 'resolveDays');
  return {
    ...fallback,
    respond: respond !== null ? { workingDays: respond } : fallback.respond,
    resolve: resolve !== null ? { workingDays: resolve } : fallback.resolve,
  };
}

/** Days after closing when a matter of this category is looked at again: the nearest ancestor's, else the setting. */
export async function reviewAfterDaysFor(db: DbOrTx, categoryId: string | null): Promise<number> {
  const days = nearest(await lineageOf(db, categoryId), 'reviewAfterDays');
  return days ?? (await getSetting(db, 'review_after_days'));
}
