import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import { openDatabase, queryRows } from '../server/db/client.ts';
import { buildApp } from '../server/app.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { seedBulkMatters } from '../server/seed/bulk-matters.ts';
import { secretKeyFromBytes, type SecretKeyring } from '../server/core/personal-data/secret-key.ts';
import type { BenchOptions, Metrics } from './run.ts';
import { freshDatabase, loginCookie, measureLoad, runLoad, type LoadRequest } from './load.ts';

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
  // --reuse-db: a PostgreSQL database that `seed-demo` and `seed-bulk` filled before (seeding
  // 1,000,000 matters takes minutes); it is migrated, analysed and measured as it is.
  const reuse = kind === 'postgres' ? opts.reuseDb : undefined;
  const { database, cleanup } = reuse
    ? { database: await openDatabase({ databaseUrl: reuse, poolSize: opts.poolSize }), cleanup: async () => undefined }
    : await freshDatabase(kind, opts, log);
  const keys: SecretKeyring = { current: secretKeyFromBytes(crypto.randomBytes(32)), previous: [] };
  try {
    let seedSeconds: number | null = null;
    if (reuse) {
      await database.migrate();
      log(`${kind}: reusing ${reuse.replace(/\/\/[^@]*@/, '//')}`);
      await database.db.execute(sql`analyze`);
    } else {
      await seedDemo(database.db, PASSWORD);
      log(`${kind}: adding ${opts.matters} matters`);
      const seeded = await seedBulkMatters(database, keys, { matters: opts.matters, textDir: opts.textDir, log: (l) => log(`${kind}: ${l}`) });
      seedSeconds = seeded.seconds;
      log(`${kind}: seeded in ${seeded.seconds.toFixed(0)} s`);
      if (kind === 'postgres') await database.db.execute(sql`vacuum analyze`);
    }
    const [{ n: total }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from matters`);
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
      const { metrics } = await measureLoad(kind, database, () => load(opts.durationS), log);
      // Each page alone, one request at a time (median of 5): which view is slow, without queueing.
      const alone: { path: string; ms: number }[] = [];
      for (const r of requests) {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          const res = await fetch(base + r.path, { headers: { cookie } });
          await res.arrayBuffer();
          times.push(performance.now() - t0);
        }
        alone.push({ path: r.path.replace('/api/matters?', '').replace(/&cursor=.*/, ' (page 2)'), ms: times.sort((a, b) => a - b)[2] });
      }
      for (const a of alone) log(`${kind}: alone ${a.ms.toFixed(1)} ms  ${a.path}`);
      const slowest = alone.reduce((a, b) => (b.ms > a.ms ? b : a));
      return {
        ...metrics,
        [`${kind}_matters_in_db`]: total,
        [`${kind}_alone_median_of_pages_ms`]: Math.round(alone.map((a) => a.ms).sort((a, b) => a - b)[Math.floor(alone.length / 2)] * 10) / 10,
        [`${kind}_alone_slowest_page`]: slowest.path,
        [`${kind}_alone_slowest_page_ms`]: Math.round(slowest.ms * 10) / 10,
        [`${kind}_reused_db`]: !!reuse,
        [`${kind}_seed_s`]: seedSeconds === null ? null : Math.round(seedSeconds),
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
