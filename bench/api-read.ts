import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../server/config.ts';
import { openDatabase, queryRows, type Database } from '../server/db/client.ts';
import { buildApp } from '../server/app.ts';
import { seedDemo } from '../server/seed/demo.ts';
import type { BenchOptions, Metrics } from './run.ts';

const PASSWORD = 'Bench-Pass-2024';
const TOWNSHIP = '青山镇';
const USERNAME = 'handler_a';
/** Share of the people who work in the township's subtree (2% of 100k = 2,000). */
const TOWNSHIP_SHARE = 0.02;
const WARMUP_S = 2;

const log = (msg: string) => process.stderr.write(`[api-read] ${msg}\n`);

// The same name material as the demo seed, so names sort like real ones.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国华明丽军平伟芳敏静秀英强磊洋艳勇杰娟涛超霞刚桂兰玉萍红梅志文斌鹏辉晓燕婷宇飞浩凯晨雪琳欣怡佳慧海波亮龙春雨';
const POSTS = ['干部', '科员', '网格员', '专职工作者', '党员', '职工', '教师', '医生'];

/** A throwaway PostgreSQL database on the configured server, dropped by `drop()`. */
async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
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

/**
 * Tops the demo county up to `total` people in one INSERT … SELECT over generate_series:
 * TOWNSHIP_SHARE of them in the township's subtree, the rest spread over all other units.
 */
