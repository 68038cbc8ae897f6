import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './client.ts';
import type { CalendarStatus, CampaignBatch, Unit, UnitDetail } from './types.ts';

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
  calendar: ['calendar'] as const,
  calendarYear: (year: number) => ['calendar', 'year', year] as const,
  calendarStatus: ['calendar', 'status'] as const,
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

/** How far the holiday calendar is known (GET /calendar/status); a warning when not the next 60 days. */
export function useCalendarStatus(enabled = true) {
  // The warning is worded by the server in the request's language: a switch asks again.
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...keys.calendarStatus, i18n.language],
    queryFn: () => api.get<CalendarStatus>('/calendar/status'),
    staleTime: 5 * 60_000,
    enabled,
  });
}
