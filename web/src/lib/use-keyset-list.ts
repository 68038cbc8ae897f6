import { useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Query } from '../api/client.ts';
import type { Page } from '../api/types.ts';

// The filters are part of the cache key, so changing one starts again from the first page.
/** A keyset-paginated list (`{items, nextCursor}`) read page by page with "load more". */
export function useKeysetList<T>(key: readonly unknown[], path: string, query: Query, opts: { limit?: number; enabled?: boolean } = {}) {
  const limit = opts.limit ?? 50;
  const q = useInfiniteQuery({
    queryKey: [...key, 'list', path, query, limit],
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...query, cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: opts.enabled ?? true,
  });
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  return { ...q, items };
}
