import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { demoUnitIds } from '../../test/fixtures.ts';
import { currentGeneration } from '../../core/data-generation.ts';

/**
 * People pages are kept for a moment (list-people-cached.ts): served again only while no write
 * happened, whether the write came through this app or from elsewhere (reported by the database).
 */
describe('people pages kept until the next write', () => {
  let t: TestApp;
  let admin: Client;
  let handler: Client;
  let u: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    handler = await login(t.app, 'handler_a');
    u = await demoUnitIds(admin);
  });
  afterAll(async () => t.close());

  const page = async (c: Client) => (await c.get(`/api/people?unitId=${u['青山镇']}&subtree=true&limit=5`)).json().items as { id: string; name: string; post: string | null }[];

  /**
   * Waits until every change the database announced so far has reached this app: notifications
   * arrive in order, so once one sent now has arrived, so have the earlier ones (on PostgreSQL they
   * come over a connection of their own, after the writes that caused them).
   */
  const settle = async () => {
    const before = currentGeneration();
    await t.database.db.execute(sql`select pg_notify('jiceng_changed', 'test')`);
    await expect.poll(() => currentGeneration() > before, { timeout: 10_000 }).toBe(true);
  };

  /** Changes a person's post behind the app's back with the change report switched off (triggers disabled). */
  const changePostUnreported = async (id: string, post: string) => {
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update people set post = ${post} where id = ${id}`);
    });
  };

  it('serves a page again while nothing was written, and reads afresh after a write through the API', async () => {
    await settle();
    const first = await page(handler);
    const target = first[0];
    await changePostUnreported(target.id, '网格员（未报）');
    // Nothing announced the change, so the kept page is served: the cache is really in use.
    expect((await page(handler)).map((p) => p.post)).toEqual(first.map((p) => p.post));
    // Any write answered by this app ends every kept page before its answer leaves.
    const renamed = await admin.patch(`/api/people/${target.id}`, { post: '网格员（改）' });
    expect(renamed.statusCode).toBe(200);
    expect((await page(handler)).find((p) => p.id === target.id)?.post).toBe('网格员（改）');
  });

  it('keeps pages through a citizen\'s submission, which changes no organisation data', async () => {
    await settle();
    const first = await page(handler);
    await changePostUnreported(first[0].id, '网格员（群众提交时）');
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters',
      payload: { description: '村口路灯坏了一个多星期，晚上很黑，请尽快修理。', address: '青山村村口', privacyAccepted: true },
    });
    expect(submitted.statusCode).toBe(201);
    expect((await page(handler)).map((p) => p.post)).toEqual(first.map((p) => p.post));
    // A staff member's write ends them.
    expect((await admin.patch(`/api/people/${first[0].id}`, { post: '网格员' })).statusCode).toBe(200);
    expect((await page(handler))[0].post).toBe('网格员');
  });

  it('reads afresh after a change the database reports from elsewhere (another instance, the CLI, psql)', async () => {
    const first = await page(handler);
    const target = first[0];
    const before = currentGeneration();
    await t.database.db.execute(sql`update people set post = '网格员（外部）' where id = ${target.id}`);
    await expect.poll(() => currentGeneration() > before, { timeout: 10_000 }).toBe(true);
    expect((await handler.get(`/api/people?unitId=${u['青山镇']}&subtree=true&limit=5`)).json().items.find((p: { id: string }) => p.id === target.id).post).toBe('网格员（外部）');
  });

  it('keeps pages per account: a page is never served to another account', async () => {
    const countyPage = (await admin.get(`/api/people?unitId=${u['青山镇']}&subtree=true&limit=5`)).json().items;
    const handlerPage = await page(handler);
    expect(countyPage.map((p: { id: string }) => p.id)).toEqual(handlerPage.map((p) => p.id));
    const other = await login(t.app, 'handler_b');
    const refused = await other.get(`/api/people?unitId=${u['青山镇']}&subtree=true&limit=5`);
    expect(refused.statusCode).toBe(404);
  });
});

describe('people pages with JICENG_READ_CACHE=off', () => {
  it('reads every page afresh', async () => {
    const t = await createTestApp({ config: { readCache: false } });
    try {
      const admin = await login(t.app, 'admin');
      const u = await demoUnitIds(admin);
      const url = `/api/people?unitId=${u['青山镇']}&subtree=true&limit=5`;
      const target = (await admin.get(url)).json().items[0];
      await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update people set post = '网格员（未报）' where id = ${target.id}`);
      });
      expect((await admin.get(url)).json().items.map((p: { post: string }) => p.post)).toContain('网格员（未报）');
    } finally {
      await t.close();
    }
  });
});
