import { and, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { scopeFor, inUnitSubtree, type Action, type Actor } from '../../../core/policy.ts';
import { scopedTo } from '../../../core/scope.ts';
import { units } from '../tables.ts';

/** A unit as an import sees it: from the database, or added by an earlier row of the file. */
export interface UnitNode {
  id: string;
  parentId: string | null;
  name: string;
  path: string;
  depth: number;
  kind: string;
  level: string;
  regionCode: string | null;
  batchId: string | null;
  isActive: boolean;
  sortOrder: number;
  /** Whether the importer may write here; ancestors of the scope are loaded only to read paths like 示范县/青山镇. */
  inScope: boolean;
  /** The file row that created or matched this unit. */
  row?: number;
  /** Set when that row had errors, so rows referring to it are not reported a second time. */
  broken?: boolean;
}

/** What a unit reference in a cell resolved to. */
export type Resolution = { node: UnitNode } | { missing: true } | { ambiguous: UnitNode[] };

/** Separates the names of a unit path: "示范县/青山镇", also with the full-width slash or an arrow as offices type them. */
export const PATH_SEPARATOR = /\s*[/／>＞]\s*/;

/** The units an import may name, indexed by id, name and parent, for resolving names without a query per row. */
export class UnitIndex {
  private readonly byId = new Map<string, UnitNode>();
  private readonly byName = new Map<string, UnitNode[]>();
  private readonly children = new Map<string, Map<string, UnitNode>>();

  /** Adds a unit (from the database or the file). */
  add(node: UnitNode): void {
    this.byId.set(node.id, node);
    this.byName.set(node.name, [...(this.byName.get(node.name) ?? []), node]);
    if (node.parentId) {
      const siblings = this.children.get(node.parentId) ?? new Map<string, UnitNode>();
      siblings.set(node.name, node);
      this.children.set(node.parentId, siblings);
    }
  }

  /** The child of a unit with a name (names are unique among siblings). */
  child(parentId: string, name: string): UnitNode | undefined {
    return this.children.get(parentId)?.get(name);
  }

  /** The next sort order under a parent, so imported units keep the order of the file. */
  nextSortOrder(parentId: string): number {
    let max = -1;
    for (const c of this.children.get(parentId)?.values() ?? []) max = Math.max(max, c.sortOrder);
    return Math.min(max + 1, 100000);
  }

  /**
   * Resolves a unit written as a name ("青山镇") or as a path of names ("示范县/青山镇", any tail of
   * the full path) to one unit in scope. Units outside the scope count as missing, so a reply never
   * reveals them.
   */
  resolve(ref: string): Resolution {
    let found = (this.byName.get(ref) ?? []).filter((n) => n.inScope);
    const segments = ref.split(PATH_SEPARATOR).filter(Boolean);
    if (found.length === 0 && segments.length > 1) {
      found = (this.byName.get(segments[segments.length - 1]) ?? []).filter((n) => n.inScope && this.endsWith(n, segments));
    }
    if (found.length === 0) return { missing: true };
    // A unit from a row with errors was reported there; resolving to it keeps its children quiet.
    const broken = found.find((n) => n.broken);
    if (broken) return { node: broken };
    if (found.length > 1) return { ambiguous: found };
    return { node: found[0] };
  }

  /** A short path naming the unit ("青山镇/青山村"), as suggested in messages. */
  shortPath(node: UnitNode): string {
    const parent = node.parentId ? this.byId.get(node.parentId) : undefined;
    return parent ? `${parent.name}/${node.name}` : node.name;
  }

  private endsWith(node: UnitNode, segments: string[]): boolean {
    let cur: UnitNode | undefined = node;
    for (let i = segments.length - 1; i >= 0; i--) {
      if (!cur || cur.name !== segments[i]) return false;
      cur = cur.parentId ? this.byId.get(cur.parentId) : undefined;
    }
    return true;
  }
}

/**
 * Loads, in one query, the units where the actor may both import and `manage` (plus the ancestors
 * of that scope, read-only, for paths), as an index for resolving names.
 */
export async function loadUnitIndex(db: DbOrTx, actor: Actor, manage: Action): Promise<UnitIndex> {
  const importRoots = scopeFor(actor, 'import.run');
  const manageRoots = scopeFor(actor, manage);
  const ancestorIds = [...new Set([...importRoots, ...manageRoots].flatMap((p) => p.split('/').filter(Boolean)))];
  const rows = await db
    .select()
    .from(units)
    .where(or(and(scopedTo(units.path, actor, 'import.run'), scopedTo(units.path, actor, manage)), ancestorIds.length ? inArray(units.id, ancestorIds) : undefined));
  const index = new UnitIndex();
  for (const u of rows) {
    const inScope = importRoots.some((r) => inUnitSubtree(u.path, r)) && manageRoots.some((r) => inUnitSubtree(u.path, r));
    index.add({ id: u.id, parentId: u.parentId, name: u.name, path: u.path, depth: u.depth, kind: u.kind, level: u.level, regionCode: u.regionCode, batchId: u.batchId, isActive: u.isActive, sortOrder: u.sortOrder, inScope });
  }
  return index;
}

/** The deepest unit path above all given paths, to scope an import's audit row; null when there is none. */
export function commonUnitPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let prefix = paths[0];
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix.length > 1 ? prefix : null;
}
