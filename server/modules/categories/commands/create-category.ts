import crypto from 'node:crypto';
import { and, eq, isNull, max } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { Tx } from '../../../db/client.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { categories } from '../tables.ts';
import { categoryManageRoot } from '../policy.ts';
import { MAX_CATEGORY_LEVEL, type TCategory, type TCategoryCreateRequest } from '../schema.ts';
import { generateCategoryCode } from '../category-code.ts';
import { loadCategoryTree, type CategoryRow } from '../queries/list-categories.ts';
import { presentCategory, presentCategoryForAudit } from '../presenter.ts';

/** 403 unless the actor administers a top-level unit; the path its audit rows belong to. */
export function requireCategoryManager(ctx: Ctx): string {
  const root = categoryManageRoot(requireActor(ctx));
  if (!root) throw new AppError(403, 'CATEGORY_MANAGE_TOP_LEVEL');
  return root;
}

/** 400 on `name` when a sibling already has it (names are unique under one parent, as in the index). */
export async function assertSiblingNameFree(tx: Tx, parentId: string | null, name: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(parentId ? eq(categories.parentId, parentId) : isNull(categories.parentId), eq(categories.name, name)));
  if (taken && taken.id !== exceptId) throw invalidField('name', 'CATEGORY_NAME_TAKEN', { name });
}

/** The next sort order under a parent: after its last child. */
export async function nextSortOrder(tx: Tx, parentId: string | null): Promise<number> {
  const [row] = await tx
    .select({ n: max(categories.sortOrder) })
    .from(categories)
    .where(parentId ? eq(categories.parentId, parentId) : isNull(categories.parentId));
  return row?.n === null || row?.n === undefined ? 0 : Number(row.n) + 1;
}

/** A free code: the given one (400 when taken), else one derived from the parent's code and the name. */
async function pickCode(tx: Tx, given: string | undefined, parent: CategoryRow | null, name: string): Promise<string> {
  const taken = async (code: string) => (await tx.select({ id: categories.id }).from(categories).where(eq(categories.code, code))).length > 0;
  if (given) {
    if (await taken(given)) throw invalidField('code', 'CATEGORY_CODE_TAKEN', { code: given });
    return given;
  }
  for (let attempt = 0; ; attempt++) {
    const code = generateCategoryCode(parent?.code ?? null, name, attempt);
    if (!(await taken(code))) return code;
  }
}

/**
 * Adds a category under a parent (or at the top), at most three levels deep. Admins of a
 * top-level unit only: the tree is shared by every unit.
 */
export async function createCategory(ctx: Ctx, input: TCategoryCreateRequest): Promise<TCategory> {
  const root = requireCategoryManager(ctx);
  const zh = ctx.lang === 'zh-CN';
  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      let parent: CategoryRow | null = null;
      if (input.parentId) {
        [parent] = await tx.select().from(categories).where(eq(categories.id, input.parentId)).for('update');
        if (!parent) throw invalidField('parentId', 'REFERENCE_NOT_FOUND', { what: zh ? '上级分类' : 'parent category' });
        if (parent.level >= MAX_CATEGORY_LEVEL) throw invalidField('parentId', 'CATEGORY_TOO_DEEP');
        if (!parent.isActive) throw invalidField('parentId', 'CATEGORY_INACTIVE', { name: parent.name });
      }
      await assertSiblingNameFree(tx, parent?.id ?? null, input.name);
      const newId = crypto.randomUUID();
      const [row] = await tx
        .insert(categories)
        .values({
          id: newId,
          parentId: parent?.id ?? null,
          code: await pickCode(tx, input.code, parent, input.name),
          name: input.name,
          nameEn: input.nameEn ?? null,
          level: (parent?.level ?? 0) + 1,
          path: `${parent?.path ?? '/'}${newId}/`,
          sortOrder: input.sortOrder ?? (await nextSortOrder(tx, parent?.id ?? null)),
          respondDays: input.respondDays ?? null,
          resolveDays: input.resolveDays ?? null,
          urgentRespondHours: input.urgentRespondHours ?? null,
          urgentResolveDays: input.urgentResolveDays ?? null,
          reviewAfterDays: input.reviewAfterDays ?? null,
        })
        .returning();
      await appendAudit(tx, ctx, { action: 'category.create', subjectType: 'category', subjectId: newId, unitPath: root, after: presentCategoryForAudit(row) });
      return newId;
    });
  } catch (e) {
    // Someone took the code or the name while this ran.
    if (isUniqueViolation(e)) throw new AppError(409, 'CONFLICT');
    throw e;
  }
  return presentCategory((await loadCategoryTree(ctx.db)).find((n) => n.row.id === id)!);
}
