import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig, type AppConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { buildApp } from '../app.ts';
import { seedDemo } from '../seed/demo.ts';
import { secretKeyFromBytes, type SecretKeyring } from '../core/personal-data/secret-key.ts';

/** The fixed personal-data key of tests (never a real deployment's). */
export const testKeys: SecretKeyring = { current: secretKeyFromBytes(Buffer.alloc(32, 7)), previous: [] };

/** The password of demo accounts in tests. */
export const TEST_PASSWORD = 'Test-Pass-2024';

/** Which database the test suite runs on (set per vitest project). */
export const testDbKind = (): 'pglite' | 'postgres' => (process.env.JICENG_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/**
 * A fresh database for one test file: in-memory PGlite, or a new PostgreSQL database created
 * from TEST_DATABASE_URL and dropped at close.
 */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind() === 'pglite') {
    const database = await openDatabase({ inMemory: true });
    await database.migrate();
    return database;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('JICENG_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `jiceng_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 5 });
  await database.migrate();
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Test configuration: defaults with tests' own overrides. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), demoPassword: TEST_PASSWORD, ...overrides };
}

/** An app over a fresh database with the demo county seeded. */
export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

/** Builds the app on a fresh database, optionally with the demo county. */
export async function createTestApp(opts: { seedDemo?: boolean; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(opts.config);
  if (opts.seedDemo !== false) await seedDemo(database.db, TEST_PASSWORD);
  const app = await buildApp(database, config, { keys: testKeys });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in client of a test app: cookie and CSRF token sent with each request. */
export interface Client {
  cookie: string;
  csrfToken: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Logs in through the real route and returns a client carrying the session. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'jiceng_sid');
  const cookie = `jiceng_sid=${setCookie!.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrfToken, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) });
  return {
    cookie,
    csrfToken,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => request('PATCH', url, body ?? {}, headers),
  };
}

/** Starts a listening server on a random port over a fresh database (for browser tests). */
export async function startTestServer(opts: { seedDemo: boolean }): Promise<{ url: string; demoPassword: string; close(): Promise<void> }> {
  const t = await createTestApp({ seedDemo: opts.seedDemo });
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, demoPassword: TEST_PASSWORD, close: t.close };
}
