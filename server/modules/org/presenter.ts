import type { TUnit, TPerson } from './schema.ts';
import { units, people } from './tables.ts';

type UnitRow = typeof units.$inferSelect;
type PersonRow = typeof people.$inferSelect;

/** What leaves the server about a unit. */
export function presentUnit(u: UnitRow): TUnit {
  return {
    id: u.id,
    parentId: u.parentId,
    path: u.path,
    depth: u.depth,
    name: u.name,
    kind: u.kind as TUnit['kind'],
    level: u.level as TUnit['level'],
    regionCode: u.regionCode,
    batchId: u.batchId,
    isActive: u.isActive,
    sortOrder: u.sortOrder,
  };
}

/** What leaves the server about a person. */
export function presentPerson(p: PersonRow, unitName: string): TPerson {
  return {
    id: p.id,
    unitId: p.unitId,
    unitName,
    name: p.name,
    post: p.post,
    isPartyMember: p.isPartyMember,
    cadreLevel: (p.cadreLevel as TPerson['cadreLevel']) ?? null,
    phone: p.phone,
  };
}
