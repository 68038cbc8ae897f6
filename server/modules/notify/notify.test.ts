import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { createTestApp, login, testKeys, type Client, type TestApp } from '../../test/harness.ts';
import { demoUnitIds } from '../../test/fixtures.ts';
import { systemCtx } from '../jobs/commands/run-due-jobs.ts';
import type { JobContext, JobRow } from '../jobs/job-definition.ts';
import { matterEvents, matters } from '../matters/tables.ts';
import { notifications, outboundMessages } from './tables.ts';
import { notifyMatterEvents, EVENT_SETTLE_MS } from './commands/notify-matter-events.ts';
import { scanDeadlines } from './commands/scan-deadlines.ts';
import { deliverOutboundMessages, MAX_OUTBOUND_ATTEMPTS } from './commands/deliver-outbound-messages.ts';
import { queueOutboundMessage } from './commands/queue-outbound-message.ts';
import { notifyAccounts } from './commands/notify-accounts.ts';
import { createLogSender, createSender, maskRecipient, type Sender } from './sender.ts';

let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let units: Record<string, string>;
let accountIds: Record<string, string>;
const quiet = { info() {}, warn() {}, error() {} };
const sent: { channel: string; recipient: string; body: string }[] = [];
const capture: Sender = { send: async (channel, recipient, body) => void sent.push({ channel, recipient, body }) };

/** The context a job handler gets, at a chosen time. */
const jobCtx = (now: Date, sender: Sender = capture): JobContext => ({ ctx: systemCtx(t.database.db, { config: t.config, keys: testKeys }), now, sender, log: quiet, job: {} as JobRow });
/** A time at which every event written so far has settled. */
const settled = () => new Date(Date.now() + EVENT_SETTLE_MS + 1_000);

const notificationsOf = (username: string) =>
  t.database.db.select().from(notifications).where(eq(notifications.accountId, accountIds[username])).orderBy(desc(notifications.id));

async function newMatter(extra: Record<string, unknown> = {}) {
  const res = await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '青山村路灯不亮', description: '村口路灯一周未亮。', petitioner: { name: '王建国', phone: '13812345678' }, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  units = await demoUnitIds(admin);
  const accounts = (await admin.get('/api/accounts?limit=200')).json().items as { id: string; username: string }[];
  accountIds = Object.fromEntries(accounts.map((a) => [a.username, a.id]));
  // Start the event cursor after the demo's own history.
  await notifyMatterEvents(jobCtx(settled()));
});
afterAll(async () => t.close());

