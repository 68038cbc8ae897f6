import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { isCategoryUsable } from '../../categories/queries/list-categories.ts';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { Actor } from '../../../core/policy.ts';
import { intakeUnitFor } from '../policy.ts';
import { queryRows } from '../../../db/client.ts';
import { encryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import { blindIndex } from '../../../core/personal-data/blind-index.ts';
import type { SecretKeyring } from '../../../core/personal-data/secret-key.ts';
import { chinaDateOf } from '../../calendar/calendar-date.ts';
import { matters } from '../tables.ts';
import type { TMatterCreateRequest } from '../schema.ts';
import { recordMatterEvent } from './apply-transition.ts';

/** What a channel without an account (citizen page, Open311) adds to an intake. */
export interface CreateMatterOptions {
  /** The unit that takes the matter in; required when there is no actor. */
  intakeUnit?: { unitId: string; unitPath: string };
  /** sha256 of the lookup secret handed to the citizen. */
  lookupSecretHash?: string;
  /** Open311 token. */
  externalToken?: string;
}

/**
 * Takes in a matter (受理): status `received`, in the intake unit of the operator — or of the
 * leader taking in a problem (未诉先办) — or the unit a public channel delivers to, with the petitioner's data encrypted field by field and the phone
 * blind-indexed for "same caller" look-ups.
 */
export async function createMatter(ctx: Ctx, input: TMatterCreateRequest, opts: CreateMatterOptions = {}) {
  const intake = opts.intakeUnit ?? intakeRoleOf(requireActor(ctx), input.kind);
  const id = randomUUID();
  const petitioner = encryptPetitioner(ctx.keys, id, input.petitioner);
  // Milliseconds only, so the (created_at, id) cursor of the inbox round-trips through JSON exactly.
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    if (input.categoryId) await assertCategoryUsable(tx, ctx, input.categoryId);
    const [{ n }] = await queryRows<{ n: string }>(tx, sql`select nextval('matter_code_seq')::text as n`);
    const code = `JC${chinaDateOf(now).replaceAll('-', '')}-${n.padStart(6, '0')}`;
    const [row] = await tx
      .insert(matters)
      .values({
        id,
        code,
        kind: input.kind,
        origin: input.origin,
        title: input.title,
        description: input.description,
        urgency: input.urgency,
        status: 'received',
        intakeUnitId: intake.unitId,
        intakeUnitPath: intake.unitPath,
        address: input.address || null,
        regionCode: input.regionCode ?? null,
        categoryId: input.categoryId ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        lookupSecretHash: opts.lookupSecretHash ?? null,
        externalToken: opts.externalToken ?? null,
        lastContactAt: now,
        ...petitioner,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordMatterEvent(tx, ctx, row, 'create', null, null, { origin: input.origin, urgency: input.urgency }, now);
    // The audit row names what was taken in, never the petitioner's data.
    await appendAudit(tx, ctx, { action: 'matter.create', subjectType: 'matter', subjectId: id, unitPath: intake.unitPath, after: { code, kind: input.kind, origin: input.origin, title: input.title } });
    return row;
  });
}

/** 400 on `categoryId` unless it names an active category under active ones (a deactivated parent hides its subtree). */
async function assertCategoryUsable(tx: Tx, ctx: Ctx, categoryId: string): Promise<void> {
  if (!(await isCategoryUsable(tx, categoryId))) throw invalidField('categoryId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '分类' : 'category' });
}

/** The unit a matter taken in by this actor belongs to (policy: intakeUnitFor); 403 when the actor may not take in this kind. */
function intakeRoleOf(actor: Actor, kind: string): { unitId: string; unitPath: string } {
  const unit = intakeUnitFor(actor, kind);
  if (!unit) throw new AppError(403, 'FORBIDDEN');
  return unit;
}

type PetitionerColumns = Pick<typeof matters.$inferInsert, 'petitionerNameEnc' | 'petitionerPhoneEnc' | 'petitionerIdEnc' | 'petitionerAddressEnc' | 'petitionerPhoneIdx'>;

/** Encrypts each given petitioner field, bound to this matter and field; blanks stay null. */
function encryptPetitioner(keys: SecretKeyring | undefined, matterId: string, p: TMatterCreateRequest['petitioner']): PetitionerColumns {
  const fields = { name: p?.name || null, phone: p?.phone || null, idNumber: p?.idNumber || null, address: p?.address || null };
  if (!Object.values(fields).some(Boolean)) return {};
  if (!keys) throw new AppError(500, 'SECRET_KEY_MISSING');
  const enc = (field: string, value: string | null) => (value ? encryptField(keys.current, value, fieldAad('matter', matterId, field)) : null);
  return {
    petitionerNameEnc: enc('name', fields.name),
    petitionerPhoneEnc: enc('phone', fields.phone),
    petitionerIdEnc: enc('id_number', fields.idNumber),
    petitionerAddressEnc: enc('address', fields.address),
    petitionerPhoneIdx: blindIndex(keys.current, 'phone', fields.phone),
  };
}
