import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/policy.ts';
import { conditionRefusal, hasParentUnit, intakeUnitFor, matterAbilities, matterAbilitiesFor, type MatterAbility, type MatterFacts } from './policy.ts';

// Role × state × ability, without HTTP: what each demo role may do with a matter taken in by the
// county (/C/), handled by township A (/C/A/) with township B (/C/B/) as co-unit (协办) once
// dispatched, written out by hand. Township D (/C/D/) has nothing to do with it.

const C = '/C/';
const A = '/C/A/';
const B = '/C/B/';
const actor = (role: Role, unitPath: string, supervisedPaths: string[] = []): Actor => ({
  accountId: `${role}-${unitPath}`,
  username: role,
  displayName: role,
  personId: null,
  roles: [{ role, unitId: unitPath, unitPath, unitName: unitPath }],
  supervisedPaths,
  mustChangePassword: false,
});
const actors = {
  operator: actor('operator', C),
  handlerA: actor('handler', A),
  handlerB: actor('handler', B),
  handlerD: actor('handler', '/C/D/'),
  leader: actor('leader', C),
  supervisor: actor('supervisor', '/S/', [A, B]),
};
type Who = keyof typeof actors;

const yesterday = '2000-01-01';
const matterIn = (status: string, extra: Partial<MatterFacts & { coUnitPaths: string[] }> = {}): MatterFacts & { coUnitPaths: string[] } => ({
  status,
  intakeUnitPath: C,
  unitPath: status === 'received' ? null : A,
  coUnitPaths: status === 'received' ? [] : [B],
  reopenCount: 0,
  reviewDueOn: status === 'closed' ? yesterday : null,
  escalationStatus: null,
  escalatedToUnitPath: null,
  hasPendingExtension: false,
  ...extra,
});

const expected: Record<string, Record<Who, MatterAbility[]>> = {
  received: {
    operator: ['dispatch', 'resolve_on_spot', 'merge', 'assign_leader', 'add_contact', 'add_note', 'reveal'],
    handlerA: [],
    handlerB: [],
    handlerD: [],
    leader: ['add_note', 'reveal'],
    supervisor: [],
  },
  dispatched: {
    operator: ['reassign', 'merge', 'assign_leader', 'add_contact', 'add_note', 'reveal'],
    handlerA: ['accept', 'return', 'escalate', 'request_extension', 'add_note', 'reveal'],
    handlerB: ['add_note'],
    handlerD: [],
    leader: ['accept', 'return', 'escalate', 'assign_leader', 'request_extension', 'add_note', 'reveal'],
    supervisor: [],
  },
  in_progress: {
    operator: ['reassign', 'assign_leader', 'add_contact', 'add_note', 'reveal'],
    handlerA: ['return', 'reply', 'escalate', 'add_measure', 'update_measure', 'request_extension', 'add_note', 'reveal'],
    handlerB: ['add_measure', 'add_note'],
    handlerD: [],
    leader: ['return', 'reply', 'escalate', 'assign_leader', 'add_measure', 'update_measure', 'request_extension', 'add_note', 'reveal'],
    supervisor: [],
  },
  replied: {
    operator: ['rate', 'assign_leader', 'add_contact', 'add_note', 'reveal'],
    handlerA: ['add_note', 'reveal'],
    handlerB: ['add_note'],
    handlerD: [],
    leader: ['close_unmeetable', 'assign_leader', 'add_note', 'reveal'],
    supervisor: [],
  },
  closed: {
    operator: ['add_note', 'reveal'],
    handlerA: ['review', 'add_note', 'reveal'],
    handlerB: ['add_note'],
    handlerD: [],
    leader: ['review', 'add_note', 'reveal'],
    supervisor: [],
  },
  reviewed: {
    operator: ['add_note', 'reveal'],
    handlerA: ['add_note', 'reveal'],
    handlerB: ['add_note'],
    handlerD: [],
    leader: ['add_note', 'reveal'],
    supervisor: [],
  },
  merged: {
    operator: ['add_note', 'reveal'],
    handlerA: ['add_note', 'reveal'],
    handlerB: ['add_note'],
    handlerD: [],
    leader: ['add_note', 'reveal'],
    supervisor: [],
  },
};

