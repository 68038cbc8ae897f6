import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import { queryRows, type Database } from '../server/db/client.ts';
import { buildApp } from '../server/app.ts';
import { seedDemo } from '../server/seed/demo.ts';
import type { BenchOptions, Metrics } from './run.ts';
import { freshDatabase, loginCookie, measureLoad, runLoad } from './load.ts';

const PASSWORD = 'Bench-Pass-2024';
const TOWNSHIP = '青山镇';
const USERNAME = 'handler_a';
/** Share of the people who work in the township's subtree (2% of 100k = 2,000). */
const TOWNSHIP_SHARE = 0.02;
const WARMUP_S = 2;
/** Pages a handler opens in turn (the first and the next ones by cursor); the load rotates over them. */
const PAGES = 10;

const log = (msg: string) => process.stderr.write(`[api-read] ${msg}\n`);

// The same name material as the demo seed, so names sort like real ones.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国华明丽军平伟芳敏静秀英强磊洋艳勇杰娟涛超霞刚桂兰玉萍红梅志文斌鹏辉晓燕婷宇飞浩凯晨雪琳欣怡佳慧海波亮龙春雨';
const POSTS = ['干部', '科员', '网格员', '专职工作者', '党员', '职工', '教师', '医生'];

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

/** One database: seed, serve on loopback, log in, warm up, load; returns metrics prefixed by kind. */
async function runOn(kind: 'pglite' | 'postgres', opts: BenchOptions): Promise<Metrics> {
  const { database, cleanup } = await freshDatabase(kind, opts, log);
  try {
    const t = performance.now();
    await seedDemo(database.db, PASSWORD);
    const [township] = await queryRows<{ id: string; path: string }>(database.db, sql`select id, path from units where name = ${TOWNSHIP}`);
    const counts = await bulkPeople(database, opts.people, township.path);
    const seedS = (performance.now() - t) / 1000;
    log(`${kind}: seeded ${counts.total} people (${counts.township} in ${TOWNSHIP}) in ${seedS.toFixed(1)} s`);

    const app = await buildApp(database, loadConfig(), { logger: false });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const cookie = await loginCookie(base, USERNAME, PASSWORD);
      const pathQuery = `/api/people?unitId=${township.id}&subtree=true&limit=20`;
      const probe = await fetch(base + pathQuery, { headers: { cookie } });
      const body = (await probe.json()) as { items?: unknown[] };
      if (probe.status !== 200 || body.items?.length !== 20) throw new Error(`probe failed: ${probe.status} ${JSON.stringify(body).slice(0, 300)}`);

      // The first PAGES pages, as a handler paging on would open them (each by the previous page's cursor).
      const requests = [{ path: pathQuery }];
      let cursor = (body as { nextCursor?: string | null }).nextCursor;
      while (cursor && requests.length < PAGES) {
        const path: string = `${pathQuery}&cursor=${encodeURIComponent(cursor)}`;
        requests.push({ path });
        cursor = ((await (await fetch(base + path, { headers: { cookie } })).json()) as { nextCursor?: string | null }).nextCursor;
      }
      const load = (durationS: number) => runLoad(base, requests, { connections: opts.connections, durationS, headers: { cookie } });
      log(`${kind}: warming up ${WARMUP_S} s`);
      await load(WARMUP_S);
      log(`${kind}: loading ${opts.durationS} s with ${opts.connections} connections`);
      const { metrics } = await measureLoad(kind, database, () => load(opts.durationS), log);
      return {
        ...metrics,
        [`${kind}_seed_s`]: Math.round(seedS * 10) / 10,
        [`${kind}_pages`]: requests.length,
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
    endpoint: 'GET /api/people?unitId=<青山镇>&subtree=true&limit=20[&cursor=…]',
    read_cache: loadConfig().readCache ? 'on' : 'off (JICENG_READ_CACHE)',
  };
  for (const kind of opts.databases) Object.assign(metrics, await runOn(kind, opts));
  const failed = opts.databases.some((k) => Number(metrics[`${k}_non2xx`]) > 0 || Number(metrics[`${k}_errors`]) > 0);
  metrics.all_ok = !failed;
  if (failed) process.exitCode = 1;
  return metrics;
}
