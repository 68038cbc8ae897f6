import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.ts';
import { ZEnqueueJob, type TEnqueueJob } from '../schema.ts';

/**
 * Adds a job row, in the caller's transaction when given one (so a job caused by a change commits
 * with it). With a `dedupeKey` that already has a pending or running job nothing is added and the
 * answer is null: that job will do the work.
 */
export async function enqueueJob(db: DbOrTx, input: TEnqueueJob): Promise<number | null> {
  const job = ZEnqueueJob.parse(input);
  const runAt = job.runAt ?? new Date();
  // The conflict target repeats the partial index's predicate, or PostgreSQL would not use it.
  const rows = await queryRows<{ id: number | string }>(
    db,
    sql`insert into jobs (kind, payload, run_at, dedupe_key)
        values (${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${runAt.toISOString()}::timestamptz, ${job.dedupeKey ?? null})
        on conflict (dedupe_key) where status in ('pending', 'running') do nothing
        returning id`,
  );
  return rows[0] ? Number(rows[0].id) : null;
}
