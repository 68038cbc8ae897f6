import type { Unit } from '../api/types.ts';

/** A unit with its children, for trees built from the flat `/units/tree` list. */
export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

function compareUnits(a: UnitNode, b: UnitNode): number {
  return a.unit.sortOrder - b.unit.sortOrder || collator.compare(a.unit.name, b.unit.name);
}

// The list holds only the caller's scope, so a scope root's parent is missing from it.
/** Builds the forest of units; a root is any unit whose parent is not in the list. */
export function buildUnitTree(items: Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of items) nodes.set(unit.id, { unit, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: UnitNode[]) => {
    list.sort(compareUnits);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Ids of a unit's ancestors present in the list, nearest last. */
export function ancestorIds(byId: Map<string, Unit>, id: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  let cur = byId.get(id)?.parentId;
  while (cur && byId.has(cur) && !seen.has(cur)) {
    out.unshift(cur);
    seen.add(cur);
    cur = byId.get(cur)?.parentId;
  }
  return out;
}

/** Result of filtering the tree by a name fragment. */
export interface FilteredTree {
  nodes: UnitNode[];
  matchIds: Set<string>;
  /** Units to expand so that every match is visible. */
  expandIds: string[];
}

// The children of a match stay too, so the user can go on browsing from a found unit.
/** Keeps the units whose name contains `q`, their ancestors and their children. */
export function filterUnitTree(roots: UnitNode[], q: string): FilteredTree {
  const needle = q.trim().toLowerCase();
  const matchIds = new Set<string>();
  const expand = new Set<string>();
  if (!needle) return { nodes: roots, matchIds, expandIds: [] };
  const visit = (node: UnitNode): UnitNode | null => {
    const self = node.unit.name.toLowerCase().includes(needle);
    if (self) matchIds.add(node.unit.id);
    const kept = node.children.map(visit).filter((n): n is UnitNode => n !== null);
    if (kept.length > 0) expand.add(node.unit.id);
    if (self) return { unit: node.unit, children: kept.length > 0 ? mergeChildren(node.children, kept) : node.children };
    return kept.length > 0 ? { unit: node.unit, children: kept } : null;
  };
  const nodes = roots.map(visit).filter((n): n is UnitNode => n !== null);
  return { nodes, matchIds, expandIds: [...expand] };
}

function mergeChildren(all: UnitNode[], kept: UnitNode[]): UnitNode[] {
  const byId = new Map(kept.map((k) => [k.unit.id, k]));
  return all.map((c) => byId.get(c.unit.id) ?? c);
}

/** Ids of a unit and all its descendants in the list (for excluding move targets). */
export function subtreeIds(items: Unit[], rootId: string): Set<string> {
  const root = items.find((u) => u.id === rootId);
  const out = new Set<string>([rootId]);
  if (!root) return out;
  for (const u of items) if (u.path.startsWith(root.path)) out.add(u.id);
  return out;
}
