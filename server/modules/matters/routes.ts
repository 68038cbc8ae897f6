import type { ZodType } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import {
  ZByCallerQuery,
  ZByCallerResult,
  ZExtensionDecideRequest,
  ZExtensionParams,
  ZExtensionRequest,
  ZLeaderCandidates,
  ZMatterAcceptRequest,
  ZMatterClaimRequest,
  ZMatterClass,
  ZMatterClassCloseRequest,
  ZMatterClassCreateRequest,
  ZMatterClassDetail,
  ZMatterClassesQuery,
  ZMatterClassIdParams,
  ZMatterClassList,
  ZMatterClassMemberParams,
  ZMatterClassMemberRequest,
  ZMatterCloseUnmeetableRequest,
  ZMatterContactRequest,
  ZMatterCreateRequest,
  ZMatterDetail,
  ZMatterDispatchRequest,
  ZMatterEscalateRequest,
  ZMatterIdParams,
  ZMatterLeaderRequest,
  ZMatterMergeRequest,
  ZMatterNoteRequest,
  ZMatterPage,
  ZMatterRateRequest,
  ZMatterReassignRequest,
  ZMatterReplyRequest,
  ZMatterResolveOnSpotRequest,
  ZMatterReturnRequest,
  ZMatterReveal,
  ZMatterRevealRequest,
  ZMatterReviewRequest,
  ZMattersQuery,
  ZMeasureCreateRequest,
  ZMeasureParams,
  ZMeasureUpdateRequest,
} from './schema.ts';
import { getMatter, presentMatterDetail } from './queries/get-matter.ts';
import { listMatters } from './queries/list-matters.ts';
import { listLeaderCandidates } from './queries/list-leader-candidates.ts';
import { findByCaller } from './queries/find-by-caller.ts';
import { getMatterClass, presentMatterClassDetail, presentMatterClasses } from './queries/get-matter-class.ts';
import { listMatterClasses } from './queries/list-matter-classes.ts';
import { createMatter } from './commands/create-matter.ts';
import { dispatchMatter } from './commands/dispatch-matter.ts';
import { returnMatter } from './commands/return-matter.ts';
import { acceptMatter } from './commands/accept-matter.ts';
import { replyMatter } from './commands/reply-matter.ts';
import { resolveOnSpot } from './commands/resolve-on-spot.ts';
import { rateMatter } from './commands/rate-matter.ts';
import { reassignMatter } from './commands/reassign-matter.ts';
import { mergeMatter } from './commands/merge-matter.ts';
import { closeUnmeetable } from './commands/close-unmeetable.ts';
import { reviewMatter } from './commands/review-matter.ts';
import { escalateMatter } from './commands/escalate-matter.ts';
import { claimMatter } from './commands/claim-matter.ts';
import { assignLeader } from './commands/assign-leader.ts';
import { addContact } from './commands/add-contact.ts';
import { addMeasure } from './commands/add-measure.ts';
import { updateMeasure } from './commands/update-measure.ts';
import { deleteMeasure } from './commands/delete-measure.ts';
import { addNote } from './commands/add-note.ts';
import { requestExtension } from './commands/request-extension.ts';
import { decideExtension } from './commands/decide-extension.ts';
import { revealPetitioner } from './commands/reveal-petitioner.ts';
import { createMatterClass } from './commands/create-matter-class.ts';
import { addClassMember } from './commands/add-class-member.ts';
import { removeClassMember } from './commands/remove-class-member.ts';
import { closeMatterClass } from './commands/close-matter-class.ts';
import type { MatterRow } from './queries/load-matter.ts';

/**
 * HTTP routes of the matters module: intake, inbox views, detail, one POST per workflow action,
 * measures, notes, extensions, reveal, and classes. Each action answers the matter as it is after
 * the change, with what the caller may do next.
 */
