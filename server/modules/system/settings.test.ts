import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { auditCount, createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { auditLog } from '../audit/tables.ts';
import { getSetting, settingDefaults } from './settings.ts';
import { settings } from './tables.ts';

let t: TestApp;
let admin: Client;
let handlerA: Client;
let adminA: Client;
let u: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  handlerA = await login(t.app, 'handler_a');
  u = await demoUnitIds(admin);
  adminA = await createReadyAccount(t.app, admin, { username: 'set_admin_a', roles: [{ role: 'admin', unitId: u['青山镇'] }] });
});
afterAll(async () => t.close());

describe('settings', () => {
  it('answers 401 without a session and 403 to non-admins; a township admin reads but may not change', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/settings' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/settings/backlog_days', payload: { value: 90 } })).statusCode).toBe(401);
    expect((await handlerA.get('/api/settings')).statusCode).toBe(403);
    expect((await handlerA.request('PUT', '/api/settings/backlog_days', { value: 90 })).statusCode).toBe(403);
    const read = await adminA.get('/api/settings');
    expect(read.statusCode).toBe(200);
    expect(read.json().canChange).toBe(false);
    const put = await adminA.request('PUT', '/api/settings/backlog_days', { value: 90 });
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('SETTINGS_MANAGE_TOP_LEVEL');
  });

  it('lists every setting with its default', async () => {
    const res = await admin.get('/api/settings');
    expect(res.json()).toEqual({
      canChange: true,
      items: [
        { key: 'unrated_close_days', value: 7, isDefault: true, updatedAt: null },
        { key: 'backlog_days', value: 60, isDefault: true, updatedAt: null },
        { key: 'review_after_days', value: 30, isDefault: true, updatedAt: null },
        { key: 'public_intake_unit_id', value: null, isDefault: true, updatedAt: null },
      ],
    });
    expect(await getSetting(t.database.db, 'backlog_days')).toBe(settingDefaults.backlog_days);
  });

  it('answers 400 to a bad value or key and stores nothing', async () => {
    const before = await auditCount(admin);
    const cases: [string, unknown][] = [
      ['backlog_days', 0],
      ['backlog_days', 'sixty'],
      ['backlog_days', 1.5],
      ['unrated_close_days', 366],
      ['review_after_days', null],
      ['public_intake_unit_id', 'not-a-uuid'],
      ['public_intake_unit_id', '00000000-0000-4000-8000-000000000000'],
    ];
    for (const [key, value] of cases) {
      const res = await admin.request('PUT', `/api/settings/${key}`, { value });
      expect(res.statusCode, `${key}=${JSON.stringify(value)}`).toBe(400);
      expect(res.json().error.fields.value).toBeTruthy();
    }
    expect((await admin.request('PUT', '/api/settings/no_such_key', { value: 1 })).statusCode).toBe(400);
    expect((await admin.request('PUT', '/api/settings/backlog_days', { value: 5, extra: 1 })).statusCode).toBe(400);
    expect(await t.database.db.select().from(settings)).toEqual([]);
    expect(await auditCount(admin)).toBe(before);
  });

  it('changes a setting, read back by getSetting, with an audit row of before and after', async () => {
    const res = await admin.request('PUT', '/api/settings/backlog_days', { value: 90 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ key: 'backlog_days', value: 90, isDefault: false });
    expect(await getSetting(t.database.db, 'backlog_days')).toBe(90);
    await admin.request('PUT', '/api/settings/backlog_days', { value: 120 });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'settings.set'));
    expect(audits.map((a) => [a.before, a.after])).toEqual([
      [{ value: 60, isDefault: true }, { value: 90, isDefault: false }],
      [{ value: 90, isDefault: false }, { value: 120, isDefault: false }],
    ]);
    expect(audits[0]).toMatchObject({ subjectType: 'setting', subjectId: 'backlog_days', actorName: 'admin' });
    // The public intake unit: a unit id, or null again for the root.
    expect((await admin.request('PUT', '/api/settings/public_intake_unit_id', { value: u['县12345政务服务便民热线中心'] })).json().value).toBe(u['县12345政务服务便民热线中心']);
    expect(await getSetting(t.database.db, 'public_intake_unit_id')).toBe(u['县12345政务服务便民热线中心']);
    expect((await admin.request('PUT', '/api/settings/public_intake_unit_id', { value: null })).json().value).toBeNull();
  });

  it('falls back to the default when a stored value no longer parses', async () => {
    await t.database.db.insert(settings).values({ key: 'unrated_close_days', value: 'garbage' }).onConflictDoUpdate({ target: settings.key, set: { value: 'garbage' } });
    expect(await getSetting(t.database.db, 'unrated_close_days')).toBe(7);
  });
});
