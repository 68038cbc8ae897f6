import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../db/client.ts';
import { isCategoryUsable } from '../../categories/queries/list-categories.ts';
import type { Ctx } from '../../../core/context.ts';
import { actorNameOf, requireActor } from '../../../core/context.ts';
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

/** What a public channel gives `createMatterInOneStatement`. */
export interface OneStatementOptions {
  /**
   * SQL selecting at most one row `(unit_id uuid, unit_path text)`: the unit that takes the matter
   * in. Resolved inside the statement, so it is as fresh as a separate look-up would be.
   */
  intakeUnit: SQL;
  /** The refusal when `intakeUnit` selects no row. */
  noIntakeUnit: () => AppError;
  lookupSecretHash?: string;
  externalToken?: string;
  /**
   * More data-modifying CTEs run in the same statement after the matter's: text starting with
   * `, name as (…)` that may read `m(id, code, intake_unit_path)`, the inserted matter.
   */
  alsoWith?: SQL;
  /** On PostgreSQL outside a transaction: run as a named prepared statement (see queryRows). */
  prepare?: string;
}

const CODE_DIGITS = 6;

/**
 * Takes in a matter from a channel without an account in one SQL statement (one round trip, and
 * atomic by itself outside a transaction): intake unit look-up, category check, the code from
 * `matter_code_seq`, the matter, its `create` event and its audit row — the same rows as
 * `createMatter` writes, with the same refusals (no intake unit first, then a 400 on an unusable
 * category). The code's number is drawn only when the matter is inserted. Answers the new
 * matter's id, code and intake unit path.
 */
export async function createMatterInOneStatement(db: DbOrTx, ctx: Ctx, input: TMatterCreateRequest, opts: OneStatementOptions): Promise<{ id: string; code: string; intakeUnitPath: string; createdAt: Date }> {
  const id = randomUUID();
  const p = encryptPetitioner(ctx.keys, id, input.petitioner);
  const now = new Date();
  const at = now.toISOString();
  const datePart = chinaDateOf(now).replaceAll('-', '');
  const actorAccountId = ctx.actor?.accountId ?? null;
  // The same check as isCategoryUsable: active, and no inactive category on its path.
  const categoryOk = input.categoryId
    ? sql`exists (select 1 from categories c where c.id = ${input.categoryId}::uuid and c.is_active
        and not exists (select 1 from categories a where a.id = any (string_to_array(trim(both '/' from c.path), '/')::uuid[]) and not a.is_active))`
    : sql`true`;
  const statement = sql`with unit as (${opts.intakeUnit}),
m as (
  insert into matters (id, code, kind, origin, title, description, urgency, status, intake_unit_id, intake_unit_path,
    address, region_code, category_id, latitude, longitude, lookup_secret_hash, external_token, last_contact_at,
    petitioner_name_enc, petitioner_phone_enc, petitioner_id_enc, petitioner_address_enc, petitioner_phone_idx, created_at, updated_at)
  select ${id}::uuid,
    (select ${`JC${datePart}-`}::text || case when length(s.n) < ${CODE_DIGITS}::int then lpad(s.n, ${CODE_DIGITS}::int, '0') else s.n end
       from (select nextval('matter_code_seq')::text as n) s),
    ${input.kind}::text, ${input.origin}::text, ${input.title}::text, ${input.description}::text, ${input.urgency}::text, 'received', unit.unit_id, unit.unit_path,
    ${input.address || null}::text, ${input.regionCode ?? null}::text, ${input.categoryId ?? null}::uuid, ${input.latitude ?? null}::float8, ${input.longitude ?? null}::float8,
    ${opts.lookupSecretHash ?? null}::text, ${opts.externalToken ?? null}::text, ${at}::timestamptz,
    ${p.petitionerNameEnc ?? null}::text, ${p.petitionerPhoneEnc ?? null}::text, ${p.petitionerIdEnc ?? null}::text, ${p.petitionerAddressEnc ?? null}::text, ${p.petitionerPhoneIdx ?? null}::text,
    ${at}::timestamptz, ${at}::timestamptz
  from unit where ${categoryOk}
  returning id, code, intake_unit_path
),
ev as (
  insert into matter_events (matter_id, at, actor_account_id, actor_name, action, from_status, to_status, note, data)
  select m.id, ${at}::timestamptz, ${actorAccountId}::uuid, ${actorNameOf(ctx)}::text, 'create', null, 'received', null, ${JSON.stringify({ origin: input.origin, urgency: input.urgency })}::jsonb from m
),
au as (
  insert into audit_log (actor_account_id, actor_name, action, subject_type, subject_id, unit_path, before, after, ip)
  select ${actorAccountId}::uuid, ${ctx.actor?.username ?? ctx.channel ?? 'system'}::text, 'matter.create', 'matter', m.id::text, m.intake_unit_path, null,
    jsonb_build_object('code', m.code, 'kind', ${input.kind}::text, 'origin', ${input.origin}::text, 'title', ${input.title}::text), ${ctx.ip ?? null}::text from m
)${opts.alsoWith ?? sql``}
select m.code, m.intake_unit_path, (select count(*) from unit)::int as units from (select 1) one left join m on true`;
  const [row] = await queryRows<{ code: string | null; intake_unit_path: string | null; units: number }>(db, statement, opts.prepare ? { prepare: opts.prepare } : {});
  if (!row.code) {
    if (row.units === 0) throw opts.noIntakeUnit();
    throw invalidField('categoryId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '分类' : 'category' });
  }
  return { id, code: row.code, intakeUnitPath: row.intake_unit_path!, createdAt: now };
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