export function registerMatterRoutes(app: App, { database, config, keys }: ModuleDeps): void {
  const db = database.db;
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, config, keys);
  const tags = ['matters'];

  app.post('/matters', { schema: { tags, summary: 'Take in a matter (受理)', body: ZMatterCreateRequest, response: { 201: ZMatterDetail } } }, async (req, reply) => {
    // Operators take in anything; a leader may take in a problem (未诉先办): createMatter decides (policy: intakeUnitFor).
    requireAbility(req, 'matter.read');
    const c = ctx(req);
    return reply.status(201).send(await presentMatterDetail(c, await createMatter(c, req.body)));
  });
  app.get(
    '/matters',
    {
      schema: {
        tags,
        summary: 'The inbox: matters taken in or handled in your scope, by view (queue) and filters; newest first, except overdue and due soon (by the deadline that applies) and reviews due (by review date)',
        querystring: ZMattersQuery,
        response: { 200: ZMatterPage },
      },
    },
    async (req) => {
      requireAbility(req, 'matter.read');
      return listMatters(ctx(req), req.query);
    },
  );
  app.get(
    '/matters/by-caller',
    { schema: { tags, summary: 'Open matters of the same caller (by phone, blind index), for a repeat contact (催办)', querystring: ZByCallerQuery, response: { 200: ZByCallerResult } } },
    async (req) => {
      requireAbility(req, 'matter.intake');
      return findByCaller(ctx(req), req.query.phone);
    },
  );
  app.get('/matters/:id', { schema: { tags, summary: 'A matter with timeline, measures, notes, extensions (petitioner data masked)', params: ZMatterIdParams, response: { 200: ZMatterDetail } } }, async (req) => {
    requireAbility(req, 'matter.read');
    return getMatter(ctx(req), req.params.id);
  });

  app.get(
    '/matters/:id/leader-candidates',
    { schema: { tags, summary: 'Leaders who may own the matter (领导包案): at its unit or above, nearest first', params: ZMatterIdParams, response: { 200: ZLeaderCandidates } } },
    async (req) => {
      requireAbility(req, 'matter.read');
      return listLeaderCandidates(ctx(req), req.params.id);
    },
  );

  // The role check of each action is per matter (intake office or responsible unit), inside the command.
  const action = <B>(path: string, summary: string, body: ZodType<B>, run: (c: ReturnType<typeof ctx>, id: string, input: B) => Promise<MatterRow>) =>
    app.post(`/matters/:id/${path}`, { schema: { tags, summary, params: ZMatterIdParams, body, response: { 200: ZMatterDetail } } }, async (req) => {
      requireAbility(req, 'matter.read');
      const c = ctx(req);
      return presentMatterDetail(c, await run(c, req.params.id, req.body as B));
    });
  action('dispatch', 'Dispatch to a responsible unit and co-units (派单)', ZMatterDispatchRequest, dispatchMatter);
  action('return', 'Return a matter that is not this unit’s (退单), with the reason', ZMatterReturnRequest, returnMatter);
  action('accept', 'Accept a dispatched matter (签收)', ZMatterAcceptRequest, acceptMatter);
  action('reply', 'Reply to the petitioner (答复)', ZMatterReplyRequest, replyMatter);
  action('resolve-on-spot', 'Resolve on the spot at intake (当场解决)', ZMatterResolveOnSpotRequest, resolveOnSpot);
  action('rate', 'Record the callback rating (回访): satisfied or basically satisfied closes, unsatisfied reopens (返工)', ZMatterRateRequest, rateMatter);
  action('reassign', 'Give the matter to another unit (改派); deadlines stay', ZMatterReassignRequest, reassignMatter);
  action('merge', 'Merge this duplicate into a main matter (重复诉求合并)', ZMatterMergeRequest, mergeMatter);
  action('close-unmeetable', 'A leader closes a demand that cannot be met, recording why (诉求无法满足)', ZMatterCloseUnmeetableRequest, closeUnmeetable);
  action('review', 'Look at a closed matter again when due (回头看): ok, or relapsed (reopens)', ZMatterReviewRequest, reviewMatter);
  action('escalate', 'Escalate to the parent unit (表现在基层、根子在上面)', ZMatterEscalateRequest, escalateMatter);
  action('claim', 'The parent unit claims an escalated matter (认领) and owns it', ZMatterClaimRequest, claimMatter);
  action('leader', 'Name (or remove) the owning leader (领导包案)', ZMatterLeaderRequest, assignLeader);
  action('contacts', 'Record a repeat contact from the petitioner (催办)', ZMatterContactRequest, addContact);
  action('measures', 'Add a measure (措施)', ZMeasureCreateRequest, addMeasure);
  action('notes', 'Add an internal note (内部备注, staff only)', ZMatterNoteRequest, addNote);
  action('extensions', 'Request a later resolution deadline (延期申请)', ZExtensionRequest, requestExtension);

  app.patch(
    '/matters/:id/measures/:measureId',
    { schema: { tags, summary: 'Update a measure: text, owner, due date, progress, done, evidence', params: ZMeasureParams, body: ZMeasureUpdateRequest, response: { 200: ZMatterDetail } } },
    async (req) => {
      requireAbility(req, 'matter.read');
      const c = ctx(req);
      return presentMatterDetail(c, await updateMeasure(c, req.params.id, req.params.measureId, req.body));
    },
  );
  app.delete('/matters/:id/measures/:measureId', { schema: { tags, summary: 'Delete a measure recorded by mistake', params: ZMeasureParams, response: { 200: ZMatterDetail } } }, async (req) => {
    requireAbility(req, 'matter.read');
    const c = ctx(req);
    return presentMatterDetail(c, await deleteMeasure(c, req.params.id, req.params.measureId));
  });
  app.post(
    '/matters/:id/extensions/:extId/decide',
    { schema: { tags, summary: 'A leader approves or rejects an extension request', params: ZExtensionParams, body: ZExtensionDecideRequest, response: { 200: ZMatterDetail } } },
    async (req) => {
      requireAbility(req, 'matter.read');
      const c = ctx(req);
      return presentMatterDetail(c, await decideExtension(c, req.params.id, req.params.extId, req.body));
    },
  );
  app.post(
    '/matters/:id/reveal',
    { schema: { tags, summary: 'Reveal one petitioner field in clear (查看完整信息); every reveal is audited', params: ZMatterIdParams, body: ZMatterRevealRequest, response: { 200: ZMatterReveal } } },
    async (req) => {
      requireAbility(req, 'matter.reveal');
      return revealPetitioner(ctx(req), req.params.id, req.body);
    },
  );

  // Classes (一类问题)
  const classTags = ['matter-classes'];
  app.post('/matter-classes', { schema: { tags: classTags, summary: 'Open a class of matters to fix together (一类问题)', body: ZMatterClassCreateRequest, response: { 201: ZMatterClass } } }, async (req, reply) => {
    const actor = requireAbility(req, 'matter.lead');
    const c = ctx(req);
    const [view] = await presentMatterClasses(db, actor, [await createMatterClass(c, req.body)]);
    return reply.status(201).send(view);
  });
  app.get('/matter-classes', { schema: { tags: classTags, summary: 'Classes owned in your scope', querystring: ZMatterClassesQuery, response: { 200: ZMatterClassList } } }, async (req) => {
    requireAbility(req, 'matter.read');
    return listMatterClasses(ctx(req), req.query);
  });
  app.get('/matter-classes/:id', { schema: { tags: classTags, summary: 'A class with its members', params: ZMatterClassIdParams, response: { 200: ZMatterClassDetail } } }, async (req) => {
    requireAbility(req, 'matter.read');
    return getMatterClass(ctx(req), req.params.id);
  });
  const classAction = <P, B>(method: 'post' | 'delete', path: string, summary: string, params: ZodType<P>, body: ZodType<B> | null, run: (c: ReturnType<typeof ctx>, p: P, input: B) => Promise<Parameters<typeof presentMatterClassDetail>[2]>) =>
    app[method](`/matter-classes/:id${path}`, { schema: { tags: classTags, summary, params, ...(body ? { body } : {}), response: { 200: ZMatterClassDetail } } }, async (req) => {
      const actor = requireAbility(req, 'matter.read');
      const c = ctx(req);
      return presentMatterClassDetail(db, actor, await run(c, req.params as P, req.body as B));
    });
  classAction('post', '/members', 'Link a matter into the class', ZMatterClassIdParams, ZMatterClassMemberRequest, (c, p, b) => addClassMember(c, p.id, b));
  classAction('delete', '/members/:matterId', 'Take a matter out of the class', ZMatterClassMemberParams, null, (c, p) => removeClassMember(c, p.id, p.matterId));
  classAction('post', '/close', 'Record the fix of the whole class and close it; members in progress get it as their reply', ZMatterClassIdParams, ZMatterClassCloseRequest, (c, p, b) =>
    closeMatterClass(c, p.id, b),
  );
}
