import { z } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import {
  ZAccount,
  ZAccountCreateRequest,
  ZAccountUpdateRequest,
  ZAccountsQuery,
  ZBatch,
  ZBatchCreateRequest,
  ZGroup,
  ZGroupCreateRequest,
  ZGroupUpdateRequest,
  ZIdParams,
  ZPeopleQuery,
  ZPerson,
  ZPersonCreateRequest,
  ZPersonUpdateRequest,
  ZResetPasswordRequest,
  ZUnit,
  ZUnitCreateRequest,
  ZUnitDetail,
  ZUnitMoveRequest,
  ZUnitUpdateRequest,
} from './schema.ts';
import { listUnitTree } from './queries/list-unit-tree.ts';
import { getUnitDetail } from './queries/get-unit-detail.ts';
import { listPeopleCached } from './queries/list-people-cached.ts';
import { loadPerson } from './queries/load-person.ts';
import { getAccount, listAccounts } from './queries/list-accounts.ts';
import { getSupervisionGroup, listSupervisionGroups } from './queries/list-supervision-groups.ts';
import { listCampaignBatches } from './queries/list-campaign-batches.ts';
import { createUnit } from './commands/create-unit.ts';
import { updateUnit } from './commands/update-unit.ts';
import { moveUnit } from './commands/move-unit.ts';
import { setUnitActive } from './commands/set-unit-active.ts';
import { deleteUnit } from './commands/delete-unit.ts';
import { createPerson, updatePerson } from './commands/save-person.ts';
import { createAccount, resetAccountPassword, unlockAccount, updateAccount } from './commands/save-account.ts';
import { createSupervisionGroup, updateSupervisionGroup } from './commands/save-supervision-group.ts';
import { createCampaignBatch } from './commands/create-campaign-batch.ts';
import { presentPerson } from './presenter.ts';
import { registerImportRoutes } from './import/routes.ts';

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** HTTP routes of the org module: units, people, accounts, supervision groups, batches, import. */
export function registerOrgRoutes(app: App, { database, config }: ModuleDeps): void {
  const db = database.db;
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, config);

  // Units
  app.get('/units/tree', { schema: { tags: ['org'], summary: 'Units in my scope (flat, with parentId)', response: { 200: z.object({ items: z.array(ZUnit) }) } } }, async (req) => {
    requireAbility(req, 'unit.read');
    return { items: await listUnitTree(ctx(req)) };
  });
  app.get('/units/:id', { schema: { tags: ['org'], summary: 'A unit with ancestors, children, counts and my abilities', params: ZIdParams, response: { 200: ZUnitDetail } } }, async (req) => {
    requireAbility(req, 'unit.read');
    return getUnitDetail(ctx(req), req.params.id);
  });
  app.post('/units', { schema: { tags: ['org'], summary: 'Create a unit', body: ZUnitCreateRequest, response: { 201: ZUnit } } }, async (req, reply) => {
    requireAbility(req, 'unit.manage');
    return reply.status(201).send(await createUnit(ctx(req), req.body));
  });
  app.patch('/units/:id', { schema: { tags: ['org'], summary: 'Rename or edit a unit', params: ZIdParams, body: ZUnitUpdateRequest, response: { 200: ZUnit } } }, async (req) => {
    requireAbility(req, 'unit.manage');
    return updateUnit(ctx(req), req.params.id, req.body);
  });
  app.post('/units/:id/move', { schema: { tags: ['org'], summary: 'Move a unit under another parent', params: ZIdParams, body: ZUnitMoveRequest, response: { 200: ZUnit } } }, async (req) => {
    requireAbility(req, 'unit.manage');
    return moveUnit(ctx(req), req.params.id, req.body.parentId);
  });
  for (const [suffix, active] of [['deactivate', false], ['activate', true]] as const) {
    app.post(`/units/:id/${suffix}`, { schema: { tags: ['org'], summary: `${active ? 'Reactivate' : 'Deactivate'} a unit`, params: ZIdParams, response: { 200: ZUnit } } }, async (req) => {
      requireAbility(req, 'unit.manage');
      return setUnitActive(ctx(req), req.params.id, active);
    });
  }

  app.delete('/units/:id', { schema: { tags: ['org'], summary: 'Delete a unit that has no records (otherwise deactivate it)', params: ZIdParams, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    requireAbility(req, 'unit.manage');
    await deleteUnit(ctx(req), req.params.id);
    return { ok: true as const };
  });

  // People
  app.get('/people', { schema: { tags: ['org'], summary: 'People in my scope (keyset pages)', querystring: ZPeopleQuery, response: { 200: page(ZPerson) } } }, async (req) => {
    requireAbility(req, 'person.read');
    return listPeopleCached(ctx(req), req.query);
  });
  app.get('/people/:id', { schema: { tags: ['org'], summary: 'A person', params: ZIdParams, response: { 200: ZPerson } } }, async (req) => {
    const actor = requireAbility(req, 'person.read');
    const row = await loadPerson(db, actor, req.params.id);
    return presentPerson(row.person, row.unit.name);
  });
  app.post('/people', { schema: { tags: ['org'], summary: 'Add a person', body: ZPersonCreateRequest, response: { 201: ZPerson } } }, async (req, reply) => {
    requireAbility(req, 'person.manage');
    return reply.status(201).send(await createPerson(ctx(req), req.body));
  });
  app.patch('/people/:id', { schema: { tags: ['org'], summary: 'Edit or move a person', params: ZIdParams, body: ZPersonUpdateRequest, response: { 200: ZPerson } } }, async (req) => {
    requireAbility(req, 'person.manage');
    return updatePerson(ctx(req), req.params.id, req.body);
  });

  // Accounts (admins only)
  app.get('/accounts', { schema: { tags: ['org'], summary: 'Accounts with roles in my scope', querystring: ZAccountsQuery, response: { 200: page(ZAccount) } } }, async (req) => {
    requireAbility(req, 'account.read');
    return listAccounts(ctx(req), req.query);
  });
  app.get('/accounts/:id', { schema: { tags: ['org'], summary: 'An account', params: ZIdParams, response: { 200: ZAccount } } }, async (req) => {
    const actor = requireAbility(req, 'account.read');
    return getAccount(db, actor, req.params.id);
  });
  app.post('/accounts', { schema: { tags: ['org'], summary: 'Create an account with roles', body: ZAccountCreateRequest, response: { 201: ZAccount } } }, async (req, reply) => {
    requireAbility(req, 'account.manage');
    return reply.status(201).send(await createAccount(ctx(req), req.body));
  });
  app.patch('/accounts/:id', { schema: { tags: ['org'], summary: 'Edit an account or its roles', params: ZIdParams, body: ZAccountUpdateRequest, response: { 200: ZAccount } } }, async (req) => {
    requireAbility(req, 'account.manage');
    return updateAccount(ctx(req), req.params.id, req.body);
  });
  app.post('/accounts/:id/reset-password', { schema: { tags: ['org'], summary: 'Set a new password (must be changed at next login)', params: ZIdParams, body: ZResetPasswordRequest, response: { 200: ZAccount } } }, async (req) => {
    requireAbility(req, 'account.manage');
    return resetAccountPassword(ctx(req), req.params.id, req.body.password);
  });
  app.post('/accounts/:id/unlock', { schema: { tags: ['org'], summary: 'Lift a login lock', params: ZIdParams, response: { 200: ZAccount } } }, async (req) => {
    requireAbility(req, 'account.manage');
    return unlockAccount(ctx(req), req.params.id);
  });

  // Supervision groups
  app.get('/supervision-groups', { schema: { tags: ['org'], summary: 'Supervision groups I may see', response: { 200: z.object({ items: z.array(ZGroup) }) } } }, async (req) => {
    requireAbility(req, 'group.read');
    return { items: await listSupervisionGroups(ctx(req)) };
  });
  app.get('/supervision-groups/:id', { schema: { tags: ['org'], summary: 'A supervision group', params: ZIdParams, response: { 200: ZGroup } } }, async (req) => {
    const actor = requireAbility(req, 'group.read');
    const { hostUnitPath: _p, ...group } = await getSupervisionGroup(db, actor, req.params.id);
    return group;
  });
  app.post('/supervision-groups', { schema: { tags: ['org'], summary: 'Create a supervision group', body: ZGroupCreateRequest, response: { 201: ZGroup } } }, async (req, reply) => {
    requireAbility(req, 'group.manage');
    return reply.status(201).send(await createSupervisionGroup(ctx(req), req.body));
  });
  app.patch('/supervision-groups/:id', { schema: { tags: ['org'], summary: 'Edit a supervision group', params: ZIdParams, body: ZGroupUpdateRequest, response: { 200: ZGroup } } }, async (req) => {
    requireAbility(req, 'group.manage');
    return updateSupervisionGroup(ctx(req), req.params.id, req.body);
  });

  // Campaign batches
  app.get('/campaign-batches', { schema: { tags: ['org'], summary: 'Campaign batches', response: { 200: z.object({ items: z.array(ZBatch) }) } } }, async (req) => {
    requireAbility(req, 'unit.read');
    return { items: await listCampaignBatches(db) };
  });
  app.post('/campaign-batches', { schema: { tags: ['org'], summary: 'Add a campaign batch', body: ZBatchCreateRequest, response: { 201: ZBatch } } }, async (req, reply) => {
    requireAbility(req, 'batch.manage');
    return reply.status(201).send(await createCampaignBatch(ctx(req), req.body));
  });

  registerImportRoutes(app, { database, config });
}
