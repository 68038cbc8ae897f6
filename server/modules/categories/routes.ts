import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { actorOf, requireAbility } from '../../core/guards.ts';
import { AppError } from '../../core/errors.ts';
import { readUploadedFile } from '../org/import/read-uploaded-file.ts';
import {
  ZCategoriesQuery,
  ZCategory,
  ZCategoryCreateRequest,
  ZCategoryTree,
  ZCategoryUpdateRequest,
  ZDispatchRule,
  ZDispatchRuleCreateRequest,
  ZDispatchRulesQuery,
  ZDispatchRuleUpdateRequest,
  ZDispatchSuggestion,
  ZDispatchSuggestQuery,
  ZIdParams,
  ZImportResult,
  ZReplyTemplate,
  ZReplyTemplateCreateRequest,
  ZReplyTemplatesQuery,
  ZReplyTemplateUpdateRequest,
} from './schema.ts';
import { canManageCategories, replyTemplateManageRoots } from './policy.ts';
import { listCategories } from './queries/list-categories.ts';
import { listDispatchRules } from './queries/list-dispatch-rules.ts';
import { suggestDispatchUnit } from './queries/suggest-dispatch-unit.ts';
import { listReplyTemplates } from './queries/list-reply-templates.ts';
import { createCategory, requireCategoryManager } from './commands/create-category.ts';
import { updateCategory } from './commands/update-category.ts';
import { setCategoryActive } from './commands/set-category-active.ts';
import { deleteCategory } from './commands/delete-category.ts';
import { createDispatchRule, updateDispatchRule } from './commands/save-dispatch-rule.ts';
import { deleteDispatchRule } from './commands/delete-dispatch-rule.ts';
import { createReplyTemplate, updateReplyTemplate } from './commands/save-reply-template.ts';
import { deleteReplyTemplate } from './commands/delete-reply-template.ts';
import { importCategories } from './import/import-categories.ts';

const ZOk = z.object({ ok: z.literal(true) });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** 403 unless the caller administers or leads some unit (the owners of reply templates). */
function requireReplyTemplateWriter(req: FastifyRequest) {
  const actor = actorOf(req);
  if (replyTemplateManageRoots(actor).length === 0) throw new AppError(403, 'FORBIDDEN');
  return actor;
}

