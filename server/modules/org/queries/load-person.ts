import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import type { Actor } from '../../../core/policy.ts';
import { notFound } from '../../../core/errors.ts';
import { scopedTo } from '../../../core/scope.ts';
import { people, units } from '../tables.ts';

/** Loads a person the actor may act on with `action`, with their unit; otherwise 404. */
export async function loadPerson(db: DbOrTx, actor: Actor, id: string, action: 'person.read' | 'person.manage' = 'person.read') {
  const [row] = await db
    .select({ person: people, unit: units })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.id, id), scopedTo(units.path, actor, action)));
  if (!row) throw notFound();
  return row;
}
