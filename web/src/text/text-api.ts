import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { MatterListItem } from '../api/types.ts';

// Types and queries of the text module's routes (server/modules/text/schema.ts).

export type TextModelKind = 'category' | 'unit';

/** One suggested category or unit with the model's probability (0..1). */
export interface SuggestionItem {
  id: string;
  name: string;
  confidence: number;
}

/** The suggestions of one model, or why there are none. */
export interface KindSuggestion {
  modelId: string | null;
  trainedAt: string | null;
  items: SuggestionItem[];
  reasonCode: 'NO_MODEL' | 'NONE_IN_SCOPE' | null;
  reason: string | null;
}

export type SuggestResult = Record<TextModelKind, KindSuggestion>;

/** What was suggested for a matter and what was chosen. */
export interface RecordedSuggestion {
  id: number;
  matterId: string;
  kind: TextModelKind;
  modelId: string | null;
  suggested: SuggestionItem[];
  chosen: string | null;
  accepted: boolean | null;
  inTop3: boolean | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface TextSpan {
  start: number;
  end: number;
}

/** A likely duplicate of the matter being taken in. */
export interface Duplicate {
  matter: MatterListItem;
  description: string;
  address: string | null;
  score: number;
  reason: 'same-petitioner' | 'similar-text' | 'same-place';
  samePetitioner: boolean;
  sharedPlaces: string[];
  spans: { title: { input: TextSpan[]; matter: TextSpan[] }; description: { input: TextSpan[]; matter: TextSpan[] } };
}

export interface DuplicatesResult {
  items: Duplicate[];
  candidates: number;
  capped: boolean;
}

export interface HotTopic {
  label: string;
  place: string | null;
  keywords: string[];
  size: number;
  heat: number;
  growth: number;
  petitioners: number;
  firstAt: string | null;
  lastAt: string | null;
  representatives: { id: string; code: string; title: string }[];
  memberIds: string[];
}

export interface HotTopicsResult {
  unit: { id: string; name: string } | null;
  from: string;
  to: string;
  matterCount: number;
  cap: number;
  capped: boolean;
  topics: HotTopic[];
}

export interface SuggestionStats {
  from: string;
  to: string;
  definition: string;
  kinds: { kind: TextModelKind; recorded: number; decided: number; top1: number; top3: number; top1Rate: number | null; top3Rate: number | null }[];
}

export interface TextModelStatus {
  models: { id: string; kind: TextModelKind; trainedOn: number; createdAt: string; metrics: { labelCount: number; holdoutSize: number; holdoutAccuracy: number | null; holdoutTop3: number | null; capped: boolean; seconds: number } | null }[];
  minimum: { matters: number; labels: number };
  retrainPending: boolean;
}

export interface ReplyCheck {
  score: number;
  relevance: number;
  completeness: number;
  timeliness: number;
  workingDays: number;
  missing: string[];
}

export const textKeys = {
  all: ['text'] as const,
  suggest: (title: string, description: string) => ['text', 'suggest', title, description] as const,
  duplicates: (body: Record<string, unknown>) => ['text', 'duplicates', body] as const,
  suggestions: (matterId: string) => ['text', 'suggestions', matterId] as const,
  hotTopics: (q: Record<string, unknown>) => ['text', 'hot-topics', q] as const,
  stats: (q: Record<string, unknown>) => ['text', 'stats', q] as const,
  models: ['text', 'models'] as const,
};

/** Category and unit suggestions for the text being typed (POST /text/suggest); off until there is text. */
export function useIntakeSuggestions(title: string, description: string, enabled: boolean) {
  return useQuery({
    queryKey: textKeys.suggest(title, description),
    queryFn: () => api.post<SuggestResult>('/text/suggest', { title, description }),
    enabled,
    staleTime: 60_000,
    // A suggestion is a help: a failure only costs the hint.
    retry: false,
  });
}

/** Likely duplicates of the matter being typed (POST /text/duplicates). */
export function useIntakeDuplicates(body: { title: string; description: string; address?: string; phone?: string }, enabled: boolean) {
  return useQuery({
    queryKey: textKeys.duplicates(body),
    queryFn: () => api.post<DuplicatesResult>('/text/duplicates', body),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}

/** What was suggested for a matter (GET /text/suggestions?matterId). */
export function useRecordedSuggestions(matterId: string, enabled = true) {
  return useQuery({
    queryKey: textKeys.suggestions(matterId),
    queryFn: () => api.get<{ items: RecordedSuggestion[] }>('/text/suggestions', { matterId }).then((r) => r.items),
    enabled,
    retry: false,
  });
}

/** Hot topics of a unit subtree in a period (GET /text/hot-topics). */
export function useHotTopics(q: { unitId?: string; from?: string; to?: string; top: number }) {
  return useQuery({ queryKey: textKeys.hotTopics(q), queryFn: () => api.get<HotTopicsResult>('/text/hot-topics', q), staleTime: 60_000 });
}

/** Acceptance rate of suggestions (GET /text/suggestions/stats). */
export function useSuggestionStats(q: { from?: string; to?: string }) {
  return useQuery({ queryKey: textKeys.stats(q), queryFn: () => api.get<SuggestionStats>('/text/suggestions/stats', q), staleTime: 60_000 });
}

/** The models in use (GET /text/models). */
export function useTextModels() {
  return useQuery({ queryKey: textKeys.models, queryFn: () => api.get<TextModelStatus>('/text/models') });
}

/**
 * Records what the models suggest for a matter just taken in (POST /text/suggestions), so the
 * acceptance rate can be counted. Fire and forget: the intake never waits for it or fails by it.
 */
export function recordIntakeSuggestions(matterId: string): void {
  void api.post('/text/suggestions', { matterId }).catch(() => undefined);
}
