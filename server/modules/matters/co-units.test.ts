import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { auditActions, dispatched, expectNothingChanged, newMatter, ok, received, timeline, type Kit } from './matters-test-kit.ts';

// Three gaps of the matters module: co-units (协办) read and contribute, the owning-leader
// candidates (领导包案), and problems a leader takes in without a complaint (未诉先办).

let t: TestApp;
let k: Kit;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let handlerC: Client;
let leader: Client;
let leaderA: Client & { id: string };
let leaderB: Client & { id: string };
let units: Record<string, string>;

const anon = (method: 'POST' | 'GET', url: string, payload?: object) => t.app.inject({ method, url, payload });
const ids = async (c: Client, query = '') => ((await c.get(`/api/matters?limit=200${query}`)).json().items as { id: string }[]).map((m) => m.id);

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  leader = await login(t.app, 'leader');
  units = await demoUnitIds(admin);
  k = { t, operator, handlerA, units };
  handlerC = await createReadyAccount(t.app, admin, { username: 'handler_chengguan', displayName: '城关街道承办人', roles: [{ role: 'handler', unitId: units['城关街道'] }] });
  leaderA = await createReadyAccount(t.app, admin, { username: 'leader_qingshan', displayName: '青山镇党委书记', roles: [{ role: 'leader', unitId: units['青山镇'] }] });
  leaderB = await createReadyAccount(t.app, admin, { username: 'leader_hekou2', displayName: '河口乡乡长', roles: [{ role: 'leader', unitId: units['河口乡'] }] });
});
afterAll(async () => t.close());

/** A matter handled by 青山镇 with 河口乡 as co-unit, accepted when `accept`. */
async function coHandled(accept = true) {
  const m = await received(k);
  const d = ok(await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'], coUnitIds: [units['河口乡']] }));
  return accept ? ok(await handlerA.post(`/api/matters/${d.id}/accept`, {})) : d;
}

describe('co-units (协办)', () => {
  it('a co-unit reads the matter; a third township still gets 404', async () => {
    const m = await coHandled(false);
    const seen = ok(await handlerB.get(`/api/matters/${m.id}`));
    expect((seen.coUnits as { name: string }[]).map((u) => u.name)).toEqual(['河口乡']);
    // Dispatched: nothing to add yet but notes; the workflow is the responsible unit's.
    expect(seen.can).toMatchObject({ add_note: true, add_measure: false, accept: false, return: false, reply: false, reveal: false });
    expect((await handlerC.get(`/api/matters/${m.id}`)).statusCode).toBe(404);
    expect((await handlerC.post(`/api/matters/${m.id}/notes`, { body: '越权' })).statusCode).toBe(404);
  });

  it('a co-unit may not accept, return, reply, request an extension or edit measures (403, nothing changed)', async () => {
    const pending = await coHandled(false);
    await expectNothingChanged(k, pending.id, async () => {
      expect((await handlerB.post(`/api/matters/${pending.id}/accept`, {})).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${pending.id}/return`, { reason: '不属本单位' })).statusCode).toBe(403);
    });
    const m = await coHandled();
    const measure = ok(await handlerA.post(`/api/matters/${m.id}/measures`, { content: '更换灯泡', ownerName: '李四' }));
    const measureId = (measure.measures as { id: string }[])[0].id;
    await expectNothingChanged(k, m.id, async () => {
      expect((await handlerB.post(`/api/matters/${m.id}/reply`, { text: '已办' })).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${m.id}/extensions`, { requestedResolveBy: '2999-01-01T00:00:00Z', reason: '需要时间' })).statusCode).toBe(403);
      expect((await handlerB.patch(`/api/matters/${m.id}/measures/${measureId}`, { progress: 50 })).statusCode).toBe(403);
      expect((await handlerB.post(`/api/matters/${m.id}/reveal`, { field: 'phone' })).statusCode).toBe(403);
    });
  });

  it('a co-unit adds a measure and a note, each with its event and audit row', async () => {
    const m = await coHandled();
    const seen = ok(await handlerB.get(`/api/matters/${m.id}`));
    expect(seen.can).toMatchObject({ add_measure: true, add_note: true, update_measure: false, reply: false, return: false, escalate: false });
    const after = ok(await handlerB.post(`/api/matters/${m.id}/measures`, { content: '河口乡协助排查线路', ownerName: '赵六', progress: 30 }));
    expect(after.measures).toMatchObject([{ content: '河口乡协助排查线路', progress: 30 }]);
    ok(await handlerB.post(`/api/matters/${m.id}/notes`, { body: '协办单位已派电工' }));
    expect((await timeline(k, m.id)).slice(-2)).toEqual(['add_measure', 'add_note']);
    expect((await auditActions(t, m.id)).slice(-2)).toEqual(['matter.add_measure', 'matter.add_note']);
    expect((await handlerC.post(`/api/matters/${m.id}/measures`, { content: '越权', ownerName: '某' })).statusCode).toBe(404);
  });

  it('the co_handling view lists matters where my units help; the main inbox does not', async () => {
    const m = await coHandled(false);
    const other = await dispatched(k, '青山镇');
    expect(await ids(handlerB, '&queue=co_handling')).toContain(m.id);
    expect(await ids(handlerB, '&queue=co_handling')).not.toContain(other.id);
    expect(await ids(handlerB)).not.toContain(m.id);
    expect(await ids(handlerC, '&queue=co_handling')).not.toContain(m.id);
    // The responsible unit's handler is not a co-unit of it.
    expect(await ids(handlerA, '&queue=co_handling')).not.toContain(m.id);
    const page = (await handlerB.get('/api/matters?queue=co_handling&limit=200')).json().items as { id: string; can: Record<string, boolean> }[];
    const listed = page.find((x) => x.id === m.id)?.can;
    expect(listed).toMatchObject({ add_note: true });
    expect(listed).not.toHaveProperty('accept');
  });
});

