import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../../core/cursor.ts';
import { escapeLike, scopedTo } from '../../../core/scope.ts';
import { queryRows } from '../../../db/client.ts';
import { ZId, type TPeopleQuery, type TPerson } from '../schema.ts';
import { AppError } from '../../../core/errors.ts';
import { loadUnit } from './load-unit.ts';

interface PersonRow {
  id: string;
  unit_id: string;
  name: string;
  post: string | null;
  is_party_member: boolean;
  cadre_level: TPerson['cadreLevel'];
  phone: string | null;
  unit_name: string;
}

/**
 * People in the caller's scope, filtered, ordered by name then id, one keyset page at a time.
 *
 * One query: for each unit in scope (and in the asked subtree) the first `limit + 1` people from
 * the (unit_id, name, id) index, then the first `limit + 1` of those — so a township page reads a
 * few dozen index entries instead of sorting all its people. The asked unit is checked inside the
 * same query; only an empty page looks it up again, to answer 404 for a unit outside scope.
 */
export async function listPeople(ctx: Ctx, q: TPeopleQuery) {
  const actor = requireActor(ctx);
  const unitWhere: SQL[] = [scopedTo(sql`u.path`, actor, 'person.read')];
  if (q.unitId) {
    if (q.subtree) unitWhere.push(sql`u.path like (select s.path || '%' from units s where s.id = ${q.unitId} and ${scopedTo(sql`s.path`, actor, 'person.read')})`);
    else unitWhere.push(sql`u.id = ${q.unitId}`);
  }
  const personWhere: SQL[] = [sql`p.unit_id = u.id`];
  if (q.q) personWhere.push(sql`p.name ilike ${`%${escapeLike(q.q)}%`}`);
  if (q.isPartyMember !== undefined) personWhere.push(sql`p.is_party_member = ${q.isPartyMember}`);
  const after = decodeCursor(q.cursor, 2);
  if (after && !ZId.safeParse(after[1]).success) throw new AppError(400, 'VALIDATION_FAILED', {}, { cursor: { code: 'BAD_CURSOR' } });
  if (after) personWhere.push(sql`(p.name, p.id) > (${String(after[0])}, ${String(after[1])}::uuid)`);
  const n = q.limit + 1;
  const rows = await queryRows<PersonRow>(
    ctx.db,
    sql`select p.id, p.unit_id, p.name, p.post, p.is_party_member, p.cadre_level, p.phone, u.name as unit_name
        from units u cross join lateral (
          select p.id, p.unit_id, p.name, p.post, p.is_party_member, p.cadre_level, p.phone from people p
          where ${sql.join(personWhere, sql` and `)} order by p.name, p.id limit ${n}) p
        where ${sql.join(unitWhere, sql` and `)}
        order by p.name, p.id limit ${n}`,
    { prepare: 'people' },
  );
  if (rows.length === 0 && q.unitId && q.subtree) await loadUnit(ctx.db, actor, q.unitId, 'person.read');
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ id: r.id, unitId: r.unit_id, unitName: r.unit_name, name: r.name, post: r.post, isPartyMember: r.is_party_member, cadreLevel: r.cadre_level ?? null, phone: r.phone })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
