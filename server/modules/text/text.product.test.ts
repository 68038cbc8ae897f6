import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createTestApp, login, testKeys, type Client, type TestApp } from '../../test/harness.ts';
import { createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { jobDefinitions } from '../../app.ts';
import { runDueJobs, systemCtx } from '../jobs/commands/run-due-jobs.ts';
import { retrainModels } from './commands/retrain-models.ts';
import { settleSuggestionChoices } from './commands/settle-suggestion-choices.ts';
import { runTextTask } from './run-text-task.ts';
import { insertMatters, pick, type FixtureMatter } from './text-test-kit.ts';

// The text module's product side over HTTP, in the Outline order: 401 → 400 → happy paths →
// the rows written. Small fixtures written straight into the database keep it quick.

let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let leader: Client;
let adminA: Client;
let units: Record<string, string>;
const cat: Record<string, string> = {};
const quiet = { info() {}, warn() {}, error() {} };
const sender = { async send() {} };

const PLACES = ['青山村', '石桥村', '镇东社区', '河口村', '滨河路', '人民路', '幸福小区', '阳光花园'];
const LIGHT_TITLES = ['路灯不亮', '路灯损坏无人修', '夜间路灯全灭', '路灯坏了很久', '路灯照明不足'];
const LIGHT_TEXTS = ['的路灯已经好几天不亮了，晚上出行很不方便，请尽快维修路灯。', '路边的路灯坏了，夜里一片漆黑，老人孩子走路容易摔倒，希望修好路灯。', '一排路灯晚上都不亮，存在安全隐患，请有关部门检修路灯线路。'];
const NOISE_TITLES = ['夜间施工噪音扰民', '工地施工噪音大', '晚上施工吵得睡不着', '施工噪音影响休息', '深夜施工扰民'];
const NOISE_TEXTS = ['附近工地每天晚上施工到十二点，噪音很大，影响居民休息。', '旁边的工地夜里还在打桩，机器轰鸣，噪音扰民，请环保部门查处。', '建筑工地深夜施工，搅拌机声音太吵，孩子没法睡觉，希望制止夜间施工。'];

/** Closed matters to learn from: street lights (urban construction, 青山镇) and construction noise (environment, 河口乡). */
function trainingMatters(perKind: number): FixtureMatter[] {
  const long = new Date(Date.now() - 200 * 86_400_000);
  const rows: FixtureMatter[] = [];
  for (let i = 0; i < perKind; i++) {
    const place = pick(PLACES, i);
    rows.push({ title: `${place}${pick(LIGHT_TITLES, i)}`, description: `${place}${pick(LIGHT_TEXTS, i)}`, status: i % 4 ? 'closed' : 'reviewed', categoryId: cat.urban_rural_construction, unitId: units['青山镇'], intakeUnitId: units['示范县'], createdAt: new Date(long.getTime() + i * 60_000) });
    rows.push({ title: `${place}${pick(NOISE_TITLES, i + 1)}`, description: `${place}${pick(NOISE_TEXTS, i + 1)}`, status: 'closed', categoryId: cat.environment, unitId: units['河口乡'], intakeUnitId: units['示范县'], createdAt: new Date(long.getTime() + i * 60_000 + 1) });
  }
  return rows;
}

async function runJobs(now = new Date(Date.now() + 1000)) {
  return runDueJobs(t.database.db, { config: t.config, keys: testKeys, sender, definitions: jobDefinitions(), log: quiet }, { now });
}

async function auditActions(action: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from audit_log where action = ${action}`);
  return Number(n);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  leader = await login(t.app, 'leader');
  units = await demoUnitIds(admin);
  adminA = await createReadyAccount(t.app, admin, { username: 'text_admin_a', roles: [{ role: 'admin', unitId: units['青山镇'] }] });
  for (const c of (await admin.get('/api/categories')).json().items as { id: string; code: string }[]) cat[c.code] = c.id;
});
afterAll(async () => t.close());

describe('text product routes', () => {
  it('answer 401 without a session', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/text/suggest', { title: 'a', description: 'b' }],
      ['POST', '/api/text/suggestions', { matterId: crypto.randomUUID() }],
      ['GET', `/api/text/suggestions?matterId=${crypto.randomUUID()}`],
      ['GET', '/api/text/suggestions/stats'],
      ['POST', '/api/text/duplicates', { title: 'a', description: 'b' }],
      ['GET', '/api/text/hot-topics'],
      ['POST', '/api/text/reply-check', { matterId: crypto.randomUUID(), text: 'x' }],
      ['POST', '/api/text/copies', { texts: [] }],
      ['GET', '/api/text/models'],
      ['POST', '/api/text/models/retrain'],
    ];
    for (const [method, url, payload] of routes) {
      const res = await t.app.inject({ method: method as 'GET' | 'POST', url, ...(payload ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('answer 400 to bad input, naming the field, and write nothing', async () => {
    const audit = await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from audit_log`);
    const bad: [Client, string, string, unknown, string][] = [
      [operator, 'POST', '/api/text/suggest', { title: ' ', description: '有内容' }, 'title'],
      [operator, 'POST', '/api/text/suggest', { title: '标题', description: '内容', regionCode: '12' }, 'regionCode'],
      [operator, 'POST', '/api/text/suggestions', { matterId: 'not-a-uuid' }, 'matterId'],
      [operator, 'POST', '/api/text/duplicates', { title: '标题', description: '内容', phone: 'abc' }, 'phone'],
      [operator, 'POST', '/api/text/duplicates', { title: '标题', description: '内容', extra: 1 }, 'extra'],
      [leader, 'GET', '/api/text/hot-topics?from=2025-02-30', null, 'from'],
      [leader, 'GET', '/api/text/hot-topics?from=2025-03-10&to=2025-03-01', null, 'to'],
      [leader, 'GET', '/api/text/hot-topics?top=0', null, 'top'],
      [leader, 'GET', '/api/text/suggestions/stats?from=2025-03-10&to=2025-03-01', null, 'to'],
      [handlerA, 'POST', '/api/text/reply-check', { matterId: crypto.randomUUID(), text: '' }, 'text'],
      [leader, 'POST', '/api/text/copies', { texts: [{ id: 'a', text: '一' }] }, 'texts'],
      [leader, 'POST', '/api/text/copies', { texts: [{ id: 'a', text: '一' }, { id: 'a', text: '二' }] }, 'texts'],
      [leader, 'POST', '/api/text/copies', { texts: Array.from({ length: 2001 }, (_, i) => ({ id: `t${i}`, text: '心得' })) }, 'texts'],
      [leader, 'POST', '/api/text/copies', { texts: [{ id: 'a', text: '一' }, { id: 'b', text: '二' }], minOverlap: 2 }, 'minOverlap'],
    ];
    for (const [client, method, url, body, field] of bad) {
      const res = await client.request(method as 'GET' | 'POST', url, body ?? undefined);
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), `${url} ${res.body}`).toContain(field);
    }
    expect(await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from audit_log`)).toEqual(audit);
  });

  it('refuse roles that may not use a feature (403)', async () => {
    const supervisor = await login(t.app, 'supervisor');
    expect((await handlerA.post('/api/text/suggest', { title: '路灯', description: '路灯不亮' })).statusCode).toBe(403);
    expect((await handlerA.post('/api/text/duplicates', { title: '路灯', description: '路灯不亮' })).statusCode).toBe(403);
    expect((await operator.get('/api/text/hot-topics')).statusCode).toBe(403);
    expect((await operator.get('/api/text/suggestions/stats')).statusCode).toBe(403);
    expect((await operator.post('/api/text/copies', { texts: [{ id: 'a', text: '一' }, { id: 'b', text: '二' }] })).statusCode).toBe(403);
    expect((await supervisor.post('/api/text/reply-check', { matterId: crypto.randomUUID(), text: '已处理' })).statusCode).toBe(403);
    expect((await operator.get('/api/text/models')).statusCode).toBe(403);
    expect((await operator.post('/api/text/models/retrain')).statusCode).toBe(403);
    expect((await leader.post('/api/text/models/retrain')).statusCode).toBe(403);
  });
});

describe('suggestions learnt from closed matters', () => {
  it('before there is enough to learn from: no model, the suggestion says why, the job trains nothing', async () => {
    await insertMatters(t.database.db, trainingMatters(5));
    const outcomes = await retrainModels({ ctx: systemCtx(t.database.db, { config: t.config, keys: testKeys }), log: quiet });
    expect(outcomes.map((o) => o.status)).toEqual(['too_few', 'too_few']);
    const res = await operator.post('/api/text/suggest', { title: '青山村路灯不亮', description: '青山村的路灯坏了。' });
    expect(res.statusCode, res.body).toBe(200);
    for (const kind of ['category', 'unit'] as const) {
      expect(res.json()[kind]).toMatchObject({ modelId: null, items: [], reasonCode: 'NO_MODEL' });
      expect(res.json()[kind].reason).toContain('30');
    }
    expect((await admin.get('/api/text/models')).json()).toEqual({ models: [], minimum: { matters: 30, labels: 2 }, retrainPending: false });
  });

  it('retraining is queued once by an admin, and the job trains both models with their metrics', async () => {
    await insertMatters(t.database.db, trainingMatters(20));
    // Open matters are not learnt from.
    await insertMatters(t.database.db, [{ title: '青山村路灯不亮', description: '青山村路灯不亮。', status: 'in_progress', categoryId: cat.environment, unitId: units['河口乡'], intakeUnitId: units['示范县'] }]);
    const first = await admin.post('/api/text/models/retrain');
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json().queued).toBe(true);
    expect((await admin.post('/api/text/models/retrain')).json()).toEqual({ queued: false, jobId: null });
    expect((await leader.get('/api/text/models')).json().retrainPending).toBe(true);
    expect(await auditActions('text.retrain_request')).toBe(2);

    expect(await runJobs()).toMatchObject({ done: 1, failed: 0, retry: 0 });
    const models = (await leader.get('/api/text/models')).json();
    expect(models.retrainPending).toBe(false);
    expect(models.models.map((m: { kind: string }) => m.kind)).toEqual(['category', 'unit']);
    for (const m of models.models) {
      // 5 + 20 per label, closed or reviewed; the open one is not counted.
      expect(m.trainedOn).toBe(50);
      expect(m.metrics).toMatchObject({ labelCount: 2, holdoutSize: 10, capped: false });
      expect(m.metrics.holdoutAccuracy).toBeGreaterThanOrEqual(0.8);
    }
    expect(await auditActions('text.model_train')).toBe(2);
  });

  it('intake suggestions: top 3 with confidence; units outside the dispatch scope are dropped', async () => {
    const light = (await operator.post('/api/text/suggest', { title: '石桥村路灯坏了', description: '石桥村村口的路灯晚上不亮，走夜路很危险。' })).json();
    expect(light.category.items[0]).toMatchObject({ id: cat.urban_rural_construction });
    expect(light.category.items[0].name).toContain('城乡建设');
    expect(light.category.items[0].confidence).toBeGreaterThan(0.5);
    expect(light.unit.items.map((u: { name: string }) => u.name)).toEqual(['青山镇', '河口乡']);
    expect(light.unit.modelId).toEqual(expect.any(String));
    const noise = (await operator.post('/api/text/suggest', { title: '工地晚上施工太吵', description: '工地夜间施工噪音很大，影响休息。' })).json();
    expect(noise.category.items[0].id).toBe(cat.environment);
    expect(noise.unit.items[0].name).toBe('河口乡');
    // 青山镇's admin may dispatch only inside 青山镇: 河口乡 is never offered to it.
    const townA = (await adminA.post('/api/text/suggest', { title: '工地晚上施工太吵', description: '工地夜间施工噪音很大，影响休息。' })).json();
    expect(townA.unit.items.map((u: { name: string }) => u.name)).toEqual(['青山镇']);
  });

  it('records what was suggested and the choice: category at intake, unit at the first dispatch; the acceptance rate follows', async () => {
    const created = await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '人民路路灯不亮', description: '人民路的路灯坏了好几天，晚上漆黑一片。', categoryId: cat.urban_rural_construction });
    expect(created.statusCode, created.body).toBe(201);
    const matterId = created.json().id;
    const recorded = await operator.post('/api/text/suggestions', { matterId });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const [category, unit] = recorded.json().items;
    expect(category).toMatchObject({ kind: 'category', chosen: cat.urban_rural_construction, accepted: true, inTop3: true });
    expect(category.suggested.length).toBeGreaterThan(0);
    expect(category.decidedAt).toEqual(expect.any(String));
    expect(unit).toMatchObject({ kind: 'unit', chosen: null, accepted: null, inTop3: null, decidedAt: null });
    expect(unit.suggested[0].name).toBe('青山镇');
    // Recording again adds nothing.
    expect((await operator.post('/api/text/suggestions', { matterId })).json().items).toEqual(recorded.json().items);
    expect(await auditActions('text.suggestions_record')).toBe(1);

    // The operator dispatches elsewhere than the first suggestion; the job settles the choice.
    expect((await operator.post(`/api/matters/${matterId}/dispatch`, { unitId: units['河口乡'] })).statusCode).toBe(200);
    expect(await settleSuggestionChoices({ ctx: systemCtx(t.database.db, { config: t.config, keys: testKeys }), now: new Date() })).toEqual({ settled: 1 });
    const after = (await handlerA.get(`/api/text/suggestions?matterId=${matterId}`));
    expect(after.statusCode).toBe(404);
    const settled = (await operator.get(`/api/text/suggestions?matterId=${matterId}`)).json().items[1];
    expect(settled).toMatchObject({ kind: 'unit', chosen: units['河口乡'], accepted: false, inTop3: true });

    // A second matter, taken in without a category and dispatched as suggested.
    const second = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '青山村路灯坏了', description: '青山村的路灯一直不亮。' })).json();
    expect((await operator.post(`/api/matters/${second.id}/dispatch`, { unitId: units['青山镇'] })).statusCode).toBe(200);
    const items = (await operator.post('/api/text/suggestions', { matterId: second.id })).json().items;
    expect(items[0]).toMatchObject({ kind: 'category', chosen: null, accepted: null });
    expect(items[1]).toMatchObject({ kind: 'unit', chosen: units['青山镇'], accepted: true, inTop3: true });

    const stats = await leader.get('/api/text/suggestions/stats');
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().definition).toContain('首选采纳率');
    expect(stats.json().kinds).toEqual([
      { kind: 'category', recorded: 2, decided: 1, top1: 1, top3: 1, top1Rate: 1, top3Rate: 1 },
      { kind: 'unit', recorded: 2, decided: 2, top1: 1, top3: 2, top1Rate: 0.5, top3Rate: 1 },
    ]);
    // A township admin counts only what its township took in or handles: 河口乡's matter is not there.
    const townA = (await adminA.get('/api/text/suggestions/stats')).json().kinds;
    expect(townA.find((k: { kind: string }) => k.kind === 'unit')).toMatchObject({ recorded: 1, top1: 1 });
    const english = await leader.get('/api/text/suggestions/stats', { 'accept-language': 'en-US' });
    expect(english.json().definition).toMatch(/^Acceptance rate/);
  });
});

describe('likely duplicates at intake', () => {
  let water: string;
  let garbage: string;

  beforeAll(async () => {
    const take = async (body: Record<string, unknown>) => {
      const res = await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    water = await take({ title: '河口村自来水停水三天', description: '河口村三组自来水已经停水三天了，村民生活用水困难，希望尽快恢复供水。', address: '河口村三组', petitioner: { name: '李四', phone: '13900001111' } });
    expect((await operator.post(`/api/matters/${water}/dispatch`, { unitId: units['河口乡'] })).statusCode).toBe(200);
    garbage = await take({ title: '阳光花园小区东门垃圾站恶臭', description: '阳光花园小区东门的垃圾站长期不清运，夏天恶臭难闻，蚊蝇很多，居民无法开窗。', address: '阳光花园小区东门', petitioner: { phone: '13700002222' } });
    await take({ title: '阳光花园小区电梯经常故障', description: '阳光花园小区3号楼电梯一个月坏了四次，老人上下楼困难，物业不管。', petitioner: { phone: '13500004444' } });
  });

  it('finds a repeat call of the same caller, however it is worded, with no petitioner data', async () => {
    const res = await operator.post('/api/text/duplicates', { title: '河口村还是没有自来水', description: '我前几天反映过，河口村三组停水到现在还没恢复，家里老人孩子没水用。', phone: '139 0000 1111' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((d: { matter: { id: string } }) => d.matter.id)).toEqual([water]);
    expect(items[0]).toMatchObject({ reason: 'same-petitioner', samePetitioner: true });
    expect(items[0].matter.can.add_contact).toBe(true);
    expect(res.body).not.toContain('13900001111');
    expect(res.body).not.toContain('李四');
    // Without the phone it is at most the same place and matter, never the same petitioner.
    const anonymous = (await operator.post('/api/text/duplicates', { title: '河口村还是没有自来水', description: '我前几天反映过，河口村三组停水到现在还没恢复，家里老人孩子没水用。' })).json().items;
    for (const d of anonymous) expect(d).toMatchObject({ samePetitioner: false, reason: expect.not.stringMatching('same-petitioner') });
  });

  it('finds the same place and matter from another caller, with the overlap to highlight, but not another matter at that place', async () => {
    const input = { title: '阳光花园东门垃圾站太臭了', description: '阳光花园小区东门的垃圾站长期不清运，气味很大，请环卫部门及时处理。', phone: '13600003333' };
    const res = await operator.post('/api/text/duplicates', input);
    const items = res.json().items;
    expect(items.map((d: { matter: { id: string } }) => d.matter.id)).toEqual([garbage]);
    expect(items[0].samePetitioner).toBe(false);
    expect(['similar-text', 'same-place']).toContain(items[0].reason);
    const { input: mine, matter: theirs } = items[0].spans.description;
    expect(mine.length).toBeGreaterThan(0);
    mine.forEach((s: { start: number; end: number }, i: number) => expect(input.description.slice(s.start, s.end)).toBe(items[0].description.slice(theirs[i].start, theirs[i].end)));
    expect(input.description.slice(mine[0].start, mine[0].end)).toContain('垃圾站长期不清运');
  });

  it('looks only inside the caller’s scope', async () => {
    // 青山镇's admin cannot see the county's matter handled by 河口乡, even from the same caller.
    const res = await adminA.post('/api/text/duplicates', { title: '河口村自来水停水三天', description: '河口村三组自来水已经停水三天了，村民生活用水困难，希望尽快恢复供水。', phone: '13900001111' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});

describe('hot topics (每月一题)', () => {
  const WATER = [
    ['青山村自来水停水', '青山村自来水停水，村民生活用水困难，请尽快恢复供水。'],
    ['青山村自来水停水好几天了', '青山村自来水从周一开始停水，到现在还没恢复供水，老人孩子没水喝。'],
    ['青山村停水问题没解决', '青山村自来水停水已经三天，村民只能去河边挑水，希望尽快恢复供水。'],
    ['青山村自来水停水三天', '青山村自来水停水，村里没有通知，生活用水很不方便。'],
    ['青山村自来水又停水了', '青山村自来水经常停水，希望供水公司尽快恢复供水。'],
  ];
  const DANCE = [
    ['镇东社区广场舞噪音扰民', '镇东社区广场每天晚上广场舞音响开得很大，一直跳到十点，影响居民休息。'],
    ['镇东社区广场舞音响太吵', '镇东社区广场舞的音响声音太大，家里孩子没法写作业，请管一管。'],
    ['镇东社区晚上广场舞声音太大', '镇东社区小广场每晚都有广场舞，噪音很大，老人睡不着觉。'],
    ['镇东社区广场舞扰民严重', '镇东社区广场舞从七点跳到十点，音响震耳，多次反映没有改善。'],
  ];
  const SINGLES = [
    ['人民路井盖缺失', '人民路中段一个井盖丢失，存在安全隐患。'],
    ['幸福小区物业收费不合理', '幸福小区物业费上涨，服务没有改善。'],
    ['县医院挂号难', '县人民医院专家号很难挂。'],
    ['滨河路违章停车', '滨河路人行道上经常停满车辆。'],
  ];
  const at = (day: number, hour = 10) => new Date(`2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  let waterIds: string[];

  beforeAll(async () => {
    const county = units['示范县'];
    // Water: two early in March, three late (rising); every post from another caller.
    waterIds = await insertMatters(
      t.database.db,
      WATER.map(([title, description], i) => ({ title, description, intakeUnitId: county, unitId: units['青山镇'], status: 'dispatched', phone: `1380000100${i}`, createdAt: at([2, 5, 20, 24, 28][i]) })),
    );
    await insertMatters(t.database.db, DANCE.map(([title, description], i) => ({ title, description, intakeUnitId: county, unitId: units['河口乡'], status: 'in_progress', phone: i < 2 ? '13800002000' : `1380000200${i}`, createdAt: at(10 + i) })));
    await insertMatters(t.database.db, SINGLES.map(([title, description], i) => ({ title, description, intakeUnitId: county, unitId: units['青山镇'], createdAt: at(3 + i, 12) })));
  });

  it('groups matters about the same thing in a period, with label, heat, growth, petitioners, representatives and members', async () => {
    const res = await leader.get('/api/text/hot-topics?from=2025-03-01&to=2025-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unit: null, from: '2025-03-01', to: '2025-03-31', matterCount: 13, capped: false, cap: 20000 });
    expect(body.topics).toHaveLength(2);
    const [first, second] = body.topics;
    expect(first.label).toContain('停水');
    expect(first).toMatchObject({ size: 5, petitioners: 5 });
    expect(first.growth).toBeCloseTo(0.5);
    expect(new Set(first.memberIds)).toEqual(new Set(waterIds));
    expect(first.representatives).toHaveLength(3);
    expect(first.representatives[0]).toMatchObject({ code: expect.stringMatching(/^TX/), title: expect.stringContaining('青山村') });
    expect(second.label).toContain('广场');
    // Two of the four posts came from one caller.
    expect(second).toMatchObject({ size: 4, petitioners: 3 });
    expect(first.heat).toBeGreaterThan(second.heat);
  });

  it('keeps to a unit subtree where the caller leads; another one is 404; a leader turns a topic into a class', async () => {
    const qingshan = (await leader.get(`/api/text/hot-topics?from=2025-03-01&to=2025-03-31&unitId=${units['青山镇']}`)).json();
    expect(qingshan.unit).toEqual({ id: units['青山镇'], name: '青山镇' });
    expect(qingshan.topics.map((x: { size: number }) => x.size)).toEqual([5]);
    const leaderA = await createReadyAccount(t.app, admin, { username: 'text_leader_a', roles: [{ role: 'leader', unitId: units['青山镇'] }] });
    expect((await leaderA.get(`/api/text/hot-topics?unitId=${units['河口乡']}`)).statusCode).toBe(404);
    expect((await leaderA.get('/api/text/hot-topics?from=2025-03-01&to=2025-03-31')).json().topics.map((x: { size: number }) => x.size)).toEqual([5]);
    // The page's one click: a named class with the topic's members (matters API).
    const klass = await leaderA.post('/api/matter-classes', { name: '青山村停水', description: '每月一题：青山村自来水停水' });
    expect(klass.statusCode, klass.body).toBe(201);
    for (const matterId of qingshan.topics[0].memberIds) expect((await leaderA.post(`/api/matter-classes/${klass.json().id}/members`, { matterId })).statusCode).toBe(200);
    expect((await leaderA.get(`/api/matter-classes/${klass.json().id}`)).json().members).toHaveLength(5);
  });
});

