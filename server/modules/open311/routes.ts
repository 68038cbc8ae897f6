import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import { ZOpen311Key, ZOpen311KeyCreated, ZOpen311KeyCreateRequest, ZOpen311KeyIdParams, ZOpen311KeyList } from './schema.ts';
import { listOpen311Keys } from './queries/list-open311-keys.ts';
import { issueOpen311Key } from './commands/issue-open311-key.ts';
import { revokeOpen311Key } from './commands/revoke-open311-key.ts';

/** Admin routes under /api/open311: the API keys of Open311 clients (`open311.manage`, scoped). */
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
}
