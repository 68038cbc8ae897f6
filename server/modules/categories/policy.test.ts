import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/policy.ts';
import { settingsManageRoot } from '../system/settings.ts';
import { canManageCategories, canManageDispatchRule, canManageReplyTemplate, canUseReplyTemplate, categoryManageRoot, dispatchRuleRoots, replyTemplateManageRoots } from './policy.ts';

function actorWith(roles: [Role, string][], supervisedPaths: string[] = []): Actor {
  return {
    accountId: 'x',
    username: 'x',
    displayName: 'x',
    personId: null,
    roles: roles.map(([role, unitPath]) => ({ role, unitId: unitPath, unitPath, unitName: '' })),
    supervisedPaths,
    mustChangePassword: false,
  };
}

const county = '/c/';
const townA = '/c/a/';
const villageA = '/c/a/v/';
const townB = '/c/b/';
const roles: Role[] = ['admin', 'operator', 'handler', 'leader', 'supervisor'];

describe('categories and settings: an admin of a top-level unit, and nobody else', () => {
  it.each(roles)('%s', (role) => {
    const atCounty = actorWith([[role, county]], [county]);
    const atTown = actorWith([[role, townA]], [townA]);
    expect(canManageCategories(atCounty)).toBe(role === 'admin');
    expect(categoryManageRoot(atCounty)).toBe(role === 'admin' ? county : null);
    expect(settingsManageRoot(atCounty)).toBe(role === 'admin' ? county : null);
    expect(canManageCategories(atTown)).toBe(false);
    expect(settingsManageRoot(atTown)).toBe(null);
  });
  it('nobody without an account', () => {
    expect(canManageCategories(null)).toBe(false);
    expect(settingsManageRoot(null)).toBe(null);
  });
});

describe('dispatch rules: admins, for rules owned in their subtree', () => {
  const cases: [Role, string, string, boolean][] = [
    ['admin', county, townB, true],
    ['admin', townA, townA, true],
    ['admin', townA, villageA, true],
    ['admin', townA, townB, false],
    ['admin', townA, county, false],
    ['operator', county, county, false],
    ['leader', county, county, false],
    ['handler', townA, townA, false],
    ['supervisor', county, townA, false],
  ];
  it.each(cases)('%s of %s on a rule owned by %s → %s', (role, at, owner, allowed) => {
    const actor = actorWith([[role, at]], [at]);
    expect(canManageDispatchRule(actor, owner)).toBe(allowed);
  });
  it('roots are the admin units, outermost first', () => {
    expect(dispatchRuleRoots(actorWith([['admin', townA], ['admin', villageA], ['admin', townB]]))).toEqual([townA, townB]);
  });
});

describe('reply templates: admins and leaders manage them in their subtree; everyone uses those of their units and above', () => {
  // role, unit, owner of the template, may manage, may use
  const cases: [Role, string, string, boolean, boolean][] = [
    ['admin', county, townB, true, true],
    ['leader', county, townA, true, true],
    ['leader', townA, county, false, true],
    ['leader', townA, townB, false, false],
    ['admin', townA, villageA, true, true],
    ['handler', townA, county, false, true],
    ['handler', townA, townA, false, true],
    ['handler', villageA, townA, false, true],
    ['handler', townA, villageA, false, false],
    ['handler', townA, townB, false, false],
    ['operator', county, county, false, true],
    ['operator', county, townA, false, false],
  ];
  it.each(cases)('%s of %s, template of %s: manage %s, use %s', (role, at, owner, manage, use) => {
    const actor = actorWith([[role, at]]);
    expect(canManageReplyTemplate(actor, owner)).toBe(manage);
    expect(canUseReplyTemplate(actor, owner)).toBe(use);
  });
  it('a supervisor uses the templates of the units its groups cover and above', () => {
    const s = actorWith([['supervisor', '/c/org/']], [townA]);
    expect(canUseReplyTemplate(s, county)).toBe(true);
    expect(canUseReplyTemplate(s, townB)).toBe(false);
    expect(canManageReplyTemplate(s, townA)).toBe(false);
  });
  it('manage roots merge admin and leader units, outermost only', () => {
    expect(replyTemplateManageRoots(actorWith([['leader', townA], ['admin', villageA], ['leader', townB]]))).toEqual([townA, townB]);
  });
});