describe('reply check', () => {
  let matterId: string;
  beforeAll(async () => {
    const m = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '青山村村口路灯不亮', description: '青山村村口三盏路灯一周未亮，夜间出行不便，请尽快维修。' })).json();
    matterId = m.id;
    expect((await operator.post(`/api/matters/${matterId}/dispatch`, { unitId: units['青山镇'] })).statusCode).toBe(200);
  });

  it('scores a reply against the matter and says what is missing, in the caller’s language', async () => {
    const poor = await handlerA.post('/api/text/reply-check', { matterId, text: '您好，已收到，谢谢。' });
    expect(poor.statusCode, poor.body).toBe(200);
    expect(poor.json().missing).toContain('未说明处理措施或结果');
    const good = (
      await handlerA.post('/api/text/reply-check', {
        matterId,
        text: '您好，您反映的青山村村口路灯不亮问题，青山镇已安排电工于3月5日前更换三盏路灯并检修线路，依据《城市照明管理规定》落实维护责任。如有疑问请联系青山镇城建办，电话0571-12345678。',
      })
    ).json();
    expect(good.score).toBeGreaterThan(poor.json().score);
    expect(good.relevance).toBeGreaterThan(0.5);
    expect(good.missing.length).toBeLessThan(poor.json().missing.length);
    const english = (await handlerA.post('/api/text/reply-check', { matterId, text: '您好，已收到，谢谢。' }, { 'accept-language': 'en-US' })).json();
    expect(english.missing.length).toBe(poor.json().missing.length);
    for (const m of english.missing) expect(m).not.toMatch(/[\u4e00-\u9fff]/);
    // Operators check too (a reply on the spot); B's handler does not see the matter.
    expect((await operator.post('/api/text/reply-check', { matterId, text: '已处理。' })).statusCode).toBe(200);
    expect((await (await login(t.app, 'handler_b')).post('/api/text/reply-check', { matterId, text: '已处理。' })).statusCode).toBe(404);
  });
});

