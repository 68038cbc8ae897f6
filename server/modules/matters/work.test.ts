import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { queryRows } from '../../db/client.ts';
import { auditActions, auditRows, dispatched, expectNothingChanged, inProgress, ok, received, replied, timeline, type Kit } from './matters-test-kit.ts';

// The work on a matter besides its moves: measures (措施) and progress, internal notes, extension
// requests (延期), repeat contacts (催办) with the same-caller look-up, and the audited reveal of
// petitioner data. Each endpoint: 401 → 400 (nothing changed) → 403/404 → happy path → event/audit.

let t: TestApp;
let k: Kit;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let leader: Client;
let supervisor: Client;
let units: Record<string, string>;

const anon = (method: 'POST' | 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, payload });

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  leader = await login(t.app, 'leader');
  supervisor = await login(t.app, 'supervisor');
  units = await demoUnitIds(admin);
  k = { t, operator, handlerA, units };
});
afterAll(async () => t.close());

type Measure = { id: string; progress: number; done: boolean; content: string };

describe('measures (措施) and progress', () => {
  it('401; 400 on bad input (nothing changed); 403 for the operator; 404 for another township; 409 before acceptance', async () => {
    const m = await inProgress(k);
    const url = `/api/matters/${m.id}/measures`;
    expect((await anon('POST', url, { content: '更换灯泡', ownerName: '李四' })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerA.post(url, { ownerName: '李四' })).json().error.fields.content).toBeTruthy();
      expect((await handlerA.post(url, { content: '更换灯泡', ownerName: '李四', progress: 101 })).json().error.fields.progress).toBeTruthy();
      expect((await handlerA.post(url, { content: '更换灯泡', ownerName: '李四', dueOn: '2025-02-30' })).statusCode).toBe(400);
      expect((await handlerA.post(url, { content: '更换灯泡', ownerName: '李四', ownerPersonId: m.id })).json().error.fields.ownerPersonId).toBeTruthy();
      expect((await operator.post(url, { content: '更换灯泡', ownerName: '李四' })).statusCode).toBe(403);
      expect((await handlerB.post(url, { content: '更换灯泡', ownerName: '李四' })).statusCode).toBe(404);
    });
    const early = await dispatched(k);
    expect((await handlerA.post(`/api/matters/${early.id}/measures`, { content: '更换灯泡', ownerName: '李四' })).json().error.code).toBe('INVALID_STATE');
  });

  it('adds, updates, completes and deletes measures; progress is their mean (done = 100) in detail and list', async () => {
    const m = await inProgress(k);
    const person = (await handlerA.get(`/api/people?unitId=${units['青山镇']}`)).json().items[0].id as string;
    ok(await handlerA.post(`/api/matters/${m.id}/measures`, { content: '更换灯泡', ownerName: '李四', ownerPersonId: person, dueOn: '2030-01-10', progress: 40 }));
    let d = ok(await handlerA.post(`/api/matters/${m.id}/measures`, { content: '检修线路', ownerName: '王五', evidence: '照片见附件' }));
    const [a, b] = d.measures as Measure[];
    expect(d.progress).toBe(20);
    d = ok(await handlerA.patch(`/api/matters/${m.id}/measures/${b.id}`, { progress: 60 }));
    expect(d.progress).toBe(50);
    d = ok(await handlerA.patch(`/api/matters/${m.id}/measures/${a.id}`, { done: true }));
    expect((d.measures as Measure[])[0]).toMatchObject({ done: true, progress: 100 });
    expect(d.progress).toBe(80);
    const listed = ((await handlerA.get('/api/matters?queue=in_progress')).json().items as { id: string; progress: number | null }[]).find((x) => x.id === m.id);
    expect(listed?.progress).toBe(80);
    expect((await handlerA.patch(`/api/matters/${m.id}/measures/${a.id}`, {})).statusCode).toBe(400);
    expect((await handlerA.patch(`/api/matters/${m.id}/measures/${m.id}`, { progress: 1 })).statusCode).toBe(404);
    expect((await anon('DELETE', `/api/matters/${m.id}/measures/${b.id}`)).statusCode).toBe(401);
    expect((await handlerB.request('DELETE', `/api/matters/${m.id}/measures/${b.id}`)).statusCode).toBe(404);
    d = ok(await handlerA.request('DELETE', `/api/matters/${m.id}/measures/${b.id}`));
    expect(d.measures).toHaveLength(1);
    expect(d.progress).toBe(100);
    expect((await timeline(k, m.id)).slice(-5)).toEqual(['add_measure', 'add_measure', 'update_measure', 'update_measure', 'delete_measure']);
    expect((await auditActions(t, m.id)).slice(-5)).toEqual(['matter.add_measure', 'matter.add_measure', 'matter.update_measure', 'matter.update_measure', 'matter.delete_measure']);
    // Without measures a matter has no progress at all.
    expect(ok(await handlerA.get(`/api/matters/${(await inProgress(k)).id}`)).progress).toBeNull();
  });
});

