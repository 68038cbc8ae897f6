import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { can, inUnitSubtree, scopeFor, type Actor } from '../../../core/policy.ts';
import { units } from '../../org/tables.ts';
import { categories, dispatchRules } from '../tables.ts';

/** What the catalogue names for a matter: the unit, and the rule that named it. */
export interface DispatchSuggestion {
  unit: { id: string; name: string; path: string };
  ruleId: string;
}

/**
 * The responsible unit the dispatch catalogue (派单目录) names for a category and region. A rule
 * applies when its category is the matter's or an ancestor of it (or any), its region prefix
 * starts the matter's region code (or any), and its owner is the intake unit or above it; the
 * unit must be active and one the dispatcher may dispatch to. The most specific rule wins: the
 * deeper category, then the longer region prefix, then the owner nearest the intake unit.
 */
export async function suggestDispatchUnit(
  db: DbOrTx,
  actor: Actor,
  input: { categoryId?: string | null; regionCode?: string | null; intakeUnitPath?: string },
): Promise<DispatchSuggestion | null> {
  const intakePaths = input.intakeUnitPath ? [input.intakeUnitPath] : scopeFor(actor, 'matter.intake');
  if (intakePaths.length === 0) return null;
  // The matter's category and its ancestors, with their depth.
  const levelOf = new Map<string, number>();
  if (input.categoryId) {
    const [self] = await db.select({ path: categories.path }).from(categories).where(eq(categories.id, input.categoryId));
    const ids = self?.path.split('/').filter(Boolean) ?? [];
    ids.forEach((id, i) => levelOf.set(id, i + 1));
  }
  const categoryIds = [...levelOf.keys()];
  const rows = await db
    .select({ id: dispatchRules.id, categoryId: dispatchRules.categoryId, regionPrefix: dispatchRules.regionPrefix, ownerUnitPath: dispatchRules.ownerUnitPath, unit: { id: units.id, name: units.name, path: units.path } })
    .from(dispatchRules)
    .innerJoin(units, eq(units.id, dispatchRules.unitId))
    .where(
      and(
        eq(units.isActive, true),
        categoryIds.length ? or(isNull(dispatchRules.categoryId), inArray(dispatchRules.categoryId, categoryIds)) : isNull(dispatchRules.categoryId),
        input.regionCode ? or(isNull(dispatchRules.regionPrefix), sql`${input.regionCode}::text like (${dispatchRules.regionPrefix} || '%')`) : isNull(dispatchRules.regionPrefix),
      ),
    );
  const specificity = (r: (typeof rows)[number]) => [r.categoryId ? levelOf.get(r.categoryId)! : 0, r.regionPrefix?.length ?? 0, r.ownerUnitPath.length];
  const best = rows
    .filter((r) => intakePaths.some((p) => inUnitSubtree(p, r.ownerUnitPath)) && can(actor, 'matter.intake', r.unit.path))
    .sort((a, b) => {
      const [x, y] = [specificity(a), specificity(b)];
      return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || a.id.localeCompare(b.id);
    })[0];
  return best ? { unit: best.unit, ruleId: best.id } : null;
}
