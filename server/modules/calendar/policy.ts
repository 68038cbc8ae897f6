import { scopeFor, type Actor } from '../../core/policy.ts';

// A top-level unit's path holds one id: `/id/`.
const isTopLevelPath = (path: string) => /^\/[^/]+\/$/.test(path);

/**
 * The top-level unit in which the actor may manage the working calendar, or null. The calendar
 * sets the deadlines of every unit, so an admin of a township (whose `calendar.manage` reaches
 * only its subtree) may not change it; the audit row belongs to that top-level unit.
 */
export function calendarManageRoot(actor: Actor | null): string | null {
  if (!actor) return null;
  return scopeFor(actor, 'calendar.manage').find(isTopLevelPath) ?? null;
}

/** True when the actor may add, change or remove days of the working calendar. */
export function canManageCalendar(actor: Actor | null): boolean {
  return calendarManageRoot(actor) !== null;
}
