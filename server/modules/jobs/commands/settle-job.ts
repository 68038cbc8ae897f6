import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { jobs } from '../tables.ts';
import type { JobDefinition, JobRow } from '../job-definition.ts';
import { DEFAULT_MAX_ATTEMPTS, retryDelayMs } from '../retry-delay.ts';
import { enqueueJob } from './enqueue-job.ts';

/** How a finished attempt ended. */
export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

/** The dedupe key that keeps one row of a recurring job pending at a time. */
export function recurringKey(kind: string): string {
  return `recurring:${kind}`;
}

const MAX_ERROR_CHARS = 2000;

/**
 * Records the end of one attempt in one transaction: done, or the error with a retry after a
 * backoff, or failed once the attempts are used up; a recurring job's next run is enqueued in
 * the same transaction, so there is never a moment with none pending. Only the worker that holds
 * the job may settle it: if the job was reclaimed as stale meanwhile, the answer is `lost` and
 * nothing changes.
 */
export async function settleJob(db: Db, job: JobRow, definition: JobDefinition | undefined, result: { error?: unknown }, opts: { workerId: string; now: Date }): Promise<JobOutcome> {
  return db.transaction(async (tx) => {
    const mine = and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, opts.workerId));
    let outcome: JobOutcome;
    if (result.error === undefined) {
      const rows = await tx.update(jobs).set({ status: 'done', finishedAt: opts.now, lockedAt: null, lastError: null }).where(mine).returning({ id: jobs.id });
      outcome = rows.length ? 'done' : 'lost';
    } else {
      const lastError = errorText(result.error);
      const maxAttempts = definition?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const final = job.attempts >= maxAttempts;
      const set = final
        ? { status: 'failed', finishedAt: opts.now, lockedAt: null, lastError }
        : { status: 'pending', runAt: new Date(opts.now.getTime() + retryDelayMs(job.attempts)), lockedAt: null, lockedBy: null, lastError };
      const rows = await tx.update(jobs).set(set).where(mine).returning({ id: jobs.id });
      outcome = !rows.length ? 'lost' : final ? 'failed' : 'retry';
    }
    if ((outcome === 'done' || outcome === 'failed') && definition?.everyMs) {
      await enqueueJob(tx, { kind: job.kind, payload: job.payload as Record<string, unknown>, runAt: new Date(opts.now.getTime() + definition.everyMs), dedupeKey: recurringKey(job.kind) });
    }
    return outcome;
  });
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_CHARS);
}
