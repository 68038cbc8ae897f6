import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.ts';

/**
 * The unit each matter was first dispatched to and when, from its timeline (the `dispatch`
 * event's data): the operator's choice that a unit suggestion is compared with. A later
 * reassignment or claim does not change it.
 */
export async function firstDispatchUnits(db: DbOrTx, matterIds: readonly string[]): Promise<Map<string, { unitId: string; at: Date }>> {
  if (matterIds.length === 0) return new Map();
  const rows = await queryRows<{ matter_id: string; unit_id: string | null; at: string | Date }>(
    db,
    sql`select distinct on (matter_id) matter_id, data->>'unitId' as unit_id, at
        from matter_events
        where action = 'dispatch' and matter_id in (${sql.join(
          matterIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        order by matter_id, id`,
  );
  return new Map(rows.filter((r) => r.unit_id).map((r) => [r.matter_id, { unitId: r.unit_id!, at: new Date(r.at) }]));
}
