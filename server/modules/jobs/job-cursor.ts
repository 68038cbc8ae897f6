import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { settings } from '../system/tables.ts';

/**
 * Where a scan has got to (the last matter event notified, the last deadline scan), kept as a
 * row of `settings` under `cursor.<name>` so it survives restarts and is shared by instances.
 * Read FOR UPDATE inside the scan's transaction: a second instance running the same scan waits
 * and then continues after the first one's work instead of repeating it. These rows are
 * bookkeeping, not settings an admin changes, so they have no entry in the settings catalogue
 * and leave no audit row.
 */
export async function readJobCursor<T>(tx: Tx, name: string): Promise<T | null> {
  const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, `cursor.${name}`)).for('update');
  return row ? (row.value as T) : null;
}

/** Stores a scan's position in the caller's transaction (see readJobCursor). */
export async function writeJobCursor(tx: Tx, name: string, value: unknown, now: Date = new Date()): Promise<void> {
  await tx
    .insert(settings)
    .values({ key: `cursor.${name}`, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}
