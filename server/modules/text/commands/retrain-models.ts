import { and, desc, eq, notInArray } from 'drizzle-orm';
import { appendAudit } from '../../../core/audit.ts';
import type { JobContext } from '../../jobs/job-definition.ts';
import { textModels } from '../tables.ts';
import { textModelKinds, type TextModelKind, type TTextModelMetrics } from '../schema.ts';
import { MIN_TRAINING_LABELS, MIN_TRAINING_MATTERS, readTrainingExamples } from '../queries/read-training-examples.ts';
import { forgetCurrentModels } from '../queries/load-current-model.ts';
import { runTextTask } from '../run-text-task.ts';

/** Models kept per kind: the one in use and two before it (each is megabytes). */
const KEEP_PER_KIND = 3;

/** What one retraining did per kind. */
export type RetrainOutcome =
  | { kind: TextModelKind; status: 'trained'; modelId: string; trainedOn: number; metrics: TTextModelMetrics }
  | { kind: TextModelKind; status: 'too_few'; matters: number; labels: number };

/**
 * Job handler (daily, and on demand): retrains the category model and the responsible-unit model
 * from the deployment's closed matters. The training rows are read in pages, the models trained
 * in a worker thread (the process keeps serving requests), and each new model is written with
 * its metrics and an audit row in one transaction; older models beyond the last three are
 * deleted. Below MIN_TRAINING_MATTERS matters or MIN_TRAINING_LABELS labels no model is made,
 * and the one in use (if any) stays.
 */
export async function retrainModels(job: Pick<JobContext, 'ctx' | 'log'>, where: 'auto' | 'worker' | 'thread' = 'auto'): Promise<RetrainOutcome[]> {
  const { ctx, log } = job;
  const outcomes: RetrainOutcome[] = [];
  for (const kind of textModelKinds) {
    const { examples, capped } = await readTrainingExamples(ctx.db, kind);
    const labels = new Set(examples.map((e) => e.label)).size;
    if (examples.length < MIN_TRAINING_MATTERS || labels < MIN_TRAINING_LABELS) {
      log.info({ kind, matters: examples.length, labels }, 'text model not trained: too few closed matters');
      outcomes.push({ kind, status: 'too_few', matters: examples.length, labels });
      continue;
    }
    const trained = await runTextTask({ kind: 'train', examples }, where);
    const metrics: TTextModelMetrics = { ...trained.metrics, capped };
    const modelId = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(textModels)
        .values({ kind, trainedOn: trained.trainedOn, metrics, model: JSON.parse(trained.file) as unknown })
        .returning({ id: textModels.id });
      const keep = await tx
        .select({ id: textModels.id })
        .from(textModels)
        .where(eq(textModels.kind, kind))
        .orderBy(desc(textModels.createdAt), desc(textModels.id))
        .limit(KEEP_PER_KIND);
      await tx.delete(textModels).where(and(eq(textModels.kind, kind), notInArray(textModels.id, keep.map((k) => k.id))));
      await appendAudit(tx, ctx, { action: 'text.model_train', subjectType: 'text_model', subjectId: row.id, after: { kind, trainedOn: trained.trainedOn, metrics } });
      return row.id;
    });
    log.info({ kind, modelId, trainedOn: trained.trainedOn, metrics }, 'text model trained');
    outcomes.push({ kind, status: 'trained', modelId, trainedOn: trained.trainedOn, metrics });
  }
  forgetCurrentModels(ctx.db);
  return outcomes;
}
