import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import type { Lang } from '../../../core/messages.ts';
import { invalidField } from '../../../core/errors.ts';
import { campaignBatches } from '../tables.ts';

/** Refuses a reference to a campaign batch that does not exist. */
export async function assertBatchExists(db: DbOrTx, batchId: string, lang: Lang): Promise<void> {
  const [b] = await db.select({ id: campaignBatches.id }).from(campaignBatches).where(eq(campaignBatches.id, batchId));
  if (!b) throw invalidField('batchId', 'REFERENCE_NOT_FOUND', { what: lang === 'zh-CN' ? '批次' : 'batch' });
}
