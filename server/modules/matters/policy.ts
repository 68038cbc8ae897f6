/**
 * Who may do what to a matter: pure, default-deny rules on top of the state machine. A matter
 * has three sides — the intake office (受理单位, `intakeUnitPath`), the responsible unit (主办,
 * `unitPath`) and its co-units (协办, `coUnitPaths`) — and each ability is judged on one of them,
 * or on the unit a matter is escalated to. Co-units only read, add measures and write notes: the
 * workflow stays with the responsible unit. The same rules decide the `can` map sent with every matter (so the UI never re-implements
 * them) and the 403 of a command.
 */
import { AppError } from '../../core/errors.ts';
import type { ErrorCode } from '../../core/messages.ts';
import { can, roleAllows, scopeFor, type Action, type Actor } from '../../core/policy.ts';
import { todayInChina } from '../calendar/calendar-date.ts';
import { nextStatus, type MatterAction, type MatterStatus } from './state-machine.ts';

/** What a caller may be able to do with a matter; each maps to one route. */
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

/** The facts of a matter the rules look at. */
export interface MatterFacts {
  status: string;
  intakeUnitPath: string;
  unitPath: string | null;
  reopenCount: number;
  reviewDueOn: string | null;
  escalationStatus: string | null;
  escalatedToUnitPath: string | null;
  /** Whether an extension request awaits a decision (only one at a time). */
  hasPendingExtension: boolean;
}

/** The units of a matter its role rules look at; `coUnitPaths` are the co-units' paths (none when omitted). */
export type MatterSides = Pick<MatterFacts, 'intakeUnitPath' | 'unitPath' | 'escalatedToUnitPath'> & { coUnitPaths?: readonly string[] };

// The workflow action whose state rule an ability follows; abilities without one are allowed in any state.
const stateActionOf: Partial<Record<MatterAbility, MatterAction>> = {
  dispatch: 'dispatch',
  return: 'return',
  accept: 'accept',
  reply: 'reply',
  resolve_on_spot: 'resolve_on_spot',
  rate: 'rate_satisfied',
  reassign: 'reassign',
  merge: 'merge',
  close_unmeetable: 'close_unmeetable',
  review: 'review_ok',
  escalate: 'escalate',
  claim: 'claim',
  assign_leader: 'assign_leader',
  add_contact: 'add_contact',
  add_measure: 'add_measure',
  update_measure: 'update_measure',
  request_extension: 'request_extension',
  decide_extension: 'decide_extension',
};

/** True when the actor may do `action` for the matter's intake office. */
export const actsForIntake = (actor: Actor, m: Pick<MatterFacts, 'intakeUnitPath'>, action: Action) => can(actor, action, m.intakeUnitPath);
/** True when the actor may do `action` for the matter's responsible unit (false while it has none). */
export const actsForUnit = (actor: Actor, m: Pick<MatterFacts, 'unitPath'>, action: Action) => !!m.unitPath && can(actor, action, m.unitPath);

/** True when the actor may do `action` for one of the matter's co-units (协办). */
export const actsForCoUnit = (actor: Actor, m: Pick<MatterSides, 'coUnitPaths'>, action: Action) => (m.coUnitPaths ?? []).some((p) => can(actor, action, p));

/** The role rule of each ability: who may, whatever the state. */
const roleRules: Record<MatterAbility, (actor: Actor, m: MatterSides) => boolean> = {
  dispatch: (a, m) => actsForIntake(a, m, 'matter.intake'),
  resolve_on_spot: (a, m) => actsForIntake(a, m, 'matter.intake'),
  rate: (a, m) => actsForIntake(a, m, 'matter.intake'),
  reassign: (a, m) => actsForIntake(a, m, 'matter.intake'),
  merge: (a, m) => actsForIntake(a, m, 'matter.intake'),
  add_contact: (a, m) => actsForIntake(a, m, 'matter.intake'),
  return: (a, m) => actsForUnit(a, m, 'matter.handle'),
  accept: (a, m) => actsForUnit(a, m, 'matter.handle'),
  reply: (a, m) => actsForUnit(a, m, 'matter.handle'),
  review: (a, m) => actsForUnit(a, m, 'matter.handle'),
  escalate: (a, m) => actsForUnit(a, m, 'matter.handle'),
  // Co-units contribute their own measures; editing and deleting measures stays with the responsible unit.
  add_measure: (a, m) => actsForUnit(a, m, 'matter.handle') || actsForCoUnit(a, m, 'matter.handle'),
  update_measure: (a, m) => actsForUnit(a, m, 'matter.handle'),
  request_extension: (a, m) => actsForUnit(a, m, 'matter.handle'),
  // The superior unit a matter was escalated to (its handlers and leaders). Without an escalation,
  // those who handle the matter pass here and are refused by the condition (409 NOT_ESCALATED).
  claim: (a, m) => (m.escalatedToUnitPath ? can(a, 'matter.handle', m.escalatedToUnitPath) : actsForUnit(a, m, 'matter.handle')),
  // A leader over the responsible unit or the intake office records why a demand cannot be met.
  close_unmeetable: (a, m) => actsForUnit(a, m, 'matter.lead') || actsForIntake(a, m, 'matter.lead'),
  decide_extension: (a, m) => actsForUnit(a, m, 'matter.lead'),
  assign_leader: (a, m) => actsForIntake(a, m, 'matter.intake') || actsForUnit(a, m, 'matter.lead'),
  add_note: (a, m) => actsForIntake(a, m, 'matter.intake') || actsForUnit(a, m, 'matter.handle') || actsForIntake(a, m, 'matter.lead') || actsForCoUnit(a, m, 'matter.handle'),
  reveal: (a, m) => actsForIntake(a, m, 'matter.reveal') || actsForUnit(a, m, 'matter.reveal'),
};

