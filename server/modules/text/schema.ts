import { z } from 'zod';
import { ZRegionCode } from '../org/schema.ts';
import { ZCalendarDate } from '../calendar/schema.ts';
import { ZMatterListItem } from '../matters/schema.ts';

/**
 * Request and response schemas of the text module's product routes (/api/text/…): intake
 * suggestions, likely duplicates, hot topics, the reply check, copied texts and the models.
 */

/** The models the product trains: the category (分类) and the responsible unit (承办单位) of a matter. */
export const textModelKinds = ['category', 'unit'] as const;
export type TextModelKind = (typeof textModelKinds)[number];

const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZOptionalText = (max: number) => z.string().trim().max(max).optional();
// The matters module's phone pattern, so the same input is accepted in both places.
const ZPhone = z.string().trim().regex(/^[0-9+\-() /]{5,40}$/, { error: '@PHONE_FORMAT' });

// Suggestions (分类、承办单位建议)

export const ZSuggestRequest = z.strictObject({
  title: ZText(200),
  description: ZText(10000),
  /** Accepted for the form's convenience; the models read the text only (see README). */
  regionCode: ZRegionCode.optional(),
});
export type TSuggestRequest = z.infer<typeof ZSuggestRequest>;

/** One suggested category or unit with the model's probability (0..1). */
export const ZSuggestionItem = z.object({ id: z.string(), name: z.string(), confidence: z.number() });
export type TSuggestionItem = z.infer<typeof ZSuggestionItem>;

/** Why a suggestion list is empty. */
export const suggestionReasons = ['NO_MODEL', 'NONE_IN_SCOPE'] as const;

/** The suggestions of one model: up to three, best first, or none with the reason. */
export const ZKindSuggestion = z.object({
  modelId: z.string().nullable(),
  trainedAt: z.string().nullable(),
  items: z.array(ZSuggestionItem),
  reasonCode: z.enum(suggestionReasons).nullable(),
  /** The reason in the caller's language, for the form. */
  reason: z.string().nullable(),
});
export type TKindSuggestion = z.infer<typeof ZKindSuggestion>;
export const ZSuggestResult = z.object({ category: ZKindSuggestion, unit: ZKindSuggestion });

export const ZRecordSuggestionsRequest = z.strictObject({ matterId: z.uuid() });
export const ZSuggestionsQuery = z.strictObject({ matterId: z.uuid() });

/** What was suggested for a matter and what was chosen (a `text_suggestions` row). */
export const ZRecordedSuggestion = z.object({
  id: z.number(),
  matterId: z.string(),
  kind: z.enum(textModelKinds),
  modelId: z.string().nullable(),
  suggested: z.array(ZSuggestionItem),
  /** The category the matter was taken in with, or the unit of its first dispatch; null while undecided. */
  chosen: z.string().nullable(),
  /** The choice is the first suggestion. */
  accepted: z.boolean().nullable(),
  /** The choice is among the suggestions (top 3). */
  inTop3: z.boolean().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TRecordedSuggestion = z.infer<typeof ZRecordedSuggestion>;
export const ZRecordedSuggestions = z.object({ items: z.array(ZRecordedSuggestion) });

export const ZSuggestionStatsQuery = z.strictObject({ from: ZCalendarDate.optional(), to: ZCalendarDate.optional() });
export type TSuggestionStatsQuery = z.infer<typeof ZSuggestionStatsQuery>;
export const ZSuggestionStats = z.object({
  from: z.string(),
  to: z.string(),
  /** How the rates are computed, in the caller's language (every figure shows its definition). */
  definition: z.string(),
  kinds: z.array(
    z.object({
      kind: z.enum(textModelKinds),
      /** Matters for which suggestions were recorded. */
      recorded: z.number(),
      /** Of those, matters where a choice was made (a category at intake, a unit at dispatch). */
      decided: z.number(),
      top1: z.number(),
      top3: z.number(),
      top1Rate: z.number().nullable(),
      top3Rate: z.number().nullable(),
    }),
  ),
});

// Likely duplicates at intake (疑似重复)

export const ZDuplicatesRequest = z.strictObject({
  title: ZText(200),
  description: ZText(10000),
  address: ZOptionalText(300),
  phone: ZPhone.optional(),
});
export type TDuplicatesRequest = z.infer<typeof ZDuplicatesRequest>;

export const ZTextSpan = z.object({ start: z.number(), end: z.number() });
/** Identical runs of text, pairwise: `input[i]` (in what the operator typed) matches `matter[i]`. */
const ZSpanPairs = z.object({ input: z.array(ZTextSpan), matter: z.array(ZTextSpan) });

/** Why a matter is offered as a likely duplicate. */
export const duplicateReasons = ['same-petitioner', 'similar-text', 'same-place'] as const;

export const ZDuplicate = z.object({
  matter: ZMatterListItem,
  /** The matter's description and place, to show the overlap highlighted (no petitioner data). */
  description: z.string(),
  address: z.string().nullable(),
  score: z.number(),
  reason: z.enum(duplicateReasons),
  samePetitioner: z.boolean(),
  sharedPlaces: z.array(z.string()),
  spans: z.object({ title: ZSpanPairs, description: ZSpanPairs }),
});
export type TDuplicate = z.infer<typeof ZDuplicate>;
export const ZDuplicatesResult = z.object({
  items: z.array(ZDuplicate),
  /** Open and recent matters in the caller's scope that were compared. */
  candidates: z.number(),
  /** True when the candidate set hit its cap (the newest were kept). */
  capped: z.boolean(),
});

// Hot topics (每月一题)

export const ZHotTopicsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  from: ZCalendarDate.optional(),
  to: ZCalendarDate.optional(),
  top: z.coerce.number().int().min(1).max(50).default(10),
});
export type THotTopicsQuery = z.infer<typeof ZHotTopicsQuery>;

