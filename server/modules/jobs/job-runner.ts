import type { Db } from '../../db/client.ts';
import { ensureRecurringJobs } from './commands/ensure-recurring-jobs.ts';
import { defaultWorkerId, runDueJobs, type JobRunnerDeps } from './commands/run-due-jobs.ts';

/** A started runner; `stop` waits for the pass in progress, so shutdown never cuts a job short. */
export interface JobRunner {
  workerId: string;
  stop(): Promise<void>;
}

/**
 * Starts the loop of `serve`: enqueues the recurring jobs, then runs a pass every `intervalMs`
 * (default 5 s). The next pass is scheduled only when the last one has ended, so passes never
 * overlap; a failing pass is logged and the loop goes on.
 */
export function startJobRunner(db: Db, deps: JobRunnerDeps, opts: { intervalMs?: number; workerId?: string } = {}): JobRunner {
  const workerId = opts.workerId ?? defaultWorkerId();
  const intervalMs = opts.intervalMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      await runDueJobs(db, deps, { workerId });
    } catch (err) {
      deps.log.error({ err }, 'job runner pass failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass().finally(schedule);
    }, intervalMs);
  };
  current = ensureRecurringJobs(db, deps.definitions)
    .then(() => undefined)
    .catch((err: unknown) => deps.log.error({ err }, 'could not enqueue the recurring jobs'))
    .then(pass)
    .finally(schedule);

  return {
    workerId,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
