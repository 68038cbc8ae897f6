import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { auditRows, closed, inProgress, ok, received, timeline, type Kit } from './matters-test-kit.ts';

// Classes of matters (一类问题, 整改一个、触及一类): a leader links matters into a named class and one
// recorded fix closes the class, answering every member still in progress.

let t: TestApp;
let k: Kit;
let admin: Client;
let operator: Client;
let handlerA: Client;
let leader: Client;
let leaderB: Client;
let units: Record<string, string>;

const anon = (method: 'POST' | 'GET' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, payload });
const classAudit = () => auditRows(t, sql`subject_type = 'matter_class'`);

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  leader = await login(t.app, 'leader');
  units = await demoUnitIds(admin);
  k = { t, operator, handlerA, units };
  leaderB = await createReadyAccount(t.app, admin, { username: 'leader_hekou', roles: [{ role: 'leader', unitId: units['河口乡'] }] });
});
afterAll(async () => t.close());

describe('matter classes (一类问题)', () => {
  it('create: 401; 400 without a name; 403 for a handler or operator; a leader creates in its own unit', async () => {
    expect((await anon('POST', '/api/matter-classes', { name: '路灯' })).statusCode).toBe(401);
    const before = await classAudit();
    expect((await leader.post('/api/matter-classes', { name: '' })).statusCode).toBe(400);
    expect((await leader.post('/api/matter-classes', { name: '路灯', extra: 1 })).statusCode).toBe(400);
    expect((await handlerA.post('/api/matter-classes', { name: '路灯' })).statusCode).toBe(403);
    expect((await operator.post('/api/matter-classes', { name: '路灯' })).statusCode).toBe(403);
    expect(await classAudit()).toBe(before);
    const c = ok(await leader.post('/api/matter-classes', { name: '农村路灯长期不亮', description: '多村反映' }), 201);
    expect(c).toMatchObject({ name: '农村路灯长期不亮', ownerUnit: { name: '示范县' }, memberCount: 0, closedAt: null, can: { manage: true } });
    expect(await classAudit()).toBe(before + 1);
  });

  it('members: 400 on an unknown matter; 403 for a reader; 404 for another township; 409 once closed; events on the member', async () => {
    const c = ok(await leader.post('/api/matter-classes', { name: '积水' }), 201);
    const m = await inProgress(k);
    const url = `/api/matter-classes/${c.id}/members`;
    expect((await anon('POST', url, { matterId: m.id })).statusCode).toBe(401);
    const before = await classAudit();
    expect((await leader.post(url, { matterId: 'x' })).statusCode).toBe(400);
    expect((await leader.post(url, { matterId: c.id })).json().error.fields.matterId).toMatch(/不存在/);
    expect((await handlerA.post(url, { matterId: m.id })).statusCode).toBe(404); // a county class is outside 青山镇
    expect((await leaderB.post(url, { matterId: m.id })).statusCode).toBe(404);
    expect((await operator.post(url, { matterId: m.id })).statusCode).toBe(403); // reads county classes, leads none
    expect(await classAudit()).toBe(before);
    const added = ok(await leader.post(url, { matterId: m.id }));
    expect(added.members).toMatchObject([{ id: m.id, code: m.code, status: 'in_progress' }]);
    ok(await leader.post(url, { matterId: m.id })); // twice: no second member, no second event
    expect(ok(await leader.get(`/api/matter-classes/${c.id}`)).memberCount).toBe(1);
    expect((await timeline(k, m.id)).filter((a) => a === 'class_add')).toHaveLength(1);
    expect(ok(await operator.get(`/api/matters/${m.id}`)).classes).toMatchObject([{ id: c.id, name: '积水' }]);
    // Remove: 401, 404 for a non-member, then the event.
    expect((await anon('DELETE', `${url}/${m.id}`)).statusCode).toBe(401);
    expect((await leader.request('DELETE', `${url}/${c.id}`)).statusCode).toBe(404);
    expect(ok(await leader.request('DELETE', `${url}/${m.id}`)).members).toEqual([]);
    expect((await timeline(k, m.id)).at(-1)).toBe('class_remove');
  });

  it('close: 400 without the fix; records it on every member and answers those in progress (→ replied)', async () => {
    const c = ok(await leader.post('/api/matter-classes', { name: '农村饮水' }), 201);
    const working = await inProgress(k);
    const waiting = await received(k);
    const done = await closed(k);
    for (const m of [working, waiting, done]) ok(await leader.post(`/api/matter-classes/${c.id}/members`, { matterId: m.id }));
    const url = `/api/matter-classes/${c.id}/close`;
    expect((await anon('POST', url, { note: 'x' })).statusCode).toBe(401);
    const before = await auditRows(t);
    expect((await leader.post(url, {})).statusCode).toBe(400);
    expect((await operator.post(url, { note: '已整改' })).statusCode).toBe(403);
    expect((await leaderB.post(url, { note: '已整改' })).statusCode).toBe(404);
    expect(await auditRows(t)).toBe(before);
    const fix = '全县统一更换老化水管，逐村通水验收。';
    const closedClass = ok(await leader.post(url, { note: fix }));
    expect(closedClass).toMatchObject({ closingNote: fix, memberCount: 3, can: { manage: false } });
    expect(closedClass.closedAt).toBeTruthy();
    expect(ok(await operator.get(`/api/matters/${working.id}`))).toMatchObject({ status: 'replied', replyText: fix });
    expect(ok(await operator.get(`/api/matters/${waiting.id}`)).status).toBe('received');
    expect(ok(await operator.get(`/api/matters/${done.id}`)).status).toBe('closed');
    for (const m of [working, waiting, done]) expect(await timeline(k, m.id)).toContain('class_close');
    expect((await timeline(k, working.id)).slice(-2)).toEqual(['class_close', 'reply']);
    // The member's petitioner now rates the class fix like any reply.
    expect(ok(await operator.post(`/api/matters/${working.id}/rate`, { rating: 'satisfied' })).status).toBe('closed');
    // A closed class takes no more changes.
    expect((await leader.post(url, { note: '再次' })).json().error.code).toBe('CLASS_CLOSED');
    expect((await leader.post(`/api/matter-classes/${c.id}/members`, { matterId: waiting.id })).json().error.code).toBe('CLASS_CLOSED');
  });

  it('lists: scoped to the owner unit, open or closed', async () => {
    const b = ok(await leaderB.post('/api/matter-classes', { name: '河口乡渡口' }), 201);
    const ids = async (c: Client, q = '') => ((await c.get(`/api/matter-classes${q}`)).json().items as { id: string }[]).map((x) => x.id);
    expect(await ids(leaderB)).toEqual([b.id]);
    expect(await ids(leader)).toContain(b.id);
    expect(await ids(handlerA)).not.toContain(b.id);
    expect((await ids(leader, '?open=false')).length).toBe(1);
    expect(await ids(leader, '?open=true')).toContain(b.id);
    expect((await leader.get('/api/matter-classes?open=maybe')).statusCode).toBe(400);
    expect((await anon('GET', '/api/matter-classes')).statusCode).toBe(401);
    expect((await handlerA.get(`/api/matter-classes/${b.id}`)).statusCode).toBe(404);
  });
});
