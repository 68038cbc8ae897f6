import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, login, testKeys, type Client, type TestApp } from '../../test/harness.ts';
import { createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { AppError } from '../../core/errors.ts';
import type { Ctx } from '../../core/context.ts';
import { matters } from './tables.ts';
import { closeUnrated } from './commands/close-unrated.ts';
import { auditActions, closed, dispatched, expectNothingChanged, inProgress, ok, received, replied, timeline, type Kit } from './matters-test-kit.ts';

// The handling actions beyond the main path: reassign (改派), merge (合并), unmeetable close,
// unrated close, review (回头看), escalate and claim (上报/认领), owning leader (领导包案). Each:
// 401 → 400 (nothing changed) → 403/404 → 409 → happy path with its event and audit row.

let t: TestApp;
let k: Kit;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let leader: Client;
let leaderB: Client & { id: string };
let supervisor: Client;
let units: Record<string, string>;
let accountIds: Record<string, string>;

const anon = (method: 'POST' | 'GET', url: string, payload?: object) => t.app.inject({ method, url, payload });

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
  leaderB = await createReadyAccount(t.app, admin, { username: 'leader_hekou', displayName: '河口乡党委书记', roles: [{ role: 'leader', unitId: units['河口乡'] }] });
  const accounts = (await admin.get('/api/accounts?limit=200')).json().items as { id: string; username: string }[];
  accountIds = Object.fromEntries(accounts.map((a) => [a.username, a.id]));
});
afterAll(async () => t.close());

describe('reassign (改派)', () => {
  it('401 without a session; 400 on bad input, an unknown unit or the same unit, changing nothing', async () => {
    const m = await dispatched(k);
    expect((await anon('POST', `/api/matters/${m.id}/reassign`, { unitId: units['河口乡'] })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await operator.post(`/api/matters/${m.id}/reassign`, {})).json().error.fields.unitId).toBeTruthy();
      expect((await operator.post(`/api/matters/${m.id}/reassign`, { unitId: 'x' })).statusCode).toBe(400);
      expect((await operator.post(`/api/matters/${m.id}/reassign`, { unitId: m.id })).json().error.fields.unitId).toMatch(/不存在/);
      const same = await operator.post(`/api/matters/${m.id}/reassign`, { unitId: units['青山镇'] });
      expect(same.statusCode).toBe(400);
      expect(same.json().error.fields.unitId).toBe('事项已由该单位承办。');
    });
  });

  it('403 for the responsible unit, 404 for another township, 409 before dispatch', async () => {
    const m = await dispatched(k);
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerA.post(`/api/matters/${m.id}/reassign`, { unitId: units['青山村'] })).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${m.id}/reassign`, { unitId: units['河口乡'] })).statusCode).toBe(404);
    });
    const r = await received(k);
    expect((await operator.post(`/api/matters/${r.id}/reassign`, { unitId: units['河口乡'] })).json().error.code).toBe('INVALID_STATE');
  });

  it('moves a dispatched or accepted matter to another unit, keeping the deadlines; the old unit loses it', async () => {
    const m = await inProgress(k);
    const after = ok(await operator.post(`/api/matters/${m.id}/reassign`, { unitId: units['河口乡'], note: '属河口乡', version: m.version }));
    expect(after).toMatchObject({ status: 'dispatched', unit: { name: '河口乡' }, handlerAccountId: null, respondBy: m.respondBy, resolveBy: m.resolveBy });
    expect((await handlerA.get(`/api/matters/${m.id}`)).statusCode).toBe(404);
    expect(ok(await handlerB.get(`/api/matters/${m.id}`)).can).toMatchObject({ accept: true, return: true });
    expect((await timeline(k, m.id)).at(-1)).toBe('reassign');
    expect((await auditActions(t, m.id)).at(-1)).toBe('matter.reassign');
  });
});

describe('merge (重复诉求合并)', () => {
  it('401; 400 without a target, into itself, into an unknown matter, changing nothing', async () => {
    const dup = await received(k);
    expect((await anon('POST', `/api/matters/${dup.id}/merge`, { intoId: dup.id })).statusCode).toBe(401);
    await expectNothingChanged(k, dup.id, async () => {
      expect((await operator.post(`/api/matters/${dup.id}/merge`, {})).statusCode).toBe(400);
      expect((await operator.post(`/api/matters/${dup.id}/merge`, { intoId: dup.id })).json().error.fields.intoId).toBe('不能把事项合并到它自己。');
      expect((await operator.post(`/api/matters/${dup.id}/merge`, { intoId: units['青山镇'] })).json().error.fields.intoId).toMatch(/不存在/);
    });
  });

  it('403 for a handler, 404 for another township', async () => {
    const main = await dispatched(k);
    const dup = await dispatched(k);
    await expectNothingChanged(k, dup.id, async () => {
      expect((await handlerA.post(`/api/matters/${dup.id}/merge`, { intoId: main.id })).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${dup.id}/merge`, { intoId: main.id })).statusCode).toBe(404);
    });
  });

  it('merges the duplicate into the main matter: both timelines, contacts counted, earlier duplicates follow', async () => {
    const main = await dispatched(k);
    const dup = await received(k);
    const older = await received(k);
    ok(await operator.post(`/api/matters/${older.id}/merge`, { intoId: dup.id }));
    const merged = ok(await operator.post(`/api/matters/${dup.id}/merge`, { intoId: main.id, note: '同一路段', version: dup.version + 1 }));
    expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: main.id, code: main.code, status: 'dispatched' }, allowedActions: [] });
    expect(Object.values(merged.can as Record<string, boolean>).filter(Boolean)).toEqual([true, true]); // add_note, reveal
    const mainAfter = ok(await operator.get(`/api/matters/${main.id}`));
    expect(mainAfter.contactCount).toBe(3);
    expect((mainAfter.mergedMatters as { id: string }[]).map((x) => x.id).sort()).toEqual([dup.id, older.id].sort());
    expect(ok(await operator.get(`/api/matters/${older.id}`)).mergedInto).toMatchObject({ id: main.id });
    expect((mainAfter.events as { action: string; data: { code: string } }[]).at(-1)).toMatchObject({ action: 'merge_in', data: { code: dup.code } });
    expect((await auditActions(t, dup.id)).at(-1)).toBe('matter.merge');
    // A merged matter is no target: the answer names its main matter.
    const third = await received(k);
    expect((await operator.post(`/api/matters/${third.id}/merge`, { intoId: dup.id })).json().error.fields.intoId).toContain(main.code);
    // And it takes no further action.
    expect((await operator.post(`/api/matters/${dup.id}/dispatch`, { unitId: units['青山镇'] })).json().error.code).toBe('INVALID_STATE');
  });
});

