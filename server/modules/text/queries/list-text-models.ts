import { and, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { jobs } from '../../jobs/tables.ts';
import { textModels } from '../tables.ts';
import { textModelKinds, ZTextModelMetrics } from '../schema.ts';
import { MIN_TRAINING_LABELS, MIN_TRAINING_MATTERS } from './read-training-examples.ts';
import { RETRAIN_JOB, RETRAIN_REQUEST_KEY } from '../commands/request-retrain.ts';

/**
 * The models in use (the newest of each kind) with their metrics, the minimum a model needs,
 * and whether a requested retraining is waiting or running. The models themselves (megabytes of
 * weights) are not read.
 */
export async function listTextModels(db: Db) {
  const models = [];
  for (const kind of textModelKinds) {
    const [row] = await db
      .select({ id: textModels.id, kind: textModels.kind, trainedOn: textModels.trainedOn, metrics: textModels.metrics, createdAt: textModels.createdAt })
      .from(textModels)
      .where(eq(textModels.kind, kind))
      .orderBy(desc(textModels.createdAt), desc(textModels.id))
      .limit(1);
    if (row) {
      const metrics = ZTextModelMetrics.safeParse(row.metrics);
      models.push({ id: row.id, kind, trainedOn: row.trainedOn, metrics: metrics.success ? metrics.data : null, createdAt: row.createdAt.toISOString() });
    }
  }
  const pending = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, RETRAIN_JOB), or(eq(jobs.status, 'running'), and(eq(jobs.status, 'pending'), eq(jobs.dedupeKey, RETRAIN_REQUEST_KEY)))))
    .limit(1);
  return { models, minimum: { matters: MIN_TRAINING_MATTERS, labels: MIN_TRAINING_LABELS }, retrainPending: pending.length > 0 };
}

