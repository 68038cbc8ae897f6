import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';

/** The Drizzle database handle shared by both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; commands receive one so their audit rows commit with them. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either a database or a transaction: queries accept both. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database with its driver kind and a way to close it. */
export interface Database {
  db: Db;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls `onNotify` for every notification on `channel` (NOTIFY, from any session of the
   * database) until the returned stop function is called. On PostgreSQL a dedicated connection
   * listens and reconnects after a loss, calling `onNotify` once more then, since notifications
   * sent meanwhile are lost.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// pg returns bigint and numeric as strings; counts and ids here fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or in memory). */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; inMemory?: boolean; poolSize?: number; preparedLimit?: number }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // The named statements of hot paths (see queryRows) run on a small pool of their own whose
    // sessions always use the generic plan: planned once per connection instead of on every
    // request. Every other query keeps PostgreSQL's default (custom plans with the values bound),
    // which it needs to use prefix indexes for `path like $1` and partial indexes for a status.
    const hotPool = new pg.Pool({ connectionString: opts.databaseUrl, max: Math.max(2, Math.ceil((opts.poolSize ?? 10) / 2)), options: '-c plan_cache_mode=force_generic_plan' });
    for (const p of [pool, hotPool]) {
      p.on('error', () => {
        /* an idle client lost its connection; the pool replaces it */
      });
    }
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    hotPools.set(db, { pool: hotPool, preparedLimit: opts.preparedLimit ?? MAX_PREPARED_PER_CONNECTION });
    return {
      db,
      kind: 'postgres',
      async migrate() {
        // One instance migrates at a time when several start together.
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock(7215001)');
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock(7215001)').catch(() => undefined);
          client.release();
        }
      },
      close: async () => {
        await Promise.all([pool.end(), hotPool.end()]);
      },
      listen: (channel, onNotify) => listenPg(opts.databaseUrl!, channel, onNotify),
    };
  }
  let dataPath: string | undefined;
  if (!opts.inMemory) {
    if (!opts.dataDir) throw new Error('dataDir is required for PGlite on disk');
    dataPath = path.join(opts.dataDir, 'pgdata');
    fs.mkdirSync(dataPath, { recursive: true });
  }
  const client = new PGlite(dataPath);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, () => onNotify());
      return async () => {
        if (!client.closed) await stop();
      };
    },
  };
}

const RELISTEN_AFTER_MS = 1_000;

/** LISTEN on a connection of its own, reconnecting after a loss (see Database.listen). */
async function listenPg(url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const start = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    let down = false;
    const lost = () => {
      if (down) return;
      down = true;
      if (client === c) client = undefined;
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(reconnect, RELISTEN_AFTER_MS);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === channel) onNotify();
    });
    client = c;
    try {
      await c.connect();
      await c.query(`listen "${channel.replace(/"/g, '""')}"`);
      // Listening alone never keeps the process alive.
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    } catch (err) {
      lost();
      throw err;
    }
  };
  const reconnect = () => {
    retry = undefined;
    if (!stopped) start().then(onNotify, () => undefined);
  };
  // A first failure is retried like a later loss; the app starts regardless.
  await start().catch(() => undefined);
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = undefined;
  };
}

const hotPools = new WeakMap<object, { pool: pg.Pool; preparedLimit: number }>();

/**
 * Rows of a raw SQL query, whichever driver returned them. With `prepare`, a query on the pool
 * (not in a transaction) on PostgreSQL runs as a named prepared statement, so hot paths skip
 * parsing and planning; the name includes a hash of the text, so each variant gets its own.
 */
export async function queryRows<T>(db: DbOrTx, query: ReturnType<typeof sql>, opts: { prepare?: string } = {}): Promise<T[]> {
  const hot = opts.prepare ? hotPools.get(db) : undefined;
  if (hot) {
    const pool = hot.pool;
    const { sql: text, params } = (db as unknown as { dialect: { sqlToQuery(q: unknown): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);
    const name = `${opts.prepare}_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
    const client = await pool.connect();
    let failed: Error | undefined;
    try {
      const res = await client.query({ name, text, values: params });
      await keepPreparedBounded(client, name, hot.preparedLimit);
      return res.rows as T[];
    } catch (err) {
      failed = err as Error;
      throw err;
    } finally {
      // As pool.query does: a connection that failed a query is closed rather than reused.
      client.release(failed);
    }
  }
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * At most this many named statements stay prepared on one connection (default of openDatabase's `preparedLimit`). Some hot statements carry
 * the caller's scope as literals (one statement per scope and shape), so their number grows with
 * the accounts in use; the least recently used are deallocated beyond it.
 */
export const MAX_PREPARED_PER_CONNECTION = 200;
const preparedOf = new WeakMap<pg.PoolClient, Map<string, true>>();

/** Marks `name` as just used on this connection and deallocates the least recently used beyond the limit. */
async function keepPreparedBounded(client: pg.PoolClient, name: string, limit: number): Promise<void> {
  let used = preparedOf.get(client);
  if (!used) preparedOf.set(client, (used = new Map()));
  used.delete(name);
  used.set(name, true);
  while (used.size > limit) {
    const oldest = used.keys().next().value as string;
    used.delete(oldest);
    await client.query(`deallocate "${oldest}"`);
    // node-postgres remembers what it parsed; forget it too, or it would execute a statement the server no longer has.
    delete (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[oldest];
  }
}
