import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { Ctx } from '../../core/context.ts';
import { appendAudit } from '../../core/audit.ts';
import { scopeFor, type Actor } from '../../core/policy.ts';
import { settings } from './tables.ts';

/**
 * The value schema of each setting. A row in `settings` overrides the default below; a stored
 * value that no longer parses (an older version wrote it, someone edited the table) falls back to
 * the default instead of breaking every command that reads it.
 */
export const settingSchemas = {
  /** Days after the reply when a matter nobody rated closes as unrated. */
  unrated_close_days: z.number().int().min(1).max(365),
  /** Days open after which a matter counts as backlog (积案). */
  backlog_days: z.number().int().min(1).max(3650),
  /** Days after closing when a matter is looked at again (回头看), unless its category says otherwise. */
  review_after_days: z.number().int().min(1).max(365),
  /** The unit that takes in submissions from the citizen page and Open311; null = the root of the tree. */
  public_intake_unit_id: z.uuid().nullable(),
} as const;

/** The names of the settings. */
export type SettingKey = keyof typeof settingSchemas;
/** The value type of one setting. */
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;
/** Every setting with its value. */
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

/** The keys, in the order screens list them. */
export const settingKeys = Object.keys(settingSchemas) as SettingKey[];

/** The values used while no row overrides them. */
export const settingDefaults: SettingValues = {
  unrated_close_days: 7,
  backlog_days: 60,
  review_after_days: 30,
  public_intake_unit_id: null,
};

/** True when `key` names a setting. */
export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingSchemas, key);
}

/** A stored value read along with another query (null when no row overrides the default), checked as getSetting checks it. */
export function parseStored<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
  if (value === null || value === undefined) return settingDefaults[key];
  const parsed = settingSchemas[key].safeParse(value);
  return parsed.success ? (parsed.data as SettingValue<K>) : settingDefaults[key];
}

/** The current value of one setting: the stored override, else its default. */
export async function getSetting<K extends SettingKey>(db: DbOrTx, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return parseStored(key, row?.value);
}

/** SQL: the stored value of one setting (jsonb, or null while the default applies), as a column of a larger query. */
export function storedSettingSql(key: SettingKey) {
  return sql`(select s.value from settings s where s.key = ${sql.raw(`'${key}'`)})`;
}

/** Every setting with its current value and whether it is the default. */
export async function listSettings(db: DbOrTx): Promise<{ key: SettingKey; value: unknown; isDefault: boolean; updatedAt: Date | null }[]> {
  const rows = await db.select().from(settings);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return settingKeys.map((key) => {
    const row = byKey.get(key);
    return { key, value: row ? parseStored(key, row.value) : settingDefaults[key], isDefault: !row, updatedAt: row?.updatedAt ?? null };
  });
}

// A top-level unit's path holds one id: `/id/`.
const isTopLevelPath = (path: string) => /^\/[^/]+\/$/.test(path);

/**
 * The top-level unit in which the actor may change settings, or null. Settings apply to the whole
 * deployment, so an admin of a township (whose `settings.manage` reaches only its subtree) may
 * not change them; the audit row belongs to that top-level unit.
 */
export function settingsManageRoot(actor: Actor | null): string | null {
  if (!actor) return null;
  return scopeFor(actor, 'settings.manage').find(isTopLevelPath) ?? null;
}

/**
 * Stores a setting inside the caller's transaction and appends its audit row there. The value is
 * validated here as well as at the route, so a command or the CLI cannot store what a read would
 * discard. Authorization is the caller's (see settingsManageRoot).
 */
export async function setSetting<K extends SettingKey>(tx: Tx, ctx: Pick<Ctx, 'actor' | 'ip' | 'channel'>, key: K, value: SettingValue<K>): Promise<SettingValue<K>> {
  const parsed = settingSchemas[key].parse(value) as SettingValue<K>;
  const [before] = await tx.select().from(settings).where(eq(settings.key, key)).for('update');
  // JSON null (the root as public intake unit) must be stored as the jsonb value null, not as SQL NULL.
  const values = { value: parsed === null ? sql`'null'::jsonb` : (parsed as unknown), updatedBy: ctx.actor?.accountId ?? null, updatedAt: new Date() };
  await tx
    .insert(settings)
    .values({ key, ...values })
    .onConflictDoUpdate({ target: settings.key, set: values });
  await appendAudit(tx, ctx, {
    action: 'settings.set',
    subjectType: 'setting',
    subjectId: key,
    unitPath: settingsManageRoot(ctx.actor),
    before: { value: before ? parseStored(key, before.value) : settingDefaults[key], isDefault: !before },
    after: { value: parsed, isDefault: false },
  });
  return parsed;
}