export const ZHotTopic = z.object({
  label: z.string(),
  place: z.string().nullable(),
  keywords: z.array(z.string()),
  size: z.number(),
  heat: z.number(),
  /** (later half − earlier half) ÷ max(1, earlier half) of the period: > 0 means rising. */
  growth: z.number(),
  /** Distinct petitioners (by phone blind index; a matter without a phone counts as one). */
  petitioners: z.number(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  representatives: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  memberIds: z.array(z.string()),
});
export const ZHotTopicsResult = z.object({
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  matterCount: z.number(),
  cap: z.number(),
  capped: z.boolean(),
  topics: z.array(ZHotTopic),
});
export type THotTopicsResult = z.infer<typeof ZHotTopicsResult>;

// Reply check (答复质量)

export const ZReplyCheckRequest = z.strictObject({ matterId: z.uuid(), text: ZText(10000) });
export type TReplyCheckRequest = z.infer<typeof ZReplyCheckRequest>;
export const ZReplyCheck = z.object({
  score: z.number(),
  relevance: z.number(),
  completeness: z.number(),
  timeliness: z.number(),
  workingDays: z.number(),
  /** What the reply lacks, in plain words of the caller's language, most important first. */
  missing: z.array(z.string()),
});

// Copied texts (心得体会雷同)

/** Texts of one batch to compare; at most this many. */
export const MAX_COPY_TEXTS = 2000;
export const ZCopiesRequest = z.strictObject({
  texts: z
    .array(z.strictObject({ id: ZText(100), title: ZOptionalText(200), text: ZText(50_000) }))
    .min(2)
    .max(MAX_COPY_TEXTS)
    .refine((texts) => new Set(texts.map((x) => x.id)).size === texts.length, { params: { code: 'TEXT_IDS_REPEATED' } }),
  minOverlap: z.number().min(0.1).max(1).optional(),
});
export type TCopiesRequest = z.infer<typeof ZCopiesRequest>;
const ZCopySide = z.object({ id: z.string(), title: z.string().nullable() });
export const ZCopiesResult = z.object({
  pairs: z.array(
    z.object({
      a: ZCopySide,
      b: ZCopySide,
      overlap: z.number(),
      /** Shared passages side by side: [start, end) in a's text and in b's text, and the passage. */
      spans: z.array(z.object({ a: z.tuple([z.number(), z.number()]), b: z.tuple([z.number(), z.number()]), text: z.string() })),
    }),
  ),
});

// Models

/** What is kept about a training run (text_models.metrics). */
export const ZTextModelMetrics = z.object({
  labelCount: z.number(),
  /** Matters in the quick holdout (every fifth), and how often a model trained on the rest got them right. */
  holdoutSize: z.number(),
  holdoutAccuracy: z.number().nullable(),
  holdoutTop3: z.number().nullable(),
  /** Training stopped at the cap of newest matters. */
  capped: z.boolean(),
  seconds: z.number(),
});
export type TTextModelMetrics = z.infer<typeof ZTextModelMetrics>;

export const ZTextModel = z.object({
  id: z.string(),
  kind: z.enum(textModelKinds),
  trainedOn: z.number(),
  metrics: ZTextModelMetrics.nullable(),
  createdAt: z.string(),
});
export const ZTextModels = z.object({
  /** The model in use per kind (the newest); a kind without one is missing. */
  models: z.array(ZTextModel),
  minimum: z.object({ matters: z.number(), labels: z.number() }),
  retrainPending: z.boolean(),
});
export const ZRetrainResult = z.object({ queued: z.boolean(), jobId: z.number().nullable() });
