import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.ts';
import { createTestDatabase, login, testConfig } from '../../../test/harness.ts';
import type { Database } from '../../../db/client.ts';
import { initDeployment } from './init-deployment.ts';
import { addUser } from './add-user-cli.ts';
import { buildCli } from '../../../cli.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('command line: init and user add', () => {
  it('initialises an empty database once, with an admin who must change the password', async () => {
    const r = await initDeployment(database.db, { rootName: '测试县', level: 'county', regionCode: '990102', adminUsername: 'root', adminName: '管理员', password: 'Root-Pass-123' });
    expect(r.generatedPassword).toBeUndefined();
    await expect(initDeployment(database.db, { rootName: 'x', level: 'county', adminUsername: 'r2', adminName: 'x' })).rejects.toThrow(/已有单位/);
    const app = await buildApp(database, testConfig());
    const c = await login(app, 'root', 'Root-Pass-123');
    expect((await c.get('/api/units/tree')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await app.close();
  });

  it('adds users by unit name, refusing unknown units, weak passwords and duplicates', async () => {
    const r = await addUser(database.db, { username: 'clerk', displayName: '办事员', grants: [{ role: 'handler', unit: '测试县' }] });
    expect(r.generatedPassword).toMatch(/.{8,}/);
    await expect(addUser(database.db, { username: 'clerk', displayName: 'x', grants: [{ role: 'handler', unit: '测试县' }] })).rejects.toThrow(/已被使用/);
    await expect(addUser(database.db, { username: 'user2', displayName: 'x', grants: [{ role: 'handler', unit: '不存在县' }] })).rejects.toThrow(/找不到单位/);
    await expect(addUser(database.db, { username: 'user3', displayName: 'x', grants: [{ role: 'handler', unit: '测试县' }], password: 'weak' })).rejects.toThrow(/密码/);
  });

  it('describes every command with --help', () => {
    const names = buildCli().commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['serve', 'migrate', 'seed-demo', 'init', 'user']));
    for (const c of buildCli().commands) expect(c.description().length).toBeGreaterThan(10);
  });
});
