import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestApp, login, testKeys, type Client, type TestApp } from '../../test/harness.ts';
import { demoUnitIds } from '../../test/fixtures.ts';
import { AppError } from '../../core/errors.ts';
import { jobDefinitions } from '../../app.ts';
import { matters } from '../matters/tables.ts';
import { settings } from '../system/tables.ts';
import { closeUnrated } from '../matters/commands/close-unrated.ts';
import { closeUnratedMatters } from './commands/close-unrated-matters.ts';
import { ensureRecurringJobs } from './commands/ensure-recurring-jobs.ts';
import { runDueJobs, systemCtx } from './commands/run-due-jobs.ts';
import type { JobContext, JobRow } from './job-definition.ts';
import { jobs } from './tables.ts';

let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let units: Record<string, string>;
const quiet = { info() {}, warn() {}, error() {} };
const sender = { async send() {} };
const jobCtx = (now: Date): JobContext => ({ ctx: systemCtx(t.database.db, { config: t.config, keys: testKeys }), now, sender, log: quiet, job: {} as JobRow });
const DAY = 86_400_000;

/** A matter replied `daysAgo` days ago. */
async function repliedMatter(daysAgo: number): Promise<string> {
  const m = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: `答复后${daysAgo}天`, description: '路灯不亮。' })).json();
  await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'] });
  await handlerA.post(`/api/matters/${m.id}/accept`, {});
  expect((await handlerA.post(`/api/matters/${m.id}/reply`, { text: '已修复。' })).json().status).toBe('replied');
  await t.database.db.update(matters).set({ repliedAt: new Date(Date.now() - daysAgo * DAY) }).where(eq(matters.id, m.id));
  return m.id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  units = await demoUnitIds(admin);
});
afterAll(async () => t.close());

describe('closing unrated matters', () => {
  it('closes the matters replied longer ago than unrated_close_days (default 7), with the event and audit row of 系统', async () => {
    const old = await repliedMatter(8);
    const recent = await repliedMatter(6);
    expect(await closeUnratedMatters(jobCtx(new Date()), closeUnrated)).toEqual({ closed: 1, skipped: 0 });
    const detail = (await operator.get(`/api/matters/${old}`)).json();
    expect(detail.status).toBe('closed');
    expect(detail.reviewDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(detail.events.at(-1)).toMatchObject({ action: 'close_unrated', fromStatus: 'replied', toStatus: 'closed', actorName: '系统', actorAccountId: null });
    const audit = (await admin.get(`/api/audit?subjectId=${old}&action=matter.close_unrated`)).json().items;
    expect(audit).toHaveLength(1);
    expect((await operator.get(`/api/matters/${recent}`)).json().status).toBe('replied');

    // The setting shortens the wait.
    await t.database.db.insert(settings).values({ key: 'unrated_close_days', value: 5 });
    expect(await closeUnratedMatters(jobCtx(new Date()), closeUnrated)).toEqual({ closed: 1, skipped: 0 });
    expect((await operator.get(`/api/matters/${recent}`)).json().status).toBe('closed');
    expect(await closeUnratedMatters(jobCtx(new Date()), closeUnrated)).toEqual({ closed: 0, skipped: 0 });
  });

  it('skips a matter rated a moment before (409) and reports other failures after closing the rest', async () => {
    const a = await repliedMatter(30);
    const b = await repliedMatter(29);
    const raced = async () => {
      throw new AppError(409, 'INVALID_STATE');
    };
    expect(await closeUnratedMatters(jobCtx(new Date()), raced)).toEqual({ closed: 0, skipped: 2 });
    const closedOne: string[] = [];
    const flaky = async (ctx: JobContext['ctx'], id: string) => {
      if (id === a) throw new Error('disk full');
      closedOne.push(id);
      return closeUnrated(ctx, id);
    };
    await expect(closeUnratedMatters(jobCtx(new Date()), flaky)).rejects.toThrow(`could not close 1 unrated matter(s): ${a}: disk full`);
    expect(closedOne).toEqual([b]);
    const statuses = await t.database.db.select({ id: matters.id, status: matters.status }).from(matters).where(inArray(matters.id, [a, b]));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [a]: 'replied', [b]: 'closed' });
  });

  it('runs every job of the app through the runner, as serve does', async () => {
    const definitions = jobDefinitions();
    const kinds = definitions.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['citizen.prune_idempotency_keys', 'jobs.prune', 'matters.close_unrated', 'notify.deliver_outbound', 'notify.matter_events', 'notify.scan_deadlines']));
    // One handler per kind: a second would never run.
    expect(new Set(kinds).size).toBe(kinds.length);
    const deps = { config: t.config, keys: testKeys, sender, definitions, log: quiet };
    const recurring = definitions.filter((d) => d.everyMs).map((d) => d.kind);
    expect((await ensureRecurringJobs(t.database.db, definitions)).sort()).toEqual([...recurring].sort());
    const outcome = await runDueJobs(t.database.db, deps, { now: new Date(Date.now() + 1_000) });
    expect(outcome).toEqual({ done: recurring.length, retry: 0, failed: 0, lost: 0 });
    const rows = await t.database.db.select().from(jobs);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.kind).sort()).toEqual([...recurring].sort());
    expect((await operator.get(`/api/matters`)).statusCode).toBe(200);
  });
});
