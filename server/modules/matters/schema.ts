import { z } from 'zod';
import { urgencies } from '../calendar/compute-deadlines.ts';
import { ZRegionCode } from '../org/schema.ts';
import { matterActions, matterStatuses } from './state-machine.ts';

export const matterKinds = ['demand', 'problem'] as const;
export const matterOrigins = [
  'hotline',
  'web',
  'letter',
  'visit',
  'reception_day',
  'onsite_office',
  'research',
  'self_inspection',
  'supervision',
  'superior',
  'public_opinion',
] as const;
export const unitRoles = ['main', 'co'] as const;
/** The petitioner's judgement of a reply: 满意 / 基本满意 / 不满意 (only the last reopens the matter). */
export const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type TRating = (typeof ratings)[number];
/** Where a rating was given: on the citizen's lookup page, or recorded by staff at the callback (回访). */
export const ratingSources = ['citizen', 'callback'] as const;

const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZOptionalText = (max: number) => z.string().trim().max(max).optional();
const ZPhone = z.string().trim().regex(/^[0-9+\-() /]{5,40}$/);

export const ZMatterIdParams = z.strictObject({ id: z.uuid() });

/** Staff intake (受理): what the operator records from the call, letter or visit. */
export const ZMatterCreateRequest = z.strictObject({
  kind: z.enum(matterKinds),
  origin: z.enum(matterOrigins),
  title: ZText(200),
  description: ZText(10000),
  urgency: z.enum(urgencies).default('normal'),
  categoryId: z.uuid().optional(),
  address: ZOptionalText(300),
  regionCode: ZRegionCode.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  petitioner: z
    .strictObject({
      name: ZOptionalText(100),
      phone: ZPhone.optional(),
      idNumber: ZOptionalText(30),
      address: ZOptionalText(300),
    })
    .optional(),
});
export type TMatterCreateRequest = z.infer<typeof ZMatterCreateRequest>;

/** Every action request may carry the version the user saw; a newer version answers 409. */
const ZVersion = { version: z.number().int().positive().optional() };

export const ZMatterDispatchRequest = z.strictObject({ ...ZVersion, unitId: z.uuid(), coUnitIds: z.array(z.uuid()).max(20).default([]), note: ZOptionalText(2000) });
export type TMatterDispatchRequest = z.infer<typeof ZMatterDispatchRequest>;
export const ZMatterReturnRequest = z.strictObject({ ...ZVersion, reason: ZText(2000) });
export type TMatterReturnRequest = z.infer<typeof ZMatterReturnRequest>;
export const ZMatterAcceptRequest = z.strictObject({ ...ZVersion, note: ZOptionalText(2000) });
export type TMatterAcceptRequest = z.infer<typeof ZMatterAcceptRequest>;
export const ZMatterReplyRequest = z.strictObject({ ...ZVersion, text: ZText(10000) });
export type TMatterReplyRequest = z.infer<typeof ZMatterReplyRequest>;
export const ZMatterResolveOnSpotRequest = z.strictObject({ ...ZVersion, text: ZText(10000) });
export type TMatterResolveOnSpotRequest = z.infer<typeof ZMatterResolveOnSpotRequest>;
export const ZMatterRateRequest = z.strictObject({ ...ZVersion, rating: z.enum(ratings), solved: z.boolean().nullable().default(null), note: ZOptionalText(2000) });
export type TMatterRateRequest = z.infer<typeof ZMatterRateRequest>;

export const ZMattersQuery = z.strictObject({
  status: z.enum(matterStatuses).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type TMattersQuery = z.infer<typeof ZMattersQuery>;

const ZUnitRef = z.object({ id: z.string(), name: z.string() });

/** The staff view of a matter: petitioner data masked. */
export const ZMatter = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(matterKinds),
  origin: z.enum(matterOrigins),
  title: z.string(),
  description: z.string(),
  categoryId: z.uuid().nullable(),
  urgency: z.enum(urgencies),
  status: z.enum(matterStatuses),
  intakeUnit: ZUnitRef,
  unit: ZUnitRef.nullable(),
  coUnits: z.array(ZUnitRef),
  handlerAccountId: z.string().nullable(),
  leaderAccountId: z.string().nullable(),
  respondBy: z.string().nullable(),
  resolveBy: z.string().nullable(),
  isOverdue: z.boolean(),
  petitioner: z.object({ name: z.string(), phone: z.string(), idNumber: z.string(), address: z.string() }),
  address: z.string().nullable(),
  regionCode: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rating: z.enum(ratings).nullable(),
  ratingNote: z.string().nullable(),
  ratedAt: z.string().nullable(),
  reopenCount: z.number(),
  reviewDueOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The workflow actions the state allows (the caller's roles may still refuse some). */
  allowedActions: z.array(z.enum(matterActions)),
});
export type TMatter = z.infer<typeof ZMatter>;

export const ZMatterEvent = z.object({
  id: z.number(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  data: z.unknown().nullable(),
});

export const ZMatterDetail = ZMatter.extend({ events: z.array(ZMatterEvent) });

/** One row of an inbox: no petitioner data at all. */
export const ZMatterListItem = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(matterKinds),
  origin: z.enum(matterOrigins),
  title: z.string(),
  urgency: z.enum(urgencies),
  status: z.enum(matterStatuses),
  unitId: z.string().nullable(),
  respondBy: z.string().nullable(),
  resolveBy: z.string().nullable(),
  isOverdue: z.boolean(),
  createdAt: z.string(),
});
export const ZMatterPage = z.object({ items: z.array(ZMatterListItem), nextCursor: z.string().nullable() });
