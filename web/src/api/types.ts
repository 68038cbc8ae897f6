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

// ---- The closed loop (事项): shapes of server/modules/matters, categories, citizen, system/settings ----

export const matterKinds = ['demand', 'problem'] as const;
/** 诉求 (a citizen's demand) or 问题 (a problem found by research, inspection, supervision …). */
export type MatterKind = (typeof matterKinds)[number];

export const matterOrigins = ['hotline', 'web', 'letter', 'visit', 'reception_day', 'onsite_office', 'research', 'self_inspection', 'supervision', 'superior', 'public_opinion'] as const;
export type MatterOrigin = (typeof matterOrigins)[number];

export const matterStatuses = ['received', 'dispatched', 'in_progress', 'replied', 'closed', 'reviewed', 'merged'] as const;
export type MatterStatus = (typeof matterStatuses)[number];

export const urgencies = ['normal', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

export const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
/** 满意 / 基本满意 / 不满意. */
export type Rating = (typeof ratings)[number];

/** The named views of the inbox (GET /matters?queue=). */
export const matterQueues = ['intake', 'to_accept', 'in_progress', 'due_soon', 'overdue', 'mine_leader', 'reviews_due', 'escalations', 'backlog', 'co_handling'] as const;
export type MatterQueue = (typeof matterQueues)[number];

/** What the caller may do with a matter now; the screens show exactly these. */
export const matterAbilities = [
  'dispatch',
  'return',
  'accept',
  'reply',
  'resolve_on_spot',
  'rate',
  'reassign',
  'merge',
  'close_unmeetable',
  'review',
  'escalate',
  'claim',
  'assign_leader',
  'add_contact',
  'add_measure',
  'update_measure',
  'request_extension',
  'decide_extension',
  'add_note',
  'reveal',
] as const;
export type MatterAbility = (typeof matterAbilities)[number];
export type MatterCan = Partial<Record<MatterAbility, boolean>>;

export interface UnitRef {
  id: string;
  name: string;
}

/** The staff view of a matter (petitioner data masked). */
export interface Matter {
  id: string;
  code: string;
  kind: MatterKind;
  origin: MatterOrigin;
  title: string;
  description: string;
  categoryId: string | null;
  urgency: Urgency;
  status: MatterStatus;
  intakeUnit: UnitRef;
  unit: UnitRef | null;
  coUnits: UnitRef[];
  handlerAccountId: string | null;
  leaderAccountId: string | null;
  respondBy: string | null;
  resolveBy: string | null;
  isOverdue: boolean;
  petitioner: { name: string; phone: string; idNumber: string; address: string };
  address: string | null;
  regionCode: string | null;
  replyText: string | null;
  repliedAt: string | null;
  rating: Rating | null;
  ratingNote: string | null;
  ratingSolved: boolean | null;
  ratingSource: 'citizen' | 'callback' | null;
  ratedAt: string | null;
  reopenCount: number;
  relapseCount: number;
  returnCount: number;
  extensionCount: number;
  contactCount: number;
  lastContactAt: string | null;
  respondedAt: string | null;
  closedAt: string | null;
  reviewDueOn: string | null;
  reviewedAt: string | null;
  isBacklog: boolean;
  progress: number | null;
  escalation: { status: 'pending' | 'claimed'; toUnit: UnitRef; reason: string | null } | null;
  unmeetable: { reason: string; byName: string | null } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  allowedActions: string[];
  can: MatterCan;
}

/** One step of a matter's timeline. */
export interface MatterEvent {
  id: number;
  at: string;
  actorAccountId: string | null;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  data: unknown;
}

/** 措施: what is done about a matter, by whom, until when. */
export interface Measure {
  id: string;
  content: string;
  ownerName: string;
  ownerPersonId: string | null;
  dueOn: string | null;
  progress: number;
  done: boolean;
  doneAt: string | null;
  evidence: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeasureInput {
  version?: number;
  content?: string;
  ownerName?: string;
  dueOn?: string | null;
  progress?: number;
  done?: boolean;
  evidence?: string | null;
}

/** An internal note (内部备注): staff only, never shown to the petitioner. */
export interface MatterNote {
  id: number;
  authorAccountId: string | null;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface MatterAttachment {
  id: string;
  measureId: string | null;
  source: string;
  visibleToCitizen: boolean;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
}

export interface MatterExtension {
  id: string;
  reason: string;
  previousResolveBy: string | null;
  requestedResolveBy: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedByName: string;
  decidedByName: string | null;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface MatterRef {
  id: string;
  code: string;
  title: string;
  status: MatterStatus;
}

/** The staff page of a matter (GET /matters/:id). */
export interface MatterDetail extends Matter {
  events: MatterEvent[];
  measures: Measure[];
  notes: MatterNote[];
  attachments: MatterAttachment[];
  extensions: MatterExtension[];
  classes: { id: string; name: string; closedAt: string | null }[];
  mergedInto: MatterRef | null;
  mergedMatters: MatterRef[];
  leader: { accountId: string; name: string } | null;
}

/** 一类问题: matters linked so that one fix closes a whole kind (GET /matter-classes). */
export interface MatterClass {
  id: string;
  name: string;
  description: string | null;
  ownerUnit: UnitRef;
  createdAt: string;
  closedAt: string | null;
  closingNote: string | null;
  memberCount: number;
  /** Whether the caller may add or remove members and close the class (open classes only). */
  can: { manage: boolean };
}

/** A class with its members (GET /matter-classes/:id). */
export interface MatterClassDetail extends MatterClass {
  members: MatterRef[];
}

/** One row of an inbox: no petitioner data at all. */
export interface MatterListItem {
  id: string;
  code: string;
  kind: MatterKind;
  origin: MatterOrigin;
  title: string;
  categoryId: string | null;
  urgency: Urgency;
  status: MatterStatus;
  intakeUnitId: string;
  unitId: string | null;
  unitName: string | null;
  leaderAccountId: string | null;
  respondBy: string | null;
  resolveBy: string | null;
  isOverdue: boolean;
  isBacklog: boolean;
  progress: number | null;
  escalationStatus: 'pending' | 'claimed' | null;
  contactCount: number;
  returnCount: number;
  reopenCount: number;
  relapseCount: number;
  reviewDueOn: string | null;
  mergedIntoId: string | null;
  createdAt: string;
  can: MatterCan;
}

export interface PetitionerInput {
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

/** Staff intake (POST /matters). */
export interface MatterCreateInput {
  kind: MatterKind;
  origin: MatterOrigin;
  title: string;
  description: string;
  urgency: Urgency;
  categoryId?: string;
  address?: string;
  regionCode?: string;
  petitioner?: PetitionerInput;
}

export const revealFields = ['name', 'phone', 'idNumber', 'address'] as const;
export type RevealField = (typeof revealFields)[number];

/** A category's deadline and review rule after inheritance. */
export interface EffectiveCategoryRules {
  respondDays: number;
  resolveDays: number;
  urgentRespondHours: number;
  urgentResolveDays: number;
  reviewAfterDays: number;
}

/** A category of the tree (GET /categories: depth first, each names its parent). */
export interface Category {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string | null;
  level: number;
  sortOrder: number;
  isActive: boolean;
  isUsable: boolean;
  respondDays: number | null;
  resolveDays: number | null;
  urgentRespondHours: number | null;
  urgentResolveDays: number | null;
  reviewAfterDays: number | null;
  effective: EffectiveCategoryRules;
  updatedAt: string;
}

export interface CategoryInput {
  parentId?: string | null;
  code?: string;
  name?: string;
  nameEn?: string | null;
  sortOrder?: number;
  respondDays?: number | null;
  resolveDays?: number | null;
  urgentRespondHours?: number | null;
  urgentResolveDays?: number | null;
  reviewAfterDays?: number | null;
}

/** A rule of the dispatch catalogue (派单目录): category × region → responsible unit. */
export interface DispatchRule {
  id: string;
  category: { id: string; name: string; code: string } | null;
  regionPrefix: string | null;
  unit: UnitRef;
  ownerUnit: UnitRef;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DispatchRuleInput {
  categoryId?: string | null;
  regionPrefix?: string | null;
  unitId?: string;
  note?: string | null;
}

export interface DispatchSuggestion {
  unit: UnitRef | null;
  ruleId: string | null;
}

/** A reply template (答复模板) of a category, owned by a unit. */
export interface ReplyTemplate {
  id: string;
  category: UnitRef | null;
  ownerUnit: UnitRef;
  title: string;
  body: string;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReplyTemplateInput {
  categoryId?: string | null;
  title?: string;
  body?: string;
}

/** One setting of the deployment (GET /settings). */
export interface Setting {
  key: string;
  value: unknown;
  isDefault: boolean;
  updatedAt: string | null;
}
