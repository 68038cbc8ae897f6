import { z } from 'zod';
import { isValidChineseIdNumber } from '../../core/personal-data/id-number.ts';
import { ZRegionCode } from '../org/schema.ts';
import { matterStatuses } from '../matters/state-machine.ts';
import { ratings } from '../matters/schema.ts';

/** How many photos a citizen may send with one submission, and how large each may be. */
export const PHOTO_MAX_COUNT = 5;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Upper limit of one staff attachment. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

const ZOptionalText = (max: number) => z.string().trim().max(max).optional();
// Mobile or landline, with the separators people type; at least 7 digits so the last 4 mean something.
const ZCitizenPhone = z
  .string()
  .trim()
  .max(40)
  .refine((v) => v === '' || (/^[0-9+\-() ]+$/.test(v) && v.replace(/\D/g, '').length >= 7), { error: '@PHONE_FORMAT' });

/** The lookup secret as typed: case, spaces and hyphens do not matter (normaliseLookupSecret). */
const ZSecret = z.string().trim().min(1).max(40);
/** The last four digits of the petitioner's phone. */
const ZPhoneLast4 = z.string().trim().regex(/^\d{4}$/, { error: '@PHONE_LAST4' });
/** A matter code as printed on the result page (JC20261123-000123). */
const ZMatterCode = z
  .string()
  .trim()
  .max(40)
  .transform((v) => v.toUpperCase());

/**
 * What a citizen submits on the phone page (no account). The title may be left out (it is taken
 * from the description); urgency is not asked (normal); the privacy notice must be accepted.
 */
export const ZCitizenIntakeRequest = z.strictObject({
  title: ZOptionalText(200),
  description: z.string().trim().min(5).max(5000),
  categoryId: z.uuid().optional(),
  address: ZOptionalText(300),
  regionCode: ZRegionCode.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  petitioner: z
    .strictObject({
      name: ZOptionalText(100),
      phone: ZCitizenPhone.optional(),
      idNumber: z
        .string()
        .trim()
        .max(30)
        .refine((v) => v === '' || isValidChineseIdNumber(v), { error: '@ID_NUMBER_INVALID' })
        .optional(),
      address: ZOptionalText(300),
    })
    .optional(),
  // `true` only: anything else (missing, false, "yes") is refused with the privacy message.
  privacyAccepted: z.literal(true, { error: '@PRIVACY_NOT_ACCEPTED' }),
});
export type TCitizenIntakeRequest = z.infer<typeof ZCitizenIntakeRequest>;

/** The answer to a submission: the matter code and the lookup secret (shown once; keep it). */
export const ZCitizenIntakeResponse = z.object({ code: z.string(), secret: z.string() });
export type TCitizenIntakeResponse = z.infer<typeof ZCitizenIntakeResponse>;

/** The `Idempotency-Key` header of a submission (documented; checked in the route). */
export const ZIdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, { error: '@IDEMPOTENCY_KEY_FORMAT' })
    .optional()
    .describe('Random per form fill (e.g. a UUID); a retry with the same key and body returns the first answer.'),
});

/** How a citizen proves a matter is theirs: the code plus the secret, or plus the phone's last 4 digits. */
const credentialShape = { code: ZMatterCode, secret: ZSecret.optional(), phoneLast4: ZPhoneLast4.optional() };
/** Exactly one of secret / phoneLast4. */
const oneCredential = (v: { secret?: string; phoneLast4?: string }) => (v.secret === undefined) !== (v.phoneLast4 === undefined);

export const ZCitizenLookupRequest = z.strictObject(credentialShape).refine(oneCredential, { error: '@CITIZEN_ONE_CREDENTIAL', path: ['secret'] });
export type TCitizenLookupRequest = z.infer<typeof ZCitizenLookupRequest>;

/** The citizen's rating of a reply: solved or not, 满意 / 基本满意 / 不满意, an optional comment. */
export const ZCitizenRateRequest = z
  .strictObject({ ...credentialShape, solved: z.boolean(), rating: z.enum(ratings), comment: ZOptionalText(1000) })
  .refine(oneCredential, { error: '@CITIZEN_ONE_CREDENTIAL', path: ['secret'] });
export type TCitizenRateRequest = z.infer<typeof ZCitizenRateRequest>;

/** A photo of the citizen's own matter, fetched with the same credentials as the lookup. */
export const ZCitizenPhotoRequest = z.strictObject({ ...credentialShape, attachmentId: z.uuid() }).refine(oneCredential, { error: '@CITIZEN_ONE_CREDENTIAL', path: ['secret'] });
export type TCitizenPhotoRequest = z.infer<typeof ZCitizenPhotoRequest>;

/** Steps of the public timeline: the status changes, never who made them or why. */
export const publicTimelineActions = [
  'create',
  'dispatch',
  'return',
  'accept',
  'reply',
  'resolve_on_spot',
  'rate_satisfied',
  'rate_unsatisfied',
  'close_unmeetable',
  'close_unrated',
  'review_ok',
  'review_relapsed',
  'merge',
] as const;

/**
 * The citizen's view of a matter. Deliberately narrow: no notes, no handler or account names, no
 * petitioner data (not even the citizen's own), no unit other than the responsible unit's name.
 * A merged matter shows the main matter's status, deadline and reply.
 */
export const ZCitizenMatter = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.object({ name: z.string(), nameEn: z.string().nullable() }).nullable(),
  address: z.string().nullable(),
  status: z.enum(matterStatuses),
  /** True when this matter was merged into another that reports the same problem; status and reply are that one's. */
  isMerged: z.boolean(),
  unitName: z.string().nullable(),
  createdAt: z.string(),
  resolveBy: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rating: z.object({ rating: z.enum(ratings), solved: z.boolean().nullable(), comment: z.string().nullable(), ratedAt: z.string() }).nullable(),
  /** Whether the rating form should be offered now. */
  canRate: z.boolean(),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), status: z.enum(matterStatuses) })),
  photos: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number() })),
});
export type TCitizenMatter = z.infer<typeof ZCitizenMatter>;

// Categories are at most three levels deep; spelling the levels out keeps the OpenAPI schema flat.
const categoryFields = { id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() };
const ZPublicCategory3 = z.object({ ...categoryFields, children: z.array(z.never()) });
const ZPublicCategory2 = z.object({ ...categoryFields, children: z.array(ZPublicCategory3) });
const ZPublicCategory1 = z.object({ ...categoryFields, children: z.array(ZPublicCategory2) });
/** One category of the public picker, with its active children. */
export interface TPublicCategory {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  children: TPublicCategory[];
}
/** The active category tree for the citizen's picker. */
export const ZPublicCategories = z.object({ items: z.array(ZPublicCategory1) });

// ---- Staff attachments ----

export const ZAttachmentParams = z.strictObject({ id: z.uuid(), attId: z.uuid() });

/** A file of a matter as staff see it (the content is downloaded separately). */
export const ZAttachment = z.object({
  id: z.string(),
  matterId: z.string(),
  measureId: z.string().nullable(),
  source: z.enum(['citizen', 'staff']),
  visibleToCitizen: z.boolean(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;
export const ZAttachmentList = z.object({ items: z.array(ZAttachment) });
