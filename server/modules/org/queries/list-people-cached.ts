import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { ReadCache } from '../../../core/read-cache.ts';
import type { TPeopleQuery } from '../schema.ts';
import { listPeople } from './list-people.ts';

type PeoplePage = Awaited<ReturnType<typeof listPeople>>;

/** How long a people page may be served again at most, when no write has happened since it was read. */
export const PEOPLE_PAGE_CACHE_MS = 2_000;
const caches = new WeakMap<object, ReadCache<PeoplePage>>();

/**
 * `listPeople` with its pages kept for a moment, per account and query: the people list is the
 * most read and least written list of the organisation, paged through and re-opened all day. A
 * page counts only until the next write (this instance's, or one the database reports from
 * elsewhere) and for at most PEOPLE_PAGE_CACHE_MS; see core/read-cache.ts. Keyed by account, so a
 * page is only ever served to the account whose scope produced it.
 */
export async function listPeopleCached(ctx: Ctx, q: TPeopleQuery): Promise<PeoplePage> {
  if (!ctx.config.readCache) return listPeople(ctx, q);
  const actor = requireActor(ctx);
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new ReadCache<PeoplePage>(PEOPLE_PAGE_CACHE_MS, 5_000)));
  // The whole parsed query (its keys in the schema's order), so a filter added later is part of the key.
  const key = JSON.stringify([actor.accountId, q]);
  return (await cache.read(key, () => listPeople(ctx, q)))!;
}
