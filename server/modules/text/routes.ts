import type { FastifyRequest } from 'fastify';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { actorOf, requireAbility } from '../../core/guards.ts';
import { AppError } from '../../core/errors.ts';
import {
  ZCopiesRequest,
  ZCopiesResult,
  ZDuplicatesRequest,
  ZDuplicatesResult,
  ZHotTopicsQuery,
  ZHotTopicsResult,
  ZRecordedSuggestions,
  ZRecordSuggestionsRequest,
  ZReplyCheck,
  ZReplyCheckRequest,
  ZRetrainResult,
  ZSuggestionStats,
  ZSuggestionStatsQuery,
  ZSuggestionsQuery,
  ZSuggestRequest,
  ZSuggestResult,
  ZTextModels,
} from './schema.ts';
import { mayCheckReply, maySeeModels, textFeatureActions } from './policy.ts';
import { suggestForIntake } from './queries/suggest-for-intake.ts';
import { listSuggestions } from './queries/list-suggestions.ts';
import { suggestionStats } from './queries/suggestion-stats.ts';
import { findIntakeDuplicates } from './queries/find-intake-duplicates.ts';
import { hotTopicsForUnit } from './queries/hot-topics-for-unit.ts';
import { checkReply } from './queries/check-reply.ts';
import { findCopiedTexts } from './queries/find-copied-texts.ts';
import { listTextModels } from './queries/list-text-models.ts';
import { recordSuggestions } from './commands/record-suggestions.ts';
import { requestRetrain } from './commands/request-retrain.ts';

/** A batch of reflections to compare may be larger than other JSON bodies (about 2,000 texts of 1,300 characters). */
export const COPIES_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * HTTP routes of the text module's product side: suggestions at intake and their acceptance
 * rate, likely duplicates, hot topics (每月一题), the reply check, copied texts, and the models.
 * Heavy work (training) is a job; the rest answers from cached models and indexes.
 */
export function registerTextRoutes(app: App, { database, config, keys }: ModuleDeps): void {
  const db = database.db;
  const ctx = (req: FastifyRequest) => ctxOf(req, db, config, keys);
  const tags = ['text'];

  app.post('/text/suggest', { schema: { tags, summary: 'Suggest the category and the responsible unit of a matter being taken in (top 3 with confidence)', body: ZSuggestRequest, response: { 200: ZSuggestResult } } }, async (req) => {
    requireAbility(req, textFeatureActions.suggest);
    return suggestForIntake(ctx(req), req.body);
  });
  app.post(
    '/text/suggestions',
    { schema: { tags, summary: 'Record what the models suggest for a matter just taken in; the choice is read from the matter (category now, unit at its first dispatch)', body: ZRecordSuggestionsRequest, response: { 200: ZRecordedSuggestions } } },
    async (req) => {
      requireAbility(req, textFeatureActions.suggest);
      return { items: await recordSuggestions(ctx(req), req.body.matterId) };
    },
  );
  app.get('/text/suggestions', { schema: { tags, summary: 'What was suggested for a matter and what was chosen', querystring: ZSuggestionsQuery, response: { 200: ZRecordedSuggestions } } }, async (req) => {
    requireAbility(req, 'matter.read');
    return listSuggestions(ctx(req), req.query.matterId);
  });
  app.get(
    '/text/suggestions/stats',
    { schema: { tags, summary: 'Acceptance rate of suggestions (top-1, top-3) per kind in a period, with its definition', querystring: ZSuggestionStatsQuery, response: { 200: ZSuggestionStats } } },
    async (req) => {
      requireAbility(req, textFeatureActions.suggestionStats);
      return suggestionStats(ctx(req), req.query);
    },
  );
  app.post(
    '/text/duplicates',
    { schema: { tags, summary: 'Likely duplicates among open and recent matters in scope (same petitioner, or same place and matter), with the overlap to highlight', body: ZDuplicatesRequest, response: { 200: ZDuplicatesResult } } },
    async (req) => {
      requireAbility(req, textFeatureActions.duplicates);
      return findIntakeDuplicates(ctx(req), req.body);
    },
  );
  app.get(
    '/text/hot-topics',
    { schema: { tags, summary: 'Hot topics (每月一题) of a unit subtree in a period: clusters of matters about the same thing, hottest first', querystring: ZHotTopicsQuery, response: { 200: ZHotTopicsResult } } },
    async (req) => {
      requireAbility(req, textFeatureActions.hotTopics);
      return hotTopicsForUnit(ctx(req), req.query);
    },
  );
  app.post(
    '/text/reply-check',
    { schema: { tags, summary: 'Check a reply before it goes out: relevance, completeness, timeliness and what is missing (advice only)', body: ZReplyCheckRequest, response: { 200: ZReplyCheck } } },
    async (req) => {
      if (!mayCheckReply(actorOf(req))) throw new AppError(403, 'FORBIDDEN');
      return checkReply(ctx(req), req.body);
    },
  );
  app.post(
    '/text/copies',
    {
      bodyLimit: COPIES_BODY_LIMIT,
      schema: { tags, summary: 'Pairs of texts (e.g. 心得体会) that largely copy each other, with the shared passages side by side', body: ZCopiesRequest, response: { 200: ZCopiesResult } },
    },
    async (req) => {
      requireAbility(req, textFeatureActions.copies);
      return findCopiedTexts(req.body);
    },
  );
  app.get('/text/models', { schema: { tags, summary: 'The suggestion models in use with their metrics, and whether a retraining is waiting', response: { 200: ZTextModels } } }, async (req) => {
    if (!maySeeModels(actorOf(req))) throw new AppError(403, 'FORBIDDEN');
    return listTextModels(db);
  });
  app.post('/text/models/retrain', { schema: { tags, summary: 'Queue a retraining of the suggestion models now (the job does the work)', response: { 202: ZRetrainResult } } }, async (req, reply) => {
    requireAbility(req, textFeatureActions.retrain);
    return reply.status(202).send(await requestRetrain(ctx(req)));
  });
}
