import { and, asc, eq, lt } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { matters } from '../../matters/tables.ts';
import { getSetting } from '../../system/settings.ts';
import type { JobContext } from '../job-definition.ts';

const DAY_MS = 24 * 60 * 60_000;
const BATCH = 50;

/** The command that closes one replied matter as unrated (matters' closeUnrated). */
export type CloseUnrated = (ctx: Ctx, matterId: string) => Promise<unknown>;

/**
 * Job handler (every minute): closes as unrated (未评价办结) the replied matters nobody rated
 * within `unrated_close_days` of the reply, oldest first, at most BATCH a run so one run stays
 * short. Each matter is closed by the matters module's own command, in its own transaction with
 * its event and audit row; one that changed meanwhile (rated a moment ago: 409) is skipped, and
 * one that fails does not stop the others (the job then fails with their ids and is retried).
 */
export async function closeUnratedMatters({ ctx, now, log }: JobContext, close: CloseUnrated): Promise<{ closed: number; skipped: number }> {
  const days = await getSetting(ctx.db, 'unrated_close_days');
  const due = await ctx.db
    .select({ id: matters.id })
    .from(matters)
    .where(and(eq(matters.status, 'replied'), lt(matters.repliedAt, new Date(now.getTime() - days * DAY_MS))))
    .orderBy(asc(matters.repliedAt))
    .limit(BATCH);
  let closed = 0;
  let skipped = 0;
  const failures: string[] = [];
  for (const { id } of due) {
    try {
      await close(ctx, id);
      closed++;
    } catch (e) {
      if (e instanceof AppError && e.status === 409) {
        skipped++;
        log.info({ matterId: id, code: e.code }, 'unrated close skipped: the matter changed meanwhile');
      } else {
        // The others still close; the failure is reported through the job's error and retried.
        failures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  if (failures.length) throw new Error(`could not close ${failures.length} unrated matter(s): ${failures.join('; ')}`);
  return { closed, skipped };
}
