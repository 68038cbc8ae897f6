import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { inUnitSubtree } from '../../../core/policy.ts';
import { accountRoles, accounts, units } from '../../org/tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterLeaderRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * Names the leader who owns a hard matter (领导包案), or removes the owner (null): the intake office
 * or a leader over the responsible unit decides; the owner must be an active account holding the
 * leader role over the matter's unit (its intake office while it has no responsible unit). The
 * matter then appears in that leader's queue.
 */
export async function assignLeader(ctx: Ctx, id: string, input: TMatterLeaderRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'assign_leader');
    let leaderName: string | null = null;
    if (input.leaderAccountId) {
      const over = matter.unitPath ?? matter.intakeUnitPath;
      const roles = await tx
        .select({ name: accounts.displayName, path: units.path })
        .from(accountRoles)
        .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
        .innerJoin(units, eq(units.id, accountRoles.unitId))
        .where(and(eq(accountRoles.accountId, input.leaderAccountId), eq(accountRoles.role, 'leader'), eq(accounts.isActive, true)));
      const role = roles.find((r) => inUnitSubtree(over, r.path));
      if (!role) throw invalidField('leaderAccountId', 'NOT_A_LEADER');
      leaderName = role.name;
    }
    return applyTransition(tx, ctx, matter, 'assign_leader', input.version, {
      set: { leaderAccountId: input.leaderAccountId },
      data: { leaderAccountId: input.leaderAccountId, leaderName, previousLeaderAccountId: matter.leaderAccountId },
    });
  });
}
