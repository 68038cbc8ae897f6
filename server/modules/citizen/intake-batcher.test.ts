import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, testKeys, type TestApp } from '../../test/harness.ts';
import { queryRows } from '../../db/client.ts';
import type { Ctx } from '../../core/context.ts';
import { categories } from '../categories/tables.ts';
import { draftMatter, type DraftOutcome } from '../matters/commands/create-matter.ts';
import { citizenInsertOptions } from './commands/submit-citizen-matter.ts';
import { IntakeBatcher } from './intake-batcher.ts';

// Citizen submissions taken in several at once (one statement): each is answered for itself, a
// refusal or a failing row touches no other, and every matter comes with its event and audit row.

let t: TestApp;
let usable: string;
let retired: string;
let ipCounter = 0;
const nextIp = () => `10.30.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

const demand = (i: number, extra: Record<string, unknown> = {}) => ({
  description: `第${i}号：河口村路口的井盖松动，车辆经过时响声很大。`,
  address: '河口村路口',
  ...(i % 2 === 0 ? { petitioner: { name: '王芳', phone: `1390000${String(i).padStart(4, '0')}` } } : {}),
  privacyAccepted: true,
  ...extra,
});

const submit = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/public/matters', remoteAddress: nextIp(), payload: body as object });

const rowsOf = (code: string) =>
  queryRows<{ id: string; events: number; audits: number; audit_code: string }>(
    t.database.db,
    sql`select m.id, (select count(*)::int from matter_events e where e.matter_id = m.id and e.action = 'create') as events,
          (select count(*)::int from audit_log a where a.subject_id = m.id::text and a.action = 'matter.create') as audits,
          (select a.after->>'code' from audit_log a where a.subject_id = m.id::text and a.action = 'matter.create') as audit_code
        from matters m where m.code = ${code}`,
  );

const citizenCtx = (): Ctx => ({ db: t.database.db, actor: null, channel: 'citizen', lang: 'zh-CN', ip: '10.31.0.1', config: t.config, keys: testKeys });

beforeAll(async () => {
  t = await createTestApp();
  const parent = crypto.randomUUID();
  usable = crypto.randomUUID();
  retired = crypto.randomUUID();
  await t.database.db.insert(categories).values([
    { id: parent, code: 'B-ROAD', name: '道路（测试）', level: 1, path: `/${parent}/`, sortOrder: 1 },
    { id: usable, parentId: parent, code: 'B-COVER', name: '井盖（测试）', level: 2, path: `/${parent}/${usable}/`, sortOrder: 1 },
    { id: retired, parentId: parent, code: 'B-OLD', name: '停用（测试）', level: 2, path: `/${parent}/${retired}/`, sortOrder: 2, isActive: false },
  ]);
});

afterAll(async () => {
  await t.close();
});

describe('citizen submissions taken in together', () => {
  it('answers each of many concurrent submissions for itself: refusals alone, every accepted one stored with its event and audit row', async () => {
    const before = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from matters`))[0].n;
    const categoryOf = (i: number) => (i % 7 === 3 ? retired : i % 5 === 0 ? usable : undefined);
    const bodies = Array.from({ length: 40 }, (_, i) => demand(i, { categoryId: categoryOf(i) }));
    const answers = await Promise.all(bodies.map(submit));
    const refused = answers.filter((r) => r.statusCode === 400);
    const accepted = answers.filter((r) => r.statusCode === 201);
    expect(refused.length).toBe(bodies.filter((_, i) => categoryOf(i) === retired).length);
    for (const r of refused) expect(r.json().error.fields.categoryId).toBeTruthy();
    expect(accepted.length + refused.length).toBe(bodies.length);
    const codes = accepted.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^JC\d{8}-\d{6}$/);
      const [row] = await rowsOf(code);
      expect(row).toMatchObject({ events: 1, audits: 1, audit_code: code });
    }
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from matters`))[0].n).toBe(before + accepted.length);
  });

  it('keeps the others when one row of a batch fails in the database: that one fails alone', async () => {
    const batcher = new IntakeBatcher(t.database.db, citizenInsertOptions, 1);
    const ctx = citizenCtx();
    const [existing] = await queryRows<{ id: string }>(t.database.db, sql`select id from matters limit 1`);
    const drafts = Array.from({ length: 6 }, (_, i) => draftMatter(ctx, { kind: 'demand', origin: 'web', urgency: 'normal', title: `井盖${i}`, description: `井盖松动${i}` }));
    // The same id as a stored matter: its insert violates the primary key and aborts the statement it is in.
    const clash = { ...drafts[3], id: existing.id };
    const seq = async () => Number((await queryRows<{ v: string }>(t.database.db, sql`select last_value::text as v from matter_code_seq`))[0].v);
    const n0 = await seq();
    // Submitted in one turn of the event loop: one statement for all six, which the clash aborts.
    const settled = await Promise.allSettled([drafts[0], drafts[1], drafts[2], clash, drafts[4], drafts[5]].map((d) => batcher.submit(d)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const s of settled) {
      if (s.status !== 'fulfilled') continue;
      const outcome = s.value as Extract<DraftOutcome, { ok: true }>;
      expect(outcome.ok).toBe(true);
      expect(await rowsOf(outcome.code)).toEqual([expect.objectContaining({ events: 1, audits: 1 })]);
    }
    // Numbers drawn by the aborted batch (up to the clash) are not given back, then six more alone:
    // more than six in all shows the six really went in one statement first.
    expect((await seq()) - n0).toBeGreaterThan(6);
  });

  it('pads the number to six digits and never cuts a longer one', async () => {
    await queryRows(t.database.db, sql`select setval('matter_code_seq', 1234566)`);
    const res = await submit(demand(1));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code).toMatch(/^JC\d{8}-1234567$/);
  });

  it('answers 503 when there is no active top-level unit, stores nothing and draws no number', async () => {
    const seq = async () => (await queryRows<{ v: string }>(t.database.db, sql`select last_value::text as v from matter_code_seq`))[0].v;
    const tops = await queryRows<{ id: string }>(t.database.db, sql`select id from units where parent_id is null and is_active`);
    const n0 = await seq();
    await queryRows(t.database.db, sql`update units set is_active = false where parent_id is null`);
    try {
      const res = await submit(demand(2));
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.code).toBe('PUBLIC_INTAKE_CLOSED');
      expect(await seq()).toBe(n0);
    } finally {
      for (const { id } of tops) await queryRows(t.database.db, sql`update units set is_active = true where id = ${id}`);
    }
  });
});

describe('Idempotency-Key claimed in the same statement', () => {
  it('makes one matter of a double tap without photos (same key, same batch): both get the first answer', async () => {
    const key = crypto.randomUUID();
    const before = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from matters`))[0].n;
    const body = demand(7);
    const send = () => t.app.inject({ method: 'POST', url: '/api/public/matters', remoteAddress: nextIp(), headers: { 'idempotency-key': key }, payload: body });
    const [a, b, c] = await Promise.all([send(), send(), send()]);
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(b.json()).toEqual(a.json());
    expect(c.json()).toEqual(a.json());
    expect([a, b, c].filter((r) => r.headers['idempotent-replayed'] === 'true').length).toBe(2);
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from matters`))[0].n).toBe(before + 1);
    const [row] = await queryRows<{ status_code: number; code: string }>(t.database.db, sql`select status_code, response->>'code' as code from idempotency_keys where key = ${key}`);
    expect(row).toEqual({ status_code: 201, code: a.json().code });
    // Another body with the key in the same moment: 422, nothing stored.
    const other = await t.app.inject({ method: 'POST', url: '/api/public/matters', remoteAddress: nextIp(), headers: { 'idempotency-key': key }, payload: demand(8) });
    expect(other.statusCode).toBe(422);
  });

  it('leaves no key behind when the submission is refused (unusable category)', async () => {
    const key = crypto.randomUUID();
    const res = await t.app.inject({ method: 'POST', url: '/api/public/matters', remoteAddress: nextIp(), headers: { 'idempotency-key': key }, payload: demand(9, { categoryId: retired }) });
    expect(res.statusCode).toBe(400);
    expect(await queryRows(t.database.db, sql`select 1 from idempotency_keys where key = ${key}`)).toEqual([]);
    // The same key with a corrected body goes through.
    const ok = await t.app.inject({ method: 'POST', url: '/api/public/matters', remoteAddress: nextIp(), headers: { 'idempotency-key': key }, payload: demand(9, { categoryId: usable }) });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
