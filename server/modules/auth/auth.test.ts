import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, login, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('auth', () => {
  it('health answers with the database kind', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('rejects anonymous access with 401 in Chinese by default and English on request', async () => {
    const zh = await t.app.inject({ url: '/api/units/tree' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录。' });
    const en = await t.app.inject({ url: '/api/units/tree', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().error.message).toBe('Please log in first.');
  });

  it('logs in, sets an httpOnly SameSite cookie, and logs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jiceng_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().can).toContain('account.manage');
    const c = await login(t.app, 'admin');
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses writes without the CSRF token', async () => {
    const c = await login(t.app, 'admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/campaign-batches', headers: { cookie: c.cookie }, payload: { name: 'x', startsOn: '2024-01-01', endsOn: '2024-02-01' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('locks an account for 15 minutes after 5 failed logins', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler_b', password: 'wrong-Password-1' } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler_b', password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    const admin = await login(t.app, 'admin');
    const list = await admin.get('/api/accounts?q=handler_b');
    const id = list.json().items[0].id;
    expect((await admin.post(`/api/accounts/${id}/unlock`)).statusCode).toBe(200);
    await login(t.app, 'handler_b');
  });

  it('makes a new account change its password before anything else', async () => {
    const admin = await login(t.app, 'admin');
    const tree = (await admin.get('/api/units/tree')).json().items;
    const res = await admin.post('/api/accounts', { username: 'newbie', displayName: '新人', password: 'Initial-Pass-1', roles: [{ role: 'handler', unitId: tree[0].id }] });
    expect(res.statusCode).toBe(201);
    const c = await login(t.app, 'newbie', 'Initial-Pass-1');
    const blocked = await c.get('/api/units/tree');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/password', { currentPassword: 'Initial-Pass-1', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.newPassword).toContain('至少 8 位');
    const changed = await c.post('/api/auth/password', { currentPassword: 'Initial-Pass-1', newPassword: 'Better-Pass-22' });
    expect(changed.statusCode).toBe(200);
    expect((await c.get('/api/units/tree')).statusCode).toBe(200);
  });
});

describe('session timeouts', () => {
  it('ends a session idle longer than the idle timeout', async () => {
    const c = await login(t.app, 'leader');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    const res = await c.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect((await c.get('/api/auth/session')).json().error.code).toBe('UNAUTHENTICATED');
  });

  it('ends a session past its absolute lifetime even when active', async () => {
    const c = await login(t.app, 'leader');
    await t.database.db.execute(sql`update sessions set expires_at = now() - interval '1 second'`);
    expect((await c.get('/api/units/tree')).json().error.code).toBe('SESSION_EXPIRED');
  });

  it('keeps an active session alive', async () => {
    const c = await login(t.app, 'leader');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '20 minutes'`);
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    const { rows } = (await t.database.db.execute(sql`select max(last_seen_at) > now() - interval '1 minute' as fresh from sessions`)) as unknown as { rows: { fresh: boolean }[] };
    expect(rows[0].fresh).toBe(true);
  });
});