describe('notifications from matter events', () => {
  it('tells the new unit of a dispatch, the intake office of a return, the unit of a reopen, and texts the petitioner on a reply', async () => {
    const m = await newMatter();
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
    const r1 = await notifyMatterEvents(jobCtx(settled()));
    expect(r1.notified).toBe(1);
    const [dispatched] = await notificationsOf('handler_a');
    expect(dispatched).toMatchObject({ kind: 'dispatched', matterId: m.id, title: '青山村路灯不亮', dedupeKey: expect.stringMatching(/^event:\d+$/) });
    expect(dispatched.body).toContain(m.code);
    expect(await notificationsOf('handler_b')).toEqual([]);
    // Run again: nothing new.
    expect(await notifyMatterEvents(jobCtx(settled()))).toMatchObject({ events: 0, notified: 0 });

    await handlerA.post(`/api/matters/${m.id}/accept`, {});
    await handlerA.post(`/api/matters/${m.id}/reply`, { text: '已更换灯泡。' });
    expect(await notifyMatterEvents(jobCtx(settled()))).toMatchObject({ sms: 1, notified: 0 });
    const [queued] = await t.database.db.select().from(outboundMessages).orderBy(desc(outboundMessages.id)).limit(1);
    expect(queued).toMatchObject({ channel: 'sms', status: 'pending', body: { template: 'matter_replied', code: m.code } });
    expect(queued.recipientEnc).not.toContain('13812345678');
    sent.length = 0;
    expect(await deliverOutboundMessages(jobCtx(new Date()))).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual([{ channel: 'sms', recipient: '13812345678', body: expect.stringContaining(m.code) }]);
    const [delivered] = await t.database.db.select().from(outboundMessages).where(eq(outboundMessages.id, queued.id));
    expect(delivered).toMatchObject({ status: 'sent', attempts: 1 });

    await operator.post(`/api/matters/${m.id}/rate`, { rating: 'unsatisfied', note: '只修好一盏' });
    await notifyMatterEvents(jobCtx(settled()));
    expect((await notificationsOf('handler_a'))[0]).toMatchObject({ kind: 'reopened', matterId: m.id });

    const back = await newMatter({ title: '河口乡垃圾清运' });
    await operator.post(`/api/matters/${back.id}/dispatch`, { unitId: units['河口乡'] });
    await handlerB.post(`/api/matters/${back.id}/return`, { reason: '不属本乡管辖' });
    await notifyMatterEvents(jobCtx(settled()));
    expect((await notificationsOf('handler_b'))[0]).toMatchObject({ kind: 'dispatched', matterId: back.id });
    const [returned] = await notificationsOf('operator');
    expect(returned).toMatchObject({ kind: 'returned', matterId: back.id });
    expect(returned.body).toContain('不属本乡管辖');
  });

  it('leaves events younger than the settle time for the next run', async () => {
    const m = await newMatter({ title: '新近事项' });
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
    expect(await notifyMatterEvents(jobCtx(new Date()))).toMatchObject({ events: 0 });
    expect(await notifyMatterEvents(jobCtx(settled()))).toMatchObject({ events: 2, notified: 1 });
  });

  it('tells the superior unit of an escalation and the unit of a relapse, never the one who acted', async () => {
    const m = await newMatter({ title: '根子在上面' });
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
    await notifyMatterEvents(jobCtx(settled()));
    // The escalation and review commands belong to the matters module; their events are what this job reads.
    await t.database.db.insert(matterEvents).values([
      { matterId: m.id, actorAccountId: accountIds.handler_a, actorName: '青山镇承办人', action: 'escalate', fromStatus: 'dispatched', toStatus: 'dispatched', note: '需县级协调', data: { toUnitId: units['示范县'] } },
      { matterId: m.id, actorAccountId: accountIds.leader, actorName: '县委副书记', action: 'escalate', fromStatus: 'dispatched', toStatus: 'dispatched', data: { toUnitId: units['示范县'] } },
      { matterId: m.id, actorAccountId: null, actorName: '系统', action: 'review_relapsed', fromStatus: 'closed', toStatus: 'in_progress' },
    ]);
    expect(await notifyMatterEvents(jobCtx(settled()))).toMatchObject({ events: 3, notified: 2 });
    const leaderNotes = await notificationsOf('leader');
    expect(leaderNotes.map((n) => n.kind)).toEqual(['escalated']);
    expect(leaderNotes[0].body).toContain('需县级协调');
    expect((await notificationsOf('handler_a'))[0]).toMatchObject({ kind: 'relapsed', matterId: m.id });
  });
});

