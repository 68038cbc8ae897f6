import type { MatterStatus } from '../matters/state-machine.ts';
import type { CategoryNode } from '../categories/queries/list-categories.ts';
import type { open311Keys } from './tables.ts';
import { closedMatterStatuses, type TOpen311Key } from './schema.ts';
import type { SparkValue } from './spark-xml.ts';
import { formatW3cDateTime } from './w3c-datetime.ts';

/** An issued key, without the key. */
export function presentOpen311Key(k: typeof open311Keys.$inferSelect, unitName: string): TOpen311Key {
  return { id: k.id, name: k.name, unit: { id: k.unitId, name: unitName }, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null };
}

/**
 * A category as a GeoReport service: its code is the service_code; no metadata (Jiceng asks
 * nothing beyond the standard fields), realtime (the request id is answered at once), keywords
 * from its Chinese and English names, its parent's name as the group.
 */
export function presentService(node: CategoryNode, byId: Map<string, CategoryNode>): Record<string, SparkValue> {
  const c = node.row;
  const trail: string[] = [];
  for (let n: CategoryNode | undefined = node; n; n = n.row.parentId ? byId.get(n.row.parentId) : undefined) trail.unshift(n.row.name);
  const parent = c.parentId ? byId.get(c.parentId) : undefined;
  return {
    service_code: c.code,
    service_name: c.name,
    description: trail.join(' / '),
    metadata: false,
    type: 'realtime',
    keywords: [c.name, c.nameEn, parent?.row.name].filter(Boolean).join(', '),
    group: parent?.row.name ?? '',
  };
}

/** What the public may know of a matter, read for Open311 (see list-service-requests.ts). */
export interface PublicRequestRow {
  code: string;
  status: string;
  description: string;
  replyText: string | null;
  serviceCode: string | null;
  serviceName: string | null;
  unitName: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  resolveBy: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** The media_url posted with the request (open311_submissions), if any. */
  mediaUrl: string | null;
}

/** `closed` for closed, reviewed and merged matters; `open` for the rest. */
export function georeportStatus(status: string): 'open' | 'closed' {
  return (closedMatterStatuses as readonly string[]).includes(status as MatterStatus) ? 'closed' : 'open';
}

/**
 * A matter as a GeoReport service request. Only public facts leave: the code, the status, the
 * public reply (status_notes), the category, the responsible unit's name, the place, the times
 * and the media_url the submitter posted. Never the petitioner (nor the email, device_id or
 * account_id posted with the request), internal notes, measures, handlers' or leaders' names.
 */
export function presentServiceRequest(r: PublicRequestRow): Record<string, SparkValue> {
  const status = georeportStatus(r.status);
  return {
    service_request_id: r.code,
    status,
    status_notes: r.replyText,
    service_name: r.serviceName,
    service_code: r.serviceCode,
    description: r.description,
    agency_responsible: r.unitName,
    service_notice: null,
    requested_datetime: formatW3cDateTime(r.createdAt),
    // For a closed request the spec wants the time it was closed.
    updated_datetime: formatW3cDateTime(status === 'closed' && r.closedAt ? r.closedAt : r.updatedAt),
    expected_datetime: r.resolveBy ? formatW3cDateTime(r.resolveBy) : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.latitude,
    long: r.longitude,
    media_url: r.mediaUrl,
  };
}
