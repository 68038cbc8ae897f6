import { and, desc, inArray, or } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { scopedTo } from '../../../core/scope.ts';
import { blindIndexCandidates } from '../../../core/personal-data/blind-index.ts';
import { getSetting } from '../../system/settings.ts';
import { matters } from '../tables.ts';
import { openStatuses } from '../presenter.ts';
import { listColumns, presentListItems } from './list-matters.ts';

/** At most this many open matters of one caller are offered. */
const MAX_BY_CALLER = 20;

/**
 * Open matters of the same caller inside the actor's scope, found by the blind index of the
 * phone (under every configured key) without decrypting anything, so the intake form can offer
 * a repeat contact (催办) instead of a new matter. Items carry no petitioner data.
 */
export async function findByCaller(ctx: Ctx, phone: string) {
  const actor = requireActor(ctx);
  const candidates = ctx.keys ? blindIndexCandidates(ctx.keys, 'phone', phone) : [];
  if (candidates.length === 0) return { items: [] };
  const rows = await ctx.db
    .select(listColumns)
    .from(matters)
    .where(
      and(
        inArray(matters.petitionerPhoneIdx, candidates),
        inArray(matters.status, [...openStatuses]),
        or(scopedTo(matters.intakeUnitPath, actor, 'matter.read'), scopedTo(matters.unitPath, actor, 'matter.read')),
      ),
    )
    .orderBy(desc(matters.createdAt), desc(matters.id))
    .limit(MAX_BY_CALLER);
  return { items: presentListItems(actor, rows, await getSetting(ctx.db, 'backlog_days')) };
}
