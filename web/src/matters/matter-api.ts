import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api/client.ts';
import type { Category, DispatchSuggestion, MatterDetail, MatterListItem, Page, ReplyTemplate } from '../api/types.ts';

// Query keys of the closed loop, so a write refreshes every view of the same data.
export const matterKeys = {
  matters: ['matters'] as const,
  matter: (id: string) => ['matters', 'detail', id] as const,
  byCaller: (phone: string) => ['matters', 'by-caller', phone] as const,
  categories: ['categories'] as const,
  dispatchRules: ['dispatch-rules'] as const,
  replyTemplates: ['reply-templates'] as const,
  settings: ['settings'] as const,
};

/** One matter with its timeline, measures, notes, files and the caller's `can` (GET /matters/:id). */
export function useMatter(id: string | undefined) {
  return useQuery({
    queryKey: matterKeys.matter(id ?? ''),
    queryFn: () => api.get<MatterDetail>(`/matters/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

/** The matter with exactly this code in the caller's scope, found through the inbox search (GET /matters?q=); null when none. */
export async function findMatterByCode(code: string): Promise<MatterListItem | null> {
  const wanted = code.trim().toUpperCase();
  if (!wanted) return null;
  const page = await api.get<Page<MatterListItem>>('/matters', { q: wanted, limit: 10 });
  return page.items.find((m) => m.code.toUpperCase() === wanted) ?? null;
}

/** The category tree, flat and depth first (GET /categories); inactive ones only when asked. */
export function useCategories(includeInactive = false) {
  return useQuery({
    queryKey: [...matterKeys.categories, { includeInactive }],
    queryFn: () => api.get<{ items: Category[]; canManage: boolean }>('/categories', { includeInactive: includeInactive || undefined }),
    staleTime: 60_000,
  });
}

/** Open matters of the same caller, looked up by phone while the operator types (GET /matters/by-caller). */
export function useByCaller(phone: string | null) {
  return useQuery({
    queryKey: matterKeys.byCaller(phone ?? ''),
    queryFn: () => api.get<{ items: MatterListItem[] }>('/matters/by-caller', { phone: phone! }).then((r) => r.items),
    enabled: !!phone,
    staleTime: 10_000,
  });
}

/** The unit the dispatch catalogue names for a category and region (GET /dispatch-rules/suggest). */
export function useDispatchSuggestion(categoryId: string | null, regionCode: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...matterKeys.dispatchRules, 'suggest', categoryId, regionCode],
    queryFn: () => api.get<DispatchSuggestion>('/dispatch-rules/suggest', { categoryId, regionCode }),
    enabled,
    // Without a catalogue the dispatcher chooses by hand; a failure only costs the suggestion.
    retry: false,
  });
}

/** Reply templates usable for a category (GET /reply-templates?categoryId). */
export function useReplyTemplates(categoryId: string | null, enabled = true) {
  return useQuery({
    queryKey: [...matterKeys.replyTemplates, categoryId],
    queryFn: () => api.get<{ items: ReplyTemplate[] }>('/reply-templates', { categoryId }).then((r) => r.items),
    enabled,
    retry: false,
  });
}

/** True when a value looks like the detail of a matter (the answer of most matter routes). */
function isMatterDetail(v: unknown): v is MatterDetail {
  return typeof v === 'object' && v !== null && 'events' in v && 'can' in v;
}

/**
 * A write on one matter (POST /matters/:id/<path>). The answer, when it is the matter, replaces the
 * cached one; lists are refreshed either way. A 409 (someone else acted first, or the state no longer
 * allows it) refreshes the matter so the page shows what the server now allows. The caller reports
 * the error (with its form, for field messages).
 */
export function useMatterWrite<B = unknown>(matterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body, method = 'POST' }: { path: string; body?: B; method?: 'POST' | 'PATCH' | 'DELETE' }) => {
      const url = `/matters/${encodeURIComponent(matterId)}/${path}`;
      if (method === 'PATCH') return api.patch<unknown>(url, body ?? {});
      if (method === 'DELETE') return api.delete<unknown>(url);
      return api.post<unknown>(url, body ?? {});
    },
    onSuccess: async (data) => {
      if (isMatterDetail(data)) qc.setQueryData(matterKeys.matter(matterId), data);
      else await qc.invalidateQueries({ queryKey: matterKeys.matter(matterId) });
      await qc.invalidateQueries({ queryKey: matterKeys.matters, predicate: (q) => q.queryKey[1] !== 'detail' });
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 409) void qc.invalidateQueries({ queryKey: matterKeys.matter(matterId) });
    },
  });
}
