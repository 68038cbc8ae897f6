import { z } from 'zod';
import { roles } from '../../core/policy.ts';
import { ZNewPassword } from '../auth/schema.ts';

export const unitKinds = [
  'party_committee',
  'government_organ',
  'township',
  'subdistrict',
  'village',
  'community',
  'soe',
  'school',
  'hospital',
  'new_economic_org',
  'new_social_org',
  'other',
] as const;
export const unitLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export const cadreLevels = ['county_and_above', 'below'] as const;

export const ZId = z.uuid();
export const ZIdParams = z.strictObject({ id: z.uuid() });
const ZName = z.string().trim().min(1).max(100);
export const ZRegionCode = z.string().regex(/^\d{6}$/, { error: '@REGION_CODE' });
const ZPhone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/);

export const ZUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  name: z.string(),
  kind: z.enum(unitKinds),
  level: z.enum(unitLevels),
  regionCode: z.string().nullable(),
  batchId: z.string().nullable(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type TUnit = z.infer<typeof ZUnit>;

export const ZUnitCreateRequest = z.strictObject({
  parentId: z.uuid(),
  name: ZName,
  kind: z.enum(unitKinds),
  level: z.enum(unitLevels),
  regionCode: ZRegionCode.nullish(),
  batchId: z.uuid().nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type TUnitCreateRequest = z.infer<typeof ZUnitCreateRequest>;

export const ZUnitUpdateRequest = z.strictObject({
  name: ZName.optional(),
  kind: z.enum(unitKinds).optional(),
  level: z.enum(unitLevels).optional(),
  regionCode: ZRegionCode.nullish(),
  batchId: z.uuid().nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type TUnitUpdateRequest = z.infer<typeof ZUnitUpdateRequest>;

export const ZUnitMoveRequest = z.strictObject({ parentId: z.uuid() });

export const ZUnitDetail = ZUnit.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
  children: z.array(ZUnit),
  peopleCount: z.number(),
  accountsCount: z.number(),
  abilities: z.record(z.string(), z.boolean()),
});

export const ZPerson = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  name: z.string(),
  post: z.string().nullable(),
  isPartyMember: z.boolean(),
  cadreLevel: z.enum(cadreLevels).nullable(),
  phone: z.string().nullable(),
});
export type TPerson = z.infer<typeof ZPerson>;

export const ZPersonCreateRequest = z.strictObject({
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(50),
  post: z.string().trim().max(100).nullish(),
  isPartyMember: z.boolean().optional(),
  cadreLevel: z.enum(cadreLevels).nullish(),
  phone: ZPhone.nullish(),
});
export type TPersonCreateRequest = z.infer<typeof ZPersonCreateRequest>;
export const ZPersonUpdateRequest = ZPersonCreateRequest.partial();
export type TPersonUpdateRequest = z.infer<typeof ZPersonUpdateRequest>;

const ZBoolString = z.enum(['true', 'false']).transform((v) => v === 'true');
export const ZLimit = z.coerce.number().int().min(1).max(200).default(50);

export const ZPeopleQuery = z.strictObject({
  unitId: z.uuid().optional(),
  subtree: ZBoolString.optional(),
  q: z.string().trim().max(50).optional(),
  isPartyMember: ZBoolString.optional(),
  cursor: z.string().max(300).optional(),
  limit: ZLimit,
});
export type TPeopleQuery = z.infer<typeof ZPeopleQuery>;

export const ZRoleGrant = z.strictObject({ role: z.enum(roles), unitId: z.uuid() });
export const ZUsername = z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,32}$/, { error: '@USERNAME_FORMAT' });

export const ZAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ role: z.enum(roles), unitId: z.string(), unitName: z.string() })),
});
export type TAccount = z.infer<typeof ZAccount>;

export const ZAccountCreateRequest = z.strictObject({
  username: ZUsername,
  displayName: z.string().trim().min(1).max(50),
  personId: z.uuid().nullish(),
  password: ZNewPassword,
  roles: z.array(ZRoleGrant).min(1).max(20),
});
export type TAccountCreateRequest = z.infer<typeof ZAccountCreateRequest>;

export const ZAccountUpdateRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(50).optional(),
  personId: z.uuid().nullish(),
  isActive: z.boolean().optional(),
  roles: z.array(ZRoleGrant).min(1).max(20).optional(),
});
export type TAccountUpdateRequest = z.infer<typeof ZAccountUpdateRequest>;
export const ZResetPasswordRequest = z.strictObject({ password: ZNewPassword });

export const ZAccountsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(300).optional(),
  limit: ZLimit,
});

export const ZGroup = z.object({
  id: z.string(),
  name: z.string(),
  hostUnitId: z.string(),
  hostUnitName: z.string(),
  note: z.string().nullable(),
  members: z.array(z.object({ accountId: z.string(), displayName: z.string(), isLeader: z.boolean() })),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TGroup = z.infer<typeof ZGroup>;

export const ZGroupCreateRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  hostUnitId: z.uuid(),
  note: z.string().trim().max(1000).nullish(),
  memberIds: z.array(z.uuid()).max(100).default([]),
  leaderIds: z.array(z.uuid()).max(100).default([]),
  unitIds: z.array(z.uuid()).max(500).default([]),
});
export type TGroupCreateRequest = z.infer<typeof ZGroupCreateRequest>;
export const ZGroupUpdateRequest = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  note: z.string().trim().max(1000).nullish(),
  memberIds: z.array(z.uuid()).max(100).optional(),
  leaderIds: z.array(z.uuid()).max(100).optional(),
  unitIds: z.array(z.uuid()).max(500).optional(),
});
export type TGroupUpdateRequest = z.infer<typeof ZGroupUpdateRequest>;

const ZDate = z.iso.date();
export const ZBatch = z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() });
export const ZBatchCreateRequest = z
  .strictObject({ name: z.string().trim().min(1).max(50), startsOn: ZDate, endsOn: ZDate })
  .refine((b) => b.startsOn <= b.endsOn, { path: ['endsOn'], params: { code: 'DATE_ORDER' } });
export type TBatchCreateRequest = z.infer<typeof ZBatchCreateRequest>;
