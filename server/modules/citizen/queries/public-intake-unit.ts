import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.ts';
import { AppError } from '../../../core/errors.ts';

// What the settings schema accepts as `public_intake_unit_id` (zod's z.uuid()); any other stored
// value counts as unset, as getSetting does with a value that no longer parses.
const SETTING_UUID = '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$';

/**
 * SQL selecting the unit that takes in what citizens submit online, `(unit_id, unit_path)`: the
 * `public_intake_unit_id` setting when it names an active unit, else the root of the tree (first
 * top-level unit by sort order, then name); no row when there is no active top-level unit. A
 * setting pointing at a deactivated unit falls back too, so a reorganisation never shuts the page.
 * Read in the statement that needs it, so a change of the setting or the units applies to the
 * very next submission (no cache).
 */
export function publicIntakeUnitSql(): SQL {
  return sql`select unit_id, unit_path from (
  (select u.id as unit_id, u.path as unit_path, 0 as rank
     from settings s join units u
       on u.id = case when jsonb_typeof(s.value) = 'string' and (s.value #>> '{}') ~ ${SETTING_UUID}::text then (s.value #>> '{}')::uuid end
    where s.key = 'public_intake_unit_id' and u.is_active)
  union all
  (select id, path, 1 from units where parent_id is null and is_active order by sort_order, name limit 1)
) candidates order by rank limit 1`;
}

/** The public intake unit (see publicIntakeUnitSql); 503 PUBLIC_INTAKE_CLOSED when there is none. */
export async function publicIntakeUnit(db: DbOrTx): Promise<{ unitId: string; unitPath: string }> {
  const [u] = await queryRows<{ unit_id: string; unit_path: string }>(db, publicIntakeUnitSql());
  if (!u) throw new AppError(503, 'PUBLIC_INTAKE_CLOSED');
  return { unitId: u.unit_id, unitPath: u.unit_path };
}
