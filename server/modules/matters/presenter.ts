import { decryptField, fieldAad } from '../../core/personal-data/field-cipher.ts';
import type { SecretKeyring } from '../../core/personal-data/secret-key.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../core/personal-data/mask.ts';
import type { Actor } from '../../core/policy.ts';
import { allowedActions, type MatterStatus } from './state-machine.ts';
import { matterAbilitiesFor } from './policy.ts';
import type { MatterRow } from './queries/load-matter.ts';
import type { TMatter } from './schema.ts';
import type { matterEvents, matterExtensions, matterMeasures, matterNotes } from './tables.ts';

type UnitRef = { id: string; name: string };

// Statuses in which each deadline still runs.
const awaitingResponse: readonly string[] = ['received', 'dispatched'];
const awaitingResolution: readonly string[] = ['received', 'dispatched', 'in_progress'];
/** Statuses of a matter that is not finished: it counts towards the backlog (积案) and takes repeat contacts. */
export const openStatuses = ['received', 'dispatched', 'in_progress', 'replied'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The earliest deadline that still applies to the matter's state: response or resolution while
 * received or dispatched, resolution once in progress, none after the reply. The SQL of the inbox
 * (`deadlineExpr` in queries/list-matters.ts) computes the same.
 */
export function appliedDeadline(m: Pick<MatterRow, 'status' | 'respondBy' | 'resolveBy'>): Date | null {
  const ds = [awaitingResponse.includes(m.status) ? m.respondBy : null, awaitingResolution.includes(m.status) ? m.resolveBy : null].filter((d): d is Date => !!d);
  return ds.length ? new Date(Math.min(...ds.map((d) => d.getTime()))) : null;
}

/** True when the matter has missed the deadline that still applies to its state. */
export function isMatterOverdue(m: Pick<MatterRow, 'status' | 'respondBy' | 'resolveBy'>, now: Date = new Date()): boolean {
  const deadline = appliedDeadline(m);
  return !!deadline && deadline < now;
}

/** The instant before which an open matter counts as backlog (积案). */
export function backlogCutoff(backlogDays: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - backlogDays * DAY_MS);
}

/** True when the matter is still open and was taken in longer than `backlogDays` ago. */
export function isMatterBacklog(m: Pick<MatterRow, 'status' | 'createdAt'>, backlogDays: number, now: Date = new Date()): boolean {
  return (openStatuses as readonly string[]).includes(m.status) && m.createdAt < backlogCutoff(backlogDays, now);
}

/** The progress of a matter: the mean of its measures' progress (a done measure counts 100), or null without measures. */
export function progressOf(measures: readonly Pick<typeof matterMeasures.$inferSelect, 'progress' | 'doneAt'>[]): number | null {
  if (measures.length === 0) return null;
  return Math.round(measures.reduce((sum, x) => sum + (x.doneAt ? 100 : x.progress), 0) / measures.length);
}

/** What the staff view needs beyond the row itself. */
export interface MatterViewFacts {
  unitsById: Map<string, UnitRef>;
  coUnitIds: string[];
  /** The co-units' paths, for the role rules of the `can` map. */
  coUnitPaths?: readonly string[];
  progress: number | null;
  hasPendingExtension: boolean;
  backlogDays: number;
  now?: Date;
}

/**
 * The staff view of a matter: petitioner data decrypted only to be masked (plain text only
 * through the audited reveal), the escalation and unmeetable records, and what the caller may do.
 */
