import { and, desc, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { scopedTo } from '../../../core/scope.ts';
import { matterClasses } from '../tables.ts';
import type { TMatterClassesQuery } from '../schema.ts';
import { presentMatterClasses } from './get-matter-class.ts';

/** At most this many classes are listed (a deployment has tens, not thousands). */
const MAX_CLASSES = 500;

/** Classes owned inside the actor's scope, newest first; `open` keeps only open or only closed ones. */
export async function listMatterClasses(ctx: Ctx, q: TMatterClassesQuery) {
  const actor = requireActor(ctx);
  const where: SQL[] = [scopedTo(matterClasses.ownerUnitPath, actor, 'matter.read')];
  if (q.open !== undefined) where.push(q.open ? isNull(matterClasses.closedAt) : isNotNull(matterClasses.closedAt));
  const rows = await ctx.db
    .select()
    .from(matterClasses)
    .where(and(...where))
    .orderBy(desc(matterClasses.createdAt), desc(matterClasses.id))
    .limit(MAX_CLASSES);
  return { items: await presentMatterClasses(ctx.db, actor, rows) };
}
