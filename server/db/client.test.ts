import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDbKind } from '../test/harness.ts';
import { queryRows, type Database } from './client.ts';

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