export function presentMatter(m: MatterRow, facts: MatterViewFacts, keys: SecretKeyring | undefined, actor: Actor | null): TMatter {
  const now = facts.now ?? new Date();
  const unitRef = (id: string | null) => (id ? (facts.unitsById.get(id) ?? { id, name: '' }) : null);
  const masked = (enc: string | null, field: string, mask: (v: string) => string) => {
    if (!enc) return '';
    // Without the key (or with a value that will not decrypt) nothing can be shown, not even masked.
    if (!keys) return '***';
    try {
      return mask(decryptField(keys, enc, fieldAad('matter', m.id, field)));
    } catch {
      return '***';
    }
  };
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: m.id,
    code: m.code,
    kind: m.kind as TMatter['kind'],
    origin: m.origin as TMatter['origin'],
    title: m.title,
    description: m.description,
    categoryId: m.categoryId,
    urgency: m.urgency as TMatter['urgency'],
    status: m.status as MatterStatus,
    intakeUnit: unitRef(m.intakeUnitId)!,
    unit: unitRef(m.unitId),
    coUnits: facts.coUnitIds.map((id) => unitRef(id)!),
    handlerAccountId: m.handlerAccountId,
    leaderAccountId: m.leaderAccountId,
    respondBy: iso(m.respondBy),
    resolveBy: iso(m.resolveBy),
    isOverdue: isMatterOverdue(m, now),
    petitioner: {
      name: masked(m.petitionerNameEnc, 'name', maskName),
      phone: masked(m.petitionerPhoneEnc, 'phone', maskPhone),
      idNumber: masked(m.petitionerIdEnc, 'id_number', maskIdNumber),
      address: masked(m.petitionerAddressEnc, 'address', maskAddress),
    },
    address: m.address,
    regionCode: m.regionCode,
    replyText: m.replyText,
    repliedAt: iso(m.repliedAt),
    rating: m.rating as TMatter['rating'],
    ratingNote: m.ratingNote,
    ratingSolved: m.ratingSolved,
    ratingSource: m.ratingSource as TMatter['ratingSource'],
    ratedAt: iso(m.ratedAt),
    reopenCount: m.reopenCount,
    relapseCount: m.relapseCount,
    returnCount: m.returnCount,
    extensionCount: m.extensionCount,
    contactCount: m.contactCount,
    lastContactAt: iso(m.lastContactAt),
    respondedAt: iso(m.respondedAt),
    closedAt: iso(m.closedAt),
    reviewDueOn: m.reviewDueOn,
    reviewedAt: iso(m.reviewedAt),
    isBacklog: isMatterBacklog(m, facts.backlogDays, now),
    progress: facts.progress,
    escalation:
      m.escalationStatus && m.escalatedToUnitId
        ? { status: m.escalationStatus as 'pending' | 'claimed', toUnit: unitRef(m.escalatedToUnitId)!, reason: m.escalationReason }
        : null,
    unmeetable: m.unmeetableReason ? { reason: m.unmeetableReason, byName: m.unmeetableByName } : null,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    allowedActions: allowedActions(m.status as MatterStatus),
    can: matterAbilitiesFor(actor, { ...m, coUnitPaths: facts.coUnitPaths ?? [], hasPendingExtension: facts.hasPendingExtension }, now),
  };
}

/** One event of a matter's timeline. */
export function presentMatterEvent(e: typeof matterEvents.$inferSelect) {
  return { id: e.id, at: e.at.toISOString(), actorAccountId: e.actorAccountId, actorName: e.actorName, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, data: e.data ?? null };
}

/** One measure (措施) of a matter. */
export function presentMeasure(x: typeof matterMeasures.$inferSelect) {
  return {
    id: x.id,
    content: x.content,
    ownerName: x.ownerName,
    ownerPersonId: x.ownerPersonId,
    dueOn: x.dueOn,
    progress: x.doneAt ? 100 : x.progress,
    done: !!x.doneAt,
    doneAt: x.doneAt?.toISOString() ?? null,
    evidence: x.evidence,
    createdAt: x.createdAt.toISOString(),
    updatedAt: x.updatedAt.toISOString(),
  };
}

/** One internal note (staff only). */
export function presentNote(n: typeof matterNotes.$inferSelect) {
  return { id: n.id, authorAccountId: n.authorAccountId, authorName: n.authorName, body: n.body, createdAt: n.createdAt.toISOString() };
}

/** One extension request (延期) and its decision. */
export function presentExtension(x: typeof matterExtensions.$inferSelect) {
  return {
    id: x.id,
    reason: x.reason,
    previousResolveBy: x.previousResolveBy?.toISOString() ?? null,
    requestedResolveBy: x.requestedResolveBy.toISOString(),
    status: x.status as 'pending' | 'approved' | 'rejected',
    requestedByName: x.requestedByName,
    decidedByName: x.decidedByName,
    decisionNote: x.decisionNote,
    createdAt: x.createdAt.toISOString(),
    decidedAt: x.decidedAt?.toISOString() ?? null,
  };
}
