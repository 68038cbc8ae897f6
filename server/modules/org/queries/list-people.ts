import { and, asc, eq, gt, ilike, like, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../../core/cursor.ts';
import { escapeLike, scopedTo } from '../../../core/scope.ts';
import { people, units } from '../tables.ts';
import { presentPerson } from '../presenter.ts';
import type { TPeopleQuery } from '../schema.ts';
import { loadUnit } from './load-unit.ts';

/** People in the caller's scope, filtered, ordered by name then id, one keyset page at a time. */
export async function listPeople(ctx: Ctx, q: TPeopleQuery) {
  const actor = requireActor(ctx);
  const where: SQL[] = [scopedTo(units.path, actor, 'person.read')];
  if (q.unitId) {
    if (q.subtree) {
      const unit = await loadUnit(ctx.db, actor, q.unitId, 'person.read');
      where.push(like(units.path, `${escapeLike(unit.path)}%`));
    } else {
      where.push(eq(people.unitId, q.unitId));
    }
  }
  if (q.q) where.push(ilike(people.name, `%${escapeLike(q.q)}%`));
  if (q.isPartyMember !== undefined) where.push(eq(people.isPartyMember, q.isPartyMember));
  const after = decodeCursor(q.cursor, 2);
  if (after) where.push(or(gt(people.name, String(after[0])), and(eq(people.name, String(after[0])), gt(people.id, String(after[1]))))!);
  const rows = await ctx.db
    .select({ person: people, unitName: units.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(...where))
    .orderBy(asc(people.name), asc(people.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentPerson(r.person, r.unitName)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.person.name, last.person.id]) : null,
  };
}
