import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { demoUnitIds } from '../../test/fixtures.ts';
import { settings } from '../system/tables.ts';
import { matters, matterSearchBigrams } from './tables.ts';
import { dispatched, inProgress, ok, received, type Kit } from './matters-test-kit.ts';

// The inbox views (GET /api/matters?queue=…) and filters: who sees what, the flags and abilities
// each item carries, and keyset pages that hold under a filter.

let t: TestApp;
let k: Kit;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let units: Record<string, string>;

type Item = { id: string; isOverdue: boolean; isBacklog: boolean; can: Record<string, boolean>; unitName: string | null };
const list = async (c: Client, query: string): Promise<Item[]> => {
  const res = await c.get(`/api/matters?limit=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Item[];
};
const ids = async (c: Client, query: string) => (await list(c, query)).map((i) => i.id);
/** Every id of a view, page by page (`limit` each) along its cursors. */
const pagedIds = async (c: Client, query: string, limit: number): Promise<string[]> => {
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.get(`/api/matters?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    paged.push(...(res.json().items as Item[]).map((i) => i.id));
    cursor = res.json().nextCursor;
  } while (cursor);
  return paged;
};
const setRow = (id: string, values: Partial<typeof matters.$inferInsert>) => t.database.db.update(matters).set(values).where(eq(matters.id, id));
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  units = await demoUnitIds(admin);
  k = { t, operator, handlerA, units };
});
afterAll(async () => t.close());

