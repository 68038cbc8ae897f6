import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { messageFor } from '../../../core/messages.ts';
import { pathInRoots } from '../../../core/scope.ts';
import { queryRows } from '../../../db/client.ts';
import { addDays, endOfChinaDay, todayInChina } from '../../calendar/calendar-date.ts';
import { matters } from '../../matters/tables.ts';
import { leadRoots } from '../policy.ts';
import { textModelKinds, type TSuggestionStatsQuery } from '../schema.ts';

/** The period when none is given: the last 30 days. */
export const DEFAULT_STATS_DAYS = 30;

const startOfChinaDay = (date: string) => new Date(endOfChinaDay(addDays(date, -1)).getTime() + 1);
const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

/**
 * The acceptance rate of suggestions (GET /api/text/suggestions/stats): per kind, of the matters
 * taken in during the period (China days) for which suggestions were recorded and a choice was
 * made, how often the choice was the first suggestion (top-1) or among the three (top-3). Only
 * matters in the caller's scope (taken in or handled in a unit where it leads) count. The
 * definition travels with the figures.
 */
export async function suggestionStats(ctx: Ctx, q: TSuggestionStatsQuery) {
  const actor = requireActor(ctx);
  const to = q.to ?? todayInChina();
  const from = q.from ?? addDays(to, -(DEFAULT_STATS_DAYS - 1));
  if (from > to) throw invalidField('to', 'DATE_ORDER');
  const roots = leadRoots(actor);
  const rows = await queryRows<{ kind: string; recorded: number | string; decided: number | string; top1: number | string; top3: number | string }>(
    ctx.db,
    sql`select s.kind,
          count(*) as recorded,
          count(*) filter (where s.chosen is not null) as decided,
          count(*) filter (where s.chosen is not null and s.accepted) as top1,
          count(*) filter (where s.chosen is not null and s.suggested @> jsonb_build_array(jsonb_build_object('id', s.chosen))) as top3
        from text_suggestions s join matters on matters.id = s.matter_id
        where s.created_at >= ${startOfChinaDay(from).toISOString()}::timestamptz and s.created_at <= ${endOfChinaDay(to).toISOString()}::timestamptz
          and (${pathInRoots(matters.intakeUnitPath, roots)} or ${pathInRoots(matters.unitPath, roots)})
        group by s.kind`,
  );
  const kinds = textModelKinds.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    // count(*) is a number from PGlite and a string from pg.
    const [recorded, decided, top1, top3] = [r?.recorded, r?.decided, r?.top1, r?.top3].map((v) => Number(v ?? 0));
    return { kind, recorded, decided, top1, top3, top1Rate: rate(top1, decided), top3Rate: rate(top3, decided) };
  });
  return { from, to, definition: messageFor('TEXT_ACCEPTANCE_DEFINITION', ctx.lang), kinds };
}
