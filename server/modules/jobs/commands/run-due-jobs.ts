import crypto from 'node:crypto';
import os from 'node:os';
import type { AppConfig } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import type { Ctx } from '../../../core/context.ts';
import type { SecretKeyring } from '../../../core/personal-data/secret-key.ts';
import type { Sender } from '../../notify/sender.ts';
import type { JobDefinition, JobLogger } from '../job-definition.ts';
import { claimDueJobs, reclaimStaleJobs } from './claim-due-jobs.ts';
import { settleJob, type JobOutcome } from './settle-job.ts';

/** What the runner needs to run handlers. */
export interface JobRunnerDeps {
  config: AppConfig;
  keys?: SecretKeyring;
  sender: Sender;
  /** Every module's job definitions (app.ts `jobDefinitions()`). */
  definitions: readonly JobDefinition[];
  log: JobLogger;
}

/** Options of one pass; tests pass `now` to run what would be due later without sleeping. */
export interface RunDueJobsOptions {
  now?: Date;
  workerId?: string;
  /** Jobs claimed at a time (default 10); passes repeat until nothing is due. */
  limit?: number;
  /** Claims at most this many batches in one pass, so a pass ends (default 20). */
  maxBatches?: number;
  /** A running job locked longer ago than this is taken back (default 5 minutes). */
  staleAfterMs?: number;
}

/** A name for this process in `jobs.locked_by`, so a stuck job says where it was running. */
export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

/** The context job handlers act in: no account, channel `system`. */
export function systemCtx(db: Db, deps: Pick<JobRunnerDeps, 'config' | 'keys'>): Ctx {
  return { db, actor: null, channel: 'system', lang: 'zh-CN', ip: null, config: deps.config, keys: deps.keys };
}

/**
 * One pass of the runner: takes back stale jobs, then claims due jobs batch by batch and runs
 * each by its kind's handler, one after the other (PGlite serves one query at a time, and a
 * handler keeps its own work small). Each attempt is settled on its own, so one failing job
 * does not hold back the rest. Returns how the attempts ended.
 */
export async function runDueJobs(db: Db, deps: JobRunnerDeps, opts: RunDueJobsOptions = {}): Promise<Record<JobOutcome, number>> {
  const now = opts.now ?? new Date();
  const workerId = opts.workerId ?? defaultWorkerId();
  const limit = opts.limit ?? 10;
  const byKind = new Map(deps.definitions.map((d) => [d.kind, d]));
  const counts: Record<JobOutcome, number> = { done: 0, retry: 0, failed: 0, lost: 0 };
  const reclaimed = await reclaimStaleJobs(db, new Date(now.getTime() - (opts.staleAfterMs ?? 5 * 60_000)));
  if (reclaimed) deps.log.warn({ reclaimed }, 'took back jobs left running by a stopped worker');
  for (let batch = 0; batch < (opts.maxBatches ?? 20); batch++) {
    const claimed = await claimDueJobs(db, { workerId, limit, now });
    for (const job of claimed) {
      const definition = byKind.get(job.kind);
      let error: unknown;
      try {
        if (!definition) throw new Error(`no handler for job kind "${job.kind}"`);
        await definition.run({ ctx: systemCtx(db, deps), now, sender: deps.sender, log: deps.log, job }, job.payload);
      } catch (e) {
        error = e ?? new Error('job failed');
      }
      const outcome = await settleJob(db, job, definition, { error }, { workerId, now });
      counts[outcome]++;
      if (error !== undefined) deps.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, outcome, err: error }, 'job attempt failed');
    }
    if (claimed.length < limit) break;
  }
  return counts;
}
