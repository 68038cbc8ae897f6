import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { messageFor } from '../../../core/messages.ts';
import { textModelKinds, type TKindSuggestion, type TSuggestRequest, type TextModelKind } from '../schema.ts';
import { rankSuggestions, type RankedSuggestions } from './rank-suggestions.ts';
import { MIN_TRAINING_LABELS, MIN_TRAINING_MATTERS } from './read-training-examples.ts';

/** One kind's suggestions as the intake form shows them, with the reason in the caller's language when empty. */
export function presentKindSuggestion(ctx: Pick<Ctx, 'lang'>, ranked: RankedSuggestions): TKindSuggestion {
  const reason =
    ranked.reasonCode === 'NO_MODEL'
      ? messageFor('TEXT_NO_MODEL', ctx.lang, { matters: MIN_TRAINING_MATTERS, labels: MIN_TRAINING_LABELS })
      : ranked.reasonCode === 'NONE_IN_SCOPE'
        ? messageFor('TEXT_NONE_IN_SCOPE', ctx.lang)
        : null;
  return {
    modelId: ranked.model?.id ?? null,
    trainedAt: ranked.model?.createdAt.toISOString() ?? null,
    items: ranked.items,
    reasonCode: ranked.reasonCode,
    reason,
  };
}

/**
 * Category and responsible-unit suggestions for a matter being taken in (POST /api/text/suggest):
 * top three of each with confidence, from the models trained on the deployment's closed
 * matters. Nothing is stored; `recordSuggestions` keeps what was suggested once the matter exists.
 */
export async function suggestForIntake(ctx: Ctx, input: TSuggestRequest): Promise<Record<TextModelKind, TKindSuggestion>> {
  const actor = requireActor(ctx);
  const out = {} as Record<TextModelKind, TKindSuggestion>;
  for (const kind of textModelKinds) out[kind] = presentKindSuggestion(ctx, await rankSuggestions(ctx.db, actor, kind, input.title, input.description));
  return out;
}
