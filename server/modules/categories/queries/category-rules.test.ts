import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import type { Database } from '../../../db/client.ts';
import { createTestDatabase } from '../../../test/harness.ts';
import { defaultDeadlineRules } from '../../calendar/compute-deadlines.ts';
import { settings } from '../../system/tables.ts';
import { categories } from '../tables.ts';
import { deadlineRuleFor, reviewAfterDaysFor } from './category-rules.ts';

let database: Database;
const ids = { top: crypto.randomUUID(), mid: crypto.randomUUID(), leaf: crypto.randomUUID() };

beforeAll(async () => {
  database = await createTestDatabase();
  // 城乡建设 (urgent 3 h, review 20 d) › 供水 (normal resolve 5) › 水压不足 (respond 2; urgent resolve 3 days).
  await database.db.insert(categories).values([
    { id: ids.top, parentId: null, code: 't', name: '城乡建设', level: 1, path: `/${ids.top}/`, urgentRespondHours: 3, reviewAfterDays: 20 },
    { id: ids.mid, parentId: ids.top, code: 't.m', name: '供水', level: 2, path: `/${ids.top}/${ids.mid}/`, resolveDays: 5 },
    { id: ids.leaf, parentId: ids.mid, code: 't.m.l', name: '水压不足', level: 3, path: `/${ids.top}/${ids.mid}/${ids.leaf}/`, respondDays: 2, urgentResolveDays: 3 },
  ]);
});
afterAll(async () => database.close());

describe('deadlineRuleFor', () => {
  it('gives the defaults of issue 3 without a category or for an unknown one', async () => {
    for (const id of [null, crypto.randomUUID()]) {
      expect(await deadlineRuleFor(database.db, id, 'normal')).toEqual(defaultDeadlineRules.normal);
      expect(await deadlineRuleFor(database.db, id, 'urgent')).toEqual(defaultDeadlineRules.urgent);
    }
  });

  it('takes each span from the nearest category that sets it, keeping the one-month cap of normal matters', async () => {
    expect(await deadlineRuleFor(database.db, ids.leaf, 'normal')).toEqual({ respond: { workingDays: 2 }, resolve: { workingDays: 5 }, resolveCapMonths: 1 });
    expect(await deadlineRuleFor(database.db, ids.leaf, 'urgent')).toEqual({ respond: { hours: 3 }, resolve: { workingDays: 3 } });
    expect(await deadlineRuleFor(database.db, ids.mid, 'normal')).toEqual({ respond: { workingDays: 1 }, resolve: { workingDays: 5 }, resolveCapMonths: 1 });
    expect(await deadlineRuleFor(database.db, ids.top, 'urgent')).toEqual({ respond: { hours: 3 }, resolve: { workingDays: 1 } });
  });
});

describe('reviewAfterDaysFor', () => {
  it('takes the nearest category’s days, else the review_after_days setting', async () => {
    expect(await reviewAfterDaysFor(database.db, ids.leaf)).toBe(20);
    expect(await reviewAfterDaysFor(database.db, null)).toBe(30);
    await database.db.insert(settings).values({ key: 'review_after_days', value: 45 });
    expect(await reviewAfterDaysFor(database.db, null)).toBe(45);
    expect(await reviewAfterDaysFor(database.db, ids.mid)).toBe(20);
  });
});
