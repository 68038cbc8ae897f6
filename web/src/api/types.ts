// Shapes of the API as fixed by docs/plans/2026-11-23-foundation.md.

export const roles = ['admin', 'operator', 'handler', 'leader', 'supervisor'] as const;
export type Role = (typeof roles)[number];

export const actions = [
  'unit.read',
  'unit.manage',
  'person.read',
  'person.manage',
  'account.read',
  'account.manage',
  'group.read',
  'group.manage',
  'batch.manage',
  'audit.read',
  'import.run',
  'calendar.manage',
  'matter.read',
  'matter.intake',
  'matter.handle',
  'matter.reveal',
  'matter.lead',
  'category.manage',
  'open311.manage',
  'settings.manage',
] as const;
export type Action = (typeof actions)[number];

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
export type UnitKind = (typeof unitKinds)[number];

export const unitLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export type UnitLevel = (typeof unitLevels)[number];

export const cadreLevels = ['county_and_above', 'below'] as const;
export type CadreLevel = (typeof cadreLevels)[number];

export interface RoleGrant {
  role: Role;
  unitId: string;
  unitName: string;
}

export interface Session {
  account: { id: string; username: string; displayName: string; personId: string | null; mustChangePassword: boolean };
  roles: RoleGrant[];
  can: Action[];
  csrfToken: string;
  expiresAt: string;
  idleMinutes: number;
}

export interface Unit {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  regionCode: string | null;
  batchId: string | null;
  isActive: boolean;
  sortOrder: number;
  depth: number;
  path: string;
}

export interface UnitDetail extends Unit {
  ancestors: { id: string; name: string }[];
  children: Unit[];
  peopleCount: number;
  accountsCount: number;
  abilities: Partial<Record<Action, boolean>>;
}

export interface UnitInput {
  parentId?: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  regionCode?: string | null;
  batchId?: string | null;
  sortOrder?: number;
}

export interface Person {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  post: string | null;
  isPartyMember: boolean;
  cadreLevel: CadreLevel | null;
  phone: string | null;
}

export interface PersonInput {
  unitId: string;
  name: string;
  post?: string | null;
  isPartyMember?: boolean;
  cadreLevel?: CadreLevel | null;
  phone?: string | null;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  personId: string | null;
  personName: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  roles: RoleGrant[];
}

export interface SupervisionGroup {
  id: string;
  name: string;
  hostUnitId: string;
  hostUnitName: string;
  note: string | null;
  members: { accountId: string; displayName: string; isLeader: boolean }[];
  units: { id: string; name: string }[];
}

export interface GroupInput {
  name: string;
  hostUnitId: string;
  note?: string | null;
  memberIds: string[];
  /** Members who lead the group (组长); not in the written contract, accepted by the server. */
  leaderIds: string[];
  unitIds: string[];
}

export interface CampaignBatch {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** A page of a keyset-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ImportResult {
  created: number;
  updated: number;
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export const calendarDayKinds = ['holiday', 'workday'] as const;
/** `holiday` = a day off (休), `workday` = a (make-up) working day (班). */
export type CalendarDayKind = (typeof calendarDayKinds)[number];

export interface DeclaredDay {
  kind: CalendarDayKind;
  name: string | null;
  nameEn: string | null;
}

/** A day the calendar declares (GET /calendar): from the built-in package or an admin's override. */
export interface CalendarDay extends DeclaredDay {
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  source: 'package' | 'override';
  note: string | null;
  updatedAt: string | null;
  /** What the built-in data says, when an override replaces it. */
  packageDay: DeclaredDay | null;
}

export interface CalendarYear {
  year: number;
  isCovered: boolean;
  canManage: boolean;
  items: CalendarDay[];
}

export interface CalendarStatus {
  today: string;
  coveredThrough: string;
  packageThrough: string;
  coversNext60: boolean;
  warning: { code: string; message: string } | null;
  canManage: boolean;
}
