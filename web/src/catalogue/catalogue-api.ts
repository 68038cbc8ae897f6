import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { DispatchRule, ReplyTemplate, Setting } from '../api/types.ts';
import { matterKeys } from '../matters/matter-api.ts';

// The routes of the admin screens, in one place (server/modules/categories, system/settings).
export const catalogueRoutes = {
  categories: '/categories',
  category: (id: string) => `/categories/${encodeURIComponent(id)}`,
  categoryActive: (id: string, active: boolean) => `/categories/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`,
  categoryImport: '/categories/import',
  dispatchRules: '/dispatch-rules',
  dispatchRule: (id: string) => `/dispatch-rules/${encodeURIComponent(id)}`,
  replyTemplates: '/reply-templates',
  replyTemplate: (id: string) => `/reply-templates/${encodeURIComponent(id)}`,
  settings: '/settings',
  setting: (key: string) => `/settings/${encodeURIComponent(key)}`,
};

/** The dispatch catalogue, optionally of one category (GET /dispatch-rules). */
export function useDispatchRules(categoryId?: string) {
  return useQuery({
    queryKey: [...matterKeys.dispatchRules, 'list', categoryId ?? null],
    queryFn: () => api.get<{ items: DispatchRule[] }>(catalogueRoutes.dispatchRules, { categoryId }).then((r) => r.items),
  });
}

/** Reply templates the caller may use, optionally of one category (GET /reply-templates). */
export function useTemplateList(categoryId?: string) {
  return useQuery({
    queryKey: [...matterKeys.replyTemplates, 'list', categoryId ?? null],
    queryFn: () => api.get<{ items: ReplyTemplate[] }>(catalogueRoutes.replyTemplates, { categoryId }).then((r) => r.items),
  });
}

/** Every setting with its value and whether it is the default, and whether the caller may change them (GET /settings). */
export function useSettings() {
  return useQuery({
    queryKey: matterKeys.settings,
    queryFn: () => api.get<{ items: Setting[]; canChange: boolean }>(catalogueRoutes.settings),
  });
}