describe('close as unmeetable (诉求无法满足)', () => {
  it('401; 400 without a reason; 403 for operator and handler; 404 for a leader of another township', async () => {
    const m = await replied(k);
    expect((await anon('POST', `/api/matters/${m.id}/close-unmeetable`, { reason: 'x' })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await leader.post(`/api/matters/${m.id}/close-unmeetable`, { reason: '  ' })).statusCode).toBe(400);
      expect((await operator.post(`/api/matters/${m.id}/close-unmeetable`, { reason: '政策不允许' })).statusCode).toBe(403);
      expect((await handlerA.post(`/api/matters/${m.id}/close-unmeetable`, { reason: '政策不允许' })).statusCode).toBe(403);
      expect((await leaderB.post(`/api/matters/${m.id}/close-unmeetable`, { reason: '政策不允许' })).statusCode).toBe(404);
    });
  });

  it('from in_progress only after a reopen (409 MATTER_NOT_REOPENED)', async () => {
    const m = await inProgress(k);
    const res = await leader.post(`/api/matters/${m.id}/close-unmeetable`, { reason: '政策不允许' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('MATTER_NOT_REOPENED');
    expect(ok(await leader.get(`/api/matters/${m.id}`)).can).toMatchObject({ close_unmeetable: false });
  });

  it('a leader closes a reopened demand with the reason; supervisors see the record', async () => {
    const m = await replied(k);
    const reopened = ok(await operator.post(`/api/matters/${m.id}/rate`, { rating: 'unsatisfied', solved: false, note: '要求新建路灯' }));
    expect(reopened.status).toBe('in_progress');
    expect(ok(await leader.get(`/api/matters/${m.id}`)).can).toMatchObject({ close_unmeetable: true });
    const done = ok(await leader.post(`/api/matters/${m.id}/close-unmeetable`, { reason: '该路段已列入明年改造计划，今年无资金新建。', version: reopened.version }));
    expect(done).toMatchObject({ status: 'closed', unmeetable: { reason: '该路段已列入明年改造计划，今年无资金新建。', byName: '县委副书记' } });
    expect(done.closedAt).toBeTruthy();
    expect(done.reviewDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ok(await supervisor.get(`/api/matters/${m.id}`)).unmeetable).toMatchObject({ byName: '县委副书记' });
    expect((await auditActions(t, m.id)).at(-1)).toBe('matter.close_unmeetable');
  });
});

