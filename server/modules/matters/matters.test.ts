import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { auditCount, demoUnitIds } from '../../test/fixtures.ts';
import { queryRows } from '../../db/client.ts';

let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let units: Record<string, string>;

const newMatter = (extra: Record<string, unknown> = {}) => ({
  kind: 'demand',
  origin: 'hotline',
  title: '青山村路灯不亮',
  description: '青山村村口三盏路灯一周未亮，夜间出行不便。',
  address: '青山村村口',
  petitioner: { name: '王建国', phone: '13812345678' },
  ...extra,
});

async function create(extra: Record<string, unknown> = {}) {
  const res = await operator.post('/api/matters', newMatter(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; status: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  units = await demoUnitIds(admin);
});
afterAll(async () => t.close());

describe('matters', () => {
  it('refuses intake without a session (401), to a handler (403) and with bad input (400)', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/matters', payload: newMatter() })).statusCode).toBe(401);
    expect((await handlerA.post('/api/matters', newMatter())).statusCode).toBe(403);
    const bad = await operator.post('/api/matters', newMatter({ title: '' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.title).toBeTruthy();
  });

  it('goes round the loop: intake → dispatch → accept → reply → unsatisfied (返工) → reply → satisfied → closed', async () => {
    const m = await create();
    expect(m.code).toMatch(/^JC\d{8}-\d{6}$/);
    expect(m.status).toBe('received');

    const d = await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'], coUnitIds: [units['青山村']], version: m.version });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'dispatched', unit: { name: '青山镇' }, coUnits: [{ name: '青山村' }] });
    expect(d.json().respondBy).toBeTruthy();
    expect(d.json().resolveBy).toBeTruthy();

    // The matter is now in 青山镇's inbox, and not in 河口乡's.
    expect((await handlerA.get('/api/matters?status=dispatched')).json().items.map((i: { id: string }) => i.id)).toContain(m.id);
    expect((await handlerB.get('/api/matters')).json().items.map((i: { id: string }) => i.id)).not.toContain(m.id);

    expect((await handlerA.post(`/api/matters/${m.id}/accept`, {})).json().status).toBe('in_progress');
    expect((await handlerA.post(`/api/matters/${m.id}/reply`, { text: '已更换灯泡，路灯恢复照明。' })).json().status).toBe('replied');
    const unsatisfied = await operator.post(`/api/matters/${m.id}/rate`, { rating: 'unsatisfied', note: '只修好了一盏' });
    expect(unsatisfied.json()).toMatchObject({ status: 'in_progress', rating: 'unsatisfied', reopenCount: 1 });
    expect((await handlerA.post(`/api/matters/${m.id}/reply`, { text: '三盏路灯均已修复。' })).json().status).toBe('replied');
    const closed = await operator.post(`/api/matters/${m.id}/rate`, { rating: 'satisfied' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', rating: 'satisfied', reopenCount: 1, replyText: '三盏路灯均已修复。' });
    expect(closed.json().reviewDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(closed.json().allowedActions).toEqual(['review_ok', 'review_relapsed']);

    const events = closed.json().events as { action: string; fromStatus: string | null; toStatus: string; actorName: string }[];
    expect(events.map((e) => `${e.action}:${e.fromStatus}→${e.toStatus}`)).toEqual([
      'create:null→received',
      'dispatch:received→dispatched',
      'accept:dispatched→in_progress',
      'reply:in_progress→replied',
      'rate_unsatisfied:replied→in_progress',
      'reply:in_progress→replied',
      'rate_satisfied:replied→closed',
    ]);
    expect(events[2].actorName).toBe('青山镇承办人');
    const audit = (await admin.get(`/api/audit?subjectId=${m.id}&limit=50`)).json().items.map((a: { action: string }) => a.action);
    expect(audit).toHaveLength(7);
    expect(audit).toContain('matter.rate_unsatisfied');
  });

  it('resolves on the spot at intake, and a handler may return a matter (退单) for re-dispatch', async () => {
    const spot = await create();
    expect((await operator.post(`/api/matters/${spot.id}/resolve-on-spot`, { text: '当场解答政策。' })).json().status).toBe('replied');

    const m = await create();
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['河口乡'] });
    expect((await handlerB.post(`/api/matters/${m.id}/return`, {})).statusCode).toBe(400);
    const back = await handlerB.post(`/api/matters/${m.id}/return`, { reason: '该路段属青山镇管辖' });
    expect(back.json()).toMatchObject({ status: 'received', unit: null });
    // Gone from 河口乡's view once returned.
    expect((await handlerB.get(`/api/matters/${m.id}`)).statusCode).toBe(404);
    expect((await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] })).json().status).toBe('dispatched');
  });

  it('rates on three levels (满意 / 基本满意 / 不满意) with solved or not, marked as a callback (回访)', async () => {
    const replied = async () => {
      const m = await create();
      await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
      await handlerA.post(`/api/matters/${m.id}/accept`, {});
      return (await handlerA.post(`/api/matters/${m.id}/reply`, { text: '已修复。' })).json() as { id: string; version: number };
    };
    const m = await replied();
    expect((await t.app.inject({ method: 'POST', url: `/api/matters/${m.id}/rate`, payload: { rating: 'satisfied' } })).statusCode).toBe(401);
    const before = (await operator.get(`/api/matters/${m.id}`)).body;
    const auditBefore = await auditCount(admin);
    for (const body of [{ rating: 'good' }, { rating: 'satisfied', solved: 'yes' }, {}, { rating: 'satisfied', note: 'x'.repeat(2001) }]) {
      expect((await operator.post(`/api/matters/${m.id}/rate`, body)).statusCode).toBe(400);
    }
    expect((await handlerA.post(`/api/matters/${m.id}/rate`, { rating: 'satisfied' })).statusCode).toBe(403);
    expect((await handlerB.post(`/api/matters/${m.id}/rate`, { rating: 'satisfied' })).statusCode).toBe(404);
    expect((await operator.get(`/api/matters/${m.id}`)).body).toBe(before);
    expect(await auditCount(admin)).toBe(auditBefore);
    const basically = await operator.post(`/api/matters/${m.id}/rate`, { rating: 'basically_satisfied', solved: false, note: '基本解决', version: m.version });
    expect(basically.json()).toMatchObject({ status: 'closed', rating: 'basically_satisfied', ratingSolved: false, ratingSource: 'callback', ratingNote: '基本解决' });
    expect(basically.json().closedAt).toBeTruthy();
    const last = basically.json().events.at(-1);
    expect(last).toMatchObject({ action: 'rate_satisfied', data: { rating: 'basically_satisfied', solved: false, source: 'callback' } });
    const other = await replied();
    expect((await operator.post(`/api/matters/${other.id}/rate`, { rating: 'unsatisfied', solved: false })).json()).toMatchObject({ status: 'in_progress', ratingSolved: false, reopenCount: 1, closedAt: null });
  });

  it('a matter resolved on the spot and rated unsatisfied reopens in the intake office (its responsible unit)', async () => {
    const m = await create();
    const spot = (await operator.post(`/api/matters/${m.id}/resolve-on-spot`, { text: '当场解答政策。' })).json();
    expect(spot).toMatchObject({ status: 'replied', unit: { id: spot.intakeUnit.id } });
    expect(spot.respondedAt).toBeTruthy();
    const reopened = (await operator.post(`/api/matters/${m.id}/rate`, { rating: 'unsatisfied', note: '问题没有解决' })).json();
    expect(reopened).toMatchObject({ status: 'in_progress', unit: { id: spot.intakeUnit.id }, reopenCount: 1 });
    // It is in the county's in-progress inbox, where its handlers (here the county leader) can answer again.
    const leader = await login(t.app, 'leader');
    const inbox = (await leader.get('/api/matters?queue=in_progress&limit=200')).json().items as { id: string; can: { reply: boolean } }[];
    expect(inbox.find((i) => i.id === m.id)?.can.reply).toBe(true);
    expect((await leader.post(`/api/matters/${m.id}/reply`, { text: '已协调相关部门上门处理。' })).json().status).toBe('replied');
  });

  it('of two different actions at once on one matter, exactly one wins and the other gets 409', async () => {
    type Res = { statusCode: number; json(): { error?: { code: string } } };
    const race = async (a: () => Promise<Res>, b: () => Promise<Res>, loser = [409]) => {
      const results = await Promise.all([a(), b()]);
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      const lost = results.find((r) => r.statusCode !== 200)!;
      expect(loser).toContain(lost.statusCode);
      if (lost.statusCode === 409) expect(['INVALID_STATE', 'MATTER_CONFLICT', 'ESCALATION_PENDING', 'EXTENSION_PENDING']).toContain(lost.json().error!.code);
    };
    const accepted = async () => {
      const m = await create();
      await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
      return (await handlerA.post(`/api/matters/${m.id}/accept`, {})).json() as { id: string; version: number };
    };
    const leader = await login(t.app, 'leader');
    // Reply and escalate, each with the version seen: the later one is stale.
    const m1 = await accepted();
    await race(
      () => handlerA.post(`/api/matters/${m1.id}/reply`, { text: '已办结。', version: m1.version }),
      () => handlerA.post(`/api/matters/${m1.id}/escalate`, { reason: '需县级协调', version: m1.version }),
    );
    // The callback rating and a leader's unmeetable close of one replied matter: one closes it.
    const m2 = await accepted();
    await handlerA.post(`/api/matters/${m2.id}/reply`, { text: '已答复。' });
    await race(
      () => operator.post(`/api/matters/${m2.id}/rate`, { rating: 'satisfied' }),
      () => leader.post(`/api/matters/${m2.id}/close-unmeetable`, { reason: '无法满足' }),
    );
    const events = (await operator.get(`/api/matters/${m2.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(events.filter((a: string) => a === 'rate_satisfied' || a === 'close_unmeetable')).toHaveLength(1);
    // Two escalations, two extension requests: one each.
    const m3 = await accepted();
    await race(
      () => handlerA.post(`/api/matters/${m3.id}/escalate`, { reason: '一' }),
      () => handlerA.post(`/api/matters/${m3.id}/escalate`, { reason: '二' }),
    );
    await race(
      () => handlerA.post(`/api/matters/${m3.id}/extensions`, { reason: '一', requestedResolveBy: '2099-01-01' }),
      () => handlerA.post(`/api/matters/${m3.id}/extensions`, { reason: '二', requestedResolveBy: '2099-02-01' }),
    );
    expect((await handlerA.get(`/api/matters/${m3.id}`)).json().extensions).toHaveLength(1);
    // An action that takes the matter out of the other caller's scope (a return) leaves that
    // caller nothing to act on: 404, as for any matter outside its scope.
    const m4 = await accepted();
    await race(
      () => handlerA.post(`/api/matters/${m4.id}/reply`, { text: '已办结。' }),
      () => handlerA.post(`/api/matters/${m4.id}/return`, { reason: '不属本镇' }),
      [404, 409],
    );
    const m4Events = (await operator.get(`/api/matters/${m4.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(m4Events.filter((a: string) => a === 'reply' || a === 'return')).toHaveLength(1);
  });

  it('refuses an action the state does not allow (409 INVALID_STATE) and changes nothing', async () => {
    const m = await create();
    const before = (await operator.get(`/api/matters/${m.id}`)).body;
    const auditBefore = await auditCount(admin);
    const res = await operator.post(`/api/matters/${m.id}/rate`, { rating: 'satisfied' }, { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STATE');
    expect(res.json().error.message).toBe('事项当前为“已受理”状态，不能“评价满意”。');
    expect((await operator.get(`/api/matters/${m.id}`)).body).toBe(before);
    expect(await auditCount(admin)).toBe(auditBefore);
  });

  it('refuses an action the role does not allow on a matter in scope (403) and changes nothing', async () => {
    const m = await create();
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
    // The handler sees the matter but does not dispatch or rate; the supervisor only reads.
    expect((await handlerA.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山村'] })).statusCode).toBe(403);
    const supervisor = await login(t.app, 'supervisor');
    expect((await supervisor.get(`/api/matters/${m.id}`)).statusCode).toBe(200);
    expect((await supervisor.post(`/api/matters/${m.id}/accept`, {})).statusCode).toBe(403);
    expect((await supervisor.post('/api/matters', newMatter())).statusCode).toBe(403);
    // Another township's handler does not even find it.
    expect((await handlerB.post(`/api/matters/${m.id}/accept`, {})).statusCode).toBe(404);
    expect((await operator.get(`/api/matters/${m.id}`)).json()).toMatchObject({ status: 'dispatched', version: 2 });
  });

  it('refuses a stale version (409 MATTER_CONFLICT)', async () => {
    const m = await create();
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'], version: m.version });
    const stale = await handlerA.post(`/api/matters/${m.id}/accept`, { version: m.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('MATTER_CONFLICT');
  });

  it('lets exactly one of two simultaneous accepts through', async () => {
    const m = await create();
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
    const [a, b] = await Promise.all([handlerA.post(`/api/matters/${m.id}/accept`, {}), handlerA.post(`/api/matters/${m.id}/accept`, {})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = (await handlerA.get(`/api/matters/${m.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(events.filter((e: string) => e === 'accept')).toHaveLength(1);
  });

  it('stores the petitioner encrypted and shows it masked', async () => {
    const m = await create({ petitioner: { name: '王建国', phone: '13812345678', idNumber: '11010519491231002X', address: '青山村三组 12 号' } });
    const [row] = await queryRows<Record<string, string>>(t.database.db, sql`select * from matters where id = ${m.id}`);
    const raw = JSON.stringify(row);
    for (const secret of ['13812345678', '王建国', '11010519491231002X', '三组']) expect(raw).not.toContain(secret);
    expect(row.petitioner_phone_enc).toMatch(/^v1\./);
    expect(row.petitioner_phone_idx).toMatch(/^[0-9a-f]{64}$/);
    const shown = (await operator.get(`/api/matters/${m.id}`)).json().petitioner;
    expect(shown.phone).toBe('138****5678');
    expect(shown.name).toBe('王**');
    expect(shown.idNumber).not.toContain('19491231');
    // Neither the events nor the audit carry the petitioner's data.
    const [{ n }] = await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from audit_log where subject_id = ${m.id} and (after::text like '%13812345678%' or after::text like '%王建国%')`);
    expect(n).toBe('0');
  });

  it('pages the inbox on (created_at, id) without gaps or repeats, and filters overdue', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await operator.get(`/api/matters?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      all.push(...res.json().items.map((i: { id: string }) => i.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    const [{ n }] = await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from matters`);
    expect(all.length).toBe(Number(n));
    expect((await operator.get('/api/matters?overdue=true')).json().items).toEqual([]);
    expect((await operator.get('/api/matters?overdue=false')).json().items.length).toBe(Number(n));
  });
});