describe('deadline scan', () => {
  /** This matter's deadline notices, newest first (other matters of the file have deadlines too). */
  const deadlineNotices = async (username: string, matterId: string) =>
    (await notificationsOf(username)).filter((n) => n.matterId === matterId && (n.kind === 'due_soon' || n.kind === 'overdue')).map((n) => n.dedupeKey);

  it('tells the unit once when a deadline is due within 24 hours and once when it has passed', async () => {
    const m = await newMatter({ title: '时限测试' });
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['河口乡'] });
    const t0 = new Date();
    // Far deadlines: nothing to tell.
    await t.database.db.update(matters).set({ respondBy: new Date(t0.getTime() + 3 * 86_400_000), resolveBy: new Date(t0.getTime() + 10 * 86_400_000) }).where(eq(matters.id, m.id));
    await scanDeadlines(jobCtx(t0));
    expect(await deadlineNotices('handler_b', m.id)).toEqual([]);

    // The response deadline is moved within a day (as a dispatch of an urgent matter would set it).
    const respondBy = new Date(t0.getTime() + 2 * 3_600_000);
    await t.database.db.update(matters).set({ respondBy, updatedAt: new Date(t0.getTime() + 1_000) }).where(eq(matters.id, m.id));
    const t1 = new Date(t0.getTime() + 60_000);
    await scanDeadlines(jobCtx(t1));
    const soon = `due_soon:respond:${m.id}:${respondBy.toISOString()}`;
    expect(await deadlineNotices('handler_b', m.id)).toEqual([soon]);
    expect((await notificationsOf('handler_b'))[0]).toMatchObject({ kind: 'due_soon', title: '时限测试', body: expect.stringContaining('24 小时内到期') });
    await scanDeadlines(jobCtx(new Date(t1.getTime() + 60_000)));
    expect(await deadlineNotices('handler_b', m.id)).toEqual([soon]);

    // Two hours later the deadline has passed: one overdue notice, and no more on the next runs.
    const t2 = new Date(respondBy.getTime() + 30_000);
    await scanDeadlines(jobCtx(t2));
    const late = `overdue:respond:${m.id}:${respondBy.toISOString()}`;
    expect(await deadlineNotices('handler_b', m.id)).toEqual([late, soon]);
    await scanDeadlines(jobCtx(new Date(t2.getTime() + 60_000)));
    expect(await deadlineNotices('handler_b', m.id)).toEqual([late, soon]);
    // 青山镇 hears nothing of 河口乡's matter.
    expect(await deadlineNotices('handler_a', m.id)).toEqual([]);

    // The resolution deadline comes within a day by the passing of time alone (the matter does not change).
    const resolveBy = new Date(t2.getTime() + 86_400_000 + 150_000);
    await t.database.db.update(matters).set({ resolveBy, updatedAt: t0 }).where(eq(matters.id, m.id));
    await scanDeadlines(jobCtx(new Date(t2.getTime() + 120_000)));
    expect(await deadlineNotices('handler_b', m.id)).toEqual([late, soon]);
    await scanDeadlines(jobCtx(new Date(t2.getTime() + 180_000)));
    expect(await deadlineNotices('handler_b', m.id)).toEqual([`due_soon:resolve:${m.id}:${resolveBy.toISOString()}`, late, soon]);
  });

  it('tells the intake office when a matter in no unit runs late', async () => {
    const m = await newMatter({ title: '退回后超期' });
    const t0 = new Date(Date.now() + 10 * 86_400_000);
    await scanDeadlines(jobCtx(t0));
    await t.database.db.update(matters).set({ respondBy: new Date(t0.getTime() + 30_000) }).where(eq(matters.id, m.id));
    await scanDeadlines(jobCtx(new Date(t0.getTime() + 60_000)));
    expect(await deadlineNotices('operator', m.id)).toEqual([`overdue:respond:${m.id}:${new Date(t0.getTime() + 30_000).toISOString()}`]);
  });
});

