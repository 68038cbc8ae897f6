import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import { queryRows } from '../server/db/client.ts';
import { buildApp } from '../server/app.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { seedBulkMatters } from '../server/seed/bulk-matters.ts';
import { secretKeyFromBytes, type SecretKeyring } from '../server/core/personal-data/secret-key.ts';
import type { BenchOptions, Metrics } from './run.ts';
import { backendPids, cpuSnapshot, freshDatabase, idlePct, loginCookie, runLoad, type LoadRequest } from './load.ts';

const PASSWORD = 'Bench-Pass-2024';
const USERNAME = 'handler_a';
const WARMUP_S = 3;

const log = (msg: string) => process.stderr.write(`[inbox] ${msg}\n`);

/**
 * The inbox pages a township handler opens in a working day: the first page, by status, the
 * overdue ones, the queues, and a next page by cursor. A variant the API refuses (a filter that
 * does not exist in this version) is left out and named in the output, not silently measured.
 */
const VARIANTS = [
  'limit=20',
  'limit=20&status=in_progress',
  'limit=20&status=dispatched',
  'limit=20&overdue=true',
  'limit=20&queue=to_accept',
  'limit=20&queue=due_soon',
  'limit=20&queue=overdue',
  'limit=20&queue=reviews_due',
  'limit=50&status=closed',
];

/** Builds the rotation: each variant's first page and, where there is one, its second page by cursor. */
async function rotation(base: string, cookie: string): Promise<{ requests: LoadRequest[]; refused: string[]; itemsFirstPage: number }> {
  const requests: LoadRequest[] = [];
  const refused: string[] = [];
  let itemsFirstPage = 0;
  for (const q of VARIANTS) {
    const res = await fetch(`${base}/api/matters?${q}`, { headers: { cookie } });
    if (res.status !== 200) {
      refused.push(`${q} (${res.status}${res.status >= 500 ? `: ${(await res.text()).slice(0, 200)}` : ""})`);
      continue;
    }
    const body = (await res.json()) as { items: unknown[]; nextCursor?: string | null };
    if (q === 'limit=20') itemsFirstPage = body.items.length;
    requests.push({ path: `/api/matters?${q}` });
    if (body.nextCursor) requests.push({ path: `/api/matters?${q}&cursor=${encodeURIComponent(body.nextCursor)}` });
  }
  return { requests, refused, itemsFirstPage };
}

/** One database: demo county plus `opts.matters` matters, served on loopback; a handler's inbox under load. */
async function runOn(kind: 'pglite' | 'postgres', opts: BenchOptions): Promise<Metrics> {
  const { database, cleanup } = await freshDatabase(kind, opts, log);
  const keys: SecretKeyring = { current: secretKeyFromBytes(crypto.randomBytes(32)), previous: [] };
  try {
    await seedDemo(database.db, PASSWORD);
    log(`${kind}: adding ${opts.matters} matters`);
    const seeded = await seedBulkMatters(database, keys, { matters: opts.matters, textDir: opts.textDir, log: (l) => log(`${kind}: ${l}`) });
    log(`${kind}: seeded in ${seeded.seconds.toFixed(0)} s`);
    if (kind === 'postgres') await database.db.execute(sql`vacuum analyze`);
    const [{ n: inScope }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from matters m, units u where u.name = '青山镇' and (m.unit_path like u.path || '%' or m.intake_unit_path like u.path || '%')`,
    );

    const app = await buildApp(database, loadConfig(), { logger: false, keys });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const cookie = await loginCookie(base, USERNAME, PASSWORD);
      const { requests, refused, itemsFirstPage } = await rotation(base, cookie);
      if (requests.length === 0 || itemsFirstPage === 0) throw new Error(`the inbox answered nothing to measure (refused: ${refused.join(', ')})`);
      if (refused.length) log(`${kind}: left out (not in this API version): ${refused.join(', ')}`);
      const load = (durationS: number) => runLoad(base, requests, { connections: opts.connections, durationS, headers: { cookie } });
      log(`${kind}: warming up ${WARMUP_S} s over ${requests.length} pages`);
      await load(WARMUP_S);
      const pids = await backendPids(database);
      const idleBefore = await idlePct(1000);
      if (idleBefore !== null && idleBefore < 80) log(`${kind}: warning: the machine is only ${idleBefore}% idle before the run; other work skews the figures`);
      const cpu0 = await cpuSnapshot(pids);
      const r = await load(opts.durationS);
      const cpu1 = await cpuSnapshot(pids);
      const perReq = (x: number | null, y: number | null) => (x === null || y === null || r.requests === 0 ? null : Math.round(((y - x) / r.requests) * 1000) / 1000);
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
        [`${kind}_idle_before_pct`]: idleBefore,
        [`${kind}_seed_s`]: Math.round(seeded.seconds),
        [`${kind}_pages`]: requests.length,
        [`${kind}_left_out`]: refused.join('; ') || null,
        township_matters: inScope,
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await cleanup();
  }
}

/** The inbox benchmark: a township handler pages through the unit inbox under concurrent load. */
export async function inbox(opts: BenchOptions): Promise<Metrics> {
  const metrics: Metrics = { matters: opts.matters, connections: opts.connections, duration_s: opts.durationS, user: `${USERNAME} (青山镇)`, texts: opts.textDir ? 'message files' : 'generated' };
  for (const kind of opts.databases) Object.assign(metrics, await runOn(kind, opts));
  const failed = opts.databases.some((k) => Number(metrics[`${k}_non2xx`]) > 0 || Number(metrics[`${k}_errors`]) > 0);
  metrics.all_ok = !failed;
  if (failed) process.exitCode = 1;
  return metrics;
}
