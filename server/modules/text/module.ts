import type { ModuleManifest } from '../../core/module.ts';
import { registerTextRoutes } from './routes.ts';
import { retrainModels } from './commands/retrain-models.ts';
import { RETRAIN_JOB } from './commands/request-retrain.ts';
import { settleSuggestionChoices } from './commands/settle-suggestion-choices.ts';

/** Job kinds of the text module. */
export const textJobKinds = { retrain: RETRAIN_JOB, settleSuggestions: 'text.settle_suggestions' } as const;

/**
 * Text module (Chinese text intelligence), product side: category and unit suggestions at
 * intake learnt from the deployment's closed matters, likely duplicates, hot topics (每月一题),
 * the reply check and copied texts. The models are retrained daily (and on demand) by a job.
 */
export const textModule: ModuleManifest = {
  name: 'text',
  routes: registerTextRoutes,
  jobs: [
    // One attempt a day is plenty; a failure is retried with backoff like any job, at most 3 times.
    { kind: textJobKinds.retrain, everyMs: 24 * 60 * 60_000, maxAttempts: 3, run: async (job) => void (await retrainModels(job)) },
    { kind: textJobKinds.settleSuggestions, everyMs: 5 * 60_000, run: async (job) => void (await settleSuggestionChoices(job)) },
  ],
};
