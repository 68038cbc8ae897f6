import type { MatterStatus } from '../matters/state-machine.ts';
import type { MatterRow } from '../matters/queries/load-matter.ts';
import type { matterAttachments, matterEvents } from '../matters/tables.ts';
import { publicTimelineActions, type TAttachment, type TCitizenMatter } from './schema.ts';

type EventRow = typeof matterEvents.$inferSelect;
type AttachmentMeta = Omit<typeof matterAttachments.$inferSelect, 'data'>;

const publicActions: ReadonlySet<string> = new Set(publicTimelineActions);

/** True for an event a citizen may see: a change of status (and the intake), never notes or files. */
export function isPublicEvent(e: Pick<EventRow, 'action' | 'fromStatus'>): boolean {
  return publicActions.has(e.action) && (e.action === 'create' || e.fromStatus !== null);
}

/** True when the citizen may rate now: the matter is replied and this reply has no rating yet. */
export function canRateNow(m: Pick<MatterRow, 'status' | 'repliedAt' | 'ratedAt'>): boolean {
  return m.status === 'replied' && !isCurrentReplyRated(m);
}

/** True when the latest reply has already been rated (a rating after it). */
export function isCurrentReplyRated(m: Pick<MatterRow, 'repliedAt' | 'ratedAt'>): boolean {
  return !!m.ratedAt && !!m.repliedAt && m.ratedAt >= m.repliedAt;
}

/** What the lookup gathered for one matter: the matter the citizen submitted, and the one it follows. */
export interface CitizenMatterParts {
  own: MatterRow;
  /** The main matter when `own` was merged into it, else `own`. */
  followed: MatterRow;
  category: { name: string; nameEn: string | null } | null;
  unitName: string | null;
  events: EventRow[];
  photos: AttachmentMeta[];
}

/**
 * The citizen's view (see ZCitizenMatter): built field by field from an allow-list, so a column
 * added to matters later does not leak. Status, deadline, reply and unit come from the followed
 * matter; the rating only from the citizen's own (another petitioner's comment is not theirs).
 */
export function presentCitizenMatter(p: CitizenMatterParts): TCitizenMatter {
  const { own, followed } = p;
  const isMerged = own.id !== followed.id;
  // Only the rating of the latest reply: after a rework and a new reply, the old one no longer applies.
  const rating = !isMerged && own.rating && own.ratedAt && isCurrentReplyRated(own) ? own : null;
  return {
    code: own.code,
    title: own.title,
    description: own.description,
    category: p.category,
    address: own.address,
    status: followed.status as MatterStatus,
    isMerged,
    unitName: p.unitName,
    createdAt: own.createdAt.toISOString(),
    resolveBy: followed.resolveBy?.toISOString() ?? null,
    replyText: followed.replyText,
    repliedAt: followed.repliedAt?.toISOString() ?? null,
    rating: rating ? { rating: rating.rating as NonNullable<TCitizenMatter['rating']>['rating'], solved: rating.ratingSolved, comment: rating.ratingNote, ratedAt: rating.ratedAt!.toISOString() } : null,
    canRate: !isMerged && canRateNow(own),
    timeline: p.events.filter(isPublicEvent).map((e) => ({ at: e.at.toISOString(), action: e.action, status: e.toStatus as MatterStatus })),
    photos: p.photos.filter((a) => a.visibleToCitizen).map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size })),
  };
}

/** A file of a matter as staff see it. */
export function presentAttachment(a: AttachmentMeta): TAttachment {
  return {
    id: a.id,
    matterId: a.matterId,
    measureId: a.measureId,
    source: a.source as TAttachment['source'],
    visibleToCitizen: a.visibleToCitizen,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    createdAt: a.createdAt.toISOString(),
  };
}