/** HTTP routes of the categories module: the category tree, the dispatch catalogue and reply templates. */
export function registerCategoryRoutes(app: App, { database, config }: ModuleDeps): void {
  const db = database.db;
  const ctx = (req: FastifyRequest) => ctxOf(req, db, config);

  // Categories (诉求分类)
  app.get(
    '/categories',
    { schema: { tags: ['categories'], summary: 'The category tree, flat and depth first; deactivated ones only with includeInactive=true', querystring: ZCategoriesQuery, response: { 200: ZCategoryTree } } },
    async (req) => {
      const actor = actorOf(req);
      return { items: await listCategories(db, { includeInactive: req.query.includeInactive }), canManage: canManageCategories(actor) };
    },
  );
  app.post(
    '/categories',
    { schema: { tags: ['categories'], summary: 'Add a category (at most three levels); admins of the top-level unit', body: ZCategoryCreateRequest, response: { 201: ZCategory } } },
    async (req, reply) => {
      requireAbility(req, 'category.manage');
      return reply.status(201).send(await createCategory(ctx(req), req.body));
    },
  );
  app.patch(
    '/categories/:id',
    { schema: { tags: ['categories'], summary: "Rename a category or change its order, deadlines and review days (null: the parent's apply)", params: ZIdParams, body: ZCategoryUpdateRequest, response: { 200: ZCategory } } },
    async (req) => {
      requireAbility(req, 'category.manage');
      return updateCategory(ctx(req), req.params.id, req.body);
    },
  );
  for (const [suffix, active] of [['deactivate', false], ['activate', true]] as const) {
    app.post(
      `/categories/:id/${suffix}`,
      { schema: { tags: ['categories'], summary: active ? 'Activate a category again' : 'Deactivate a category (not offered for new matters, nor is anything under it)', params: ZIdParams, response: { 200: ZCategory } } },
      async (req) => {
        requireAbility(req, 'category.manage');
        return setCategoryActive(ctx(req), req.params.id, active);
      },
    );
  }
  app.delete(
    '/categories/:id',
    { schema: { tags: ['categories'], summary: 'Delete a category nothing refers to (409 CATEGORY_IN_USE otherwise: deactivate it)', params: ZIdParams, response: { 200: ZOk } } },
    async (req) => {
      requireAbility(req, 'category.manage');
      await deleteCategory(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/categories/import',
    {
      schema: {
        tags: ['categories', 'import'],
        summary: 'Import a category tree of up to three levels from a CSV or XLSX file (multipart field "file"); all rows or none',
        description:
          'Columns (Chinese or English headers): 一级分类/level1 required; 二级分类/level2, 三级分类/level3, 分类编码/code (of the deepest category of the row) optional. Existing categories (same name under the same parent) are kept; missing ones are added. Errors: 400 IMPORT_FAILED with error.errors = [{row, field, message}] and nothing written; 400 IMPORT_BAD_HEADER, IMPORT_BAD_ENCODING, IMPORT_BAD_FILE, IMPORT_EMPTY; 413 over 10 MB.',
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResult },
      },
    },
    async (req) => {
      requireAbility(req, 'category.manage');
      // Refuse a township admin before reading the upload.
      requireCategoryManager(ctx(req));
      return importCategories(ctx(req), await readUploadedFile(req));
    },
  );

  // Dispatch catalogue (派单目录)
  app.get(
    '/dispatch-rules',
    { schema: { tags: ['categories'], summary: "The dispatch catalogue of the caller's admin units and below", querystring: ZDispatchRulesQuery, response: { 200: list(ZDispatchRule) } } },
    async (req) => {
      requireAbility(req, 'category.manage');
      return { items: await listDispatchRules(ctx(req), req.query) };
    },
  );
  app.get(
    '/dispatch-rules/suggest',
    { schema: { tags: ['categories'], summary: 'The responsible unit the catalogue names for a category and region (the most specific rule), or null', querystring: ZDispatchSuggestQuery, response: { 200: ZDispatchSuggestion } } },
    async (req) => {
      const actor = requireAbility(req, 'matter.intake');
      const found = await suggestDispatchUnit(db, actor, { categoryId: req.query.categoryId, regionCode: req.query.regionCode });
      return { unit: found ? { id: found.unit.id, name: found.unit.name } : null, ruleId: found?.ruleId ?? null };
    },
  );
  app.post(
    '/dispatch-rules',
    { schema: { tags: ['categories'], summary: 'Add a rule: category × region prefix → responsible unit, owned by an admin unit', body: ZDispatchRuleCreateRequest, response: { 201: ZDispatchRule } } },
    async (req, reply) => {
      requireAbility(req, 'category.manage');
      return reply.status(201).send(await createDispatchRule(ctx(req), req.body));
    },
  );
  app.patch(
    '/dispatch-rules/:id',
    { schema: { tags: ['categories'], summary: "Change a rule's category, region prefix, unit or note", params: ZIdParams, body: ZDispatchRuleUpdateRequest, response: { 200: ZDispatchRule } } },
    async (req) => {
      requireAbility(req, 'category.manage');
      return updateDispatchRule(ctx(req), req.params.id, req.body);
    },
  );
  app.delete(
    '/dispatch-rules/:id',
    { schema: { tags: ['categories'], summary: 'Remove a rule from the catalogue', params: ZIdParams, response: { 200: ZOk } } },
    async (req) => {
      requireAbility(req, 'category.manage');
      await deleteDispatchRule(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );

  // Reply templates (答复模板)
  app.get(
    '/reply-templates',
    { schema: { tags: ['categories'], summary: "Reply templates usable in the caller's units (own and above); with categoryId, that category's, its ancestors' and the general ones", querystring: ZReplyTemplatesQuery, response: { 200: list(ZReplyTemplate) } } },
    async (req) => {
      requireAbility(req, 'matter.read');
      return { items: await listReplyTemplates(ctx(req), req.query) };
    },
  );
  app.post(
    '/reply-templates',
    { schema: { tags: ['categories'], summary: 'Add a reply template, owned by a unit the caller administers or leads', body: ZReplyTemplateCreateRequest, response: { 201: ZReplyTemplate } } },
    async (req, reply) => {
      requireReplyTemplateWriter(req);
      return reply.status(201).send(await createReplyTemplate(ctx(req), req.body));
    },
  );
  app.patch(
    '/reply-templates/:id',
    { schema: { tags: ['categories'], summary: "Change a reply template's category, title or text", params: ZIdParams, body: ZReplyTemplateUpdateRequest, response: { 200: ZReplyTemplate } } },
    async (req) => {
      requireReplyTemplateWriter(req);
      return updateReplyTemplate(ctx(req), req.params.id, req.body);
    },
  );
  app.delete(
    '/reply-templates/:id',
    { schema: { tags: ['categories'], summary: 'Delete a reply template', params: ZIdParams, response: { 200: ZOk } } },
    async (req) => {
      requireReplyTemplateWriter(req);
      await deleteReplyTemplate(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );
}
