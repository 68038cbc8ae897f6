import { like, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor, Action } from './policy.ts';
import { scopeFor } from './policy.ts';

/** SQL condition: the unit path column lies in one of the given subtree roots (false when none). */
export function pathInRoots(column: AnyPgColumn | SQL, roots: string[]): SQL {
  if (roots.length === 0) return sql`false`;
  const parts = roots.map((r) => like(column as AnyPgColumn, `${escapeLike(r)}%`));
  return parts.length === 1 ? parts[0] : or(...parts)!;
}

// A unit path as the tree writes it: ids and slashes only, so it can stand in a statement as a literal.
const plainPath = /^[0-9A-Za-z/-]+$/;

/**
 * SQL condition: as pathInRoots, with each root written into the statement as a literal instead
 * of a parameter. A statement prepared once and planned generically can then still walk the path
 * indexes (it cannot for `like $1`, whose prefix it does not know). Roots must come from the
 * server (the actor's roles, a unit row), never from the request; any other text is bound.
 */
export function pathInRootsInline(column: AnyPgColumn | SQL, roots: string[]): SQL {
  if (roots.length === 0) return sql`false`;
  const parts = roots.map((r) => (plainPath.test(r) ? sql`${column} like ${sql.raw(`'${r}%'`)}` : like(column as AnyPgColumn, `${escapeLike(r)}%`)));
  return parts.length === 1 ? parts[0] : or(...parts)!;
}

/** SQL condition: as scopedTo, with the roots as literals (pathInRootsInline). */
export function scopedToInline(column: AnyPgColumn | SQL, actor: Actor, action: Action): SQL {
  return pathInRootsInline(column, scopeFor(actor, action));
}

/** SQL condition: the record's unit path is where the actor may perform `action`. */
export function scopedTo(column: AnyPgColumn | SQL, actor: Actor, action: Action): SQL {
  return pathInRoots(column, scopeFor(actor, action));
}

/** Escapes LIKE wildcards (paths hold only uuids and slashes, but be safe). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
