import { describe, expect, it } from 'vitest';
import { actions, can, roles, scopeFor, type Action, type Actor, type Role } from './policy.ts';

const county = '/c/';
const townA = '/c/a/';
const townB = '/c/b/';
const villageA = '/c/a/v/';

function actorWith(role: Role, unitPath: string, supervisedPaths: string[] = []): Actor {
  return { accountId: 'x', username: 'x', displayName: 'x', personId: null, roles: [{ role, unitId: 'u', unitPath, unitName: 'u' }], supervisedPaths, mustChangePassword: false };
}

// The whole role × action matrix: what each role may do inside its own subtree.
const expected: Record<Role, Action[]> = {
  admin: [...actions],
  operator: ['unit.read', 'person.read', 'matter.read', 'matter.intake', 'matter.reveal'],
  handler: ['unit.read', 'person.read', 'matter.read', 'matter.handle', 'matter.reveal'],
  leader: ['unit.read', 'person.read', 'matter.read', 'matter.handle', 'matter.reveal', 'matter.lead'],
  supervisor: ['unit.read', 'person.read', 'group.read', 'matter.read'],
};

describe('policy', () => {
  for (const role of roles) {
    for (const action of actions) {
      const allowed = expected[role].includes(action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action} in its subtree, and never outside`, () => {
        const actor = role === 'supervisor' ? actorWith(role, county, [townA]) : actorWith(role, townA);
        expect(can(actor, action, villageA)).toBe(allowed);
        expect(can(actor, action, townA)).toBe(allowed);
        expect(can(actor, action, townB)).toBe(false);
        expect(can(actor, action, county)).toBe(false);
      });
    }
  }

  it('denies everything to nobody', () => {
    for (const action of actions) expect(can(null, action, townA)).toBe(false);
  });

  it('a supervisor sees only the units of its groups, not its own unit', () => {
    const s = actorWith('supervisor', '/c/org/', [townA, townB]);
    expect(can(s, 'person.read', '/c/org/')).toBe(false);
    expect(can(s, 'person.read', villageA)).toBe(true);
    expect(can(s, 'person.manage', villageA)).toBe(false);
  });

  it('reduces nested scope roots to the outermost', () => {
    const a: Actor = { ...actorWith('handler', villageA), roles: [
      { role: 'handler', unitId: '1', unitPath: villageA, unitName: '' },
      { role: 'leader', unitId: '2', unitPath: townA, unitName: '' },
      { role: 'handler', unitId: '3', unitPath: townB, unitName: '' },
    ] };
    expect(scopeFor(a, 'person.read').sort()).toEqual([townA, townB]);
    expect(scopeFor(a, 'unit.manage')).toEqual([]);
  });

  it('does not confuse a sibling whose id shares a prefix', () => {
    const actor = actorWith('handler', '/c/ab/');
    expect(can(actor, 'unit.read', '/c/abc/')).toBe(false);
  });
});
