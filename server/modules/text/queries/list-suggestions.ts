import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { loadMatter } from '../../matters/queries/load-matter.ts';
import { textSuggestions } from '../tables.ts';
import { presentSuggestion } from './present-suggestion.ts';

/**
 * What was suggested for a matter and what was chosen (GET /api/text/suggestions?matterId), for
 * the dispatch dialog; a matter outside the caller's scope is 404.
 */
export async function listSuggestions(ctx: Ctx, matterId: string) {
  const actor = requireActor(ctx);
  await loadMatter(ctx.db, actor, matterId);
  const rows = await ctx.db.select().from(textSuggestions).where(eq(textSuggestions.matterId, matterId)).orderBy(asc(textSuggestions.id));
  return { items: rows.map(presentSuggestion) };
}