const granted = (who: Who, m: MatterFacts) =>
  Object.entries(matterAbilitiesFor(actors[who], m))
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe('matter abilities (role × state)', () => {
  for (const [status, byWho] of Object.entries(expected)) {
    for (const [who, abilities] of Object.entries(byWho) as [Who, MatterAbility[]][]) {
      it(`${status}: ${who} → ${abilities.join(', ') || 'nothing'}`, () => {
        expect(granted(who, matterIn(status))).toEqual([...abilities].sort());
      });
    }
  }

  it('lists every ability, and none without an actor', () => {
    expect(Object.keys(matterAbilitiesFor(null, matterIn('dispatched')))).toEqual([...matterAbilities]);
    expect(Object.values(matterAbilitiesFor(null, matterIn('dispatched'))).some(Boolean)).toBe(false);
  });
});

describe('taking in (受理)', () => {
  it('an operator takes in any kind in their unit; a leader only a problem (未诉先办); a handler nothing', () => {
    expect(intakeUnitFor(actors.operator, 'demand')).toEqual({ unitId: C, unitPath: C });
    expect(intakeUnitFor(actors.leader, 'problem')).toEqual({ unitId: C, unitPath: C });
    expect(intakeUnitFor(actors.leader, 'demand')).toBeNull();
    expect(intakeUnitFor(actors.handlerA, 'problem')).toBeNull();
    expect(intakeUnitFor(actors.supervisor, 'problem')).toBeNull();
  });
});

describe('conditions beyond the state table', () => {
  it('a leader may close as unmeetable from in_progress only after a reopen', () => {
    expect(granted('leader', matterIn('in_progress'))).not.toContain('close_unmeetable');
    expect(granted('leader', matterIn('in_progress', { reopenCount: 1 }))).toContain('close_unmeetable');
    expect(conditionRefusal(matterIn('in_progress'), 'close_unmeetable')).toBe('MATTER_NOT_REOPENED');
  });

  it('a review waits for its date', () => {
    expect(granted('handlerA', matterIn('closed', { reviewDueOn: '2999-01-01' }))).not.toContain('review');
    expect(conditionRefusal(matterIn('closed', { reviewDueOn: '2999-01-01' }), 'review_relapsed')).toBe('REVIEW_NOT_DUE');
    expect(conditionRefusal(matterIn('closed', { reviewDueOn: null }), 'review_ok')).toBe('REVIEW_NOT_DUE');
  });

  it('one pending extension at a time; a leader decides it', () => {
    const m = matterIn('in_progress', { hasPendingExtension: true });
    expect(granted('handlerA', m)).not.toContain('request_extension');
    expect(granted('handlerA', m)).not.toContain('decide_extension');
    expect(granted('leader', m)).toContain('decide_extension');
    expect(conditionRefusal(m, 'request_extension')).toBe('EXTENSION_PENDING');
    expect(conditionRefusal(matterIn('in_progress'), 'decide_extension')).toBe('EXTENSION_NOT_PENDING');
  });

  it('an escalated matter is claimed by the unit it went to, and not escalated twice', () => {
    const m = matterIn('in_progress', { escalationStatus: 'pending', escalatedToUnitPath: C });
    expect(granted('leader', m)).toContain('claim');
    expect(granted('handlerA', m)).not.toContain('claim');
    expect(granted('handlerA', m)).not.toContain('escalate');
    expect(conditionRefusal(m, 'escalate')).toBe('ESCALATION_PENDING');
    expect(conditionRefusal(matterIn('in_progress', { unitPath: C }), 'escalate')).toBe('ESCALATION_NO_PARENT');
    expect(conditionRefusal(matterIn('in_progress'), 'claim')).toBe('NOT_ESCALATED');
  });
});

describe('hasParentUnit', () => {
  it('is true below the root only', () => {
    expect(hasParentUnit(null)).toBe(false);
    expect(hasParentUnit('')).toBe(false);
    expect(hasParentUnit('/root/')).toBe(false);
    expect(hasParentUnit('/root/town/')).toBe(true);
    expect(hasParentUnit('/root/town/village/')).toBe(true);
  });
});
