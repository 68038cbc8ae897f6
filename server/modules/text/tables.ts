import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Trained text models (category and unit suggestion), newest first; the model itself is JSON.
 * Learnt from the deployment's own closed matters by a scheduled job or on demand.
 */
export const textModels = pgTable(
  'text_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    trainedOn: integer('trained_on').notNull(),
    metrics: jsonb('metrics'),
    model: jsonb('model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('text_models_kind_idx').on(t.kind, t.createdAt)],
);

/**
 * What the text module suggested for a matter and what the operator chose, so the acceptance
 * rate of suggestions is a figure computed from data.
 */
export const textSuggestions = pgTable(
  'text_suggestions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    matterId: uuid('matter_id').notNull(),
    kind: text('kind').notNull(),
    modelId: uuid('model_id'),
    suggested: jsonb('suggested').notNull(),
    chosen: text('chosen'),
    accepted: boolean('accepted'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('text_suggestions_matter_idx').on(t.matterId), index('text_suggestions_kind_idx').on(t.kind, t.createdAt)],
);
