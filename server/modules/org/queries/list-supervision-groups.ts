import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import type { Actor } from '../../../core/policy.ts';
import { notFound } from '../../../core/errors.ts';
import { scopedTo } from '../../../core/scope.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { accounts, supervisionGroupMembers, supervisionGroupUnits, supervisionGroups, units } from '../tables.ts';
import type { TGroup } from '../schema.ts';

/** Groups the actor may see: hosted in its `group.read` scope, or (supervisors) the groups it belongs to. */
function groupsVisibleTo(actor: Actor): SQL {
  const member = actor.roles.some((r) => r.role === 'supervisor')
    ? sql`${supervisionGroups.id} in (select ${supervisionGroupMembers.groupId} from ${supervisionGroupMembers} where ${supervisionGroupMembers.accountId} = ${actor.accountId})`
    : sql`false`;
  const hosted = sql`${supervisionGroups.hostUnitId} in (select ${units.id} from ${units} where ${scopedTo(units.path, { ...actor, roles: actor.roles.filter((r) => r.role !== 'supervisor') }, 'group.read')})`;
  return or(hosted, member)!;
}

/** Presents groups with members and assigned units (two queries for the whole page). */
async function presentGroups(db: DbOrTx, rows: { group: typeof supervisionGroups.$inferSelect; hostUnitName: string }[]): Promise<TGroup[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.group.id);
  const [members, assigned] = await Promise.all([
    db
      .select({ groupId: supervisionGroupMembers.groupId, accountId: accounts.id, displayName: accounts.displayName, isLeader: supervisionGroupMembers.isLeader })
      .from(supervisionGroupMembers)
      .innerJoin(accounts, eq(accounts.id, supervisionGroupMembers.accountId))
      .where(inArray(supervisionGroupMembers.groupId, ids))
      .orderBy(asc(accounts.displayName)),
    db
      .select({ groupId: supervisionGroupUnits.groupId, id: units.id, name: units.name })
      .from(supervisionGroupUnits)
      .innerJoin(units, eq(units.id, supervisionGroupUnits.unitId))
      .where(inArray(supervisionGroupUnits.groupId, ids))
      .orderBy(asc(units.path)),
  ]);
  return rows.map(({ group, hostUnitName }) => ({
    id: group.id,
    name: group.name,
    hostUnitId: group.hostUnitId,
    hostUnitName,
    note: group.note,
    members: members.filter((m) => m.groupId === group.id).map(({ accountId, displayName, isLeader }) => ({ accountId, displayName, isLeader })),
    units: assigned.filter((u) => u.groupId === group.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** Supervision groups visible to the caller. */
export async function listSupervisionGroups(ctx: Ctx): Promise<TGroup[]> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select({ group: supervisionGroups, hostUnitName: units.name })
    .from(supervisionGroups)
    .innerJoin(units, eq(units.id, supervisionGroups.hostUnitId))
    .where(groupsVisibleTo(actor))
    .orderBy(asc(supervisionGroups.name));
  return presentGroups(ctx.db, rows);
}

/** One supervision group visible to the caller (404 otherwise); `manage` requires the host unit in group.manage scope. */
export async function getSupervisionGroup(db: DbOrTx, actor: Actor, id: string, manage = false): Promise<TGroup & { hostUnitPath: string }> {
  const [row] = await db
    .select({ group: supervisionGroups, hostUnitName: units.name, hostUnitPath: units.path })
    .from(supervisionGroups)
    .innerJoin(units, eq(units.id, supervisionGroups.hostUnitId))
    .where(and(eq(supervisionGroups.id, id), manage ? scopedTo(units.path, actor, 'group.manage') : groupsVisibleTo(actor)));
  if (!row) throw notFound();
  const [g] = await presentGroups(db, [row]);
  return { ...g, hostUnitPath: row.hostUnitPath };
}
