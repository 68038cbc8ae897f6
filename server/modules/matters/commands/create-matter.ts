import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../db/client.ts';
import { isCategoryUsable } from '../../categories/queries/list-categories.ts';
import type { Ctx } from '../../../core/context.ts';
import { actorNameOf, requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit, auditActorName } from '../../../core/audit.ts';
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

/** One matter to take in from a channel without an account, with everything computed that can be before the statement. */
export interface MatterDraft {
  id: string;
  /** When it was taken in: created, last contact, the event. */
  at: Date;
  input: TMatterCreateRequest;
  petitioner: PetitionerColumns;
  lookupSecretHash: string | null;
  externalToken: string | null;
  actorAccountId: string | null;
  /** The timeline's name of who acted, and the audit log's. */
  eventActorName: string;
  auditActorName: string;
  ip: string | null;
  /**
   * Claim of an Idempotency-Key in the same statement: the key row is inserted with its final
   * answer (`answer` plus the matter's `code`, status 201) and the matter only if the key was
   * free. A key already taken (a retry, or a twin in the same batch) inserts nothing for this
   * draft and answers `key_taken`: the caller then claims the usual way to replay or refuse.
   */
  idempotency?: { scope: string; key: string; requestHash: string; answer: Record<string, unknown> };
}

/** Prepares a matter for insertMatterDrafts: its id, time and encrypted petitioner fields. */
export function draftMatter(ctx: Ctx, input: TMatterCreateRequest, opts: { lookupSecretHash?: string; externalToken?: string } = {}): MatterDraft {
  const id = randomUUID();
  return {
    id,
    at: new Date(),
    input,
    petitioner: encryptPetitioner(ctx.keys, id, input.petitioner),
    lookupSecretHash: opts.lookupSecretHash ?? null,
    externalToken: opts.externalToken ?? null,
    actorAccountId: ctx.actor?.accountId ?? null,
    eventActorName: actorNameOf(ctx),
    auditActorName: auditActorName(ctx),
    ip: ctx.ip ?? null,
  };
}

/** What became of one draft: taken in, or refused (no intake unit; unusable category). */
export type DraftOutcome = { ok: true; id: string; code: string; intakeUnitPath: string } | { ok: false; refusal: 'no_intake_unit' | 'category' | 'key_taken' };

/** How insertMatterDrafts runs. */
export interface InsertDraftsOptions {
  /**
   * SQL selecting at most one row `(unit_id uuid, unit_path text)`: the unit that takes the
   * matters in. Read inside the statement, so it is as fresh as a separate look-up would be.
   */
  intakeUnit: SQL;
  /**
   * More data-modifying CTEs in the same statement: text starting with `, name as (…)` that may
   * read `m(id, code, intake_unit_path)`, the inserted matters.
   */
  alsoWith?: SQL;
  /** On PostgreSQL outside a transaction: run as a named prepared statement (see queryRows). */
  prepare?: string;
}

const CODE_DIGITS = 6;

/** One array parameter (drizzle would otherwise spread a JS array into a list). */
const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

/**
 * Takes in matters from a channel without an account in ONE SQL statement, whatever their number
 * (one round trip, atomic by itself outside a transaction): intake unit look-up, category checks,
 * codes from `matter_code_seq`, the matters, their `create` events and their audit rows — the
 * same rows as `createMatter` writes, each matter with its event and audit row or none of them.
 * A draft whose category is unusable (or when there is no intake unit) is refused alone, and draws
 * no number from the sequence; a draft whose Idempotency-Key is taken draws one it does not use. The statement text does not depend on the number of drafts (its
 * parameters are arrays), so PostgreSQL prepares it once. Outcomes in the order of `drafts`.
 */
