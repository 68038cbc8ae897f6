import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import type { Ctx } from '../../../core/context.ts';
import { categories } from '../../categories/tables.ts';
import { units } from '../../org/tables.ts';
import { matterAttachments, matterEvents, matters } from '../../matters/tables.ts';
import type { MatterRow } from '../../matters/queries/load-matter.ts';
import { presentCitizenMatter } from '../presenter.ts';
import type { TCitizenMatter } from '../schema.ts';
import type { PhoneGuard } from '../phone-guard.ts';
import { loadByCredentials, type CitizenCredentials } from './load-by-credentials.ts';

// A merge into a matter that was itself merged is followed this many steps at most.
const MAX_MERGE_HOPS = 5;

/** The matter a merged one follows (its main matter, through chains of merges), else the matter itself. */
export async function followMerges(db: DbOrTx, m: MatterRow): Promise<MatterRow> {
  let current = m;
  for (let hop = 0; hop < MAX_MERGE_HOPS && current.mergedIntoId; hop++) {
    const [next] = await db.select().from(matters).where(eq(matters.id, current.mergedIntoId));
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The citizen's view of a matter, by its parts; the caller has proved the matter is the citizen's.
 * A merged matter's timeline is its own up to the merge, then the main matter's changes after it.
 */
export async function citizenViewOf(db: DbOrTx, own: MatterRow): Promise<TCitizenMatter> {
  const followed = await followMerges(db, own);
  const ownEvents = await db.select().from(matterEvents).where(eq(matterEvents.matterId, own.id)).orderBy(asc(matterEvents.id));
  let events = ownEvents;
  if (followed.id !== own.id) {
    const mergedAt = ownEvents.findLast((e) => e.action === 'merge')?.at ?? own.updatedAt;
    const after = await db
      .select()
      .from(matterEvents)
      .where(and(eq(matterEvents.matterId, followed.id), gt(matterEvents.at, mergedAt)))
      .orderBy(asc(matterEvents.id));
    events = [...ownEvents, ...after];
  }
  const [category] = own.categoryId ? await db.select({ name: categories.name, nameEn: categories.nameEn }).from(categories).where(eq(categories.id, own.categoryId)) : [];
  const [unit] = followed.unitId ? await db.select({ name: units.name }).from(units).where(eq(units.id, followed.unitId)) : [];
  const photos = await db
    .select({
      id: matterAttachments.id,
      matterId: matterAttachments.matterId,
      measureId: matterAttachments.measureId,
      source: matterAttachments.source,
      visibleToCitizen: matterAttachments.visibleToCitizen,
      fileName: matterAttachments.fileName,
      contentType: matterAttachments.contentType,
      size: matterAttachments.size,
      sha256: matterAttachments.sha256,
      uploadedBy: matterAttachments.uploadedBy,
      createdAt: matterAttachments.createdAt,
    })
    .from(matterAttachments)
    .where(and(eq(matterAttachments.matterId, own.id), eq(matterAttachments.visibleToCitizen, true)))
    .orderBy(asc(matterAttachments.createdAt), asc(matterAttachments.id));
  return presentCitizenMatter({ own, followed, category: category ?? null, unitName: unit?.name ?? null, events, photos });
}

/** Looks a matter up with its code and the secret or the phone's last four digits (else 404). */
export async function lookupCitizenMatter(ctx: Ctx, guard: PhoneGuard, cred: CitizenCredentials): Promise<TCitizenMatter> {
  return citizenViewOf(ctx.db, await loadByCredentials(ctx.db, ctx, guard, cred));
}
