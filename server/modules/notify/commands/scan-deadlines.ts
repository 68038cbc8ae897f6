import { and, asc, gt, inArray, lte, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { readJobCursor, writeJobCursor } from '../../jobs/job-cursor.ts';
import type { JobContext } from '../../jobs/job-definition.ts';
import { matters } from '../../matters/tables.ts';
import { staffOfUnit } from '../queries/unit-staff.ts';
import { notifyAccounts } from './notify-accounts.ts';

/** How long before a deadline its "due soon" notice goes out. */
export const DUE_SOON_MS = 24 * 60 * 60_000;
// Per deadline, kind and run: a run stays short (PGlite serves one query at a time); the rest waits a minute.
const LIMIT = 200;
const CURSOR = 'deadline_scan';

// Statuses in which each deadline still runs (as in the matters presenter's isMatterOverdue).
const deadlines = [
  { field: 'respond', column: matters.respondBy, statuses: ['received', 'dispatched'] },
  { field: 'resolve', column: matters.resolveBy, statuses: ['received', 'dispatched', 'in_progress'] },
] as const;

type Found = Pick<typeof matters.$inferSelect, 'id' | 'code' | 'title' | 'unitId' | 'unitPath' | 'intakeUnitPath'> & { deadline: Date };

const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Job handler (every minute): tells the responsible unit's handlers and leaders about each
 * deadline due within 24 hours and each deadline just passed, once per matter and deadline (a
 * new deadline after an extension is told again). The scan remembers when it last ran and looks
 * only at deadlines that crossed a threshold since then, or were set since then (a matter
 * dispatched with less than a day to go), so each run touches few rows through the
 * (status, deadline) index. A matter in no unit (returned to the intake office) is told to the
 * intake office's operators. A matter reopened after its deadline passed gets the reopen notice
 * (notify-matter-events), not a second overdue one.
 */
export async function scanDeadlines({ ctx, now }: JobContext): Promise<{ notified: number }> {
  // Recipients per unit, looked up once a run.
  const staffCache = new Map<string, Promise<string[]>>();
  return ctx.db.transaction(async (tx) => {
    const stored = await readJobCursor<{ at: string }>(tx, CURSOR);
    // The first run looks a day back, so a fresh install does not flood people with old deadlines.
    const since = stored ? new Date(stored.at) : new Date(now.getTime() - DUE_SOON_MS);
    const soonUntil = new Date(now.getTime() + DUE_SOON_MS);
    let notified = 0;
    let complete = true;
    let resumeAt = now;
    for (const d of deadlines) {
      const inStatus = inArray(matters.status, [...d.statuses]);
      // Due soon: within the next 24 h, and either the 24 h mark was crossed since the last run or the matter changed since.
      const dueSoon = await find(tx, and(inStatus, gt(d.column, now), lte(d.column, soonUntil), or(gt(d.column, new Date(since.getTime() + DUE_SOON_MS)), gt(matters.updatedAt, since)))!, d.column);
      // Overdue: the deadline passed since the last run.
      const overdue = await find(tx, and(inStatus, gt(d.column, since), lte(d.column, now))!, d.column);
      for (const [kind, found] of [['due_soon', dueSoon], ['overdue', overdue]] as const) {
        for (const m of found) notified += await tell(tx, kind, d.field, m);
        if (found.length === LIMIT) {
          // Resume from the last deadline handled; the repeats are skipped by the dedupe keys.
          complete = false;
          const last = found[found.length - 1].deadline;
          const at = kind === 'due_soon' ? new Date(last.getTime() - DUE_SOON_MS) : last;
          if (at < resumeAt) resumeAt = at;
        }
      }
    }
    await writeJobCursor(tx, CURSOR, { at: (complete ? now : resumeAt).toISOString() }, now);
    return { notified };
  });

  async function find(tx: Tx, where: SQL, column: (typeof deadlines)[number]['column']): Promise<Found[]> {
    const rows = await tx
      .select({ id: matters.id, code: matters.code, title: matters.title, unitId: matters.unitId, unitPath: matters.unitPath, intakeUnitPath: matters.intakeUnitPath, deadline: column })
      .from(matters)
      .where(where)
      .orderBy(asc(column))
      .limit(LIMIT);
    return rows.filter((r): r is Found => r.deadline !== null);
  }

  async function tell(tx: Tx, kind: 'due_soon' | 'overdue', field: 'respond' | 'resolve', m: Found): Promise<number> {
    const key = m.unitPath ? `unit:${m.unitPath}` : `intake:${m.intakeUnitPath}`;
    if (!staffCache.has(key)) staffCache.set(key, m.unitPath ? staffOfUnit(tx, m.unitPath, ['handler', 'leader']) : staffOfUnit(tx, m.intakeUnitPath, ['operator']));
    const recipients = await staffCache.get(key)!;
    const what = field === 'respond' ? '响应时限' : '办结时限';
    return notifyAccounts(tx, recipients, {
      kind,
      matterId: m.id,
      title: m.title,
      body: `${m.code} · ${what} ${chinaTime(m.deadline)}${kind === 'overdue' ? '，已超期' : '，24 小时内到期'}`,
      dedupeKey: `${kind}:${field}:${m.id}:${m.deadline.toISOString()}`,
    });
  }
}
