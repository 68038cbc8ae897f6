import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.ts';
import { decryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import type { Role } from '../../../core/policy.ts';
import { readJobCursor, writeJobCursor } from '../../jobs/job-cursor.ts';
import type { JobContext } from '../../jobs/job-definition.ts';
import { matterEvents, matters } from '../../matters/tables.ts';
import { units } from '../../org/tables.ts';
import { staffOfUnit } from '../queries/unit-staff.ts';
import type { NotificationKind } from '../schema.ts';
import { notifyAccounts } from './notify-accounts.ts';
import { queueOutboundMessage } from './queue-outbound-message.ts';
import { matterRepliedBody } from '../outbound-templates.ts';

const CURSOR = 'notify_events';
/**
 * Events younger than this are left for the next run. Ids are taken at insert but become visible
 * at commit, so a transaction still open could commit a lower id after a higher one was read;
 * waiting until commands' short transactions have surely ended keeps the cursor from jumping it.
 */
export const EVENT_SETTLE_MS = 10_000;
const BATCH = 500;
const MAX_BATCHES = 4;

type EventRow = typeof matterEvents.$inferSelect;
type MatterRow = typeof matters.$inferSelect;

/** Who hears of which matter event, and as what. */
const handlers = ['handler', 'leader'] as const satisfies readonly Role[];
const eventRules: Record<string, { kind: NotificationKind; to: 'new_unit' | 'unit' | 'intake' | 'escalated_to' } | undefined> = {
  dispatch: { kind: 'dispatched', to: 'new_unit' },
  reassign: { kind: 'dispatched', to: 'new_unit' },
  return: { kind: 'returned', to: 'intake' },
  rate_unsatisfied: { kind: 'reopened', to: 'unit' },
  review_relapsed: { kind: 'relapsed', to: 'unit' },
  escalate: { kind: 'escalated', to: 'escalated_to' },
  add_contact: { kind: 'contact', to: 'unit' },
};
/** Events after which the petitioner gets an SMS that the matter was answered. */
const repliedActions = new Set(['reply', 'resolve_on_spot']);

/**
 * Job handler (every 10 s): reads the matter events written since the last run, in id order,
 * and turns the ones people must act on into notifications — a dispatch to the new unit, a
 * return (退单) to the intake office's operators, a reopen after an unsatisfied rating, a relapse
 * and a repeat contact to the responsible unit, an escalation to the unit it went to — and a
 * reply into an SMS to the petitioner. The position is kept with the work in one transaction
 * per batch, so each event is handled exactly once even across restarts and instances; events
 * are handled once EVENT_SETTLE_MS old. The person who acted is not told of their own action.
 */
export async function notifyMatterEvents({ ctx, now }: JobContext): Promise<{ events: number; notified: number; sms: number }> {
  let events = 0;
  let notified = 0;
  let sms = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const done = await ctx.db.transaction(async (tx) => {
      const after = (await readJobCursor<{ lastEventId: number }>(tx, CURSOR))?.lastEventId ?? (await startingPoint(tx, now));
      const read = await tx.select().from(matterEvents).where(gt(matterEvents.id, after)).orderBy(asc(matterEvents.id)).limit(BATCH);
      const settledBefore = now.getTime() - EVENT_SETTLE_MS;
      const young = read.findIndex((e) => e.at.getTime() >= settledBefore);
      const rows = young === -1 ? read : read.slice(0, young);
      if (rows.length === 0) {
        await writeJobCursor(tx, CURSOR, { lastEventId: after }, now);
        return true;
      }
      const relevant = rows.filter((e) => eventRules[e.action] || repliedActions.has(e.action));
      const matterIds = [...new Set(relevant.map((e) => e.matterId))];
      const byId = new Map((matterIds.length ? await tx.select().from(matters).where(inArray(matters.id, matterIds)) : []).map((m) => [m.id, m]));
      for (const e of relevant) {
        const m = byId.get(e.matterId);
        if (!m) continue;
        if (repliedActions.has(e.action)) sms += await textPetitioner(tx, e, m);
        else notified += await notifyOf(tx, e, m);
      }
      events += rows.length;
      await writeJobCursor(tx, CURSOR, { lastEventId: rows[rows.length - 1].id }, now);
      return read.length < BATCH || young !== -1;
    });
    if (done) break;
  }
  return { events, notified, sms };

  async function notifyOf(tx: Tx, e: EventRow, m: MatterRow): Promise<number> {
    const rule = eventRules[e.action]!;
    const unitPath = await targetPath(tx, rule.to, e, m);
    if (!unitPath) return 0;
    const recipients = await staffOfUnit(tx, unitPath, rule.to === 'intake' ? ['operator'] : handlers);
    return notifyAccounts(
      tx,
      recipients.filter((a) => a !== e.actorAccountId),
      { kind: rule.kind, matterId: m.id, title: m.title, body: `${m.code} · ${e.actorName}${e.note ? `：${e.note}` : ''}`, dedupeKey: `event:${e.id}` },
    );
  }

  async function textPetitioner(tx: Tx, e: EventRow, m: MatterRow): Promise<number> {
    if (!m.petitionerPhoneEnc || !ctx.keys) return 0;
    let phone: string;
    try {
      phone = decryptField(ctx.keys, m.petitionerPhoneEnc, fieldAad('matter', m.id, 'phone'));
    } catch {
      // A value this instance cannot read (a key not configured) is not a reason to stop every other notice.
      return 0;
    }
    await queueOutboundMessage(tx, ctx.keys, { channel: 'sms', recipient: phone, body: { ...matterRepliedBody(m.code), eventId: e.id } });
    return 1;
  }
}

/** The unit whose people hear of an event. */
async function targetPath(tx: Tx, to: 'new_unit' | 'unit' | 'intake' | 'escalated_to', e: EventRow, m: MatterRow): Promise<string | null> {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const pathOf = async (id: unknown) => {
    if (typeof id !== 'string') return null;
    const [u] = await tx.select({ path: units.path }).from(units).where(eq(units.id, id));
    return u?.path ?? null;
  };
  switch (to) {
    case 'intake':
      return m.intakeUnitPath;
    case 'unit':
      return m.unitPath ?? m.intakeUnitPath;
    case 'new_unit':
      // The unit named in the event, not the matter's unit now: it may have been dispatched again since.
      return (await pathOf(data.unitId)) ?? m.unitPath;
    case 'escalated_to': {
      // escalateMatter names the unit it went to as `toUnitId`.
      const named = (await pathOf(data.toUnitId)) ?? m.escalatedToUnitPath;
      if (named) return named;
      // Otherwise the parent of the responsible unit.
      const ids = (m.unitPath ?? '').split('/').filter(Boolean);
      return ids.length > 1 ? `/${ids.slice(0, -1).join('/')}/` : null;
    }
  }
}

/**
 * Where a first run starts: after the events older than a day, so installing this on a database
 * with a long history does not notify people of years of old events.
 */
async function startingPoint(tx: Tx, now: Date): Promise<number> {
  const [row] = await queryRows<{ id: number | string | null }>(tx, sql`select max(id) as id from matter_events where at < ${new Date(now.getTime() - 24 * 3_600_000).toISOString()}::timestamptz`);
  return Number(row?.id ?? 0);
}
