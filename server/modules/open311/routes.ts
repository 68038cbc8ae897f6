import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import { ZOpen311Key, ZOpen311KeyCreated, ZOpen311KeyCreateRequest, ZOpen311KeyIdParams, ZOpen311KeyList, ZOpen311MatterParams, ZOpen311Reveal, ZOpen311RevealRequest, ZOpen311SubmissionAnswer } from './schema.ts';
import { listOpen311Keys } from './queries/list-open311-keys.ts';
import { issueOpen311Key } from './commands/issue-open311-key.ts';
import { revokeOpen311Key } from './commands/revoke-open311-key.ts';
import { getOpen311Submission } from './queries/get-open311-submission.ts';
import { revealOpen311Email } from './commands/reveal-open311-email.ts';

/**
 * Routes under /api/open311: the API keys of Open311 clients (`open311.manage`, scoped), and for
 * staff what a client posted with a matter (masked) and the audited reveal of its email.
 */
export function registerOpen311KeyRoutes(app: App, { database, config, keys }: ModuleDeps): void {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, database.db, config, keys);
  app.get('/open311/keys', { schema: { tags: ['open311'], summary: 'Open311 API keys issued in your scope (never the keys themselves)', response: { 200: ZOpen311KeyList } } }, async (req) => {
    requireAbility(req, 'open311.manage');
    return listOpen311Keys(ctx(req));
  });
  app.post(
    '/open311/keys',
    { schema: { tags: ['open311'], summary: 'Issue an Open311 API key; its requests are taken in by the unit. The key is shown only in this answer', body: ZOpen311KeyCreateRequest, response: { 201: ZOpen311KeyCreated } } },
    async (req, reply) => {
      requireAbility(req, 'open311.manage');
      return reply.status(201).send(await issueOpen311Key(ctx(req), req.body));
    },
  );
  app.post('/open311/keys/:id/revoke', { schema: { tags: ['open311'], summary: 'Revoke an Open311 API key', params: ZOpen311KeyIdParams, response: { 200: ZOpen311Key } } }, async (req) => {
    requireAbility(req, 'open311.manage');
    return revokeOpen311Key(ctx(req), req.params.id);
  });
  app.get(
    '/open311/submissions/:matterId',
    { schema: { tags: ['open311'], summary: 'What an Open311 client posted with a matter beyond the matter (email masked, media link); null when it came another way', params: ZOpen311MatterParams, response: { 200: ZOpen311SubmissionAnswer } } },
    async (req) => {
      requireAbility(req, 'matter.read');
      return getOpen311Submission(ctx(req), req.params.matterId);
    },
  );
  app.post(
    '/open311/submissions/:matterId/reveal',
    { schema: { tags: ['open311'], summary: 'Reveal the email posted with a matter (audited as matter.reveal, field email)', params: ZOpen311MatterParams, body: ZOpen311RevealRequest, response: { 200: ZOpen311Reveal } } },
    async (req) => {
      requireAbility(req, 'matter.reveal');
      return revealOpen311Email(ctx(req), req.params.matterId, req.body);
    },
  );
}
