import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { Actor } from '../../../core/policy.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { supervisionGroupMembers, supervisionGroupUnits, supervisionGroups } from '../tables.ts';
import type { TGroupCreateRequest, TGroupUpdateRequest } from '../schema.ts';
import { loadUnit } from '../queries/load-unit.ts';
import { getAccount } from '../queries/list-accounts.ts';
import { getSupervisionGroup } from '../queries/list-supervision-groups.ts';

const what = (lang: Ctx['lang'], zh: string, en: string) => ({ what: lang === 'zh-CN' ? zh : en });

/** Checks members (accounts in scope) and assigned units (in the group.manage scope). */
async function checkRefs(tx: DbOrTx, actor: Actor, lang: Ctx['lang'], memberIds: string[] | undefined, unitIds: string[] | undefined) {
  for (const [i, id] of (memberIds ?? []).entries()) {
    await getAccount(tx, actor, id).catch(() => {
      throw invalidField(`memberIds.${i}`, 'REFERENCE_NOT_FOUND', what(lang, '账号', 'account'));
    });
  }
  for (const [i, id] of (unitIds ?? []).entries()) {
    await loadUnit(tx, actor, id, 'group.manage').catch(() => {
      throw invalidField(`unitIds.${i}`, 'REFERENCE_NOT_FOUND', what(lang, '单位', 'unit'));
    });
  }
}

async function writeMembership(tx: DbOrTx, groupId: string, memberIds: string[] | undefined, leaderIds: string[] | undefined, unitIds: string[] | undefined) {
  if (memberIds) {
    await tx.delete(supervisionGroupMembers).where(eq(supervisionGroupMembers.groupId, groupId));
    const leaders = new Set(leaderIds ?? []);
    const unique = [...new Set(memberIds)];
    if (unique.length) await tx.insert(supervisionGroupMembers).values(unique.map((accountId) => ({ groupId, accountId, isLeader: leaders.has(accountId) })));
  } else if (leaderIds) {
    await tx.update(supervisionGroupMembers).set({ isLeader: false }).where(eq(supervisionGroupMembers.groupId, groupId));
    if (leaderIds.length) await tx.update(supervisionGroupMembers).set({ isLeader: true }).where(and(eq(supervisionGroupMembers.groupId, groupId), inArray(supervisionGroupMembers.accountId, leaderIds)));
  }
  if (unitIds) {
    await tx.delete(supervisionGroupUnits).where(eq(supervisionGroupUnits.groupId, groupId));
    const unique = [...new Set(unitIds)];
    if (unique.length) await tx.insert(supervisionGroupUnits).values(unique.map((unitId) => ({ groupId, unitId })));
  }
}

/** Creates a supervision group hosted by a unit in scope, with members and assigned units. */
export async function createSupervisionGroup(ctx: Ctx, input: TGroupCreateRequest) {
  const actor = requireActor(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const host = await loadUnit(tx, actor, input.hostUnitId, 'group.manage').catch(() => {
        throw invalidField('hostUnitId', 'REFERENCE_NOT_FOUND', what(ctx.lang, '单位', 'unit'));
      });
      await checkRefs(tx, actor, ctx.lang, input.memberIds, input.unitIds);
      const [row] = await tx.insert(supervisionGroups).values({ name: input.name, hostUnitId: host.id, note: input.note ?? null }).returning();
      await writeMembership(tx, row.id, input.memberIds, input.leaderIds, input.unitIds);
      const { hostUnitPath, ...group } = await getSupervisionGroup(tx, actor, row.id, true);
      await appendAudit(tx, ctx, { action: 'group.create', subjectType: 'supervision_group', subjectId: row.id, unitPath: hostUnitPath, after: group });
      return group;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'DUPLICATE', { name: input.name });
    throw e;
  }
}

/** Renames a group or replaces its members or assigned units. */
export async function updateSupervisionGroup(ctx: Ctx, id: string, input: TGroupUpdateRequest) {
  const actor = requireActor(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const { hostUnitPath, ...before } = await getSupervisionGroup(tx, actor, id, true);
      await checkRefs(tx, actor, ctx.lang, input.memberIds, input.unitIds);
      if (input.name !== undefined || input.note !== undefined) {
        await tx
          .update(supervisionGroups)
          .set({ ...(input.name !== undefined && { name: input.name }), ...(input.note !== undefined && { note: input.note }), updatedAt: new Date() })
          .where(eq(supervisionGroups.id, id));
      }
      await writeMembership(tx, id, input.memberIds, input.leaderIds, input.unitIds);
      const { hostUnitPath: _p, ...after } = await getSupervisionGroup(tx, actor, id, true);
      await appendAudit(tx, ctx, { action: 'group.update', subjectType: 'supervision_group', subjectId: id, unitPath: hostUnitPath, before, after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'DUPLICATE', { name: input.name ?? '' });
    throw e;
  }
}