export async function insertMatterDrafts(db: DbOrTx, drafts: readonly MatterDraft[], opts: InsertDraftsOptions): Promise<DraftOutcome[]> {
  const col = <T>(f: (d: MatterDraft) => T) => drafts.map(f);
  const digits = sql.raw(String(CODE_DIGITS));
  const statement = sql`with unit as (${opts.intakeUnit}),
draft as (
  select * from unnest(
    ${arr(col((d) => d.id), 'uuid')}, ${arr(col((d) => d.at.toISOString()), 'timestamptz')}, ${arr(col((d) => `JC${chinaDateOf(d.at).replaceAll('-', '')}-`), 'text')},
    ${arr(col((d) => d.input.kind), 'text')}, ${arr(col((d) => d.input.origin), 'text')}, ${arr(col((d) => d.input.title), 'text')}, ${arr(col((d) => d.input.description), 'text')}, ${arr(col((d) => d.input.urgency), 'text')},
    ${arr(col((d) => d.input.address || null), 'text')}, ${arr(col((d) => d.input.regionCode ?? null), 'text')}, ${arr(col((d) => d.input.categoryId ?? null), 'uuid')},
    ${arr(col((d) => d.input.latitude ?? null), 'float8')}, ${arr(col((d) => d.input.longitude ?? null), 'float8')},
    ${arr(col((d) => d.lookupSecretHash), 'text')}, ${arr(col((d) => d.externalToken), 'text')},
    ${arr(col((d) => d.petitioner.petitionerNameEnc ?? null), 'text')}, ${arr(col((d) => d.petitioner.petitionerPhoneEnc ?? null), 'text')}, ${arr(col((d) => d.petitioner.petitionerIdEnc ?? null), 'text')},
    ${arr(col((d) => d.petitioner.petitionerAddressEnc ?? null), 'text')}, ${arr(col((d) => d.petitioner.petitionerPhoneIdx ?? null), 'text')},
    ${arr(col((d) => d.actorAccountId), 'uuid')}, ${arr(col((d) => d.eventActorName), 'text')}, ${arr(col((d) => d.auditActorName), 'text')}, ${arr(col((d) => d.ip), 'text')},
    ${arr(col((d) => d.idempotency?.scope ?? null), 'text')}, ${arr(col((d) => d.idempotency?.key ?? null), 'text')}, ${arr(col((d) => d.idempotency?.requestHash ?? null), 'text')},
    ${arr(col((d) => (d.idempotency ? JSON.stringify(d.idempotency.answer) : null)), 'jsonb')}
  ) as d(id, at, code_prefix, kind, origin, title, description, urgency, address, region_code, category_id, latitude, longitude,
         lookup_secret_hash, external_token, name_enc, phone_enc, id_enc, address_enc, phone_idx, actor_account_id, event_actor_name, audit_actor_name, ip,
         idem_scope, idem_key, idem_hash, idem_answer)
),
usable as (
  -- The same check as isCategoryUsable: active, and no inactive category on its path.
  select draft.* from draft where draft.category_id is null or exists (
    select 1 from categories c where c.id = draft.category_id and c.is_active
      and not exists (select 1 from categories a where a.id = any (string_to_array(trim(both '/' from c.path), '/')::uuid[]) and not a.is_active))
),
coded as materialized (
  -- One number per matter to insert (a subquery of the row, so drawn for each), padded, never cut.
  select u.*, unit.unit_id, unit.unit_path,
    (select u.code_prefix || case when length(s.n) < ${digits} then lpad(s.n, ${digits}, '0') else s.n end from (select nextval('matter_code_seq')::text as n) s) as code
  from usable u cross join unit
),
claimed as (
  insert into idempotency_keys (scope, key, request_hash, status_code, response)
  select c.idem_scope, c.idem_key, c.idem_hash, 201, c.idem_answer || jsonb_build_object('code', c.code) from coded c where c.idem_key is not null
  on conflict do nothing
  -- Which draft holds each key (two drafts of one batch may bring the same key): the one with its code.
  returning response->>'code' as code
),
m as (
  insert into matters (id, code, kind, origin, title, description, urgency, status, intake_unit_id, intake_unit_path,
    address, region_code, category_id, latitude, longitude, lookup_secret_hash, external_token, last_contact_at,
    petitioner_name_enc, petitioner_phone_enc, petitioner_id_enc, petitioner_address_enc, petitioner_phone_idx, created_at, updated_at)
  select c.id, c.code, c.kind, c.origin, c.title, c.description, c.urgency, 'received', c.unit_id, c.unit_path,
    c.address, c.region_code, c.category_id, c.latitude, c.longitude, c.lookup_secret_hash, c.external_token, c.at,
    c.name_enc, c.phone_enc, c.id_enc, c.address_enc, c.phone_idx, c.at, c.at
  from coded c
  where c.idem_key is null or c.code in (select k.code from claimed k)
  returning id, code, intake_unit_path
),
ev as (
  insert into matter_events (matter_id, at, actor_account_id, actor_name, action, from_status, to_status, note, data)
  select m.id, d.at, d.actor_account_id, d.event_actor_name, 'create', null, 'received', null, jsonb_build_object('origin', d.origin, 'urgency', d.urgency)
  from m join draft d on d.id = m.id
),
au as (
  insert into audit_log (actor_account_id, actor_name, action, subject_type, subject_id, unit_path, before, after, ip)
  select d.actor_account_id, d.audit_actor_name, 'matter.create', 'matter', m.id::text, m.intake_unit_path, null,
    jsonb_build_object('code', m.code, 'kind', d.kind, 'origin', d.origin, 'title', d.title), d.ip
  from m join draft d on d.id = m.id
)${opts.alsoWith ?? sql``}
select d.id, m.code, m.intake_unit_path, (select count(*) from unit)::int as units, exists (select 1 from coded c where c.id = d.id) as coded
from draft d left join m on m.id = d.id`;
  const rows = await queryRows<{ id: string; code: string | null; intake_unit_path: string | null; units: number; coded: boolean }>(db, statement, opts.prepare ? { prepare: opts.prepare } : {});
  const byId = new Map(rows.map((r) => [r.id, r]));
  return drafts.map((d): DraftOutcome => {
    const r = byId.get(d.id);
    if (r?.code) return { ok: true, id: d.id, code: r.code, intakeUnitPath: r.intake_unit_path! };
    // Coded but not inserted: only a key already taken stops a draft there.
    if (r?.coded) return { ok: false, refusal: 'key_taken' };
    return { ok: false, refusal: r && r.units > 0 ? 'category' : 'no_intake_unit' };
  });
}

/** The 400 of a refused category, as createMatter answers it. */
export function categoryRefusal(lang: Ctx['lang']): AppError {
  return invalidField('categoryId', 'REFERENCE_NOT_FOUND', { what: lang === 'zh-CN' ? '分类' : 'category' });
}

/** 400 on `categoryId` unless it names an active category under active ones (a deactivated parent hides its subtree). */
async function assertCategoryUsable(tx: Tx, ctx: Ctx, categoryId: string): Promise<void> {
  if (!(await isCategoryUsable(tx, categoryId))) throw categoryRefusal(ctx.lang);
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
