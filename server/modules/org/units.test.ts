import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { demoUnitIds } from '../../test/fixtures.ts';

let t: TestApp;
let admin: Client;
let u: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  u = await demoUnitIds(admin);
});
afterAll(async () => t.close());

describe('organisation tree', () => {
  it('seeds the demo county with organs, townships, villages and institutions', async () => {
    const items = (await admin.get('/api/units/tree')).json().items as { name: string; kind: string; parentId: string | null }[];
    const kinds = new Set(items.map((i) => i.kind));
    for (const k of ['party_committee', 'government_organ', 'township', 'subdistrict', 'village', 'community', 'school', 'hospital', 'soe', 'new_economic_org']) expect(kinds).toContain(k);
    expect(items.filter((i) => i.parentId === null).map((i) => i.name)).toEqual(['示范县']);
  });

  it('shows a unit with ancestors, children, counts and abilities', async () => {
    const res = await admin.get(`/api/units/${u['青山村']}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.ancestors.map((a: { name: string }) => a.name)).toEqual(['示范县', '青山镇']);
    expect(d.peopleCount).toBeGreaterThan(0);
    expect(d.abilities['unit.manage']).toBe(true);
    const h = await login(t.app, 'handler_a');
    const hd = (await h.get(`/api/units/${u['青山村']}`)).json();
    expect(hd.ancestors.map((a: { name: string }) => a.name)).toEqual(['青山镇']);
    expect(hd.abilities['unit.manage']).toBe(false);
  });

  it('creates, renames, moves and deactivates a unit, each with an audit row', async () => {
    const created = await admin.post('/api/units', { parentId: u['青山镇'], name: '新建村', kind: 'village', level: 'village', regionCode: '990101' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().path).toMatch(new RegExp(`${u['青山镇']}/${id}/$`));
    const renamed = await admin.patch(`/api/units/${id}`, { name: '新建村（更名）' });
    expect(renamed.json().name).toBe('新建村（更名）');
    const child = (await admin.post('/api/units', { parentId: id, name: '一组', kind: 'other', level: 'village' })).json();
    const moved = await admin.post(`/api/units/${id}/move`, { parentId: u['河口乡'] });
    expect(moved.statusCode).toBe(200);
    const movedChild = (await admin.get(`/api/units/${child.id}`)).json();
    expect(movedChild.path.startsWith(moved.json().path)).toBe(true);
    expect(movedChild.ancestors.map((a: { name: string }) => a.name)).toEqual(['示范县', '河口乡', '新建村（更名）']);
    expect(movedChild.depth).toBe(3);
    const refused = await admin.post(`/api/units/${id}/deactivate`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('UNIT_HAS_ACTIVE_CHILDREN');
    expect((await admin.post(`/api/units/${child.id}/deactivate`)).json().isActive).toBe(false);
    expect((await admin.post(`/api/units/${id}/deactivate`)).json().isActive).toBe(false);
    const refusedChild = await admin.post(`/api/units/${child.id}/activate`);
    expect(refusedChild.json().error.code).toBe('UNIT_INACTIVE');
    const audit = (await admin.get(`/api/audit?subjectId=${id}`)).json().items.map((r: { action: string }) => r.action);
    expect(audit).toEqual(['unit.deactivate', 'unit.move', 'unit.update', 'unit.create']);
  });

  it('deletes a unit without records and refuses one with records', async () => {
    const id = (await admin.post('/api/units', { parentId: u['河口乡'], name: '误建单位', kind: 'other', level: 'village' })).json().id;
    const refused = await admin.request('DELETE', `/api/units/${u['河口村']}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('UNIT_HAS_RECORDS');
    expect((await admin.request('DELETE', `/api/units/${id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/units/${id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/audit?subjectId=${id}`)).json().items[0].action).toBe('unit.delete');
  });

  it('refuses a move under the unit itself or its descendant, and changes nothing', async () => {
    const before = (await admin.get(`/api/units/${u['青山镇']}`)).body;
    for (const target of [u['青山镇'], u['青山村']]) {
      const res = await admin.post(`/api/units/${u['青山镇']}/move`, { parentId: target });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('TREE_CYCLE');
      expect(res.json().error.message).toContain('下级单位');
    }
    expect((await admin.get(`/api/units/${u['青山镇']}`)).body).toBe(before);
  });

  it('refuses to move or deactivate the root of the caller’s scope', async () => {
    const res = await admin.post(`/api/units/${u['示范县']}/deactivate`);
    expect(res.json().error.code).toBe('ROOT_UNIT');
  });

  it('answers 409 for a duplicate sibling name', async () => {
    const res = await admin.post('/api/units', { parentId: u['示范县'], name: '青山镇', kind: 'township', level: 'township' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
  });

  it('keeps the audit log append-only even against direct SQL', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});

describe('people', () => {
  it('creates, edits and lists people with keyset pages', async () => {
    const created = await admin.post('/api/people', { unitId: u['青山村'], name: '测试人', post: '网格员', isPartyMember: true, cadreLevel: 'below', phone: '13900001111' });
    expect(created.statusCode).toBe(201);
    const edited = await admin.patch(`/api/people/${created.json().id}`, { unitId: u['石桥村'], post: '村党支部书记' });
    expect(edited.json()).toMatchObject({ unitName: '石桥村', post: '村党支部书记' });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await admin.get(`/api/people?limit=7&unitId=${u['示范县']}&subtree=true${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      for (const p of body.items) {
        expect(seen.has(p.id)).toBe(false);
        seen.add(p.id);
      }
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(3);
    const all = (await admin.get('/api/people?limit=200')).json().items;
    expect(seen.size).toBe(all.length);
    const found = (await admin.get(`/api/people?q=${encodeURIComponent('测试')}`)).json().items;
    expect(found.map((p: { name: string }) => p.name)).toEqual(['测试人']);
  });
});

describe('accounts and supervision groups', () => {
  it('creates an account, answers 409 for a duplicate username, edits roles and disables it', async () => {
    const body = { username: 'clerk1', displayName: '办事员', password: 'Clerk-Pass-1', roles: [{ role: 'operator', unitId: u['县12345政务服务便民热线中心'] }] };
    const res = await admin.post('/api/accounts', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mustChangePassword: true, roles: [{ role: 'operator', unitName: '县12345政务服务便民热线中心' }] });
    expect(JSON.stringify(res.json())).not.toContain('argon2');
    const dup = await admin.post('/api/accounts', { ...body, username: 'CLERK1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
    const edited = await admin.patch(`/api/accounts/${res.json().id}`, { roles: [{ role: 'handler', unitId: u['河口乡'] }, { role: 'handler', unitId: u['河口乡'] }] });
    expect(edited.json().roles).toEqual([{ role: 'handler', unitId: u['河口乡'], unitName: '河口乡' }]);
    const c = await login(t.app, 'clerk1', 'Clerk-Pass-1');
    await admin.patch(`/api/accounts/${res.json().id}`, { isActive: false });
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk1', password: 'Clerk-Pass-1' } });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('creates a supervision group whose members then see its units', async () => {
    const acc = (await admin.post('/api/accounts', { username: 'sup2', displayName: '督导员二', password: 'Super-Pass-1', roles: [{ role: 'supervisor', unitId: u['县委组织部'] }] })).json();
    const g = await admin.post('/api/supervision-groups', { name: '县委第二巡回督导组', hostUnitId: u['县委组织部'], memberIds: [acc.id], leaderIds: [acc.id], unitIds: [u['城关街道']] });
    expect(g.statusCode).toBe(201);
    expect(g.json()).toMatchObject({ members: [{ displayName: '督导员二', isLeader: true }], units: [{ name: '城关街道' }] });
    const first = await login(t.app, 'sup2', 'Super-Pass-1');
    await first.post('/api/auth/password', { currentPassword: 'Super-Pass-1', newPassword: 'Super-Pass-2' });
    const s = await login(t.app, 'sup2', 'Super-Pass-2');
    const names = (await s.get('/api/units/tree')).json().items.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining(['城关街道', '东门社区']));
    expect(names).not.toContain('青山镇');
    const renamed = await admin.patch(`/api/supervision-groups/${g.json().id}`, { unitIds: [u['青山镇']] });
    expect(renamed.json().units).toEqual([{ id: u['青山镇'], name: '青山镇' }]);
    const names2 = (await s.get('/api/units/tree')).json().items.map((x: { name: string }) => x.name);
    expect(names2).toContain('青山镇');
    expect(names2).not.toContain('城关街道');
  });
});