describe('copied texts', () => {
  it('pairs texts that largely copy each other, with the shared passages side by side', async () => {
    const source = '通过这次主题教育，我深刻认识到理论学习是立身之本，必须坚持学思用贯通、知信行统一，把学习成果转化为推动工作的实际成效。';
    const texts = [
      { id: 'r1', title: '张三的心得', text: `${source}今后我将立足岗位，为群众办实事。` },
      { id: 'r2', title: '李四的心得', text: `作为一名基层干部，${source}` },
      { id: 'r3', title: '王五的心得', text: '下基层调研让我看到了群众的急难愁盼，我们要把问题清单变成履职清单，一件一件抓落实。' },
    ];
    const res = await leader.post('/api/text/copies', { texts });
    expect(res.statusCode, res.body).toBe(200);
    const pairs = res.json().pairs;
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ a: { id: 'r1', title: '张三的心得' }, b: { id: 'r2', title: '李四的心得' } });
    expect(pairs[0].overlap).toBeGreaterThan(0.8);
    for (const s of pairs[0].spans) {
      expect(texts[0].text.slice(s.a[0], s.a[1])).toBe(s.text);
      expect(texts[1].text.slice(s.b[0], s.b[1])).toBe(s.text);
    }
    expect((await leader.post('/api/text/copies', { texts, minOverlap: 1 })).json().pairs).toEqual([]);
  });
});

describe('worker thread', () => {
  it('runs heavy work off the main thread with the same answer', async () => {
    const docs = [
      { id: 'a', title: '青山村路灯坏了', detail: '青山村路灯坏了很久' },
      { id: 'b', title: '河口村停水', detail: '河口村自来水停水三天' },
    ];
    const inWorker = await runTextTask({ kind: 'similarity-index', docs }, 'worker');
    const inPlace = await runTextTask({ kind: 'similarity-index', docs }, 'thread');
    expect(inWorker.size).toBe(2);
    expect([...inWorker.vocabulary.keys()]).toEqual([...inPlace.vocabulary.keys()]);
    expect(Array.from(inWorker.docWeight)).toEqual(Array.from(inPlace.docWeight));
  });
});
