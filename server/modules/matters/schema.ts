import { z } from 'zod';
import { urgencies } from '../calendar/compute-deadlines.ts';
import { ZRegionCode } from '../org/schema.ts';
import { ZCalendarDate } from '../calendar/schema.ts';
import { matterActions, matterStatuses } from './state-machine.ts';
import { matterAbilities } from './policy.ts';

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
export const ZMatterReassignRequest = z.strictObject({ ...ZVersion, unitId: z.uuid(), note: ZOptionalText(2000) });
export type TMatterReassignRequest = z.infer<typeof ZMatterReassignRequest>;
export const ZMatterMergeRequest = z.strictObject({ ...ZVersion, intoId: z.uuid(), note: ZOptionalText(2000) });
export type TMatterMergeRequest = z.infer<typeof ZMatterMergeRequest>;
export const ZMatterCloseUnmeetableRequest = z.strictObject({ ...ZVersion, reason: ZText(4000) });
export type TMatterCloseUnmeetableRequest = z.infer<typeof ZMatterCloseUnmeetableRequest>;
export const reviewOutcomes = ['ok', 'relapsed'] as const;
export const ZMatterReviewRequest = z.strictObject({ ...ZVersion, outcome: z.enum(reviewOutcomes), note: ZOptionalText(2000) });
export type TMatterReviewRequest = z.infer<typeof ZMatterReviewRequest>;
export const ZMatterEscalateRequest = z.strictObject({ ...ZVersion, reason: ZText(4000) });
export type TMatterEscalateRequest = z.infer<typeof ZMatterEscalateRequest>;
export const ZMatterClaimRequest = z.strictObject({ ...ZVersion, note: ZOptionalText(2000) });
export type TMatterClaimRequest = z.infer<typeof ZMatterClaimRequest>;
/** Sets the owning leader (领导包案); null removes it. */
export const ZMatterLeaderRequest = z.strictObject({ ...ZVersion, leaderAccountId: z.uuid().nullable() });
export type TMatterLeaderRequest = z.infer<typeof ZMatterLeaderRequest>;
/** Accounts that may own a matter (领导包案): leaders at its unit or above, nearest first. */
export const ZLeaderCandidates = z.object({
  items: z.array(z.object({ accountId: z.uuid(), name: z.string(), unitId: z.uuid(), unitName: z.string() })),
});
export type TLeaderCandidates = z.infer<typeof ZLeaderCandidates>;
export const ZMatterContactRequest = z.strictObject({ ...ZVersion, note: ZText(2000) });
export type TMatterContactRequest = z.infer<typeof ZMatterContactRequest>;
export const ZMatterNoteRequest = z.strictObject({ body: ZText(10000) });
export type TMatterNoteRequest = z.infer<typeof ZMatterNoteRequest>;

const measureFields = {
  content: ZText(2000),
  ownerName: ZText(100),
  ownerPersonId: z.uuid().nullable().optional(),
  dueOn: ZCalendarDate.nullable().optional(),
  progress: z.number().int().min(0).max(100).optional(),
  done: z.boolean().optional(),
  evidence: z.string().trim().max(4000).nullable().optional(),
};
export const ZMeasureCreateRequest = z.strictObject({ ...ZVersion, ...measureFields });
export type TMeasureCreateRequest = z.infer<typeof ZMeasureCreateRequest>;
export const ZMeasureUpdateRequest = z
  .strictObject({ ...ZVersion, ...measureFields, content: measureFields.content.optional(), ownerName: measureFields.ownerName.optional() })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'empty', path: ['_'] });
export type TMeasureUpdateRequest = z.infer<typeof ZMeasureUpdateRequest>;
export const ZMeasureParams = z.strictObject({ id: z.uuid(), measureId: z.uuid() });

