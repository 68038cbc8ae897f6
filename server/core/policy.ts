/**
 * Authorization: pure, default-deny rules. An actor holds roles in units; each role permits a
 * fixed set of actions inside the subtree of its unit (supervisors: inside the subtrees of the
 * units assigned to their groups). Nothing here touches the database or HTTP.
 */

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

/** What each role may do inside its scope. Anything not listed is denied. */
export const rolePermissions: Record<Role, readonly Action[]> = {
  admin: actions,
  operator: ['unit.read', 'person.read', 'matter.read', 'matter.intake', 'matter.reveal'],
  handler: ['unit.read', 'person.read', 'matter.read', 'matter.handle', 'matter.reveal'],
  leader: ['unit.read', 'person.read', 'matter.read', 'matter.handle', 'matter.reveal', 'matter.lead'],
  supervisor: ['unit.read', 'person.read', 'group.read', 'matter.read'],
};

export interface ActorRole {
  role: Role;
  unitId: string;
  unitPath: string;
  unitName: string;
}

/** The authenticated caller, as loaded from its session for one request. */
export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  personId: string | null;
  roles: ActorRole[];
  /** Paths of the units assigned to the supervision groups the account belongs to. */
  supervisedPaths: string[];
  mustChangePassword: boolean;
}

/** True when `path` lies in the subtree rooted at `rootPath` (itself included). */
export function inUnitSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** True when the role permits the action at all. */
export function roleAllows(role: Role, action: Action): boolean {
  return rolePermissions[role].includes(action);
}

/** True when the actor is a supervisor whose groups cover `path`. */
export function supervisesUnit(actor: Actor, path: string): boolean {
  return actor.roles.some((r) => r.role === 'supervisor') && actor.supervisedPaths.some((p) => inUnitSubtree(path, p));
}

/**
 * The subtree roots where the actor may perform `action`, reduced so that no root lies inside
 * another, the outermost (shortest path) first. Queries filter by these prefixes; an empty list
 * means nothing is visible. The array is shared between calls: do not change it.
 */
export function scopeFor(actor: Actor, action: Action): string[] {
  // A list page asks this for every ability of every row: remember it per actor, for as long as
  // the actor's roles and supervised units are the same arrays (they are rebuilt, never edited).
  let memo = scopeMemo.get(actor);
  if (!memo || memo.roles !== actor.roles || memo.supervised !== actor.supervisedPaths) {
    memo = { roles: actor.roles, supervised: actor.supervisedPaths, byAction: new Map() };
    scopeMemo.set(actor, memo);
  }
  let roots = memo.byAction.get(action);
  if (!roots) {
    roots = computeScope(actor, action);
    memo.byAction.set(action, roots);
  }
  return roots;
}

const scopeMemo = new WeakMap<Actor, { roles: ActorRole[]; supervised: string[]; byAction: Map<Action, string[]> }>();

function computeScope(actor: Actor, action: Action): string[] {
  const roots: string[] = [];
  for (const r of actor.roles) {
    if (!roleAllows(r.role, action)) continue;
    if (r.role === 'supervisor') roots.push(...actor.supervisedPaths);
    else roots.push(r.unitPath);
  }
  const sorted = [...new Set(roots)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => inUnitSubtree(p, q)));
}

/** True when the actor may perform `action` on a record belonging to the unit at `unitPath`. */
export function can(actor: Actor | null, action: Action, unitPath: string): boolean {
  if (!actor) return false;
  // A loop, not some(): lists call this hundreds of times a page.
  for (const root of scopeFor(actor, action)) if (inUnitSubtree(unitPath, root)) return true;
  return false;
}

/** True when the actor may perform `action` somewhere (used to shape menus and 403 vs 404). */
export function canAnywhere(actor: Actor | null, action: Action): boolean {
  return !!actor && scopeFor(actor, action).length > 0;
}

/** The actions the actor may perform on a record of the unit at `unitPath`; sent with responses. */
export function abilitiesFor(actor: Actor, unitPath: string, wanted: readonly Action[]): Partial<Record<Action, boolean>> {
  const out: Partial<Record<Action, boolean>> = {};
  for (const a of wanted) out[a] = can(actor, a, unitPath);
  return out;
}
