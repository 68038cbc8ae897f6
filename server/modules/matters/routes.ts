import type { ZodType } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import {
  ZMatterAcceptRequest,
  ZMatterCreateRequest,
  ZMatterDetail,
  ZMatterDispatchRequest,
  ZMatterIdParams,
  ZMatterPage,
  ZMatterRateRequest,
  ZMatterReplyRequest,
  ZMatterResolveOnSpotRequest,
  ZMatterReturnRequest,
  ZMattersQuery,
} from './schema.ts';
import { getMatter, presentMatterDetail } from './queries/get-matter.ts';
import { listMatters } from './queries/list-matters.ts';
import { createMatter } from './commands/create-matter.ts';
import { dispatchMatter } from './commands/dispatch-matter.ts';
import { returnMatter } from './commands/return-matter.ts';
import { acceptMatter } from './commands/accept-matter.ts';
import { replyMatter } from './commands/reply-matter.ts';
import { resolveOnSpot } from './commands/resolve-on-spot.ts';
import { rateMatter } from './commands/rate-matter.ts';
import type { MatterRow } from './queries/load-matter.ts';

/**
 * HTTP routes of the matters module: intake, inbox, detail with timeline, and one POST per
 * workflow action. Each action answers the matter as it is after the change.
 */
export function registerMatterRoutes(app: App, { database, config, keys }: ModuleDeps): void {
  const db = database.db;
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, config, keys);

  app.post('/matters', { schema: { tags: ['matters'], summary: 'Take in a matter (受理)', body: ZMatterCreateRequest, response: { 201: ZMatterDetail } } }, async (req, reply) => {
    requireAbility(req, 'matter.intake');
    const c = ctx(req);
    return reply.status(201).send(await presentMatterDetail(c, await createMatter(c, req.body)));
  });
  app.get('/matters', { schema: { tags: ['matters'], summary: 'The inbox: matters taken in or handled in your scope, newest first', querystring: ZMattersQuery, response: { 200: ZMatterPage } } }, async (req) => {
    requireAbility(req, 'matter.read');
    return listMatters(ctx(req), req.query);
  });
  app.get('/matters/:id', { schema: { tags: ['matters'], summary: 'A matter with its timeline (petitioner data masked)', params: ZMatterIdParams, response: { 200: ZMatterDetail } } }, async (req) => {
    requireAbility(req, 'matter.read');
    return getMatter(ctx(req), req.params.id);
  });

  // The role check of each action is per matter (intake office or responsible unit), inside the command.
  const action = <B>(path: string, summary: string, body: ZodType<B>, run: (c: ReturnType<typeof ctx>, id: string, input: B) => Promise<MatterRow>) =>
    app.post(`/matters/:id/${path}`, { schema: { tags: ['matters'], summary, params: ZMatterIdParams, body, response: { 200: ZMatterDetail } } }, async (req) => {
      requireAbility(req, 'matter.read');
      const c = ctx(req);
      return presentMatterDetail(c, await run(c, req.params.id, req.body as B));
    });
  action('dispatch', 'Dispatch to a responsible unit and co-units (派单)', ZMatterDispatchRequest, dispatchMatter);
  action('return', 'Return a matter that is not this unit’s (退单), with the reason', ZMatterReturnRequest, returnMatter);
  action('accept', 'Accept a dispatched matter (签收)', ZMatterAcceptRequest, acceptMatter);
  action('reply', 'Reply to the petitioner (答复)', ZMatterReplyRequest, replyMatter);
  action('resolve-on-spot', 'Resolve on the spot at intake (当场解决)', ZMatterResolveOnSpotRequest, resolveOnSpot);
  action('rate', 'Record the callback rating (回访): satisfied closes, unsatisfied reopens (返工)', ZMatterRateRequest, rateMatter);
}
