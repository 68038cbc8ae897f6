import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { auditCount, createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { auditLog } from '../audit/tables.ts';
import { categories } from './tables.ts';
import { defaultCategories, seedDefaultCategories } from './commands/seed-default-categories.ts';
import { listActiveCategories } from './queries/list-categories.ts';

let t: TestApp;
let admin: Client;
let handlerA: Client;
let adminA: Client;
let operator: Client;
let units: Record<string, string>;

type Cat = { id: string; code: string; name: string; parentId: string | null; level: number; isActive: boolean; isUsable: boolean; resolveDays: number | null; effective: Record<string, number> };

const tree = async (c: Client, query = '') => (await c.get(`/api/categories${query}`)).json() as { items: Cat[]; canManage: boolean };
const byCode = async (code: string) => (await tree(admin, '?includeInactive=true')).items.find((c) => c.code === code)!;
const auditsOf = async (action: string, subjectId?: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), subjectId ? eq(auditLog.subjectId, subjectId) : undefined));

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  handlerA = await login(t.app, 'handler_a');
  operator = await login(t.app, 'operator');
  units = await demoUnitIds(admin);
  adminA = await createReadyAccount(t.app, admin, { username: 'cat_admin_a', roles: [{ role: 'admin', unitId: units['青山镇'] }] });
});
afterAll(async () => t.close());

describe('every route of the module', () => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  const byId: [string, (id: string) => string, unknown][] = [
    ['PATCH', (id) => `/api/categories/${id}`, { name: '改' }],
    ['POST', (id) => `/api/categories/${id}/deactivate`, undefined],
    ['POST', (id) => `/api/categories/${id}/activate`, undefined],
    ['DELETE', (id) => `/api/categories/${id}`, undefined],
    ['PATCH', (id) => `/api/dispatch-rules/${id}`, { note: '改' }],
    ['DELETE', (id) => `/api/dispatch-rules/${id}`, undefined],
    ['PATCH', (id) => `/api/reply-templates/${id}`, { title: '改' }],
    ['DELETE', (id) => `/api/reply-templates/${id}`, undefined],
  ];

  it('answers 401 without a session, 400 for a malformed id and 404 for an unknown one, writing nothing', async () => {
    const before = await auditCount(admin);
    for (const [method, url, body] of byId) {
      const anonymous = await t.app.inject({ method: method as 'PATCH', url: url(unknown), ...(body ? { payload: body as object } : {}) });
      expect(anonymous.statusCode, `${method} ${url(':id')}`).toBe(401);
      const malformed = await admin.request(method as 'PATCH', url('x'), body);
      expect(malformed.statusCode, `${method} ${url('x')}`).toBe(400);
      expect(malformed.json().error.fields.id).toBeTruthy();
      const missing = await admin.request(method as 'PATCH', url(unknown), body);
      expect(missing.statusCode, `${method} ${url(unknown)}`).toBe(404);
      expect(missing.json().error.code).toBe('NOT_FOUND');
    }
    for (const [method, url] of [
      ['GET', '/api/dispatch-rules'],
      ['POST', '/api/dispatch-rules'],
      ['GET', '/api/reply-templates'],
      ['POST', '/api/categories/import'],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await admin.get('/api/categories?includeInactive=yes')).statusCode).toBe(400);
    expect((await admin.get('/api/dispatch-rules?categoryId=x')).statusCode).toBe(400);
    expect((await admin.get('/api/categories?other=1')).statusCode).toBe(400);
    expect(await auditCount(admin)).toBe(before);
  });
});

