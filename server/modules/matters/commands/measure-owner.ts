import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import type { Ctx } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { can, type Actor } from '../../../core/policy.ts';
import { people, units } from '../../org/tables.ts';

/** 400 on `ownerPersonId` unless it names a person the actor may see (the owner of a measure is someone known). */
export async function assertMeasureOwner(tx: Tx, ctx: Ctx, actor: Actor, personId: string | null | undefined): Promise<void> {
  if (!personId) return;
  const [person] = await tx.select({ path: units.path }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(eq(people.id, personId));
  if (!person || !can(actor, 'person.read', person.path)) throw invalidField('ownerPersonId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '人员' : 'person' });
}
