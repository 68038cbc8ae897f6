import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { CampaignBatch, Unit, UnitDetail } from './types.ts';

// Query keys shared by screens so a write can refresh every view of the same data.
export const keys = {
  session: ['session'] as const,
  unitTree: ['units', 'tree'] as const,
  unit: (id: string) => ['units', 'detail', id] as const,
  units: ['units'] as const,
  people: ['people'] as const,
  accounts: ['accounts'] as const,
  groups: ['supervision-groups'] as const,
  batches: ['campaign-batches'] as const,
  audit: ['audit'] as const,
};

/** Every unit in the caller's scope, flat (GET /units/tree). */
export function useUnitTree(enabled = true) {
  return useQuery({
    queryKey: keys.unitTree,
    queryFn: () => api.get<{ items: Unit[] }>('/units/tree').then((r) => r.items),
    staleTime: 60_000,
    enabled,
  });
}

/** One unit with ancestors, children, counts and the caller's abilities on it. */
export function useUnitDetail(id: string | undefined) {
  return useQuery({
    queryKey: keys.unit(id ?? ''),
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

/** Campaign batches, for naming a unit's batch; failure only costs the name. */
export function useBatches() {
  return useQuery({
    queryKey: keys.batches,
    queryFn: () => api.get<{ items: CampaignBatch[] }>('/campaign-batches').then((r) => r.items),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
