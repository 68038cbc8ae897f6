import { z } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import { listSettings, settingKeys, settingsManageRoot } from './settings.ts';
import { changeSetting } from './commands/change-setting.ts';

const ZSetting = z.object({ key: z.enum(settingKeys), value: z.unknown(), isDefault: z.boolean(), updatedAt: z.string().nullable() });

/** HTTP routes of the deployment settings (days until unrated matters close, backlog threshold, public intake unit …). */
export function registerSettingsRoutes(app: App, { database, config }: ModuleDeps): void {
  const db = database.db;
  app.get(
    '/settings',
    { schema: { tags: ['system'], summary: 'Every setting with its value and whether it is the default; admins', response: { 200: z.object({ items: z.array(ZSetting), canChange: z.boolean() }) } } },
    async (req) => {
      const actor = requireAbility(req, 'settings.manage');
      const items = (await listSettings(db)).map((s) => ({ ...s, updatedAt: s.updatedAt?.toISOString() ?? null }));
      return { items, canChange: settingsManageRoot(actor) !== null };
    },
  );
  app.put(
    '/settings/:key',
    {
      schema: {
        tags: ['system'],
        summary: 'Change a setting; admins of the top-level unit',
        description:
          'unrated_close_days (1–365, default 7), backlog_days (1–3650, default 60), review_after_days (1–365, default 30), public_intake_unit_id (a unit id, or null for the root of the tree).',
        params: z.strictObject({ key: z.enum(settingKeys) }),
        body: z.strictObject({ value: z.unknown() }),
        response: { 200: ZSetting },
      },
    },
    async (req) => {
      requireAbility(req, 'settings.manage');
      return changeSetting(ctxOf(req, db, config), req.params.key, req.body.value);
    },
  );
}
