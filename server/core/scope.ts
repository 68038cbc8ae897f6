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

/** SQL condition: the record's unit path is where the actor may perform `action`. */
export function scopedTo(column: AnyPgColumn | SQL, actor: Actor, action: Action): SQL {
  return pathInRoots(column, scopeFor(actor, action));
}

/** Escapes LIKE wildcards (paths hold only uuids and slashes, but be safe). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
