import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { people } from '../tables.ts';
import { presentPerson } from '../presenter.ts';
import type { TPersonCreateRequest, TPersonUpdateRequest } from '../schema.ts';
import { loadUnit } from '../queries/load-unit.ts';
import { loadPerson } from '../queries/load-person.ts';
import type { DbOrTx } from '../../../db/client.ts';
import type { Actor } from '../../../core/policy.ts';

async function loadTargetUnit(tx: DbOrTx, actor: Actor, unitId: string, ctx: Ctx) {
  const unit = await loadUnit(tx, actor, unitId, 'person.manage').catch(() => {
    throw invalidField('unitId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
  });
  if (!unit.isActive) throw new AppError(400, 'UNIT_INACTIVE', { name: unit.name });
  return unit;
}

/** Adds a person to a unit in the caller's scope. */
export async function createPerson(ctx: Ctx, input: TPersonCreateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const unit = await loadTargetUnit(tx, actor, input.unitId, ctx);
    const [row] = await tx
      .insert(people)
      .values({ unitId: unit.id, name: input.name, post: input.post ?? null, isPartyMember: input.isPartyMember ?? false, cadreLevel: input.cadreLevel ?? null, phone: input.phone ?? null })
      .returning();
    const person = presentPerson(row, unit.name);
    await appendAudit(tx, ctx, { action: 'person.create', subjectType: 'person', subjectId: row.id, unitPath: unit.path, after: person });
    return person;
  });
}

/** Edits a person, or moves them to another unit in scope. */
export async function updatePerson(ctx: Ctx, id: string, input: TPersonUpdateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await loadPerson(tx, actor, id, 'person.manage');
    const unit = input.unitId && input.unitId !== before.unit.id ? await loadTargetUnit(tx, actor, input.unitId, ctx) : before.unit;
    const [row] = await tx
      .update(people)
      .set({
        unitId: unit.id,
        ...(input.name !== undefined && { name: input.name }),
        ...(input.post !== undefined && { post: input.post }),
        ...(input.isPartyMember !== undefined && { isPartyMember: input.isPartyMember }),
        ...(input.cadreLevel !== undefined && { cadreLevel: input.cadreLevel }),
        ...(input.phone !== undefined && { phone: input.phone }),
        updatedAt: new Date(),
      })
      .where(eq(people.id, id))
      .returning();
    const person = presentPerson(row, unit.name);
    await appendAudit(tx, ctx, { action: 'person.update', subjectType: 'person', subjectId: id, unitPath: unit.path, before: presentPerson(before.person, before.unit.name), after: person });
    return person;
  });
}
