import crypto from 'node:crypto';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { ErrorCode } from '../../../core/messages.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { readTable, type UploadedFile } from '../../org/import/read-table.ts';
import { mapColumns, type ColumnSpec } from '../../org/import/map-columns.ts';
import { RowErrors } from '../../org/import/row-errors.ts';
import { categories } from '../tables.ts';
import { ZCategoryCode } from '../schema.ts';
import { generateCategoryCode } from '../category-code.ts';
import { requireCategoryManager } from '../commands/create-category.ts';

type CategoryColumn = 'level1' | 'level2' | 'level3' | 'code';
const levelColumns = ['level1', 'level2', 'level3'] as const;

/** The columns of a category file: one row per path of the tree, like the hotline taxonomies. */
export const categoryColumns: readonly ColumnSpec<CategoryColumn>[] = [
  { key: 'level1', required: true, label: { 'zh-CN': '一级分类', 'en-US': 'level1' }, aliases: ['一级', '一级类别', '大类', 'level 1'] },
  { key: 'level2', required: false, label: { 'zh-CN': '二级分类', 'en-US': 'level2' }, aliases: ['二级', '二级类别', '中类', 'level 2'] },
  { key: 'level3', required: false, label: { 'zh-CN': '三级分类', 'en-US': 'level3' }, aliases: ['三级', '三级类别', '小类', 'level 3'] },
  { key: 'code', required: false, label: { 'zh-CN': '分类编码', 'en-US': 'code' }, aliases: ['编码', '代码', '服务编码', 'service_code'] },
];

interface Node {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  level: number;
  path: string;
  isActive: boolean;
  /** The row that creates it, when it is new. */
  row?: number;
  /** The row that named it as its deepest category, to report duplicate rows. */
  deepestOfRow?: number;
  sortOrder: number;
}

const keyOf = (parentId: string | null, name: string) => `${parentId ?? ''}\u0000${name}`;

/**
 * Imports a category tree of up to three levels from a CSV or XLSX file (columns 一级分类,
 * 二级分类, 三级分类 or level1, level2, level3; optionally 分类编码 for the deepest category of a
 * row). Categories are matched by name under their parent, so existing ones are kept as they are
 * and only what is missing is added. Every row is checked first and all problems are reported
 * together; otherwise everything is written in one transaction with one audit row.
 */
export async function importCategories(ctx: Ctx, file: UploadedFile): Promise<{ created: number; unchanged: number }> {
  const root = requireCategoryManager(ctx);
  const table = mapColumns(await readTable(file, { lang: ctx.lang }), categoryColumns, ctx.lang);
  const col = table.header;
  try {
    return await ctx.db.transaction(async (tx) => {
      // The whole tree, locked against a concurrent import or edit (hundreds of rows, not millions).
      const existing = await tx.select().from(categories).for('update');
      const byKey = new Map<string, Node>();
      const codes = new Set<string>();
      const lastSort = new Map<string | null, number>();
      for (const c of existing) {
        byKey.set(keyOf(c.parentId, c.name), { ...c });
        codes.add(c.code);
        lastSort.set(c.parentId, Math.max(lastSort.get(c.parentId) ?? -1, c.sortOrder));
      }
      const errors = new RowErrors(ctx.lang);
      const created: Node[] = [];
      let unchanged = 0;
      for (const row of table.rows) {
        const at = row.rowNumber;
        let ok = true;
        const fail = (key: CategoryColumn, code: ErrorCode, params?: Record<string, unknown>) => {
          ok = false;
          errors.add(at, col(key), code, params);
        };
        const names = levelColumns.map((k) => (table.has(k) ? table.cell(row, k) : ''));
        if (!names[0]) fail('level1', 'IMPORT_REQUIRED');
        // A missing first level is reported as required above; a gap below it names both columns.
        if (names[2] && !names[1]) fail('level2', 'IMPORT_CATEGORY_GAP', { lower: col('level3'), upper: col('level2') });
        names.forEach((n, i) => {
          if (n.length > 100) fail(levelColumns[i], 'IMPORT_TOO_LONG', { max: 100 });
        });
        const givenCode = table.has('code') ? table.cell(row, 'code') : '';
        if (givenCode && !ZCategoryCode.safeParse(givenCode).success) fail('code', 'CATEGORY_CODE');
        if (!ok) continue;

        const chain = names.filter(Boolean);
        let parent = null as Node | null;
        const planned: Node[] = [];
        for (let i = 0; i < chain.length && ok; i++) {
          const name = chain[i];
          const isDeepest = i === chain.length - 1;
          const found: Node | undefined = byKey.get(keyOf(parent?.id ?? null, name)) ?? planned.find((p) => p.parentId === (parent?.id ?? null) && p.name === name);
          if (found) {
            if (isDeepest) {
              if (found.deepestOfRow !== undefined) fail(levelColumns[i], 'IMPORT_DUPLICATE_ROW', { row: found.deepestOfRow });
              else if (givenCode && givenCode !== found.code) fail('code', 'IMPORT_CATEGORY_CODE_FIXED', { name, code: found.code });
            }
            parent = found;
            continue;
          }
          // A new category under a deactivated one would never be offered.
          if (parent && !parent.isActive) {
            fail(levelColumns[i - 1], 'CATEGORY_INACTIVE', { name: parent.name });
            break;
          }
          let code = isDeepest && givenCode ? givenCode : '';
          if (code && codes.has(code)) {
            fail('code', 'CATEGORY_CODE_TAKEN', { code });
            break;
          }
          for (let attempt = 0; !code || codes.has(code); attempt++) code = generateCategoryCode(parent?.code ?? null, name, attempt);
          const id = crypto.randomUUID();
          const parentId = parent?.id ?? null;
          const sortOrder = (lastSort.get(parentId) ?? -1) + 1;
          const node: Node = { id, parentId, code, name, level: i + 1, path: `${parent?.path ?? '/'}${id}/`, isActive: true, row: at, sortOrder };
          planned.push(node);
          parent = node;
        }
        if (!ok || !parent) continue;
        // Only a good row changes the plan, so a bad row's categories are not taken as existing by later rows.
        for (const n of planned) {
          byKey.set(keyOf(n.parentId, n.name), n);
          codes.add(n.code);
          lastSort.set(n.parentId, n.sortOrder);
          created.push(n);
        }
        parent.deepestOfRow = at;
        if (planned.length === 0) unchanged++;
      }
      errors.throwIfAny();

      // Parents come before their children (file order), and 500 rows stay well under the parameter limit.
      for (let i = 0; i < created.length; i += 500) {
        await tx.insert(categories).values(
          created.slice(i, i + 500).map((n) => ({ id: n.id, parentId: n.parentId, code: n.code, name: n.name, level: n.level, path: n.path, sortOrder: n.sortOrder })),
        );
      }
      const result = { created: created.length, unchanged };
      await appendAudit(tx, ctx, { action: 'category.import', subjectType: 'category', unitPath: root, after: { filename: file.filename, rows: table.rows.length, ...result } });
      return result;
    });
  } catch (e) {
    // Someone added a category of the same name or code while the import ran.
    if (isUniqueViolation(e)) throw new AppError(409, 'CONFLICT');
    throw e;
  }
}
