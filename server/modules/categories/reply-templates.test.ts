import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { auditCount, createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { auditLog } from '../audit/tables.ts';

let t: TestApp;
let admin: Client;
let leader: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let adminA: Client;
let u: Record<string, string>;
const cat: Record<string, string> = {};

type Template = { id: string; title: string; category: { id: string; name: string } | null; ownerUnit: { id: string; name: string }; canManage: boolean };
const titles = async (c: Client, query = '') => ((await c.get(`/api/reply-templates${query}`)).json().items as Template[]).map((x) => x.title);
const auditsOf = async (action: string, subjectId: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  leader = await login(t.app, 'leader');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  u = await demoUnitIds(admin);
  adminA = await createReadyAccount(t.app, admin, { username: 'tpl_admin_a', roles: [{ role: 'admin', unitId: u['青山镇'] }] });
  for (const c of (await admin.get('/api/categories')).json().items as { id: string; code: string }[]) cat[c.code] = c.id;
  cat.water = (await admin.post('/api/categories', { parentId: cat.urban_rural_construction, name: '供水' })).json().id;
});
afterAll(async () => t.close());

describe('reply templates (答复模板)', () => {
  it('answers 401 without a session; 403 to roles that neither administer nor lead', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/reply-templates' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/reply-templates', payload: { title: 'x', body: 'y' } })).statusCode).toBe(401);
    for (const c of [operator, handlerA]) expect((await c.post('/api/reply-templates', { title: '模板', body: '正文' })).statusCode).toBe(403);
  });

  it('answers 400 to bad input and writes nothing', async () => {
    const before = await auditCount(admin);
    const cases: [unknown, string][] = [
      [{ title: '', body: '正文' }, 'title'],
      [{ title: '模板' }, 'body'],
      [{ title: '模板', body: 'x'.repeat(5001) }, 'body'],
      [{ title: '模板', body: '正文', categoryId: '00000000-0000-4000-8000-000000000000' }, 'categoryId'],
      [{ title: '模板', body: '正文', ownerUnitId: '00000000-0000-4000-8000-000000000000' }, 'ownerUnitId'],
      [{ title: '模板', body: '正文', unknown: 1 }, 'unknown'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/reply-templates', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[field], JSON.stringify(body)).toBeTruthy();
    }
    // A township admin may not own a template in another township.
    expect((await adminA.post('/api/reply-templates', { title: '模板', body: '正文', ownerUnitId: u['河口乡'] })).statusCode).toBe(400);
    expect(await auditCount(admin)).toBe(before);
  });

  it('admins and leaders write templates for their units, with audit rows', async () => {
    const county = await leader.post('/api/reply-templates', { categoryId: cat.urban_rural_construction, title: '城建通用答复', body: '您好，已转相关部门处理。' });
    expect(county.statusCode, county.body).toBe(201);
    expect(county.json()).toMatchObject({ ownerUnit: { id: u['示范县'], name: '示范县' }, category: { id: cat.urban_rural_construction, name: '城乡建设' }, canManage: true });
    expect((await auditsOf('reply_template.create', county.json().id))[0].after).toMatchObject({ title: '城建通用答复' });
    const water = await admin.post('/api/reply-templates', { categoryId: cat.water, title: '供水抢修答复', body: '已安排抢修。' });
    expect(water.statusCode).toBe(201);
    const townA = await adminA.post('/api/reply-templates', { categoryId: cat.water, title: '青山镇供水答复', body: '镇水厂已处理。' });
    expect(townA.json().ownerUnit).toEqual({ id: u['青山镇'], name: '青山镇' });
    const townB = await admin.post('/api/reply-templates', { categoryId: cat.water, ownerUnitId: u['河口乡'], title: '河口乡供水答复', body: '乡水站已处理。' });
    expect(townB.statusCode).toBe(201);
    await admin.post('/api/reply-templates', { categoryId: cat.education, title: '教育答复', body: '教育局已处理。' });
  });

  it('lists the templates of a category, its ancestors and the general ones, the most specific and nearest first, in the caller’s units', async () => {
    // handler_a (青山镇): its township's and the county's templates, not 河口乡's; the demo's general template last.
    expect(await titles(handlerA, `?categoryId=${cat.water}`)).toEqual(['青山镇供水答复', '供水抢修答复', '城建通用答复', '已办结（通用）']);
    expect(await titles(handlerB, `?categoryId=${cat.water}`)).toEqual(['河口乡供水答复', '供水抢修答复', '城建通用答复', '已办结（通用）']);
    expect(await titles(handlerA, `?categoryId=${cat.urban_rural_construction}`)).toEqual(['城建通用答复', '已办结（通用）']);
    const all = await titles(handlerA);
    expect(all).toEqual(expect.arrayContaining(['教育答复', '噪声扰民已处理', '青山镇供水答复']));
    expect(all).not.toContain('河口乡供水答复');
    // A handler uses templates but may not change them.
    expect(((await handlerA.get('/api/reply-templates')).json().items as Template[]).every((x) => !x.canManage)).toBe(true);
    // The county admin manages them all, a township admin only its own.
    expect(await titles(admin, `?categoryId=${cat.water}`)).toEqual(expect.arrayContaining(['青山镇供水答复', '河口乡供水答复']));
    const seenByA = (await adminA.get(`/api/reply-templates?categoryId=${cat.water}`)).json().items as Template[];
    expect(seenByA.find((x) => x.title === '青山镇供水答复')!.canManage).toBe(true);
    expect(seenByA.find((x) => x.title === '供水抢修答复')!.canManage).toBe(false);
    expect((await handlerA.get('/api/reply-templates?categoryId=x')).statusCode).toBe(400);
  });

  it('changes and deletes: 403 for a user who may only use it, 404 outside the scope, audit rows', async () => {
    const items = (await admin.get('/api/reply-templates')).json().items as Template[];
    const countyTpl = items.find((x) => x.title === '供水抢修答复')!;
    const townBTpl = items.find((x) => x.title === '河口乡供水答复')!;
    expect((await adminA.patch(`/api/reply-templates/${countyTpl.id}`, { title: '改' })).statusCode).toBe(403);
    expect((await adminA.patch(`/api/reply-templates/${townBTpl.id}`, { title: '改' })).statusCode).toBe(404);
    expect((await adminA.request('DELETE', `/api/reply-templates/${townBTpl.id}`)).statusCode).toBe(404);
    expect((await admin.patch('/api/reply-templates/00000000-0000-4000-8000-000000000000', { title: '改' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/reply-templates/${countyTpl.id}`, { title: '' })).statusCode).toBe(400);
    const changed = await leader.patch(`/api/reply-templates/${countyTpl.id}`, { title: '供水抢修答复（新）', categoryId: null });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: '供水抢修答复（新）', category: null });
    const [audit] = await auditsOf('reply_template.update', countyTpl.id);
    expect(audit.before).toMatchObject({ title: '供水抢修答复', categoryId: cat.water });
    expect(audit.after).toMatchObject({ title: '供水抢修答复（新）', categoryId: null });
    expect((await admin.request('DELETE', `/api/reply-templates/${townBTpl.id}`)).statusCode).toBe(200);
    expect((await auditsOf('reply_template.delete', townBTpl.id)).length).toBe(1);
    expect(await titles(handlerB)).not.toContain('河口乡供水答复');
  });
});
