import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { campaignBatches } from '../tables.ts';

/** All campaign batches, oldest first (they are few and not secret within a deployment). */
export async function listCampaignBatches(db: DbOrTx) {
  const rows = await db.select().from(campaignBatches).orderBy(asc(campaignBatches.startsOn));
  return rows.map((b) => ({ id: b.id, name: b.name, startsOn: b.startsOn, endsOn: b.endsOn }));
}