/** A new resolution deadline: an instant with its offset, or a day (the end of that day in China). */
export const ZDeadline = z.union([z.iso.datetime({ offset: true }), ZCalendarDate]);
export const ZExtensionRequest = z.strictObject({ ...ZVersion, reason: ZText(2000), requestedResolveBy: ZDeadline });
export type TExtensionRequest = z.infer<typeof ZExtensionRequest>;
export const ZExtensionDecideRequest = z.strictObject({ ...ZVersion, approve: z.boolean(), note: ZOptionalText(2000) });
export type TExtensionDecideRequest = z.infer<typeof ZExtensionDecideRequest>;
export const ZExtensionParams = z.strictObject({ id: z.uuid(), extId: z.uuid() });

/** The petitioner fields that can be revealed (查看完整信息). */
export const revealFields = ['name', 'phone', 'idNumber', 'address'] as const;
export const ZMatterRevealRequest = z.strictObject({ field: z.enum(revealFields), reason: ZOptionalText(500) });
export type TMatterRevealRequest = z.infer<typeof ZMatterRevealRequest>;
export const ZMatterReveal = z.object({ field: z.enum(revealFields), value: z.string() });

export const ZByCallerQuery = z.strictObject({ phone: ZPhone });

/** The named views of the inbox (see README.md). */
export const matterQueues = ['intake', 'to_accept', 'in_progress', 'due_soon', 'overdue', 'mine_leader', 'reviews_due', 'escalations', 'backlog', 'co_handling'] as const;
export type TMatterQueue = (typeof matterQueues)[number];

