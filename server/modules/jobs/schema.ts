import { z } from 'zod';

/** The life of a job row: pending → running → done, or back to pending for a retry, or failed. */
export const jobStatuses = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** What enqueueJob takes. */
export const ZEnqueueJob = z.strictObject({
  kind: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).default({}),
  runAt: z.date().optional(),
  /** At most one pending or running job per key (recurring scans, per-matter jobs). */
  dedupeKey: z.string().min(1).max(300).nullable().optional(),
});
export type TEnqueueJob = z.input<typeof ZEnqueueJob>;