describe('outbound messages', () => {
  it('retries a message the sender refuses and marks it failed after the last attempt', async () => {
    const id = await t.database.db.transaction((tx) => queueOutboundMessage(tx, testKeys, { channel: 'sms', recipient: '13900001111', body: { template: 'matter_replied', code: 'JC-TEST' } }));
    const down: Sender = { send: async () => Promise.reject(new Error('gateway down')) };
    for (let i = 1; i <= MAX_OUTBOUND_ATTEMPTS; i++) {
      const r = await deliverOutboundMessages(jobCtx(new Date(), down));
      expect(r.failed).toBe(i === MAX_OUTBOUND_ATTEMPTS ? 1 : 0);
    }
    const [row] = await t.database.db.select().from(outboundMessages).where(eq(outboundMessages.id, id));
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_OUTBOUND_ATTEMPTS, lastError: 'gateway down' });
  });

  it('fails at once a message whose recipient was moved from another row', async () => {
    const a = await t.database.db.transaction((tx) => queueOutboundMessage(tx, testKeys, { channel: 'sms', recipient: '13900002222', body: {} }));
    const b = await t.database.db.transaction((tx) => queueOutboundMessage(tx, testKeys, { channel: 'sms', recipient: '13900003333', body: {} }));
    const [rowA] = await t.database.db.select().from(outboundMessages).where(eq(outboundMessages.id, a));
    await t.database.db.update(outboundMessages).set({ recipientEnc: rowA.recipientEnc }).where(eq(outboundMessages.id, b));
    sent.length = 0;
    expect(await deliverOutboundMessages(jobCtx(new Date()))).toEqual({ sent: 1, failed: 1 });
    expect(sent.map((s) => s.recipient)).toEqual(['13900002222']);
  });

  it('logs with the log driver, recipient masked, and sends nothing; an unknown driver stops the start', async () => {
    const lines: { obj: Record<string, unknown>; msg?: string }[] = [];
    const log = { info: (obj: object, msg?: string) => void lines.push({ obj: obj as Record<string, unknown>, msg }), warn() {}, error() {} };
    await createSender(undefined, log).send('sms', '13812345678', '您的事项已答复');
    await createLogSender(log).send('webhook', 'https://hooks.example.org/secret/path?token=x', '{}');
    expect(lines.map((l) => l.obj.recipient)).toEqual(['138****5678', 'https://hooks.example.org']);
    expect(JSON.stringify(lines)).not.toContain('13812345678');
    expect(JSON.stringify(lines)).not.toContain('您的事项已答复');
    expect(maskRecipient('webhook', 'not a url')).toBe('****');
    expect(() => createSender('smsgw', log)).toThrow(/JICENG_SENDER must be one of log/);
  });
});

describe('notifications API', () => {
  it('refuses without a session (401) and bad input (400)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count' })).statusCode).toBe(401);
    expect((await handlerA.post('/api/notifications/abc/read')).statusCode).toBe(400);
    expect((await handlerA.get('/api/notifications?limit=0')).statusCode).toBe(400);
    expect((await handlerA.get('/api/notifications?cursor=bad')).statusCode).toBe(400);
  });

  it('lists my notifications newest first with keyset pages, counts unread, marks read; another’s is 404', async () => {
    await t.database.db.delete(notifications).where(eq(notifications.accountId, accountIds.handler_a));
    for (const n of [1, 2, 3]) await notifyAccounts(t.database.db, [accountIds.handler_a], { kind: 'overdue', matterId: null, title: `事项${n}`, dedupeKey: `test:${n}` });
    await notifyAccounts(t.database.db, [accountIds.handler_b], { kind: 'overdue', matterId: null, title: '别人的', dedupeKey: 'test:b' });
    const [others] = await notificationsOf('handler_b');

    expect((await handlerA.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });
    const page1 = (await handlerA.get('/api/notifications?limit=2', { 'accept-language': 'en-US' })).json();
    expect(page1.items.map((n: { title: string }) => n.title)).toEqual(['事项3', '事项2']);
    expect(page1.items[0]).toMatchObject({ kind: 'overdue', kindLabel: 'overdue', readAt: null });
    const page2 = (await handlerA.get(`/api/notifications?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toMatchObject({ items: [{ title: '事项1', kindLabel: '已超期' }], nextCursor: null });

    const read = await handlerA.post(`/api/notifications/${page1.items[0].id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBeTruthy();
    expect((await handlerA.post(`/api/notifications/${page1.items[0].id}/read`)).json().readAt).toBe(read.json().readAt);
    expect((await handlerA.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    expect((await handlerA.get('/api/notifications?unread=true')).json().items).toHaveLength(2);

    const theft = await handlerA.post(`/api/notifications/${others.id}/read`);
    expect(theft.statusCode).toBe(404);
    expect(theft.json().error.code).toBe('NOT_FOUND');
    expect((await handlerA.post('/api/notifications/999999999/read')).statusCode).toBe(404);
    expect((await handlerA.post('/api/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await handlerA.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    // Nothing of handler_b's changed.
    expect((await handlerB.get('/api/notifications/unread-count')).json().count).toBeGreaterThan(0);
    const [stillOthers] = await t.database.db.select().from(notifications).where(eq(notifications.id, others.id));
    expect(stillOthers.readAt).toBeNull();
  });
});
