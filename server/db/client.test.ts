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
