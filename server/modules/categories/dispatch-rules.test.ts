import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, login, testKeys, type Client, type TestApp } from '../../test/harness.ts';
import { auditCount, createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { auditLog } from '../audit/tables.ts';
import { loadActorByUsername } from '../auth/session-store.ts';
import { matterEvents } from '../matters/tables.ts';
import { dispatchMatter } from '../matters/commands/dispatch-matter.ts';
import { computeDeadlines } from '../calendar/compute-deadlines.ts';
import { loadCalendar } from '../calendar/queries/load-calendar.ts';
import { AppError } from '../../core/errors.ts';
import type { Ctx } from '../../core/context.ts';
import { deadlineRuleFor } from './queries/category-rules.ts';

let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let adminA: Client;
let u: Record<string, string>;
const cat: Record<string, string> = {};

const suggest = async (c: Client, query: string) => (await c.get(`/api/dispatch-rules/suggest?${query}`)).json() as { unit: { id: string; name: string } | null; ruleId: string | null };
const newMatter = (extra: Record<string, unknown> = {}) => ({ kind: 'demand', origin: 'hotline', title: '自来水水压低', description: '三楼以上水压不足。', ...extra });
const auditsOf = async (action: string, subjectId: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  u = await demoUnitIds(admin);
  adminA = await createReadyAccount(t.app, admin, { username: 'rule_admin_a', roles: [{ role: 'admin', unitId: u['青山镇'] }] });
  const items = (await admin.get('/api/categories')).json().items as { id: string; code: string }[];
  for (const c of items) cat[c.code] = c.id;
  // 城乡建设 › 供水 (5 working days, urgent: 4 hours) › 水压不足 (inherits).
  cat.water = (await admin.post('/api/categories', { parentId: cat.urban_rural_construction, code: 'water', name: '供水', resolveDays: 5, urgentRespondHours: 4, urgentResolveDays: 2 })).json().id;
  cat.pressure = (await admin.post('/api/categories', { parentId: cat.water, code: 'water.pressure', name: '水压不足' })).json().id;
});
afterAll(async () => t.close());

