import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase, testConfig, testDbKind } from '../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { jobs } from './tables.ts';
import { enqueueJob } from './commands/enqueue-job.ts';
import { claimDueJobs } from './commands/claim-due-jobs.ts';
import { runDueJobs, type JobRunnerDeps } from './commands/run-due-jobs.ts';
import { ensureRecurringJobs } from './commands/ensure-recurring-jobs.ts';
import { recurringKey, settleJob } from './commands/settle-job.ts';
import { pruneJobs } from './commands/prune-jobs.ts';
import { startJobRunner } from './job-runner.ts';
import { retryDelayMs } from './retry-delay.ts';
import type { JobDefinition } from './job-definition.ts';

let database: Database;
const quiet = { info() {}, warn() {}, error() {} };
const sender = { async send() {} };
const deps = (definitions: JobDefinition[]): JobRunnerDeps => ({ config: testConfig(), sender, definitions, log: quiet });
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());
beforeEach(async () => {
  await database.db.delete(jobs);
});

const rowsOf = (kind: string) => database.db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(jobs.id);

describe('job runner', () => {
  it('enqueues at most one pending or running job per dedupe key', async () => {
    expect(await enqueueJob(database.db, { kind: 'k', dedupeKey: 'once' })).toBeTypeOf('number');
    expect(await enqueueJob(database.db, { kind: 'k', dedupeKey: 'once' })).toBeNull();
    expect(await enqueueJob(database.db, { kind: 'k' })).toBeTypeOf('number');
    expect(await enqueueJob(database.db, { kind: 'k' })).toBeTypeOf('number');
    expect(await rowsOf('k')).toHaveLength(3);
    // Once the keyed job has run, the key is free again.
    const ran: number[] = [];
    await runDueJobs(database.db, deps([{ kind: 'k', run: async ({ job }) => void ran.push(job.id) }]));
    expect(ran).toHaveLength(3);
    expect(await enqueueJob(database.db, { kind: 'k', dedupeKey: 'once' })).toBeTypeOf('number');
  });

  it('claims each due job once when two claims run at the same time (FOR UPDATE SKIP LOCKED)', async () => {
    for (let i = 0; i < 30; i++) await enqueueJob(database.db, { kind: 'c', payload: { i } });
    await enqueueJob(database.db, { kind: 'c', runAt: new Date(Date.now() + 3_600_000) });
    const now = new Date();
    const [a, b] = await Promise.all([claimDueJobs(database.db, { workerId: 'a', limit: 20, now }), claimDueJobs(database.db, { workerId: 'b', limit: 20, now })]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
    expect(a.every((j) => j.lockedBy === 'a' && j.status === 'running' && j.attempts === 1)).toBe(true);
  });

  it('runs every job exactly once with two runners in parallel', async () => {
    for (let i = 0; i < 40; i++) await enqueueJob(database.db, { kind: 'p', payload: { i } });
    const ran: { id: number; worker: string }[] = [];
    const definition: JobDefinition = {
      kind: 'p',
      run: async ({ job }) => {
        ran.push({ id: job.id, worker: job.lockedBy! });
        // Yield so the other runner gets a turn between jobs.
        await new Promise((r) => setImmediate(r));
      },
    };
    const [x, y] = await Promise.all([runDueJobs(database.db, deps([definition]), { workerId: 'x', limit: 5 }), runDueJobs(database.db, deps([definition]), { workerId: 'y', limit: 5 })]);
    expect(x.done + y.done).toBe(40);
    expect(ran).toHaveLength(40);
    expect(new Set(ran.map((r) => r.id)).size).toBe(40);
    expect((await rowsOf('p')).every((j) => j.status === 'done' && j.finishedAt)).toBe(true);
  });

  it.runIf(testDbKind() === 'postgres')('skips a job another transaction has locked, instead of waiting for it', async () => {
    const locked = (await enqueueJob(database.db, { kind: 's' }))!;
    const free = (await enqueueJob(database.db, { kind: 's' }))!;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from jobs where id = ${locked} for update`);
      const claimed = await claimDueJobs(database.db, { workerId: 'w', limit: 10, now: new Date() });
      expect(claimed.map((j) => j.id)).toEqual([free]);
    });
  });

  it('retries a failing job with growing backoff, records the error, and fails it after maxAttempts', async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      kind: 'flaky',
      maxAttempts: 3,
      run: async () => {
        calls++;
        if (calls < 3) throw new Error(`boom ${calls}`);
      },
    };
    const t0 = new Date();
    await enqueueJob(database.db, { kind: 'flaky', runAt: t0 });
    expect(await runDueJobs(database.db, deps([flaky]), { now: t0 })).toMatchObject({ retry: 1, done: 0 });
    let [row] = await rowsOf('flaky');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: boom 1', lockedBy: null });
    expect(row.runAt.getTime()).toBe(t0.getTime() + retryDelayMs(1));
    // Not due before the backoff has passed.
    expect(await runDueJobs(database.db, deps([flaky]), { now: at(t0, 29_000) })).toMatchObject({ retry: 0, done: 0 });
    const t1 = at(t0, 30_000);
    expect(await runDueJobs(database.db, deps([flaky]), { now: t1 })).toMatchObject({ retry: 1 });
    [row] = await rowsOf('flaky');
    expect(row).toMatchObject({ attempts: 2, lastError: 'Error: boom 2' });
    expect(row.runAt.getTime()).toBe(t1.getTime() + retryDelayMs(2));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(await runDueJobs(database.db, deps([flaky]), { now: at(t1, retryDelayMs(2)) })).toMatchObject({ done: 1 });
    [row] = await rowsOf('flaky');
    expect(row).toMatchObject({ status: 'done', attempts: 3, lastError: null });

    const hopeless: JobDefinition = { kind: 'hopeless', maxAttempts: 2, run: async () => Promise.reject(new Error('always')) };
    await enqueueJob(database.db, { kind: 'hopeless', runAt: t0 });
    await runDueJobs(database.db, deps([hopeless]), { now: t0 });
    expect(await runDueJobs(database.db, deps([hopeless]), { now: at(t0, 3_600_000) })).toMatchObject({ failed: 1 });
    expect((await rowsOf('hopeless'))[0]).toMatchObject({ status: 'failed', attempts: 2, lastError: 'Error: always' });
    expect(retryDelayMs(50)).toBe(3_600_000);
  });

  it('records a job of an unknown kind as an error, not a crash', async () => {
    await enqueueJob(database.db, { kind: 'nobody' });
    expect(await runDueJobs(database.db, deps([]))).toMatchObject({ retry: 1 });
    expect((await rowsOf('nobody'))[0].lastError).toContain('no handler for job kind "nobody"');
  });

  it('keeps one row of a recurring job and enqueues its next run when it finishes, even after a failure', async () => {
    let fail = false;
    const scan: JobDefinition = {
      kind: 'scan',
      everyMs: 60_000,
      maxAttempts: 1,
      run: async () => {
        if (fail) throw new Error('scan broke');
      },
    };
    const t0 = new Date();
    expect(await ensureRecurringJobs(database.db, [scan, { kind: 'plain', run: async () => {} }], t0)).toEqual(['scan']);
    expect(await ensureRecurringJobs(database.db, [scan], t0)).toEqual([]);
    expect(await runDueJobs(database.db, deps([scan]), { now: t0 })).toMatchObject({ done: 1 });
    let rows = await rowsOf('scan');
    expect(rows.map((r) => r.status)).toEqual(['done', 'pending']);
    expect(rows[1]).toMatchObject({ dedupeKey: recurringKey('scan') });
    expect(rows[1].runAt.getTime()).toBe(t0.getTime() + 60_000);
    // Not due again within the minute.
    expect(await runDueJobs(database.db, deps([scan]), { now: at(t0, 59_000) })).toMatchObject({ done: 0 });
    fail = true;
    expect(await runDueJobs(database.db, deps([scan]), { now: at(t0, 60_000) })).toMatchObject({ failed: 1 });
    rows = await rowsOf('scan');
    expect(rows.map((r) => r.status)).toEqual(['done', 'failed', 'pending']);
  });

  it('takes back a job left running by a worker that stopped, and the late worker cannot settle it', async () => {
    const t0 = new Date();
    await enqueueJob(database.db, { kind: 'stuck', runAt: t0 });
    const [orphan] = await claimDueJobs(database.db, { workerId: 'dead', limit: 1, now: t0 });
    const ran: string[] = [];
    const def: JobDefinition = { kind: 'stuck', run: async ({ job }) => void ran.push(job.lockedBy!) };
    expect(await runDueJobs(database.db, deps([def]), { now: at(t0, 60_000), workerId: 'live' })).toMatchObject({ done: 0 });
    expect(await runDueJobs(database.db, deps([def]), { now: at(t0, 6 * 60_000), workerId: 'live' })).toMatchObject({ done: 1 });
    expect(ran).toEqual(['live']);
    expect(await settleJob(database.db, orphan, def, {}, { workerId: 'dead', now: at(t0, 7 * 60_000) })).toBe('lost');
    expect((await rowsOf('stuck'))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('starts a runner that runs due jobs at once and stops without cutting a pass short', async () => {
    let finished = false;
    await enqueueJob(database.db, { kind: 'slow' });
    const runner = startJobRunner(
      database.db,
      deps([
        {
          kind: 'slow',
          run: async () => {
            await new Promise((r) => setImmediate(r));
            finished = true;
          },
        },
        { kind: 'tick', everyMs: 3_600_000, run: async () => {} },
      ]),
      { intervalMs: 3_600_000 },
    );
    await runner.stop();
    expect(finished).toBe(true);
    expect((await rowsOf('tick')).map((r) => r.status)).toEqual(['done', 'pending']);
  });

  it('prunes finished rows: done after 7 days, failed after 30', async () => {
    const now = new Date();
    const old = (days: number) => new Date(now.getTime() - days * 86_400_000);
    await database.db.insert(jobs).values([
      { kind: 'old', status: 'done', finishedAt: old(8) },
      { kind: 'old', status: 'done', finishedAt: old(6) },
      { kind: 'old', status: 'failed', finishedAt: old(8) },
      { kind: 'old', status: 'failed', finishedAt: old(31) },
      { kind: 'old', status: 'pending', runAt: old(40) },
    ]);
    expect(await pruneJobs(database.db, now)).toBe(2);
    expect((await rowsOf('old')).map((r) => r.status)).toEqual(['done', 'failed', 'pending']);
  });
});
