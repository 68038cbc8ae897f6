import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows, type Database } from '../server/db/client.ts';

// Load generation and measurement shared by the HTTP benchmarks.

const loadChild = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-child.mjs');

/** A throwaway PostgreSQL database on the configured server, dropped by `drop()`. */
export async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `jiceng_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}


export interface LoadResult {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const TICK_MS = 10; // Linux USER_HZ is 100 on the platforms this runs on.

/** utime+stime (and of reaped children) of a process in ms from /proc, or null where there is no /proc. */
export function procCpuMs(pid: number | 'self'): { own: number; children: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** Idle share of all CPUs over `ms` (before a run: how busy the machine is with other work), or null. */
export async function idlePct(ms: number): Promise<number | null> {
  const read = () => {
    try {
      const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { total: f.reduce((a, b) => a + b, 0), idle: f[3] + (f[4] ?? 0) };
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  if (!a || !b || b.total === a.total) return null;
  return Math.round((100 * (b.idle - a.idle)) / (b.total - a.total));
}

/** CPU time spent by the app process, the database backends (local PostgreSQL only) and the load generator. */
export async function cpuSnapshot(backendPids: number[]) {
  const self = procCpuMs('self');
  const u = process.cpuUsage();
  const db = new Map<number, number>();
  for (const pid of backendPids) {
    const b = procCpuMs(pid);
    if (b) db.set(pid, b.own);
  }
  return { app: (u.user + u.system) / 1000, loadgen: self ? self.children : null, db };
}

/**
 * Database CPU ms between two snapshots, over the backends alive at both: a pool closes
 * connections idle for 10 s, so some may end during a run (idle, their share is nil); null when
 * none is left.
 */
export function dbCpuBetween(a: Map<number, number>, b: Map<number, number>): number | null {
  let sum = 0;
  let n = 0;
  for (const [pid, ms] of b) {
    const before = a.get(pid);
    if (before === undefined) continue;
    sum += ms - before;
    n++;
  }
  return n > 0 ? sum : null;
}

/** One request of a rotation: path (with query) relative to the base URL, method, body, headers. */
export interface LoadRequest {
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

/**
 * Runs autocannon in a child process (so the server keeps its own event loop); every connection
 * cycles through `requests`. Returns its summary.
 */
export function runLoad(base: string, requests: LoadRequest[], o: { connections: number; durationS: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const options = { url: base, connections: o.connections, duration: o.durationS, headers: o.headers ?? {}, requests: requests.map((r) => ({ method: r.method ?? 'GET', path: r.path, body: r.body, headers: r.headers })) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [loadChild, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      try {
        const r = JSON.parse(out.trim().split('\n').pop()!);
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          max: r.latency.max,
          requests: r.requests.total,
          ok: r['2xx'],
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
        });
      } catch (e) {
        reject(new Error(`cannot read autocannon output: ${(e as Error).message}\n${out}\n${err}`));
      }
    });
  });
}

/** Logs in on a served app and returns the session cookie (`jiceng_sid=…`). */
export async function loginCookie(base: string, username: string, password: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const sid = login.headers.getSetCookie().find((c) => c.startsWith('jiceng_sid='));
  if (!sid) throw new Error('login set no session cookie');
  return sid.split(';')[0];
}

/** A fresh database of the given kind, migrated; `cleanup` drops it (PostgreSQL) or removes its folder (PGlite). */
export async function freshDatabase(kind: 'pglite' | 'postgres', opts: { postgresUrl: string; poolSize?: number; keepDb?: boolean }, log: (m: string) => void): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (kind === 'postgres') {
    const pgDb = await createPostgresDatabase(opts.postgresUrl);
    log(`postgres: created database ${pgDb.name}`);
    database = await openDatabase({ databaseUrl: pgDb.url, poolSize: opts.poolSize });
    cleanup = async () => {
      if (opts.keepDb) log(`postgres: kept database ${pgDb.url}`);
      else await pgDb.drop();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-bench-'));
    database = await openDatabase({ dataDir: dir });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await database.migrate();
  return { database, cleanup };
}

/** Client-backend pids of the current PostgreSQL database (their CPU is the database's share). */
export async function backendPids(database: Database): Promise<number[]> {
  if (database.kind !== 'postgres') return [];
  return (await queryRows<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`)).map((r) => r.pid);
}

/**
 * The measured part of an HTTP benchmark: warns when the machine is busy, runs the load, and
 * returns the load result with the common metrics (`<kind>_rps`, percentiles, failures, CPU per
 * request of app, database and load generator, idle share before the run).
 */
export async function measureLoad(
  kind: 'pglite' | 'postgres',
  database: Database,
  load: () => Promise<LoadResult>,
  log: (m: string) => void,
): Promise<{ r: LoadResult; metrics: Record<string, number | null> }> {
  // The pool's connections are open after the warm-up; their backends' CPU is the database's share.
  const pids = await backendPids(database);
  const idleBefore = await idlePct(1000);
  if (idleBefore !== null && idleBefore < 80) log(`${kind}: warning: the machine is only ${idleBefore}% idle before the run; other work skews the figures`);
  const cpu0 = await cpuSnapshot(pids);
  const r = await load();
  const cpu1 = await cpuSnapshot(pids);
  const perReq = (x: number | null, y: number | null) => (x === null || y === null || r.requests === 0 ? null : Math.round(((y - x) / r.requests) * 1000) / 1000);
  log(`${kind}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors`);
  return {
    r,
    metrics: {
      [`${kind}_rps`]: Math.round(r.rps),
      [`${kind}_p50_ms`]: r.p50,
      [`${kind}_p90_ms`]: r.p90,
      [`${kind}_p99_ms`]: r.p99,
      [`${kind}_max_ms`]: r.max,
      [`${kind}_requests`]: r.requests,
      [`${kind}_non2xx`]: r.non2xx,
      [`${kind}_errors`]: r.errors + r.timeouts,
      [`${kind}_app_cpu_ms_per_req`]: perReq(cpu0.app, cpu1.app),
      [`${kind}_db_cpu_ms_per_req`]: kind === 'postgres' ? perReq(0, dbCpuBetween(cpu0.db, cpu1.db)) : null,
      [`${kind}_loadgen_cpu_ms_per_req`]: perReq(cpu0.loadgen, cpu1.loadgen),
      [`${kind}_idle_before_pct`]: idleBefore,
    },
  };
}
