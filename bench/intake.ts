import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import { queryRows } from '../server/db/client.ts';
import { buildApp } from '../server/app.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { secretKeyFromBytes, type SecretKeyring } from '../server/core/personal-data/secret-key.ts';
import type { BenchOptions, Metrics } from './run.ts';
import { backendPids, cpuSnapshot, dbCpuBetween, freshDatabase, idlePct, runLoad, type LoadRequest } from './load.ts';

const WARMUP_S = 2;
const log = (msg: string) => process.stderr.write(`[intake] ${msg}\n`);

/** Submissions as a phone would send them: varied texts and places, half with a name and phone. */
function submissions(): LoadRequest[] {
  const places = ['青山镇青山村', '河口乡河口村', '城关街道东关社区', '滨河路', '幸福小区'];
  const problems = ['路灯坏了好几天，晚上出行不安全', '小区门口下水道堵塞，污水外溢', '附近工地夜间施工噪音很大', '公交站台雨棚损坏', '托育机构收费不透明'];
  return places.flatMap((place, i) =>
    problems.map((problem, j) => ({
      path: '/api/public/matters',
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        description: `${place}${problem}，希望有关部门尽快处理。`,
        address: place,
        privacyAccepted: true,
        ...((i + j) % 2 === 0 ? { petitioner: { name: '张三', phone: `1380013${String(i * 10 + j).padStart(4, '0')}` } } : {}),
      }),
    })),
  );
}

/** One database: concurrent citizen submissions through the public API; checks every accepted one is stored. */
async function runOn(kind: 'pglite' | 'postgres', opts: BenchOptions): Promise<Metrics> {
  const { database, cleanup } = await freshDatabase(kind, opts, log);
  const keys: SecretKeyring = { current: secretKeyFromBytes(crypto.randomBytes(32)), previous: [] };
  // One address sends everything here; the per-address limit would stop the benchmark after ten.
  process.env.JICENG_CITIZEN_SUBMIT_MAX = '1000000000';
  try {
    await seedDemo(database.db, 'Bench-Pass-2024');
    const app = await buildApp(database, loadConfig(), { logger: false, keys });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const requests = submissions();
      const probe = await fetch(base + requests[0].path, { method: 'POST', headers: requests[0].headers, body: requests[0].body });
      if (probe.status !== 201) throw new Error(`probe failed: ${probe.status} ${(await probe.text()).slice(0, 300)}`);
      const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from matters`))[0].n;
      const load = (durationS: number) => runLoad(base, requests, { connections: opts.connections, durationS });
      log(`${kind}: warming up ${WARMUP_S} s`);
      await load(WARMUP_S);
      const pids = await backendPids(database);
      const idleBefore = await idlePct(1000);
      if (idleBefore !== null && idleBefore < 80) log(`${kind}: warning: the machine is only ${idleBefore}% idle before the run; other work skews the figures`);
      const before = await count();
      const cpu0 = await cpuSnapshot(pids);
      const r = await load(opts.durationS);
      const cpu1 = await cpuSnapshot(pids);
      const stored = (await count()) - before;
      const added = (await backendPids(database)).filter((p) => !pids.includes(p)).length;
      if (added > 0) log(`${kind}: ${added} database backends opened during the run are not counted in db CPU`);
      const accepted = r.ok;
      const perReq = (x: number | null, y: number | null) => (x === null || y === null || r.requests === 0 ? null : Math.round(((y - x) / r.requests) * 1000) / 1000);
      log(`${kind}: ${(accepted / opts.durationS).toFixed(0)} accepted/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors; stored ${stored} of ${accepted} accepted`);
      return {
        [`${kind}_accepted_per_s`]: Math.round(accepted / opts.durationS),
        [`${kind}_p50_ms`]: r.p50,
        [`${kind}_p90_ms`]: r.p90,
        [`${kind}_p99_ms`]: r.p99,
        [`${kind}_max_ms`]: r.max,
        [`${kind}_accepted`]: accepted,
        [`${kind}_stored`]: stored,
        // A request cut off by the end of the run can be stored after autocannon stopped counting.
        [`${kind}_all_accepted_stored`]: stored >= accepted,
        [`${kind}_non2xx`]: r.non2xx,
        [`${kind}_errors`]: r.errors + r.timeouts,
        [`${kind}_app_cpu_ms_per_req`]: perReq(cpu0.app, cpu1.app),
        [`${kind}_db_cpu_ms_per_req`]: kind === 'postgres' ? perReq(0, dbCpuBetween(cpu0.db, cpu1.db)) : null,
        [`${kind}_idle_before_pct`]: idleBefore,
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await cleanup();
  }
}

/** The intake benchmark: citizens submitting on the public page, concurrently. */
export async function intake(opts: BenchOptions): Promise<Metrics> {
  const metrics: Metrics = { connections: opts.connections, duration_s: opts.durationS, endpoint: 'POST /api/public/matters (JSON, no photos)' };
  for (const kind of opts.databases) Object.assign(metrics, await runOn(kind, opts));
  const failed = opts.databases.some((k) => Number(metrics[`${k}_non2xx`]) > 0 || Number(metrics[`${k}_errors`]) > 0 || metrics[`${k}_all_accepted_stored`] === false);
  metrics.all_ok = !failed;
  if (failed) process.exitCode = 1;
  return metrics;
}
