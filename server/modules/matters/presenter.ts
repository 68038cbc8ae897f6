import { decryptField, fieldAad } from '../../core/personal-data/field-cipher.ts';
import type { SecretKeyring } from '../../core/personal-data/secret-key.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../core/personal-data/mask.ts';
import { allowedActions, type MatterStatus } from './state-machine.ts';
import type { MatterRow } from './queries/load-matter.ts';
import type { TMatter } from './schema.ts';
import type { matterEvents } from './tables.ts';

type UnitRef = { id: string; name: string };

// Statuses in which each deadline still runs.
const awaitingResponse: readonly string[] = ['received', 'dispatched'];
const awaitingResolution: readonly string[] = ['received', 'dispatched', 'in_progress'];

/** True when the matter has missed the deadline that still applies to its state. */
export function isMatterOverdue(m: Pick<MatterRow, 'status' | 'respondBy' | 'resolveBy'>, now: Date = new Date()): boolean {
  return (awaitingResponse.includes(m.status) && !!m.respondBy && m.respondBy < now) || (awaitingResolution.includes(m.status) && !!m.resolveBy && m.resolveBy < now);
}

/** The staff view of a matter: petitioner data decrypted only to be masked (no reveal yet). */
export function presentMatter(m: MatterRow, unitsById: Map<string, UnitRef>, coUnitIds: string[], keys: SecretKeyring | undefined): TMatter {
  const unitRef = (id: string | null) => (id ? (unitsById.get(id) ?? { id, name: '' }) : null);
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
    coUnits: coUnitIds.map((id) => unitRef(id)!),
    handlerAccountId: m.handlerAccountId,
    leaderAccountId: m.leaderAccountId,
    respondBy: m.respondBy?.toISOString() ?? null,
    resolveBy: m.resolveBy?.toISOString() ?? null,
    isOverdue: isMatterOverdue(m),
    petitioner: {
      name: masked(m.petitionerNameEnc, 'name', maskName),
      phone: masked(m.petitionerPhoneEnc, 'phone', maskPhone),
      idNumber: masked(m.petitionerIdEnc, 'id_number', maskIdNumber),
      address: masked(m.petitionerAddressEnc, 'address', maskAddress),
    },
    address: m.address,
    regionCode: m.regionCode,
    replyText: m.replyText,
    repliedAt: m.repliedAt?.toISOString() ?? null,
    rating: m.rating as TMatter['rating'],
    ratingNote: m.ratingNote,
    ratedAt: m.ratedAt?.toISOString() ?? null,
    reopenCount: m.reopenCount,
    reviewDueOn: m.reviewDueOn,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    allowedActions: allowedActions(m.status as MatterStatus),
  };
}

/** One event of a matter's timeline. */
export function presentMatterEvent(e: typeof matterEvents.$inferSelect) {
  return { id: e.id, at: e.at.toISOString(), actorAccountId: e.actorAccountId, actorName: e.actorName, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, data: e.data ?? null };
}
