import type { DbOrTx } from '../../../db/client.ts';
import type { JobDefinition } from '../job-definition.ts';
import { enqueueJob } from './enqueue-job.ts';
import { recurringKey } from './settle-job.ts';

/**
 * Makes sure every recurring job has a row, due now, unless one is already pending or running
 * (on a restart, or when another instance started first). Called when the runner starts.
 */
export async function ensureRecurringJobs(db: DbOrTx, definitions: readonly JobDefinition[], now: Date = new Date()): Promise<string[]> {
  const added: string[] = [];
  for (const d of definitions) {
    if (!d.everyMs) continue;
    if ((await enqueueJob(db, { kind: d.kind, runAt: now, dedupeKey: recurringKey(d.kind) })) !== null) added.push(d.kind);
  }
  return added;
}
