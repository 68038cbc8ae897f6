import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { scopeFor } from '../../../core/policy.ts';
import { enqueueJob } from '../../jobs/commands/enqueue-job.ts';

/** Job kind of model retraining (daily, and on demand). */
export const RETRAIN_JOB = 'text.retrain_models';
/** The dedupe key of an on-demand retraining: one waiting or running at a time. */
export const RETRAIN_REQUEST_KEY = 'text.retrain:requested';

/**
 * An administrator asks for the models to be retrained now (POST /api/text/models/retrain). The
 * request only queues the job — training takes seconds to minutes and runs in the job runner,
 * never on the request path. When a requested retraining is already waiting or running nothing
 * is added (`queued: false`). The request is audited either way.
 */
export async function requestRetrain(ctx: Ctx): Promise<{ queued: boolean; jobId: number | null }> {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const jobId = await enqueueJob(tx, { kind: RETRAIN_JOB, payload: { requestedBy: actor.username }, dedupeKey: RETRAIN_REQUEST_KEY });
    await appendAudit(tx, ctx, { action: 'text.retrain_request', subjectType: 'text_model', unitPath: scopeFor(actor, 'settings.manage')[0] ?? null, after: { queued: jobId !== null, jobId } });
    return { queued: jobId !== null, jobId };
  });
}
