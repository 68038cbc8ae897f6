import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { jobs } from '../tables.ts';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Deletes finished job rows: done ones after 7 days, failed ones after 30 (kept longer so someone
 * can look at the error). Recurring scans add a row a minute; without this the table only grows.
 */
export async function pruneJobs(db: Db, now: Date): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(or(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, new Date(now.getTime() - 7 * DAY_MS))), and(eq(jobs.status, 'failed'), lt(jobs.finishedAt, new Date(now.getTime() - 30 * DAY_MS)))))
    .returning({ id: jobs.id });
  return rows.length;
}
