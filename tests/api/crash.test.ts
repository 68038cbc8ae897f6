import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// An acknowledged write survives a crash: the server is killed with SIGKILL right after answering,
// then started again on the same data folder (PGlite on disk; PostgreSQL's durability is its own).
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-crash-'));
const port = 18000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
let child: ChildProcess | undefined;

function start(): Promise<void> {
  child = spawn(process.execPath, [path.join(root, 'bin/jiceng.mjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', JICENG_DATA_DIR: dataDir, JICENG_DEMO_PASSWORD: 'Crash-Pass-1', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 45_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('is serving on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function loginCookie(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Crash-Pass-1' }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(process.env.JICENG_TEST_DB !== 'postgres')('durability on PGlite', () => {
  it('keeps an acknowledged write after SIGKILL', async () => {
    await start();
    const { cookie, csrf } = await loginCookie();
    const tree = (await (await fetch(`${base}/api/units/tree`, { headers: { cookie } })).json()) as { items: { id: string; name: string }[] };
    const unitId = tree.items.find((u) => u.name === '青山村')!.id;
    const res = await fetch(`${base}/api/people`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ unitId, name: '崩溃测试' }) });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    child!.removeAllListeners('exit');
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await exited;
    await start();
    const again = await loginCookie();
    const person = await fetch(`${base}/api/people/${id}`, { headers: { cookie: again.cookie } });
    expect(person.status).toBe(200);
    expect(((await person.json()) as { name: string }).name).toBe('崩溃测试');
  }, 120_000);
});