describe('close unrated (未评价办结, the job’s command)', () => {
  const systemCtx = (): Ctx => ({ db: t.database.db, actor: null, channel: 'system', lang: 'zh-CN', ip: null, config: t.config, keys: testKeys });

  it('closes a replied matter as 系统 and refuses any other state', async () => {
    const m = await replied(k);
    const row = await closeUnrated(systemCtx(), m.id);
    expect(row).toMatchObject({ status: 'closed', rating: null });
    expect(row.closedAt).toBeTruthy();
    expect(row.reviewDueOn).toBeTruthy();
    const last = (ok(await operator.get(`/api/matters/${m.id}`)).events as { action: string; actorName: string }[]).at(-1);
    expect(last).toMatchObject({ action: 'close_unrated', actorName: '系统' });
    const open = await inProgress(k);
    const err = await closeUnrated(systemCtx(), open.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INVALID_STATE');
    expect(ok(await operator.get(`/api/matters/${open.id}`)).status).toBe('in_progress');
  });
});

describe('review (回头看)', () => {
  const makeDue = (id: string) => t.database.db.update(matters).set({ reviewDueOn: sql`current_date - 1` }).where(eq(matters.id, id));

  it('401; 400 on a bad outcome; 403 for the operator; 404 for another township; 409 before the review date', async () => {
    const m = await closed(k);
    expect((await anon('POST', `/api/matters/${m.id}/review`, { outcome: 'ok' })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerA.post(`/api/matters/${m.id}/review`, { outcome: 'fine' })).statusCode).toBe(400);
      expect((await operator.post(`/api/matters/${m.id}/review`, { outcome: 'ok' })).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${m.id}/review`, { outcome: 'ok' })).statusCode).toBe(404);
      const early = await handlerA.post(`/api/matters/${m.id}/review`, { outcome: 'ok' });
      expect(early.statusCode).toBe(409);
      expect(early.json().error).toMatchObject({ code: 'REVIEW_NOT_DUE' });
      expect(early.json().error.message).toContain(m.reviewDueOn as string);
    });
  });

  it('a due review is in the unit’s queue; holding → reviewed', async () => {
    const m = await closed(k);
    await makeDue(m.id);
    const queue = (await handlerA.get('/api/matters?queue=reviews_due')).json().items as { id: string; can: { review: boolean } }[];
    expect(queue.find((x) => x.id === m.id)?.can.review).toBe(true);
    const done = ok(await handlerA.post(`/api/matters/${m.id}/review`, { outcome: 'ok', note: '路灯正常' }));
    expect(done).toMatchObject({ status: 'reviewed', relapseCount: 0, allowedActions: [] });
    expect(done.reviewedAt).toBeTruthy();
    expect((await auditActions(t, m.id)).at(-1)).toBe('matter.review_ok');
    expect(((await handlerA.get('/api/matters?queue=reviews_due')).json().items as { id: string }[]).map((x) => x.id)).not.toContain(m.id);
  });

  it('relapsed → reopened in the unit with a relapse mark, then closed again with a new review date', async () => {
    const m = await closed(k);
    await makeDue(m.id);
    const back = ok(await handlerA.post(`/api/matters/${m.id}/review`, { outcome: 'relapsed', note: '又不亮了' }));
    expect(back).toMatchObject({ status: 'in_progress', relapseCount: 1, closedAt: null, reviewDueOn: null, unit: { name: '青山镇' } });
    expect((await auditActions(t, m.id)).at(-1)).toBe('matter.review_relapsed');
    ok(await handlerA.post(`/api/matters/${m.id}/reply`, { text: '更换线路。' }));
    const again = ok(await operator.post(`/api/matters/${m.id}/rate`, { rating: 'basically_satisfied' }));
    expect(again).toMatchObject({ status: 'closed', relapseCount: 1 });
    expect(again.reviewDueOn).toBeTruthy();
  });
});

describe('escalate and claim (表现在基层、根子在上面)', () => {
  it('escalate: 401; 400 without a reason; 403 for the operator; 404 for another township', async () => {
    const m = await inProgress(k);
    expect((await anon('POST', `/api/matters/${m.id}/escalate`, { reason: 'x' })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerA.post(`/api/matters/${m.id}/escalate`, {})).statusCode).toBe(400);
      expect((await operator.post(`/api/matters/${m.id}/escalate`, { reason: '需县级协调' })).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${m.id}/escalate`, { reason: '需县级协调' })).statusCode).toBe(404);
    });
  });

  it('the unit escalates to its parent; the parent claims and owns it; the old unit stays as co-unit', async () => {
    const m = await dispatched(k, '青山村');
    const esc = ok(await handlerA.post(`/api/matters/${m.id}/escalate`, { reason: '涉及镇级规划', version: m.version }));
    expect(esc).toMatchObject({ status: 'dispatched', escalation: { status: 'pending', toUnit: { name: '青山镇' }, reason: '涉及镇级规划' } });
    expect((await handlerA.post(`/api/matters/${m.id}/escalate`, { reason: '再报' })).json().error.code).toBe('ESCALATION_PENDING');
    const queue = (await handlerA.get('/api/matters?queue=escalations')).json().items as { id: string; escalationStatus: string; can: { claim: boolean } }[];
    expect(queue.find((x) => x.id === m.id)).toMatchObject({ escalationStatus: 'pending', can: { claim: true } });
    const claimed = ok(await handlerA.post(`/api/matters/${m.id}/claim`, { note: '镇里牵头' }));
    expect(claimed).toMatchObject({ status: 'in_progress', unit: { name: '青山镇' }, coUnits: [{ name: '青山村' }], escalation: { status: 'claimed' } });
    expect(claimed.respondedAt).toBeTruthy();
    expect((await timeline(k, m.id)).slice(-2)).toEqual(['escalate', 'claim']);
    expect((await auditActions(t, m.id)).slice(-2)).toEqual(['matter.escalate', 'matter.claim']);
  });

  it('claim: 401; 403 for a unit below the one escalated to; 404 for another township; 409 when not escalated', async () => {
    const m = await inProgress(k);
    ok(await handlerA.post(`/api/matters/${m.id}/escalate`, { reason: '需县级协调' }));
    expect((await anon('POST', `/api/matters/${m.id}/claim`, {})).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerA.post(`/api/matters/${m.id}/claim`, { note: 'x'.repeat(2001) })).statusCode).toBe(400);
      expect((await handlerA.post(`/api/matters/${m.id}/claim`, {})).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${m.id}/claim`, {})).statusCode).toBe(404);
    });
    const plain = await inProgress(k);
    expect((await leader.post(`/api/matters/${plain.id}/claim`, {})).json().error.code).toBe('NOT_ESCALATED');
    // The county claims; the township stays as co-unit (协办): it still reads the matter and adds
    // measures, but the workflow is the county's now.
    expect(ok(await leader.post(`/api/matters/${m.id}/claim`, {})).unit).toMatchObject({ name: '示范县' });
    const asCoUnit = ok(await handlerA.get(`/api/matters/${m.id}`));
    expect(asCoUnit.coUnits).toMatchObject([{ name: '青山镇' }]);
    expect(asCoUnit.can).toMatchObject({ add_measure: true, reply: false, return: false });
  });

  it('a unit without a parent cannot escalate (409 ESCALATION_NO_PARENT)', async () => {
    const m = await dispatched(k, '示范县');
    const res = await leader.post(`/api/matters/${m.id}/escalate`, { reason: '根子在上面' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ESCALATION_NO_PARENT');
  });
});

describe('owning leader (领导包案)', () => {
  it('401; 400 on a bad id or an account that is not a leader over the unit; 403 for a handler; 404 for another township', async () => {
    const m = await dispatched(k);
    expect((await anon('POST', `/api/matters/${m.id}/leader`, { leaderAccountId: null })).statusCode).toBe(401);
    await expectNothingChanged(k, m.id, async () => {
      expect((await operator.post(`/api/matters/${m.id}/leader`, { leaderAccountId: 'x' })).statusCode).toBe(400);
      expect((await operator.post(`/api/matters/${m.id}/leader`, { leaderAccountId: accountIds.handler_a })).json().error.fields.leaderAccountId).toBe('该账号不是事项所在单位或其上级单位的领导。');
      // 河口乡's leader leads nothing in 青山镇.
      expect((await operator.post(`/api/matters/${m.id}/leader`, { leaderAccountId: leaderB.id })).statusCode).toBe(400);
      expect((await handlerA.post(`/api/matters/${m.id}/leader`, { leaderAccountId: accountIds.leader })).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${m.id}/leader`, { leaderAccountId: accountIds.leader })).statusCode).toBe(404);
    });
  });

  it('the intake office names the leader; the matter is in the leader’s queue; a leader above may change it', async () => {
    const m = await dispatched(k);
    const named = ok(await operator.post(`/api/matters/${m.id}/leader`, { leaderAccountId: accountIds.leader, version: m.version }));
    expect(named).toMatchObject({ leaderAccountId: accountIds.leader, leader: { name: '县委副书记' } });
    const mine = (await leader.get('/api/matters?queue=mine_leader')).json().items as { id: string }[];
    expect(mine.map((x) => x.id)).toContain(m.id);
    expect((await handlerA.get('/api/matters?queue=mine_leader')).json().items).toEqual([]);
    expect(ok(await leader.post(`/api/matters/${m.id}/leader`, { leaderAccountId: null })).leader).toBeNull();
    expect((await timeline(k, m.id)).slice(-2)).toEqual(['assign_leader', 'assign_leader']);
    expect((await auditActions(t, m.id)).at(-1)).toBe('matter.assign_leader');
  });
});
