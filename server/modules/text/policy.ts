import { can, canAnywhere, scopeFor, type Action, type Actor } from '../../core/policy.ts';

/**
 * Who may use the text module's features. Pure and default-deny like server/core/policy.ts; the
 * records the features read (matters) are scoped in the queries themselves (404 outside scope).
 */

/** The policy action each feature needs somewhere (403 without it). */
export const textFeatureActions = {
  /** Category and unit suggestions at intake, and recording them for a matter just taken in. */
  suggest: 'matter.intake',
  /** Likely duplicates while taking a matter in. */
  duplicates: 'matter.intake',
  /** Hot topics (每月一题) of a unit subtree: what leaders act on. */
  hotTopics: 'matter.lead',
  /** The acceptance rate of suggestions. */
  suggestionStats: 'matter.lead',
  /** Copied reflections (心得体会): an office of leaders checks a batch. */
  copies: 'matter.lead',
  /** Retraining is a deployment-wide job: administrators only. */
  retrain: 'settings.manage',
} as const satisfies Record<string, Action>;

/** True when the actor may check a reply: whoever writes one (handlers, leaders) or resolves on the spot (operators). */
export function mayCheckReply(actor: Actor | null): boolean {
  return canAnywhere(actor, 'matter.handle') || canAnywhere(actor, 'matter.intake');
}

/** True when the actor may see the models' status and figures: administrators and leaders. */
export function maySeeModels(actor: Actor | null): boolean {
  return canAnywhere(actor, 'settings.manage') || canAnywhere(actor, 'matter.lead');
}

/**
 * True when a suggested unit may be offered to the actor: the unit is one the actor could
 * dispatch to (inside its intake scope), exactly the check the dispatch command makes.
 */
export function isDispatchableUnit(actor: Actor, unitPath: string): boolean {
  return can(actor, 'matter.intake', unitPath);
}

/** The subtree roots whose hot topics and figures the actor may see (leaders and admins). */
export function leadRoots(actor: Actor): string[] {
  return scopeFor(actor, 'matter.lead');
}