export const ZMattersQuery = z.strictObject({
  queue: z.enum(matterQueues).optional(),
  status: z.enum(matterStatuses).optional(),
  kind: z.enum(matterKinds).optional(),
  origin: z.enum(matterOrigins).optional(),
  categoryId: z.uuid().optional(),
  /** The responsible unit and its subtree. */
  unitId: z.uuid().optional(),
  createdFrom: ZCalendarDate.optional(),
  createdTo: ZCalendarDate.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Words of the title, description or code; every word must occur. */
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type TMattersQuery = z.infer<typeof ZMattersQuery>;

const ZUnitRef = z.object({ id: z.string(), name: z.string() });
const ZMatterCan = z.object(Object.fromEntries(matterAbilities.map((a) => [a, z.boolean()])) as Record<(typeof matterAbilities)[number], z.ZodBoolean>);
/** In lists: only the abilities the caller has, each `true` (an absent one is not allowed); keeps pages small. */
const ZMatterGranted = ZMatterCan.partial().describe('Only the abilities the caller has on the matter, each true; an absent ability is not allowed.');
const ZMatterRef = z.object({ id: z.string(), code: z.string(), title: z.string(), status: z.enum(matterStatuses) });

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
  ratingSolved: z.boolean().nullable(),
  ratingSource: z.enum(ratingSources).nullable(),
  ratedAt: z.string().nullable(),
  reopenCount: z.number(),
  relapseCount: z.number(),
  returnCount: z.number(),
  extensionCount: z.number(),
  contactCount: z.number(),
  lastContactAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** Open longer than the backlog setting (积案). */
  isBacklog: z.boolean(),
  /** Mean progress of the measures (a done one counts 100), or null without measures. */
  progress: z.number().nullable(),
  escalation: z.object({ status: z.enum(['pending', 'claimed']), toUnit: ZUnitRef, reason: z.string().nullable() }).nullable(),
  /** Why a leader closed the demand as one that cannot be met (visible to supervisors). */
  unmeetable: z.object({ reason: z.string(), byName: z.string().nullable() }).nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The workflow actions the state allows (the caller's roles may still refuse some). */
  allowedActions: z.array(z.enum(matterActions)),
  /** What the caller may do now (roles, state and conditions); the UI shows exactly these. */
  can: ZMatterCan,
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

export const ZMeasure = z.object({
  id: z.string(),
  content: z.string(),
  ownerName: z.string(),
  ownerPersonId: z.string().nullable(),
  dueOn: z.string().nullable(),
  progress: z.number(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  evidence: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZMatterNote = z.object({ id: z.number(), authorAccountId: z.string().nullable(), authorName: z.string(), body: z.string(), createdAt: z.string() });
export const ZMatterAttachment = z.object({
  id: z.string(),
  measureId: z.string().nullable(),
  source: z.string(),
  visibleToCitizen: z.boolean(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export const extensionStatuses = ['pending', 'approved', 'rejected'] as const;
export const ZMatterExtension = z.object({
  id: z.string(),
  reason: z.string(),
  previousResolveBy: z.string().nullable(),
  requestedResolveBy: z.string(),
  status: z.enum(extensionStatuses),
  requestedByName: z.string(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

/** The staff page of a matter: the matter with everything recorded about it. */
export const ZMatterDetail = ZMatter.extend({
  events: z.array(ZMatterEvent),
  measures: z.array(ZMeasure),
  notes: z.array(ZMatterNote),
  attachments: z.array(ZMatterAttachment),
  extensions: z.array(ZMatterExtension),
  classes: z.array(z.object({ id: z.string(), name: z.string(), closedAt: z.string().nullable() })),
  /** The main matter this one was merged into (its petitioner follows that one's status). */
  mergedInto: ZMatterRef.nullable(),
  /** Duplicates merged into this one. */
  mergedMatters: z.array(ZMatterRef),
  leader: z.object({ accountId: z.string(), name: z.string() }).nullable(),
});
export type TMatterDetail = z.infer<typeof ZMatterDetail>;

/** One row of an inbox: no petitioner data at all. */
export const ZMatterListItem = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(matterKinds),
  origin: z.enum(matterOrigins),
  title: z.string(),
  categoryId: z.string().nullable(),
  urgency: z.enum(urgencies),
  status: z.enum(matterStatuses),
  intakeUnitId: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  leaderAccountId: z.string().nullable(),
  respondBy: z.string().nullable(),
  resolveBy: z.string().nullable(),
  isOverdue: z.boolean(),
  isBacklog: z.boolean(),
  progress: z.number().nullable(),
  escalationStatus: z.enum(['pending', 'claimed']).nullable(),
  contactCount: z.number(),
  returnCount: z.number(),
  reopenCount: z.number(),
  relapseCount: z.number(),
  reviewDueOn: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  createdAt: z.string(),
  can: ZMatterGranted,
});
export type TMatterListItem = z.infer<typeof ZMatterListItem>;
export const ZMatterPage = z.object({ items: z.array(ZMatterListItem), nextCursor: z.string().nullable() });

/** Open matters of the same caller (blind index of the phone), for the intake form's hint. */
export const ZByCallerResult = z.object({ items: z.array(ZMatterListItem) });

// Classes (一类问题)
export const ZMatterClassIdParams = z.strictObject({ id: z.uuid() });
export const ZMatterClassMemberParams = z.strictObject({ id: z.uuid(), matterId: z.uuid() });
export const ZMatterClassCreateRequest = z.strictObject({ name: ZText(200), description: ZOptionalText(4000) });
export type TMatterClassCreateRequest = z.infer<typeof ZMatterClassCreateRequest>;
export const ZMatterClassMemberRequest = z.strictObject({ matterId: z.uuid() });
export type TMatterClassMemberRequest = z.infer<typeof ZMatterClassMemberRequest>;
export const ZMatterClassCloseRequest = z.strictObject({ note: ZText(10000) });
export type TMatterClassCloseRequest = z.infer<typeof ZMatterClassCloseRequest>;
export const ZMatterClassesQuery = z.strictObject({ open: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
export type TMatterClassesQuery = z.infer<typeof ZMatterClassesQuery>;
export const ZMatterClass = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  ownerUnit: ZUnitRef,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  memberCount: z.number(),
  can: z.object({ manage: z.boolean() }),
});
export const ZMatterClassDetail = ZMatterClass.extend({ members: z.array(ZMatterRef) });
export const ZMatterClassList = z.object({ items: z.array(ZMatterClass) });