describe('dispatch catalogue (派单目录)', () => {
  it('answers 401 without a session and 403 to non-admins', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/dispatch-rules' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/dispatch-rules/suggest' })).statusCode).toBe(401);
    for (const c of [operator, handlerA]) {
      expect((await c.get('/api/dispatch-rules')).statusCode).toBe(403);
      expect((await c.post('/api/dispatch-rules', { unitId: u['青山镇'] })).statusCode).toBe(403);
    }
    expect((await handlerA.get('/api/dispatch-rules/suggest')).statusCode).toBe(403);
  });

  it('answers 400 to bad input and writes nothing', async () => {
    const before = await auditCount(admin);
    const cases: [unknown, string][] = [
      [{}, 'unitId'],
      [{ unitId: 'x' }, 'unitId'],
      [{ unitId: u['青山镇'], regionPrefix: '123' }, 'regionPrefix'],
      [{ unitId: u['青山镇'], regionPrefix: '99010101' }, 'regionPrefix'],
      [{ unitId: u['青山镇'], categoryId: '00000000-0000-4000-8000-000000000000' }, 'categoryId'],
      [{ unitId: '00000000-0000-4000-8000-000000000000' }, 'unitId'],
      [{ unitId: u['青山镇'], ownerUnitId: '00000000-0000-4000-8000-000000000000' }, 'ownerUnitId'],
      [{ unitId: u['青山镇'], extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/dispatch-rules', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[field], JSON.stringify(body)).toBeTruthy();
    }
    // A township admin's rule may only name units of its township, and only it may own it.
    expect((await adminA.post('/api/dispatch-rules', { unitId: u['河口村'] })).json().error.fields.unitId).toBeTruthy();
    expect((await adminA.post('/api/dispatch-rules', { unitId: u['青山村'], ownerUnitId: u['示范县'] })).json().error.fields.ownerUnitId).toBeTruthy();
    expect((await operator.get('/api/dispatch-rules/suggest?regionCode=12')).statusCode).toBe(400);
    expect(await auditCount(admin)).toBe(before);
  });

  it('adds, lists, changes and removes rules, each with an audit row; a twin is 409', async () => {
    const created = await admin.post('/api/dispatch-rules', { categoryId: cat.water, unitId: u['城关街道'], note: '城区供水' });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({ category: { id: cat.water, name: '供水', code: 'water' }, regionPrefix: null, unit: { id: u['城关街道'], name: '城关街道' }, ownerUnit: { id: u['示范县'], name: '示范县' }, note: '城区供水' });
    expect((await auditsOf('dispatch_rule.create', rule.id))[0].after).toMatchObject({ categoryId: cat.water, unitId: u['城关街道'] });
    const twin = await admin.post('/api/dispatch-rules', { categoryId: cat.water, unitId: u['青山镇'] });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error.code).toBe('DISPATCH_RULE_DUPLICATE');
    // The demo county's catalogue is there too.
    const listed = (await admin.get('/api/dispatch-rules')).json().items as { id: string; category: { code: string } | null; unit: { name: string } }[];
    expect(listed.map((r) => r.id)).toContain(rule.id);
    expect(listed.find((r) => r.category?.code === 'education')?.unit.name).toBe('县教育局');
    expect((await admin.get(`/api/dispatch-rules?categoryId=${cat.water}`)).json().items.map((r: { id: string }) => r.id)).toEqual([rule.id]);

    const spare = (await admin.post('/api/dispatch-rules', { categoryId: cat.pressure, regionPrefix: '99', unitId: u['河口乡'] })).json();
    expect((await admin.patch('/api/dispatch-rules/00000000-0000-4000-8000-000000000000', { note: 'x' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/dispatch-rules/${spare.id}`, { regionPrefix: null })).statusCode).toBe(200);
    // Changing it into the twin of the first rule's owner/category/region is refused.
    expect((await admin.patch(`/api/dispatch-rules/${spare.id}`, { categoryId: cat.water })).statusCode).toBe(409);
    const changed = await admin.patch(`/api/dispatch-rules/${spare.id}`, { unitId: u['河口村'], note: '改派河口村' });
    expect(changed.json()).toMatchObject({ unit: { name: '河口村' }, note: '改派河口村', regionPrefix: null });
    const [audit] = await auditsOf('dispatch_rule.update', spare.id);
    expect(audit).toBeTruthy();
    expect((await admin.request('DELETE', `/api/dispatch-rules/${spare.id}`)).statusCode).toBe(200);
    expect((await auditsOf('dispatch_rule.delete', spare.id)).length).toBe(1);
    expect((await admin.request('DELETE', `/api/dispatch-rules/${spare.id}`)).statusCode).toBe(404);
  });

  it('a township admin owns rules in its township and sees only those', async () => {
    const mine = await adminA.post('/api/dispatch-rules', { categoryId: cat.water, unitId: u['青山村'] });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().ownerUnit).toEqual({ id: u['青山镇'], name: '青山镇' });
    const seen = (await adminA.get('/api/dispatch-rules')).json().items as { id: string }[];
    expect(seen.map((r) => r.id)).toEqual([mine.json().id]);
    // The county admin sees the township's rule as well.
    expect((await admin.get('/api/dispatch-rules')).json().items.map((r: { id: string }) => r.id)).toContain(mine.json().id);
  });

  it('suggests the most specific rule: deeper category first, then longer region prefix; rules reach sub-categories', async () => {
    const regional = (await admin.post('/api/dispatch-rules', { categoryId: cat.urban_rural_construction, regionPrefix: '9901', unitId: u['青山镇'] })).json();
    // 城乡建设 without region: the demo rule (县住房和城乡建设局); with region 990101: the regional rule.
    expect((await suggest(operator, `categoryId=${cat.urban_rural_construction}`)).unit?.name).toBe('县住房和城乡建设局');
    expect(await suggest(operator, `categoryId=${cat.urban_rural_construction}&regionCode=990101`)).toEqual({ unit: { id: u['青山镇'], name: '青山镇' }, ruleId: regional.id });
    // Another region: the prefix does not match, the general rule applies.
    expect((await suggest(operator, `categoryId=${cat.urban_rural_construction}&regionCode=110101`)).unit?.name).toBe('县住房和城乡建设局');
    // 供水 (level 2) beats the regional level-1 rule; 水压不足 (level 3) inherits 供水's rule.
    expect((await suggest(operator, `categoryId=${cat.water}&regionCode=990101`)).unit?.name).toBe('城关街道');
    expect((await suggest(operator, `categoryId=${cat.pressure}&regionCode=990101`)).unit?.name).toBe('城关街道');
    // The township's own rule (owned by 青山镇) does not apply to the county hotline's dispatches.
    expect((await suggest(operator, `categoryId=${cat.pressure}`)).unit?.name).toBe('城关街道');
    // Nothing for no category until a catch-all rule exists.
    expect(await suggest(operator, '')).toEqual({ unit: null, ruleId: null });
    const any = (await admin.post('/api/dispatch-rules', { unitId: u['县人民政府办公室'] })).json();
    expect(await suggest(operator, '')).toEqual({ unit: { id: u['县人民政府办公室'], name: '县人民政府办公室' }, ruleId: any.id });
    expect((await suggest(operator, `categoryId=${cat.transport}`)).ruleId).toBe(any.id);
    // A region-only rule beats the catch-all but not a category rule.
    const regionOnly = (await admin.post('/api/dispatch-rules', { regionPrefix: '990101', unitId: u['河口乡'] })).json();
    expect((await suggest(operator, `categoryId=${cat.transport}&regionCode=990101`)).ruleId).toBe(regionOnly.id);
    expect((await suggest(operator, `categoryId=${cat.education}&regionCode=990101`)).unit?.name).toBe('县教育局');
    // A rule naming a deactivated unit is skipped: the next most specific one applies.
    const leaf = (await admin.post('/api/dispatch-rules', { categoryId: cat.pressure, unitId: u['东门社区'] })).json();
    expect((await suggest(operator, `categoryId=${cat.pressure}`)).ruleId).toBe(leaf.id);
    expect((await admin.post(`/api/units/${u['东门社区']}/deactivate`)).statusCode).toBe(200);
    expect((await suggest(operator, `categoryId=${cat.pressure}`)).unit?.name).toBe('城关街道');
    await admin.post(`/api/units/${u['东门社区']}/activate`);
    await admin.request('DELETE', `/api/dispatch-rules/${leaf.id}`);
    await admin.request('DELETE', `/api/dispatch-rules/${regionOnly.id}`);
    await admin.request('DELETE', `/api/dispatch-rules/${any.id}`);
    await admin.request('DELETE', `/api/dispatch-rules/${regional.id}`);
  });
});

describe('dispatch by the catalogue and by the category’s deadlines', () => {
  it('sets deadlines by the category’s rule (inherited by sub-categories) and records the catalogue’s suggestion', async () => {
    const m = (await operator.post('/api/matters', newMatter({ categoryId: cat.pressure }))).json();
    // The operator overrides the catalogue (城关街道) and sends it to 青山镇.
    const d = await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: u['青山镇'] });
    expect(d.statusCode, d.body).toBe(200);
    const calendar = await loadCalendar(t.database.db);
    const expected = computeDeadlines(calendar, new Date(m.createdAt), 'normal', { respond: { workingDays: 1 }, resolve: { workingDays: 5 }, resolveCapMonths: 1 });
    expect(d.json().resolveBy).toBe(expected.resolveBy.toISOString());
    expect(d.json().respondBy).toBe(expected.respondBy.toISOString());
    const [event] = await t.database.db.select().from(matterEvents).where(and(eq(matterEvents.matterId, m.id), eq(matterEvents.action, 'dispatch')));
    expect(event.data).toMatchObject({ unitId: u['青山镇'], catalogueUnitId: u['城关街道'] });
    expect((event.data as { catalogueRuleId: string }).catalogueRuleId).toBeTruthy();
  });

  it('urgent matters use the category’s urgent rule; no category: the defaults and no suggestion', async () => {
    const urgent = (await operator.post('/api/matters', newMatter({ categoryId: cat.water, urgency: 'urgent' }))).json();
    const d = (await operator.post(`/api/matters/${urgent.id}/dispatch`, { unitId: u['城关街道'] })).json();
    expect(new Date(d.respondBy).getTime() - new Date(urgent.createdAt).getTime()).toBe(4 * 3600 * 1000);
    const calendar = await loadCalendar(t.database.db);
    expect(d.resolveBy).toBe(computeDeadlines(calendar, new Date(urgent.createdAt), 'urgent', await deadlineRuleFor(t.database.db, cat.water, 'urgent')).resolveBy.toISOString());
    expect(await deadlineRuleFor(t.database.db, cat.water, 'urgent')).toEqual({ respond: { hours: 4 }, resolve: { workingDays: 2 } });

    const plain = (await operator.post('/api/matters', newMatter())).json();
    const p = (await operator.post(`/api/matters/${plain.id}/dispatch`, { unitId: u['青山镇'] })).json();
    expect(p.resolveBy).toBe(computeDeadlines(calendar, new Date(plain.createdAt), 'normal').resolveBy.toISOString());
    const [event] = await t.database.db.select().from(matterEvents).where(and(eq(matterEvents.matterId, plain.id), eq(matterEvents.action, 'dispatch')));
    expect(event.data).toMatchObject({ catalogueUnitId: null, catalogueRuleId: null });
  });

  it('dispatchMatter without a unit takes the catalogue’s; 400 DISPATCH_NO_RULE when it names none', async () => {
    const loaded = (await loadActorByUsername(t.database.db, 'operator'))!;
    const ctx: Ctx = { db: t.database.db, actor: loaded.actor, lang: 'zh-CN', ip: null, config: t.config, keys: testKeys };
    const m = (await operator.post('/api/matters', newMatter({ categoryId: cat.pressure }))).json();
    const row = await dispatchMatter(ctx, m.id, { coUnitIds: [] });
    expect(row.unitId).toBe(u['城关街道']);
    const none = (await operator.post('/api/matters', newMatter({ categoryId: cat.transport }))).json();
    const refused = await dispatchMatter(ctx, none.id, { coUnitIds: [] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 400, fields: { unitId: { code: 'DISPATCH_NO_RULE' } } });
    expect((await operator.get(`/api/matters/${none.id}`)).json().status).toBe('received');
  });
});
