import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { jobs } from '../tables.ts';
import type { JobRow } from '../job-definition.ts';

/**
 * Claims up to `limit` due jobs for one worker: marks them running, stamps the worker and counts
 * the attempt. `FOR UPDATE SKIP LOCKED` lets several instances claim at once without waiting on
 * each other and without two of them getting the same row; the CTE is evaluated once, so the
 * LIMIT cannot be applied twice.
 */
export async function claimDueJobs(db: Db, opts: { workerId: string; limit: number; now: Date }): Promise<JobRow[]> {
  const next = db
    .$with('next')
    .as(
      db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, opts.now)))
        .orderBy(asc(jobs.runAt), asc(jobs.id))
        .limit(opts.limit)
        .for('update', { skipLocked: true }),
    );
  const rows = await db
    .with(next)
    .update(jobs)
    .set({ status: 'running', lockedAt: opts.now, lockedBy: opts.workerId, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, db.select({ id: next.id }).from(next)))
    .returning();
  return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

/**
 * Puts back jobs whose worker stopped mid-run (the process died or lost its database): running
 * and locked longer ago than `staleBefore`. Handlers are idempotent, so running one again is safe.
 */
export async function reclaimStaleJobs(db: Db, staleBefore: Date): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: 'pending', lockedAt: null, lockedBy: null })
    .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, staleBefore)))
    .returning({ id: jobs.id });
  return rows.length;
}