async function bulkPeople(database: Database, total: number, townshipPath: string): Promise<{ township: number; total: number }> {
  const { db } = database;
  const [{ n: existing }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people`);
  const unitRows = await queryRows<{ id: string; path: string }>(db, sql`select id, path from units order by path`);
  const inTownship = unitRows.filter((u) => u.path.startsWith(townshipPath)).map((u) => u.id);
  const others = unitRows.filter((u) => !u.path.startsWith(townshipPath)).map((u) => u.id);
  const toAdd = Math.max(0, total - existing);
  const townshipCount = Math.round(toAdd * TOWNSHIP_SHARE);
  const arr = (ids: string[]) => sql.raw(`array[${ids.map((id) => `'${id}'::uuid`).join(',')}]`);
  await db.execute(sql`
    insert into people (unit_id, name, post, is_party_member, cadre_level, phone)
    select
      case when g <= ${townshipCount}
        then (${arr(inTownship)})[1 + g % ${inTownship.length}]
        else (${arr(others)})[1 + g % ${others.length}]
      end,
      substr(${SURNAMES}, 1 + (g * 31) % ${SURNAMES.length}, 1)
        || substr(${GIVEN}, 1 + (g * 7 + 3) % ${GIVEN.length}, 1)
        || case when g % 3 = 0 then '' else substr(${GIVEN}, 1 + (g * 13 + 5) % ${GIVEN.length}, 1) end,
      (${sql.raw(`array[${POSTS.map((p) => `'${p}'`).join(',')}]`)})[1 + g % ${POSTS.length}],
      g % 3 <> 0,
      'below',
      '138' || lpad(((10000000 + g * 7919) % 100000000)::text, 8, '0')
    from generate_series(1, ${toAdd}::int) as g`);
  // Settled tables, as autovacuum would leave them (and no autovacuum starting mid-run).
  await db.execute(sql`vacuum analyze`);
  const [{ n: inTown }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from people p join units u on u.id = p.unit_id where u.path like ${`${townshipPath}%`}`,
  );
  const [{ n: all }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people`);
  return { township: inTown, total: all };
}

interface LoadResult {
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

const autocannonCli = createRequire(import.meta.url).resolve('autocannon');

const TICK_MS = 10; // Linux USER_HZ is 100 on the platforms this runs on.

/** utime+stime (and of reaped children) of a process in ms from /proc, or null where there is no /proc. */
function procCpuMs(pid: number | 'self'): { own: number; children: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** Idle share of all CPUs over `ms` (before a run: how busy the machine is with other work), or null. */
async function idlePct(ms: number): Promise<number | null> {
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
async function cpuSnapshot(backendPids: number[]) {
  const self = procCpuMs('self');
  const backends = backendPids.map((p) => procCpuMs(p));
  const u = process.cpuUsage();
  return {
    app: (u.user + u.system) / 1000,
    loadgen: self ? self.children : null,
    db: backends.length > 0 && backends.every((b) => b) ? backends.reduce((s, b) => s + b!.own, 0) : null,
  };
}

/** Runs autocannon in a child process (so the server keeps its own event loop) and returns its summary. */
function loadWithAutocannon(url: string, cookie: string, connections: number, durationS: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [autocannonCli, '-j', '-n', '-c', String(connections), '-d', String(durationS), '-H', `cookie=${cookie}`, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

/** One database: seed, serve on loopback, log in, warm up, load; returns metrics prefixed by kind. */
async function runOn(kind: 'pglite' | 'postgres', opts: BenchOptions): Promise<Metrics> {
  let cleanup: () => Promise<void>;
  let database: Database;
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
  try {
    await database.migrate();
    const t = performance.now();
    await seedDemo(database.db, PASSWORD);
    const [township] = await queryRows<{ id: string; path: string }>(database.db, sql`select id, path from units where name = ${TOWNSHIP}`);
    const counts = await bulkPeople(database, opts.people, township.path);
    const seedS = (performance.now() - t) / 1000;
    log(`${kind}: seeded ${counts.total} people (${counts.township} in ${TOWNSHIP}) in ${seedS.toFixed(1)} s`);

    const app = await buildApp(database, loadConfig(), { logger: false });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      const sid = login.headers.getSetCookie().find((c) => c.startsWith('jiceng_sid='));
      if (!sid) throw new Error('login set no session cookie');
      const cookie = sid.split(';')[0];

      const url = `${base}/api/people?unitId=${township.id}&subtree=true&limit=20`;
      const probe = await fetch(url, { headers: { cookie } });
      const body = (await probe.json()) as { items?: unknown[] };
      if (probe.status !== 200 || body.items?.length !== 20) throw new Error(`probe failed: ${probe.status} ${JSON.stringify(body).slice(0, 300)}`);

      log(`${kind}: warming up ${WARMUP_S} s`);
      await loadWithAutocannon(url, cookie, opts.connections, WARMUP_S);
      // The pool's connections are open after the warm-up; their backends' CPU is the database's share.
      const backendPids =
        kind === 'postgres'
          ? (await queryRows<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`)).map((r) => r.pid)
          : [];
      const idleBefore = await idlePct(1000);
      if (idleBefore !== null && idleBefore < 80) log(`${kind}: warning: the machine is only ${idleBefore}% idle before the run; other work skews the figures`);
      log(`${kind}: loading ${opts.durationS} s with ${opts.connections} connections`);
      const cpu0 = await cpuSnapshot(backendPids);
      const r = await loadWithAutocannon(url, cookie, opts.connections, opts.durationS);
      const cpu1 = await cpuSnapshot(backendPids);
      const perReq = (a: number | null, b: number | null) => (a === null || b === null || r.requests === 0 ? null : Math.round(((b - a) / r.requests) * 1000) / 1000);
      log(`${kind}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors`);
      return {
        [`${kind}_rps`]: Math.round(r.rps),
        [`${kind}_p50_ms`]: r.p50,
        [`${kind}_p90_ms`]: r.p90,
        [`${kind}_p99_ms`]: r.p99,
        [`${kind}_max_ms`]: r.max,
        [`${kind}_requests`]: r.requests,
        [`${kind}_non2xx`]: r.non2xx,
        [`${kind}_errors`]: r.errors + r.timeouts,
        [`${kind}_app_cpu_ms_per_req`]: perReq(cpu0.app, cpu1.app),
        [`${kind}_db_cpu_ms_per_req`]: kind === 'postgres' ? perReq(cpu0.db, cpu1.db) : null,
        [`${kind}_loadgen_cpu_ms_per_req`]: perReq(cpu0.loadgen, cpu1.loadgen),
        [`${kind}_idle_before_pct`]: idleBefore,
        [`${kind}_seed_s`]: Math.round(seedS * 10) / 10,
        township_people: counts.township,
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await cleanup();
  }
}

/** The api-read benchmark: a handler pages through their township's people under load. */
export async function apiRead(opts: BenchOptions): Promise<Metrics> {
  const metrics: Metrics = {
    people: opts.people,
    connections: opts.connections,
    duration_s: opts.durationS,
    pool_size: opts.poolSize ?? 'default',
    endpoint: 'GET /api/people?unitId=<青山镇>&subtree=true&limit=20',
  };
  for (const kind of opts.databases) Object.assign(metrics, await runOn(kind, opts));
  const failed = opts.databases.some((k) => Number(metrics[`${k}_non2xx`]) > 0 || Number(metrics[`${k}_errors`]) > 0);
  metrics.all_ok = !failed;
  if (failed) process.exitCode = 1;
  return metrics;
}