describe('owning-leader candidates (领导包案)', () => {
  it('401 without a session; 400 on a bad id', async () => {
    const m = await dispatched(k);
    expect((await anon('GET', `/api/matters/${m.id}/leader-candidates`)).statusCode).toBe(401);
    expect((await operator.get('/api/matters/x/leader-candidates')).statusCode).toBe(400);
  });

  it('403 for a handler of the responsible unit, 404 for another township', async () => {
    const m = await dispatched(k);
    expect((await handlerA.get(`/api/matters/${m.id}/leader-candidates`)).statusCode).toBe(403);
    expect((await handlerB.get(`/api/matters/${m.id}/leader-candidates`)).statusCode).toBe(404);
  });

  it('lists the leaders of the responsible unit and above, nearest first, and one of them can be named', async () => {
    const m = await dispatched(k);
    const items = (await operator.get(`/api/matters/${m.id}/leader-candidates`)).json().items as { accountId: string; name: string; unitName: string }[];
    expect(items.map((i) => [i.name, i.unitName])).toEqual([
      ['青山镇党委书记', '青山镇'],
      ['县委副书记', '示范县'],
    ]);
    expect(items.map((i) => i.accountId)).not.toContain(leaderB.id);
    // The same answer for a leader over the unit.
    expect((await leaderA.get(`/api/matters/${m.id}/leader-candidates`)).json().items).toEqual(items);
    const named = ok(await operator.post(`/api/matters/${m.id}/leader`, { leaderAccountId: items[0].accountId }));
    expect(named.leaderAccountId).toBe(leaderA.id);
    // Before dispatch the candidates are the intake office's leaders.
    const r = await received(k);
    const atIntake = (await operator.get(`/api/matters/${r.id}/leader-candidates`)).json().items as { name: string }[];
    expect(atIntake.map((i) => i.name)).toEqual(['县委副书记']);
  });
});

describe('problems taken in by a leader (未诉先办)', () => {
  const problem = (extra: Record<string, unknown> = {}) => newMatter({ kind: 'problem', origin: 'public_opinion', title: '热点：河道垃圾堆积', petitioner: undefined, ...extra });

  it('401 without a session; 400 on bad input, creating nothing', async () => {
    expect((await anon('POST', '/api/matters', problem())).statusCode).toBe(401);
    const before = (await ids(leaderA)).length;
    expect((await leaderA.post('/api/matters', problem({ title: '' }))).statusCode).toBe(400);
    expect((await ids(leaderA)).length).toBe(before);
  });

  it('403 for a leader taking in a demand and for a handler taking in a problem', async () => {
    expect((await leaderA.post('/api/matters', problem({ kind: 'demand' }))).statusCode).toBe(403);
    expect((await handlerA.post('/api/matters', problem())).statusCode).toBe(403);
  });

  it('a leader takes in a problem in their own unit, with its event and audit row', async () => {
    const m = ok(await leaderA.post('/api/matters', problem()), 201);
    expect(m).toMatchObject({ kind: 'problem', status: 'received', intakeUnit: { id: units['青山镇'] } });
    expect(await timeline(k, m.id)).toEqual(['create']);
    expect(await auditActions(t, m.id)).toEqual(['matter.create']);
    const county = ok(await leader.post('/api/matters', problem()), 201);
    expect(county.intakeUnit).toMatchObject({ id: units['示范县'] });
    // An operator still takes in anything.
    ok(await operator.post('/api/matters', problem({ kind: 'demand' })), 201);
  });
});