/**
 * The unit a matter taken in by this actor belongs to, or null when the actor may not take in
 * this kind: whoever takes in matters (matter.intake) takes in any kind, in the outermost unit
 * where they may; a leader (matter.lead) without it may take in a problem (未诉先办: a problem
 * found before anyone complains, e.g. on the hot-topics page), never a citizen's demand, in the
 * outermost unit they lead.
 */
export function intakeUnitFor(actor: Actor, kind: string): { unitId: string; unitPath: string } | null {
  const pick = (action: Action) => {
    const [root] = scopeFor(actor, action);
    const role = root ? actor.roles.find((r) => r.unitPath === root && roleAllows(r.role, action)) : undefined;
    return role ? { unitId: role.unitId, unitPath: role.unitPath } : null;
  };
  return pick('matter.intake') ?? (kind === 'problem' ? pick('matter.lead') : null);
}

/** True when the actor's roles allow the ability on this matter (its state aside). */
export function roleAllowsOnMatter(actor: Actor, m: MatterSides, ability: MatterAbility): boolean {
  return roleRules[ability](actor, m);
}

/** A unit path with a parent (`/root/child/`), so there is a unit to escalate to. */
export function hasParentUnit(path: string | null): boolean {
  if (!path) return false;
  // `/root/` has no parent; `/root/child/` has: a slash after the first segment's before the end.
  const end = path.indexOf('/', 1);
  return end > 0 && end < path.length - 1;
}

/**
 * The condition an action needs beyond the state table, as the 409 code refusing it, or null
 * when it holds: an unmeetable close from in_progress only after a reopen, a review only when
 * due, one escalation and one extension request at a time.
 */
export function conditionRefusal(m: MatterFacts, action: MatterAction, now: Date = new Date()): ErrorCode | null {
  switch (action) {
    case 'close_unmeetable':
      return m.status === 'in_progress' && m.reopenCount === 0 ? 'MATTER_NOT_REOPENED' : null;
    case 'review_ok':
    case 'review_relapsed':
      return !m.reviewDueOn || m.reviewDueOn > todayInChina(now) ? 'REVIEW_NOT_DUE' : null;
    case 'escalate':
      if (m.escalationStatus === 'pending') return 'ESCALATION_PENDING';
      return hasParentUnit(m.unitPath) ? null : 'ESCALATION_NO_PARENT';
    case 'claim':
      return m.escalationStatus === 'pending' ? null : 'NOT_ESCALATED';
    case 'request_extension':
      return m.hasPendingExtension ? 'EXTENSION_PENDING' : null;
    case 'decide_extension':
      return m.hasPendingExtension ? null : 'EXTENSION_NOT_PENDING';
    default:
      return null;
  }
}

/** True when the actor may do the ability now: role, state and condition. */
export function canOnMatter(actor: Actor, m: MatterFacts & Pick<MatterSides, 'coUnitPaths'>, ability: MatterAbility, now: Date = new Date()): boolean {
  if (!roleAllowsOnMatter(actor, m, ability)) return false;
  const action = stateActionOf[ability];
  if (!action) return true;
  return nextStatus(m.status as MatterStatus, action) !== null && conditionRefusal(m, action, now) === null;
}

/** Every ability with whether the actor has it now: the `can` map sent with each matter. */
export function matterAbilitiesFor(actor: Actor | null, m: MatterFacts & Pick<MatterSides, 'coUnitPaths'>, now: Date = new Date()): Record<MatterAbility, boolean> {
  const granted = actor ? grantedMatterAbilities(actor, m, now) : {};
  return Object.fromEntries(matterAbilities.map((a) => [a, granted[a] === true])) as Record<MatterAbility, boolean>;
}

/** The abilities the actor has on a matter, and only those (lists send these: absent means not allowed). */
export function grantedMatterAbilities(actor: Actor, m: MatterFacts & Pick<MatterSides, 'coUnitPaths'>, now: Date = new Date()): Partial<Record<MatterAbility, true>> {
  const out: Partial<Record<MatterAbility, true>> = {};
  for (const ability of matterAbilities) if (canOnMatter(actor, m, ability, now)) out[ability] = true;
  return out;
}

/** 403 unless the actor's roles allow the ability on this matter (state and conditions are the command's). */
export function assertRoleOnMatter(actor: Actor, m: MatterSides, ability: MatterAbility): void {
  if (!roleAllowsOnMatter(actor, m, ability)) throw new AppError(403, 'FORBIDDEN');
}