describe('inbox views and filters', () => {
  it('401 without a session; 400 on bad parameters', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/matters' })).statusCode).toBe(401);
    for (const q of ['queue=mine', 'status=open', 'origin=fax', 'createdFrom=2025-02-30', 'unitId=x', 'limit=0', `q=${'字'.repeat(101)}`, 'colour=red', 'overdue=yes']) {
      expect((await operator.get(`/api/matters?${q}`)).statusCode, q).toBe(400);
    }
    const order = await operator.get('/api/matters?createdFrom=2025-03-02&createdTo=2025-03-01');
    expect(order.statusCode).toBe(400);
    expect(order.json().error.fields.createdTo).toBeTruthy();
  });

  it('intake (new and returned), to_accept and in_progress, each for the side that acts on it, with its abilities', async () => {
    const fresh = await received(k);
    const back = await dispatched(k);
    ok(await handlerA.post(`/api/matters/${back.id}/return`, { reason: '非本镇事项' }));
    const waiting = await dispatched(k);
    const working = await inProgress(k);
    const intake = await list(operator, 'queue=intake');
    expect(intake.map((i) => i.id)).toEqual(expect.arrayContaining([fresh.id, back.id]));
    expect(intake.map((i) => i.id)).not.toContain(waiting.id);
    expect(intake.find((i) => i.id === back.id)).toMatchObject({ returnCount: 1, can: { dispatch: true } });
    expect(intake.find((i) => i.id === back.id)?.can).not.toHaveProperty('accept');
    expect(await list(handlerA, 'queue=intake')).toEqual([]);
    const toAccept = await list(handlerA, 'queue=to_accept');
    expect(toAccept.map((i) => i.id)).toContain(waiting.id);
    expect(toAccept.map((i) => i.id)).not.toContain(working.id);
    expect(toAccept.find((i) => i.id === waiting.id)).toMatchObject({ unitName: '青山镇', can: { accept: true } });
    const granted = Object.keys(toAccept.find((i) => i.id === waiting.id)?.can ?? {});
    expect(granted).not.toContain('dispatch');
    expect(granted).not.toContain('reassign');
    expect(await ids(handlerA, 'queue=in_progress')).toContain(working.id);
    expect(await ids(handlerB, 'queue=to_accept')).not.toContain(waiting.id);
    // The operator sees the same matter with the intake office's abilities.
    // A list item names only the abilities granted.
    const waitingCan = (await list(operator, 'status=dispatched')).find((i) => i.id === waiting.id)?.can;
    expect(waitingCan).toMatchObject({ reassign: true, add_contact: true });
    expect(waitingCan).not.toHaveProperty('accept');
    expect(Object.values(waitingCan ?? {}).every((v) => v === true)).toBe(true);
  });

  it('due soon and overdue', async () => {
    const soon = await inProgress(k);
    const later = await inProgress(k);
    const late = await inProgress(k);
    await setRow(soon.id, { resolveBy: new Date(Date.now() + 2 * HOUR) });
    await setRow(later.id, { resolveBy: new Date(Date.now() + 72 * HOUR) });
    await setRow(late.id, { resolveBy: new Date(Date.now() - HOUR) });
    const dueSoon = await ids(handlerA, 'queue=due_soon');
    expect(dueSoon).toContain(soon.id);
    expect(dueSoon).not.toContain(later.id);
    expect(dueSoon).not.toContain(late.id);
    const overdue = await list(handlerA, 'queue=overdue');
    expect(overdue.map((i) => i.id)).toEqual([late.id]);
    expect(overdue[0].isOverdue).toBe(true);
    expect(await ids(handlerA, 'overdue=true')).toEqual([late.id]);
    expect(await ids(handlerA, 'overdue=false')).not.toContain(late.id);
  });

  it('overdue matters come in the order their deadline passed, and page by it', async () => {
    // A dispatched matter is late by its response deadline even while the resolution one is ahead.
    const byResponse = await dispatched(k, '青山镇');
    await setRow(byResponse.id, { respondBy: new Date(Date.now() - 30 * HOUR), resolveBy: new Date(Date.now() + 100 * HOUR) });
    const late1 = await inProgress(k);
    await setRow(late1.id, { resolveBy: new Date(Date.now() - 2 * HOUR) });
    const late3 = await inProgress(k);
    await setRow(late3.id, { resolveBy: new Date(Date.now() - 50 * HOUR) });
    // In progress: the response deadline no longer applies.
    const answered = await inProgress(k);
    await setRow(answered.id, { respondBy: new Date(Date.now() - 90 * HOUR), resolveBy: new Date(Date.now() + 5 * HOUR) });
    const mine = [byResponse.id, late1.id, late3.id];
    const view = (await ids(handlerA, 'queue=overdue')).filter((id) => mine.includes(id) || id === answered.id);
    expect(view).toEqual([late3.id, byResponse.id, late1.id]);
    expect((await ids(handlerA, 'overdue=true')).filter((id) => mine.includes(id))).toEqual([late3.id, byResponse.id, late1.id]);
    const all = await ids(handlerA, 'queue=overdue');
    expect(await pagedIds(handlerA, 'queue=overdue', 1)).toEqual(all);
    for (const id of all) expect((await list(handlerA, 'queue=overdue')).find((i) => i.id === id)?.isOverdue).toBe(true);
    // Due soon: the soonest first; a matter already late on its response deadline is overdue, not due soon.
    const in20 = await inProgress(k);
    await setRow(in20.id, { resolveBy: new Date(Date.now() + 20 * HOUR) });
    const in3 = await dispatched(k, '青山镇');
    await setRow(in3.id, { respondBy: new Date(Date.now() + 3 * HOUR), resolveBy: new Date(Date.now() + 200 * HOUR) });
    const soon = await ids(handlerA, 'queue=due_soon');
    expect(soon.filter((id) => [in20.id, in3.id, byResponse.id].includes(id))).toEqual([in3.id, in20.id]);
  });

  it('backlog (积案): open longer than backlog_days (default 60), flagged in lists and detail', async () => {
    const old = await inProgress(k);
    const younger = await inProgress(k);
    await setRow(old.id, { createdAt: new Date(Date.now() - 61 * 24 * HOUR) });
    await setRow(younger.id, { createdAt: new Date(Date.now() - 59 * 24 * HOUR) });
    const backlog = await list(handlerA, 'queue=backlog');
    expect(backlog.map((i) => i.id)).toEqual([old.id]);
    expect(backlog[0].isBacklog).toBe(true);
    expect(ok(await handlerA.get(`/api/matters/${old.id}`)).isBacklog).toBe(true);
    expect(ok(await handlerA.get(`/api/matters/${younger.id}`)).isBacklog).toBe(false);
    await t.database.db.insert(settings).values({ key: 'backlog_days', value: 30 });
    expect((await ids(handlerA, 'queue=backlog')).sort()).toEqual([old.id, younger.id].sort());
    await t.database.db.delete(settings).where(eq(settings.key, 'backlog_days'));
  });

  it('filters by status, kind, origin, category, unit subtree, dates and words', async () => {
    const category = ((await admin.get('/api/categories')).json().items as { id: string; isUsable: boolean }[]).find((c) => c.isUsable)!.id;
    const letter = await received(k, { origin: 'letter', kind: 'problem', categoryId: category, title: '河口村渡口码头破损', description: '码头台阶破损，群众上下船有危险。' });
    const village = await dispatched(k, '青山村', { title: '青山村水渠堵塞' });
    const elsewhere = await dispatched(k, '河口乡');
    expect(await ids(operator, 'origin=letter')).toEqual([letter.id]);
    expect(await ids(operator, 'kind=problem')).toEqual([letter.id]);
    expect(await ids(operator, `categoryId=${category}`)).toEqual([letter.id]);
    expect(await ids(operator, `unitId=${units['青山镇']}`)).toContain(village.id);
    expect(await ids(operator, `unitId=${units['青山镇']}`)).not.toContain(elsewhere.id);
    expect(await ids(operator, `unitId=${units['河口乡']}&status=dispatched`)).toEqual([elsewhere.id]);
    expect(await ids(operator, `unitId=${letter.id}`)).toEqual([]);
    // Words: every one must occur (title, description or code); a code is found as typed.
    expect(await ids(operator, `q=${encodeURIComponent('码头 危险')}`)).toEqual([letter.id]);
    expect(await ids(operator, `q=${encodeURIComponent('码头破损')}`)).toEqual([letter.id]);
    expect(await ids(operator, `q=${encodeURIComponent('码头 路灯')}`)).toEqual([]);
    expect(await ids(operator, `q=${letter.code}`)).toEqual([letter.id]);
    expect(await ids(operator, `q=${encodeURIComponent('100%')}`)).toEqual([]);
    // Dates are China calendar days: 00:30 on 15 March in China is 16:30 UTC on the 14th.
    await setRow(village.id, { createdAt: new Date('2024-03-14T16:30:00Z') });
    expect(await ids(operator, 'createdFrom=2024-03-15&createdTo=2024-03-15')).toEqual([village.id]);
    expect(await ids(operator, 'createdTo=2024-03-14')).toEqual([]);
    expect(await ids(operator, 'createdFrom=2024-03-16&createdTo=2024-12-31')).toEqual([]);
  });

  it('search: the word index narrows, ILIKE decides — absent, rare, mixed scripts, one character, any case', async () => {
    const canal = await received(k, { title: '东坡村渡槽漏水WiFi信号差', description: '渡槽年久失修，村委会的无线网络也时断时续。' });
    const pond = await received(k, { title: '西坡村鱼塘', description: '鱼塘边护栏缺失，存在安全隐患，护栏编号 QWE 和 WER。' });
    const q = (words: string) => ids(operator, `q=${encodeURIComponent(words)}`);
    // A word in no matter finds none, alone or beside words that are there.
    expect(await q('潜水艇')).toEqual([]);
    expect(await q('渡槽 潜水艇')).toEqual([]);
    // A word in the title only, in the description only, and both.
    expect(await q('东坡村')).toEqual([canal.id]);
    expect(await q('无线网络')).toEqual([canal.id]);
    expect(await q('渡槽 无线网络')).toEqual([canal.id]);
    // Every piece of a word there (qw, we, er in QWE and WER), the word itself not: ILIKE still says no.
    expect(await q('qwer')).toEqual([]);
    expect(await q('qwe')).toEqual([pond.id]);
    // Chinese and ASCII in one search, and ASCII in any case.
    expect(await q('WiFi信号')).toEqual([canal.id]);
    expect(await q('wifi')).toEqual([canal.id]);
    expect(await q('WIFI 渡槽')).toEqual([canal.id]);
    // One character has no pieces to look up: ILIKE alone, in the title or the description.
    expect(await q('塘')).toEqual([pond.id]);
    expect(await q('鱼塘 栏')).toEqual([pond.id]);
    // A code as typed, in lower case too.
    expect(await q(pond.code.toLowerCase())).toEqual([pond.id]);
  });

  it('search: the query spells the expression of matters_search_bigrams_idx, so the index can answer it', async () => {
    // With sequential scans off, a statement whose expression differed from the index's (a change
    // on one side only) would have no index to use and show a Seq Scan.
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(sql`explain select id from matters where ${matterSearchBigrams} @> jiceng_bigrams(${'渡槽'})`);
    });
    const text = (plan as unknown as { rows: Record<string, string>[] }).rows.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toContain('matters_search_bigrams_idx');
  });

  it('pages a view by (created_at, id) without gaps or repeats', async () => {
    for (let i = 0; i < 3; i++) await received(k);
    const all = await ids(operator, 'queue=intake');
    expect(await pagedIds(operator, 'queue=intake', 2)).toEqual(all);
    expect((await operator.get('/api/matters?cursor=garbage')).statusCode).toBe(400);
  });

  it('reviews due come longest-waiting first, page by (review date, id), and refuse a cursor of another view', async () => {
    const due = ['2024-05-03', '2024-05-01', '2024-05-02', '2024-05-01'];
    const made: { id: string; on: string }[] = [];
    for (const on of due) {
      const m = await dispatched(k, '青山镇');
      await setRow(m.id, { status: 'closed', closedAt: new Date('2024-04-01T00:00:00Z'), reviewDueOn: on });
      made.push({ id: m.id, on });
    }
    // Closed, but its review falls due in the future: not in the view.
    const later = await dispatched(k, '青山镇');
    await setRow(later.id, { status: 'closed', closedAt: new Date(), reviewDueOn: '2999-01-01' });
    const expected = [...made].sort((a, b) => a.on.localeCompare(b.on) || a.id.localeCompare(b.id)).map((m) => m.id);
    const all = await ids(handlerA, 'queue=reviews_due');
    expect(all.filter((id) => made.some((m) => m.id === id))).toEqual(expected);
    expect(all).not.toContain(later.id);
    expect(await pagedIds(handlerA, 'queue=reviews_due', 1)).toEqual(all);
    const firstPage = (await handlerA.get('/api/matters?queue=reviews_due&limit=1')).json();
    const other = await handlerA.get(`/api/matters?limit=1&cursor=${firstPage.nextCursor}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields.cursor).toBeTruthy();
  });
});