describe('internal notes (内部备注)', () => {
  it('401; 400 on an empty note; 403 for a supervisor; 404 for another township; listed for staff, never in events or audit', async () => {
    const m = await dispatched(k);
    const url = `/api/matters/${m.id}/notes`;
    expect((await anon('POST', url, { body: '备注' })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerA.post(url, { body: ' ' })).statusCode).toBe(400);
      expect((await supervisor.post(url, { body: '督导意见' })).statusCode).toBe(403);
      expect((await handlerB.post(url, { body: '备注' })).statusCode).toBe(404);
    });
    const d = ok(await handlerA.post(url, { body: '来电人情绪激动，答复时注意方式。' }));
    expect(d.notes).toMatchObject([{ authorName: '青山镇承办人', body: '来电人情绪激动，答复时注意方式。' }]);
    expect(d.version).toBe(m.version); // a note is no change of the matter
    expect((d.events as { action: string; note: string | null }[]).at(-1)).toMatchObject({ action: 'add_note', note: null });
    expect((await auditActions(t, m.id)).at(-1)).toBe('matter.add_note');
    const [{ n }] = await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from audit_log where after::text like '%情绪激动%' or before::text like '%情绪激动%'`);
    expect(Number(n)).toBe(0);
  });
});

describe('extensions (延期)', () => {
  it('request: 401; 400 on a bad or earlier deadline; 403 for the operator; 404 for another township', async () => {
    const m = await inProgress(k);
    const url = `/api/matters/${m.id}/extensions`;
    expect((await anon('POST', url, { reason: '需协调', requestedResolveBy: '2099-01-01' })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerA.post(url, { reason: '需协调', requestedResolveBy: 'next week' })).statusCode).toBe(400);
      const earlier = await handlerA.post(url, { reason: '需协调', requestedResolveBy: '2020-01-01' });
      expect(earlier.json().error.fields.requestedResolveBy).toMatch(/应晚于当前时限/);
      expect((await operator.post(url, { reason: '需协调', requestedResolveBy: '2099-01-01' })).statusCode).toBe(403);
      expect((await handlerB.post(url, { reason: '需协调', requestedResolveBy: '2099-01-01' })).statusCode).toBe(404);
    });
  });

  it('one pending request at a time; a leader above approves (deadline moves, counted) or rejects', async () => {
    const m = await inProgress(k);
    const url = `/api/matters/${m.id}/extensions`;
    const asked = ok(await handlerA.post(url, { reason: '需县里协调资金', requestedResolveBy: '2099-06-30' }));
    const ext = (asked.extensions as { id: string; status: string }[])[0];
    expect(ext.status).toBe('pending');
    expect(asked.can).toMatchObject({ request_extension: false });
    const second = await handlerA.post(url, { reason: '再申请', requestedResolveBy: '2099-07-30' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('EXTENSION_PENDING');

    const decide = `/api/matters/${m.id}/extensions/${ext.id}/decide`;
    expect((await anon('POST', decide, { approve: true })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await leader.post(decide, { approve: 'yes' })).statusCode).toBe(400);
      expect((await handlerA.post(decide, { approve: true })).statusCode).toBe(403);
      expect((await handlerB.post(decide, { approve: true })).statusCode).toBe(404);
      expect((await leader.post(`/api/matters/${m.id}/extensions/${m.id}/decide`, { approve: true })).statusCode).toBe(404);
    });
    expect(ok(await leader.get(`/api/matters/${m.id}`)).can).toMatchObject({ decide_extension: true });
    const approved = ok(await leader.post(decide, { approve: true, note: '同意' }));
    expect(approved).toMatchObject({ extensionCount: 1, resolveBy: '2099-06-30T15:59:59.999Z' });
    expect((approved.extensions as { status: string; decidedByName: string }[])[0]).toMatchObject({ status: 'approved', decidedByName: '县委副书记' });
    expect((await leader.post(decide, { approve: false })).json().error.code).toBe('EXTENSION_NOT_PENDING');

    const again = ok(await handlerA.post(url, { reason: '仍需时间', requestedResolveBy: '2099-12-31T10:00:00+08:00' }));
    const ext2 = (again.extensions as { id: string }[])[1];
    const rejected = ok(await leader.post(`/api/matters/${m.id}/extensions/${ext2.id}/decide`, { approve: false, note: '不同意' }));
    expect(rejected).toMatchObject({ extensionCount: 1, resolveBy: '2099-06-30T15:59:59.999Z' });
    expect((await timeline(k, m.id)).slice(-4)).toEqual(['request_extension', 'decide_extension', 'request_extension', 'decide_extension']);
    expect((await auditActions(t, m.id)).slice(-2)).toEqual(['matter.request_extension', 'matter.decide_extension']);
  });
});

describe('repeat contacts (催办) and the same-caller look-up', () => {
  it('by-caller: 401; 400 on a bad phone; 403 for a handler; finds open matters of the caller in scope, masked', async () => {
    const phone = '13912340000';
    const open = await dispatched(k, '青山镇', { petitioner: { name: '赵六', phone } });
    const done = await replied(k, { petitioner: { name: '赵六', phone: '139-1234-0000' } });
    ok(await operator.post(`/api/matters/${done.id}/rate`, { rating: 'satisfied' }));
    await received(k, { petitioner: { name: '钱七', phone: '13900000000' } });
    expect((await anon('GET', `/api/matters/by-caller?phone=${phone}`)).statusCode).toBe(401);
    expect((await operator.get('/api/matters/by-caller?phone=abc')).statusCode).toBe(400);
    expect((await operator.get('/api/matters/by-caller')).statusCode).toBe(400);
    expect((await handlerA.get(`/api/matters/by-caller?phone=${phone}`)).statusCode).toBe(403);
    const res = ok(await operator.get(`/api/matters/by-caller?phone=${encodeURIComponent('+86 139 1234 0000')}`));
    const items = res.items as { id: string; can: { add_contact: boolean } }[];
    expect(items.map((i) => i.id)).toEqual([open.id]);
    expect(items[0].can.add_contact).toBe(true);
    expect(JSON.stringify(res)).not.toContain('赵');
    expect(JSON.stringify(res)).not.toContain('12340000');
  });

  it('contacts: 401; 400 without a note; 403 for a handler; 404 for another township; counted on the matter', async () => {
    const m = await dispatched(k);
    const url = `/api/matters/${m.id}/contacts`;
    expect((await anon('POST', url, { note: '再次来电' })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await operator.post(url, {})).statusCode).toBe(400);
      expect((await handlerA.post(url, { note: '再次来电' })).statusCode).toBe(403);
      expect((await handlerB.post(url, { note: '再次来电' })).statusCode).toBe(404);
    });
    const d = ok(await operator.post(url, { note: '群众再次来电催问进度', version: m.version }));
    expect(d).toMatchObject({ contactCount: 2, status: 'dispatched' });
    expect(d.lastContactAt).toBeTruthy();
    expect((d.events as { action: string; note: string }[]).at(-1)).toMatchObject({ action: 'add_contact', note: '群众再次来电催问进度' });
    expect((await auditActions(t, m.id)).at(-1)).toBe('matter.add_contact');
  });
});

describe('reveal (查看完整信息)', () => {
  it('401; 400 on an unknown field; 403 for a supervisor; 404 for another township; 404 when the field is blank', async () => {
    const m = await dispatched(k, '青山镇', { petitioner: { name: '王建国', phone: '13812345678' } });
    const url = `/api/matters/${m.id}/reveal`;
    expect((await anon('POST', url, { field: 'phone' })).statusCode).toBe(401);
    const audit = await auditRows(t);
    expect((await operator.post(url, { field: 'password' })).statusCode).toBe(400);
    expect((await supervisor.post(url, { field: 'phone' })).statusCode).toBe(403);
    expect((await handlerB.post(url, { field: 'phone' })).statusCode).toBe(404);
    const blank = await operator.post(url, { field: 'idNumber' });
    expect(blank.statusCode).toBe(404);
    expect(blank.json().error.code).toBe('NOTHING_TO_REVEAL');
    expect(await auditRows(t)).toBe(audit);
  });

  it('the intake office and the responsible unit see the clear value; each reveal is audited without the value; views stay masked', async () => {
    const m = await dispatched(k, '青山镇', { petitioner: { name: '王建国', phone: '13812345678', idNumber: '11010519491231002X', address: '青山村三组 12 号' } });
    expect(ok(await operator.post(`/api/matters/${m.id}/reveal`, { field: 'phone', reason: '回访需要' }))).toEqual({ field: 'phone', value: '13812345678' });
    expect(ok(await handlerA.post(`/api/matters/${m.id}/reveal`, { field: 'name' }))).toEqual({ field: 'name', value: '王建国' });
    expect(ok(await handlerA.post(`/api/matters/${m.id}/reveal`, { field: 'idNumber' })).value).toBe('11010519491231002X');
    expect(ok(await handlerA.post(`/api/matters/${m.id}/reveal`, { field: 'address' })).value).toBe('青山村三组 12 号');
    const rows = await queryRows<{ action: string; after: { field: string; reason: string | null }; actor_name: string }>(
      t.database.db,
      sql`select action, after, actor_name from audit_log where subject_id = ${m.id} and action = 'matter.reveal' order by id`,
    );
    expect(rows.map((r) => [r.actor_name, r.after.field, r.after.reason])).toEqual([
      ['operator', 'phone', '回访需要'],
      ['handler_a', 'name', null],
      ['handler_a', 'idNumber', null],
      ['handler_a', 'address', null],
    ]);
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    const shown = ok(await handlerA.get(`/api/matters/${m.id}`));
    expect(shown.petitioner).toMatchObject({ name: '王**', phone: '138****5678' });
    expect(shown.can).toMatchObject({ reveal: true });
    expect(ok(await supervisor.get(`/api/matters/${m.id}`)).can).toMatchObject({ reveal: false });
    // A reveal is no change of the matter.
    expect(shown.version).toBe(m.version);
  });

  it('an admin of another township does not find the matter to reveal', async () => {
    const m = await dispatched(k, '青山镇');
    const adminB = await createReadyAccount(t.app, admin, { username: 'admin_hekou', roles: [{ role: 'admin', unitId: units['河口乡'] }] });
    expect((await adminB.post(`/api/matters/${m.id}/reveal`, { field: 'phone' })).statusCode).toBe(404);
  });
});
