import { inUnitSubtree, scopeFor, type Actor } from '../../core/policy.ts';

// A top-level unit's path holds one id: `/id/`.
const isTopLevelPath = (path: string) => /^\/[^/]+\/$/.test(path);

// Keeps the outermost roots only, so no root lies inside another.
function outermost(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => inUnitSubtree(p, q)));
}

/**
 * The top-level unit in which the actor may manage the category tree, or null. Categories are
 * shared by every unit (and are the Open311 services), so an admin of a township — whose
 * `category.manage` reaches only its subtree — may not change them; the audit row belongs to
 * that top-level unit.
 */
export function categoryManageRoot(actor: Actor | null): string | null {
  if (!actor) return null;
  return scopeFor(actor, 'category.manage').find(isTopLevelPath) ?? null;
}

/** True when the actor may create, edit, (de)activate, delete and import categories. */
export function canManageCategories(actor: Actor | null): boolean {
  return categoryManageRoot(actor) !== null;
}

/** The subtrees whose dispatch rules the actor may see and edit (admins: their units). */
export function dispatchRuleRoots(actor: Actor): string[] {
  return scopeFor(actor, 'category.manage');
}

/** True when the actor may see and edit a dispatch rule owned by the unit at `ownerUnitPath`. */
export function canManageDispatchRule(actor: Actor, ownerUnitPath: string): boolean {
  return dispatchRuleRoots(actor).some((root) => inUnitSubtree(ownerUnitPath, root));
}

/** The subtrees where the actor may write reply templates: admins' and leaders' units. */
export function replyTemplateManageRoots(actor: Actor): string[] {
  return outermost([...scopeFor(actor, 'category.manage'), ...scopeFor(actor, 'matter.lead')]);
}

/** True when the actor may change or delete a reply template owned by the unit at `ownerUnitPath`. */
export function canManageReplyTemplate(actor: Actor, ownerUnitPath: string): boolean {
  return replyTemplateManageRoots(actor).some((root) => inUnitSubtree(ownerUnitPath, root));
}

/**
 * True when the actor may use a template owned by the unit at `ownerUnitPath`: the owner is one
 * of the actor's units or above it (a county's templates serve its townships), or the actor may
 * manage it.
 */
export function canUseReplyTemplate(actor: Actor, ownerUnitPath: string): boolean {
  const own = [...actor.roles.map((r) => r.unitPath), ...actor.supervisedPaths];
  return own.some((path) => inUnitSubtree(path, ownerUnitPath)) || canManageReplyTemplate(actor, ownerUnitPath);
}
