import { z } from 'zod';

// ---- Admin API under /api/open311 (JSON, like every /api route) ----

export const ZOpen311KeyIdParams = z.strictObject({ id: z.uuid() });

/** Issue a key for a client (a partner's app, a county's 311 tool); its requests are taken in by `unitId`. */
export const ZOpen311KeyCreateRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  unitId: z.uuid(),
});
export type TOpen311KeyCreateRequest = z.infer<typeof ZOpen311KeyCreateRequest>;

/** An issued key as listed: never the key itself (only its hash is stored). */
export const ZOpen311Key = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TOpen311Key = z.infer<typeof ZOpen311Key>;

/** The answer to issuing a key: the only time the key is shown. */
export const ZOpen311KeyCreated = ZOpen311Key.extend({ key: z.string() });
export const ZOpen311KeyList = z.object({ items: z.array(ZOpen311Key) });

/** A matter's Open311 details for staff (GET /api/open311/submissions/:matterId): email masked. */
export const ZOpen311MatterParams = z.strictObject({ matterId: z.uuid() });
export const ZOpen311Submission = z.object({ email: z.string().nullable(), mediaUrl: z.string().nullable(), createdAt: z.string() });
export type TOpen311Submission = z.infer<typeof ZOpen311Submission>;
export const ZOpen311SubmissionAnswer = z.object({ submission: ZOpen311Submission.nullable() });
/** Reveal the posted email (查看完整信息), audited like the petitioner's phone. */
export const ZOpen311RevealRequest = z.strictObject({ reason: z.string().trim().max(500).optional() });
export type TOpen311RevealRequest = z.infer<typeof ZOpen311RevealRequest>;
export const ZOpen311Reveal = z.object({ field: z.literal('email'), value: z.string() });

// ---- GeoReport v2 under /open311/v2 (XML or JSON by the spec, not the /api error envelope) ----

/** A query argument that the spec lets clients repeat or comma-separate; both become one comma list. */
const ZArgument = z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string().max(20_000)).optional();

/** Arguments of GET requests; jurisdiction_id is accepted and ignored (one jurisdiction per server). */
export const ZServiceRequestsQuery = z.looseObject({
  jurisdiction_id: ZArgument,
  service_request_id: ZArgument,
  service_code: ZArgument,
  start_date: ZArgument,
  end_date: ZArgument,
  status: ZArgument,
});
export type TServiceRequestsQuery = z.infer<typeof ZServiceRequestsQuery>;

/** Arguments of the other GET resources. */
export const ZJurisdictionQuery = z.looseObject({ jurisdiction_id: ZArgument });

/** `services/{service_code}.{format}`, `requests/{id}.{format}`, `tokens/{token}.{format}`. */
export const ZResourceParams = z.object({ file: z.string().min(1).max(300) });

/** The service request statuses of GeoReport v2. */
export const georeportStatuses = ['open', 'closed'] as const;
/** Matter statuses reported as `closed`; every other one is `open`. */
export const closedMatterStatuses = ['closed', 'reviewed', 'merged'] as const;