describe('the category tree', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/categories' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/categories', payload: { name: 'x' } })).statusCode).toBe(401);
  });

  it('is seeded with the livelihood fields, readable by every signed-in user; only a top-level admin may manage it', async () => {
    const mine = await tree(handlerA);
    expect(mine.items.filter((c) => c.level === 1).map((c) => c.code)).toEqual(defaultCategories.map((c) => c.code));
    expect(mine.items.map((c) => c.name)).toEqual(expect.arrayContaining(['就业', '教育', '医疗', '托育', '住房', '养老', '社会保障', '城乡建设', '生态环境', '交通出行', '商贸消费', '公共安全', '其他']));
    expect(mine.canManage).toBe(false);
    expect((await tree(adminA)).canManage).toBe(false);
    expect((await tree(admin)).canManage).toBe(true);
    // Defaults of issue 3 and the review setting, when nothing is set.
    expect(mine.items[0].effective).toEqual({ respondDays: 1, resolveDays: 15, urgentRespondHours: 2, urgentResolveDays: 1, reviewAfterDays: 30 });
  });

  it('refuses a handler (403) and a township admin (403 CATEGORY_MANAGE_TOP_LEVEL), writing nothing', async () => {
    const before = await auditCount(admin);
    const h = await handlerA.post('/api/categories', { name: '越权分类' });
    expect(h.statusCode).toBe(403);
    const a = await adminA.post('/api/categories', { name: '越权分类' });
    expect(a.statusCode).toBe(403);
    expect(a.json().error.code).toBe('CATEGORY_MANAGE_TOP_LEVEL');
    const id = (await byCode('housing')).id;
    for (const [method, url, body] of [
      ['PATCH', `/api/categories/${id}`, { name: '改名' }],
      ['POST', `/api/categories/${id}/deactivate`, undefined],
      ['DELETE', `/api/categories/${id}`, undefined],
    ] as const) {
      expect((await adminA.request(method, url, body)).statusCode).toBe(403);
      expect((await handlerA.request(method, url, body)).statusCode).toBe(403);
    }
    expect(await auditCount(admin)).toBe(before);
    expect((await tree(admin)).items.some((c) => c.name === '越权分类' || c.name === '改名')).toBe(false);
  });

  it('answers 400 to bad input and changes nothing', async () => {
    const urban = await byCode('urban_rural_construction');
    const [{ n: before }] = await t.database.db.select({ n: count() }).from(categories);
    const cases: [unknown, string, string?][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', extra: 1 }, 'extra'],
      [{ name: 'x', code: 'Bad Code!' }, 'code'],
      [{ name: 'x', resolveDays: 0 }, 'resolveDays'],
      [{ name: 'x', parentId: 'not-a-uuid' }, 'parentId'],
      [{ name: 'x', parentId: '00000000-0000-4000-8000-000000000000' }, 'parentId', 'REFERENCE'],
      [{ name: 'x', code: 'housing' }, 'code', 'housing'],
      [{ name: '住房' }, 'name', '住房'],
      [{ name: '城乡建设', parentId: null }, 'name'],
    ];
    for (const [body, field, text] of cases) {
      const res = await admin.post('/api/categories', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[field], JSON.stringify(body)).toBeTruthy();
      if (text && text !== 'REFERENCE') expect(res.json().error.fields[field]).toContain(text);
    }
    // A fourth level is refused.
    const l2 = (await admin.post('/api/categories', { parentId: urban.id, name: '市政设施' })).json();
    const l3 = (await admin.post('/api/categories', { parentId: l2.id, name: '路灯' })).json();
    expect(l3.level).toBe(3);
    const deep = await admin.post('/api/categories', { parentId: l3.id, name: '第四级' });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.fields.parentId).toContain('三级');
    const [{ n: after }] = await t.database.db.select({ n: count() }).from(categories);
    expect(Number(after)).toBe(Number(before) + 2);
  });

  it('adds categories with their own deadlines; children inherit what they do not set; audit rows', async () => {
    const urban = await byCode('urban_rural_construction');
    const created = await admin.post('/api/categories', { parentId: urban.id, code: 'water', name: '供水', nameEn: 'Water supply', resolveDays: 5, urgentRespondHours: 4 });
    expect(created.statusCode, created.body).toBe(201);
    const water = created.json() as Cat;
    expect(water).toMatchObject({ code: 'water', level: 2, parentId: urban.id, isActive: true, isUsable: true, resolveDays: 5 });
    expect(water.effective).toEqual({ respondDays: 1, resolveDays: 5, urgentRespondHours: 4, urgentResolveDays: 1, reviewAfterDays: 30 });
    const pressure = (await admin.post('/api/categories', { parentId: water.id, name: '水压不足', reviewAfterDays: 10 })).json() as Cat;
    expect(pressure.code).toMatch(/^water\.[0-9a-f]{6}$/);
    expect(pressure.effective).toEqual({ respondDays: 1, resolveDays: 5, urgentRespondHours: 4, urgentResolveDays: 1, reviewAfterDays: 10 });
    // Depth first: the new ones follow their parent.
    const items = (await tree(admin)).items.map((c) => c.name);
    expect(items.indexOf('供水')).toBeGreaterThan(items.indexOf('城乡建设'));
    expect(items.indexOf('水压不足')).toBe(items.indexOf('供水') + 1);
    const [audit] = await auditsOf('category.create', water.id);
    expect(audit).toMatchObject({ subjectType: 'category', actorName: 'admin' });
    expect(audit.after).toMatchObject({ code: 'water', name: '供水', resolveDays: 5 });
  });

  it('edits names and rules (null clears a field, so the parent applies again), 404 for an unknown id', async () => {
    const water = await byCode('water');
    expect((await admin.patch('/api/categories/00000000-0000-4000-8000-000000000000', { name: 'x' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/categories/${water.id}`, { code: 'other' })).statusCode).toBe(400);
    expect((await admin.patch(`/api/categories/${water.id}`, { name: '交通出行' })).statusCode).toBe(200);
    // Renamed back; a sibling's name is refused.
    expect((await admin.patch(`/api/categories/${water.id}`, { name: '供水' })).statusCode).toBe(200);
    const l2 = (await tree(admin)).items.find((c) => c.name === '市政设施')!;
    const clash = await admin.patch(`/api/categories/${l2.id}`, { name: '供水' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.fields.name).toBeTruthy();
    const res = await admin.patch(`/api/categories/${water.id}`, { resolveDays: null, respondDays: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resolveDays: null, respondDays: 2, effective: { respondDays: 2, resolveDays: 15 } });
    const audits = await auditsOf('category.update', water.id);
    expect(audits.at(-1)!.before).toMatchObject({ resolveDays: 5, respondDays: null });
    expect(audits.at(-1)!.after).toMatchObject({ resolveDays: null, respondDays: 2 });
    await admin.patch(`/api/categories/${water.id}`, { resolveDays: 5, respondDays: null });
  });

  it('deactivates a category: hidden with everything under it, refused for new matters, back when activated', async () => {
    const water = await byCode('water');
    const pressure = (await tree(admin)).items.find((c) => c.name === '水压不足')!;
    const off = await admin.post(`/api/categories/${water.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ isActive: false, isUsable: false });
    expect((await tree(handlerA)).items.map((c) => c.name)).not.toContain('供水');
    expect((await tree(handlerA)).items.map((c) => c.name)).not.toContain('水压不足');
    const all = await tree(admin, '?includeInactive=true');
    expect(all.items.find((c) => c.id === pressure.id)).toMatchObject({ isActive: true, isUsable: false });
    expect((await listActiveCategories(t.database.db)).map((c) => c.code)).not.toContain('water');
    const refused = await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '停水', description: '小区停水。', categoryId: pressure.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.categoryId).toBeTruthy();
    expect((await auditsOf('category.deactivate', water.id)).length).toBe(1);
    // Deactivating twice writes nothing more.
    await admin.post(`/api/categories/${water.id}/deactivate`);
    expect((await auditsOf('category.deactivate', water.id)).length).toBe(1);
    const on = await admin.post(`/api/categories/${water.id}/activate`);
    expect(on.json()).toMatchObject({ isActive: true, isUsable: true });
    expect((await tree(handlerA)).items.map((c) => c.name)).toContain('水压不足');
    expect((await auditsOf('category.activate', water.id)).length).toBe(1);
    const ok = await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '停水', description: '小区停水。', categoryId: pressure.id });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('deletes only a category nothing refers to (409 CATEGORY_IN_USE otherwise, nothing written)', async () => {
    const water = await byCode('water');
    const pressure = (await tree(admin)).items.find((c) => c.name === '水压不足')!;
    const before = await auditCount(admin);
    for (const id of [water.id, pressure.id]) {
      const res = await admin.request('DELETE', `/api/categories/${id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CATEGORY_IN_USE');
    }
    expect(await auditCount(admin)).toBe(before);
    const spare = (await admin.post('/api/categories', { name: '临时分类' })).json();
    expect((await admin.request('DELETE', `/api/categories/${spare.id}`)).statusCode).toBe(200);
    expect((await tree(admin, '?includeInactive=true')).items.map((c) => c.id)).not.toContain(spare.id);
    expect((await auditsOf('category.delete', spare.id))[0].before).toMatchObject({ name: '临时分类' });
    expect((await admin.request('DELETE', `/api/categories/${spare.id}`)).statusCode).toBe(404);
  });

  it('seeds idempotently by code: a renamed default stays renamed and nothing is doubled', async () => {
    const housing = await byCode('housing');
    await admin.patch(`/api/categories/${housing.id}`, { name: '住房保障' });
    expect(await seedDefaultCategories(t.database.db)).toBe(0);
    const top = await t.database.db.select().from(categories).where(isNull(categories.parentId));
    expect(top.filter((c) => defaultCategories.some((d) => d.code === c.code))).toHaveLength(defaultCategories.length);
    expect(top.find((c) => c.code === 'housing')!.name).toBe('住房保障');
    expect((await auditsOf('category.seed')).length).toBe(1);
  });
});
