import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { MatterClass, MatterClassDetail } from '../api/types.ts';
import { matterKeys } from './matter-api.ts';

// Query keys of the classes of matters (一类问题).
export const classKeys = {
  classes: ['matter-classes'] as const,
  list: (open: boolean | undefined) => ['matter-classes', 'list', open ?? 'all'] as const,
  detail: (id: string) => ['matter-classes', 'detail', id] as const,
};

/** Opens a new class (POST /matter-classes) with a trimmed name and description; its matters are added to it afterwards. */
export function createMatterClass(v: { name: string; description?: string }): Promise<MatterClass> {
  return api.post<MatterClass>('/matter-classes', { name: v.name.trim(), description: v.description?.trim() || undefined });
}

/** Classes in the caller's scope, newest first; `open` keeps only open (true) or closed (false) ones (GET /matter-classes). */
export function useMatterClasses(open: boolean | undefined) {
  return useQuery({
    queryKey: classKeys.list(open),
    queryFn: () => api.get<{ items: MatterClass[] }>('/matter-classes', { open: open === undefined ? undefined : String(open) }).then((r) => r.items),
  });
}

/** One class with its members (GET /matter-classes/:id). */
export function useMatterClass(id: string | undefined) {
  return useQuery({
    queryKey: classKeys.detail(id ?? ''),
    queryFn: () => api.get<MatterClassDetail>(`/matter-classes/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

/**
 * A change of one class (add or remove a member, close): the answer is the class as it now is and
 * replaces the cached one. Members' timelines (and, on closing, their replies) change too, so the
 * matters are refreshed as well.
 */
export function useMatterClassWrite(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body, method = 'POST' }: { path: string; body?: unknown; method?: 'POST' | 'DELETE' }) => {
      const url = `/matter-classes/${encodeURIComponent(id)}/${path}`;
      return method === 'DELETE' ? api.delete<MatterClassDetail>(url) : api.post<MatterClassDetail>(url, body ?? {});
    },
    onSuccess: async (data) => {
      qc.setQueryData(classKeys.detail(id), data);
      await Promise.all([qc.invalidateQueries({ queryKey: classKeys.classes, predicate: (q) => q.queryKey[1] !== 'detail' }), qc.invalidateQueries({ queryKey: matterKeys.matters })]);
    },
  });
}
