import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDbKind } from '../test/harness.ts';
import { openDatabase, queryRows, type Database } from './client.ts';

// The two pools on PostgreSQL: ordinary queries are planned with their values (the inbox needs
// that for its prefix and partial indexes), named hot-path statements always take the generic plan.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('queryRows', () => {
  it('answers the same rows with and without a prepared name', async () => {
    const q = sql`select n from generate_series(1, 3) n where n >= ${2} order by n`;
    expect(await queryRows<{ n: number }>(database.db, q)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(await queryRows<{ n: number }>(database.db, q, { prepare: 'client_test' })).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it.skipIf(testDbKind() !== 'postgres')('plans ordinary queries with their values, and named statements generically', async () => {
    const mode = sql`select current_setting('plan_cache_mode') as mode`;
    expect((await queryRows<{ mode: string }>(database.db, mode))[0].mode).toBe('auto');
    expect((await queryRows<{ mode: string }>(database.db, mode, { prepare: 'client_test_mode' }))[0].mode).toBe('force_generic_plan');
  });
});

describe('prepared statements on one connection', () => {
  it.skipIf(testDbKind() !== 'postgres')('stay within the limit, and one deallocated is prepared again when used', async () => {
    // The test database's URL, on pools of its own with a limit of 3 statements per connection.
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const [{ db: name }] = await queryRows<{ db: string }>(database.db, sql`select current_database() as db`);
    url.pathname = `/${name}`;
    const small = await openDatabase({ databaseUrl: url.toString(), poolSize: 1, preparedLimit: 3 });
    try {
      const statement = (i: number) => sql`select ${sql.raw(String(i))}::int + ${1} as n`;
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 8; i++) expect(await queryRows<{ n: number }>(small.db, statement(i), { prepare: 'client_test_lru' })).toEqual([{ n: i + 1 }]);
      }
      const counts = await Promise.all(
        [0, 1].map(() => queryRows<{ n: number }>(small.db, sql`select count(*)::int as n from pg_prepared_statements`, { prepare: 'client_test_count' })),
      );
      // The count includes the counting statement itself, which is prepared before the oldest goes.
      for (const [{ n }] of counts) expect(n).toBeLessThanOrEqual(4);
    } finally {
      await small.close();
    }
  });
});

describe('listen', () => {
  it('calls back for each notification on its channel, until stopped', async () => {
    const heard: number[] = [];
    const stop = await database.listen('client_test_channel', () => heard.push(heard.length));
    await database.db.execute(sql`select pg_notify('client_test_channel', 'a')`);
    await database.db.execute(sql`select pg_notify('client_test_other', 'b')`);
    await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(1);
    await stop();
    await database.db.execute(sql`select pg_notify('client_test_channel', 'c')`);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.length).toBe(1);
  });

  it.skipIf(testDbKind() !== 'postgres')('reconnects after losing its connection, calling back once for what it may have missed', async () => {
    let heard = 0;
    const stop = await database.listen('client_test_reconnect', () => heard++);
    try {
      const listener = sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%client_test_reconnect%'`;
      const [{ pid }] = await queryRows<{ pid: number }>(database.db, listener);
      await database.db.execute(sql`select pg_terminate_backend(${pid})`);
      // Back within about a second (RELISTEN_AFTER_MS), announcing that notifications may have been missed.
      await expect.poll(() => heard, { timeout: 15_000 }).toBe(1);
      await expect.poll(async () => (await queryRows<{ pid: number }>(database.db, listener)).length, { timeout: 15_000 }).toBe(1);
      await database.db.execute(sql`select pg_notify('client_test_reconnect', 'after')`);
      await expect.poll(() => heard, { timeout: 10_000 }).toBe(2);
    } finally {
      await stop();
    }
  });
});
