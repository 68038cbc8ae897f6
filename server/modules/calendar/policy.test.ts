import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/policy.ts';
import { calendarManageRoot, canManageCalendar } from './policy.ts';

function actorWith(...roles: [Role, string][]): Actor {
  return {
    accountId: 'x',
    username: 'x',
    displayName: 'x',
    personId: null,
    roles: roles.map(([role, unitPath]) => ({ role, unitId: unitPath, unitPath, unitName: '' })),
    supervisedPaths: ['/c/'],
    mustChangePassword: false,
  };
}

describe('who may manage the working calendar', () => {
  it('an admin of a top-level unit, and nobody else', () => {
    expect(calendarManageRoot(actorWith(['admin', '/c/']))).toBe('/c/');
    expect(calendarManageRoot(actorWith(['handler', '/c/a/'], ['admin', '/c/']))).toBe('/c/');
    expect(canManageCalendar(actorWith(['admin', '/c/a/']))).toBe(false);
    for (const role of ['operator', 'handler', 'leader', 'supervisor'] as const) expect(canManageCalendar(actorWith([role, '/c/']))).toBe(false);
    expect(canManageCalendar(null)).toBe(false);
  });
});
