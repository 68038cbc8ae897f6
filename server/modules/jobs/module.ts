import type { ModuleManifest } from '../../core/module.ts';
import { closeUnrated } from '../matters/commands/close-unrated.ts';
import { pruneJobs } from './commands/prune-jobs.ts';
import { closeUnratedMatters } from './commands/close-unrated-matters.ts';

/** Job kinds of the jobs module. */
export const jobKinds = { prune: 'jobs.prune', closeUnrated: 'matters.close_unrated' } as const;

/**
 * Jobs module: the runner of background jobs (rows claimed with FOR UPDATE SKIP LOCKED), its
 * housekeeping, and the closed loop's time-driven step that is not a notification: closing
 * replied matters nobody rated in time. It has no routes; other modules declare their own jobs
 * in their manifests.
 */
export const jobsModule: ModuleManifest = {
  name: 'jobs',
  jobs: [
    { kind: jobKinds.prune, everyMs: 60 * 60_000, run: async ({ ctx, now }) => void (await pruneJobs(ctx.db, now)) },
    { kind: jobKinds.closeUnrated, everyMs: 60_000, run: async (job) => void (await closeUnratedMatters(job, closeUnrated)) },
  ],
};
