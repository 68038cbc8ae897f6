import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { localiseIssue } from '../../../core/validation.ts';
import { units } from '../../org/tables.ts';
import { listSettings, setSetting, settingSchemas, settingsManageRoot, type SettingKey, type SettingValue } from '../settings.ts';

/** One setting as the API shows it. */
export interface SettingView {
  key: SettingKey;
  value: unknown;
  isDefault: boolean;
  updatedAt: string | null;
}

/**
 * Changes one setting after checking its value against the key's schema (400 on `value`, worded
 * in the caller's language) and, for the public intake unit, that the unit exists and is active.
 * Admins of a top-level unit only: settings apply to the whole deployment.
 */
export async function changeSetting(ctx: Ctx, key: SettingKey, value: unknown): Promise<SettingView> {
  if (!settingsManageRoot(requireActor(ctx))) throw new AppError(403, 'SETTINGS_MANAGE_TOP_LEVEL');
  const parsed = settingSchemas[key].safeParse(value);
  if (!parsed.success) throw invalidField('value', 'SETTING_VALUE', { reason: localiseIssue(parsed.error.issues[0], ctx.lang) });
  await ctx.db.transaction(async (tx) => {
    if (key === 'public_intake_unit_id' && parsed.data !== null) {
      const [u] = await tx.select({ isActive: units.isActive }).from(units).where(eq(units.id, parsed.data as string));
      if (!u?.isActive) throw invalidField('value', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
    }
    await setSetting(tx, ctx, key, parsed.data as SettingValue<typeof key>);
  });
  const row = (await listSettings(ctx.db)).find((s) => s.key === key)!;
  return { ...row, updatedAt: row.updatedAt?.toISOString() ?? null };
}
