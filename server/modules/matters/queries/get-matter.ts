import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { accounts, units } from '../../org/tables.ts';
import { getSetting } from '../../system/settings.ts';
import { matterAttachments, matterClasses, matterClassMembers, matterEvents, matterExtensions, matterMeasures, matterNotes, matters, matterUnits } from '../tables.ts';
import { presentExtension, presentMatter, presentMatterEvent, presentMeasure, presentNote, progressOf } from '../presenter.ts';
import type { TMatterDetail } from '../schema.ts';
import { loadMatter, type MatterRow } from './load-matter.ts';

/** A matter with everything recorded about it, if the actor may read it (else 404). */
export async function getMatter(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  return presentMatterDetail(ctx, await loadMatter(ctx.db, actor, id));
}

const refColumns = { id: matters.id, code: matters.code, title: matters.title, status: matters.status };

/**
 * A loaded matter with its units, timeline, measures, notes, attachments (metadata only),
 * extensions, classes and merges, presented for staff. Unscoped: callers pass a matter the actor
 * may read or has just acted on (a unit that returns a matter sees the result of its return).
 */
export async function presentMatterDetail(ctx: Ctx, matter: MatterRow): Promise<TMatterDetail> {
  const id = matter.id;
  const db = ctx.db;
  const [links, events, measures, notes, attachments, extensions, classes, mergedInto, mergedMatters, leader, backlogDays] = await Promise.all([
    db.select().from(matterUnits).where(eq(matterUnits.matterId, id)),
    db.select().from(matterEvents).where(eq(matterEvents.matterId, id)).orderBy(asc(matterEvents.id)),
    db.select().from(matterMeasures).where(eq(matterMeasures.matterId, id)).orderBy(asc(matterMeasures.createdAt), asc(matterMeasures.id)),
    db.select().from(matterNotes).where(eq(matterNotes.matterId, id)).orderBy(asc(matterNotes.id)),
    db
      .select({
        id: matterAttachments.id,
        measureId: matterAttachments.measureId,
        source: matterAttachments.source,
        visibleToCitizen: matterAttachments.visibleToCitizen,
        fileName: matterAttachments.fileName,
        contentType: matterAttachments.contentType,
        size: matterAttachments.size,
        createdAt: matterAttachments.createdAt,
      })
      .from(matterAttachments)
      .where(eq(matterAttachments.matterId, id))
      .orderBy(asc(matterAttachments.createdAt), asc(matterAttachments.id)),
    db.select().from(matterExtensions).where(eq(matterExtensions.matterId, id)).orderBy(asc(matterExtensions.createdAt), asc(matterExtensions.id)),
    db
      .select({ id: matterClasses.id, name: matterClasses.name, closedAt: matterClasses.closedAt })
      .from(matterClassMembers)
      .innerJoin(matterClasses, eq(matterClasses.id, matterClassMembers.classId))
      .where(eq(matterClassMembers.matterId, id))
      .orderBy(asc(matterClasses.createdAt)),
    matter.mergedIntoId ? db.select(refColumns).from(matters).where(eq(matters.id, matter.mergedIntoId)) : Promise.resolve([]),
    db.select(refColumns).from(matters).where(eq(matters.mergedIntoId, id)).orderBy(asc(matters.createdAt)),
    matter.leaderAccountId ? db.select({ accountId: accounts.id, name: accounts.displayName }).from(accounts).where(eq(accounts.id, matter.leaderAccountId)) : Promise.resolve([]),
    getSetting(db, 'backlog_days'),
  ]);
  const unitIds = [...new Set([matter.intakeUnitId, matter.unitId, matter.escalatedToUnitId, ...links.map((l) => l.unitId)].filter((x): x is string => !!x))];
  const names = await db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(inArray(units.id, unitIds));
  const coUnitIds = links.filter((l) => l.role === 'co').map((l) => l.unitId);
  const pathOf = new Map(names.map((u) => [u.id, u.path]));
  const ref = (r: { id: string; code: string; title: string; status: string }) => ({ ...r, status: r.status as TMatterDetail['status'] });
  const view = presentMatter(
    matter,
    {
      unitsById: new Map(names.map((u) => [u.id, { id: u.id, name: u.name }])),
      coUnitIds,
      coUnitPaths: coUnitIds.map((u) => pathOf.get(u)).filter((p): p is string => !!p),
      progress: progressOf(measures),
      hasPendingExtension: extensions.some((x) => x.status === 'pending'),
      backlogDays,
    },
    ctx.keys,
    ctx.actor,
  );
  return {
    ...view,
    events: events.map(presentMatterEvent),
    measures: measures.map(presentMeasure),
    notes: notes.map(presentNote),
    attachments: attachments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    extensions: extensions.map(presentExtension),
    classes: classes.map((c) => ({ ...c, closedAt: c.closedAt?.toISOString() ?? null })),
    mergedInto: mergedInto[0] ? ref(mergedInto[0]) : null,
    mergedMatters: mergedMatters.map(ref),
    leader: leader[0] ?? null,
  };
}
