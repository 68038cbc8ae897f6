import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { ErrorCode, Lang } from '../../../core/messages.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { campaignBatches, units } from '../tables.ts';
import { unitKinds, unitLevels } from '../schema.ts';
import { readTable, type UploadedFile } from './read-table.ts';
import { mapColumns, type ColumnSpec } from './map-columns.ts';
import { commonUnitPath, loadUnitIndex, PATH_SEPARATOR, type UnitIndex, type UnitNode } from './load-unit-index.ts';
import { RowErrors } from './row-errors.ts';
import { allowedChoices, pickChoice } from './pick-choice.ts';

type Kind = (typeof unitKinds)[number];
type Level = (typeof unitLevels)[number];
type UnitColumn = 'name' | 'parent' | 'kind' | 'level' | 'regionCode' | 'batch' | 'sortOrder';

/** The columns of a units file, with the headers offices use for them. */
export const unitColumns: readonly ColumnSpec<UnitColumn>[] = [
  { key: 'name', required: true, label: { 'zh-CN': '单位名称', 'en-US': 'name' }, aliases: ['名称', '单位', '单位全称'] },
  { key: 'parent', required: true, label: { 'zh-CN': '上级单位', 'en-US': 'parent' }, aliases: ['上级', '上级单位名称', '所属上级', '隶属单位'] },
  { key: 'kind', required: true, label: { 'zh-CN': '单位类型', 'en-US': 'kind' }, aliases: ['类型', '单位类别', '类别', 'type'] },
  { key: 'level', required: false, label: { 'zh-CN': '层级', 'en-US': 'level' }, aliases: ['级别', '单位层级', '行政层级'] },
  { key: 'regionCode', required: false, label: { 'zh-CN': '行政区划代码', 'en-US': 'regionCode' }, aliases: ['区划代码'] },
  { key: 'batch', required: false, label: { 'zh-CN': '批次', 'en-US': 'batch' }, aliases: ['主题教育批次', '所属批次'] },
  { key: 'sortOrder', required: false, label: { 'zh-CN': '排序', 'en-US': 'sortOrder' }, aliases: ['排序号', '显示顺序', 'order'] },
];

/** Kinds as offices write them; the first label of each kind is the one suggested in messages. */
export const kindLabels: Record<Kind, string[]> = {
  party_committee: ['党委', '党委部门', '党委机关'],
  government_organ: ['政府机关', '机关', '政府部门', '行政机关'],
  township: ['乡镇', '镇', '乡'],
  subdistrict: ['街道', '街道办事处'],
  village: ['村'],
  community: ['社区'],
  soe: ['国有企业', '国企'],
  school: ['学校'],
  hospital: ['医院'],
  new_economic_org: ['新经济组织'],
  new_social_org: ['新社会组织', '社会组织'],
  other: ['其他', '其它'],
};

/** Levels as offices write them. */
export const levelLabels: Record<Level, string[]> = {
  province: ['省', '省级'],
  city: ['市', '市级', '地市', '州'],
  county: ['县', '县级', '区', '县区', '县市区'],
  township: ['乡镇', '乡', '镇', '街道', '乡镇级'],
  village: ['村', '社区', '村级', '村社区'],
};

// Kinds that fix the level; other kinds sit at the level of their parent (a party committee of a township is township level).
const levelOfKind: Partial<Record<Kind, Level>> = { township: 'township', subdistrict: 'township', village: 'village', community: 'village' };

interface Planned {
  node: UnitNode;
  create: boolean;
  set: { kind: Kind; level?: Level; regionCode?: string; batchId?: string; sortOrder?: number };
}

/**
 * Imports units from a CSV or XLSX file. Every row is checked first and all problems are reported
 * together (400 IMPORT_FAILED with row, column and message); otherwise all rows are written in one
 * transaction with one audit row. A unit that already exists under the same parent is updated
 * (blank optional cells keep its values). Parents are units in scope or earlier rows of the file.
 */
export async function importUnits(ctx: Ctx, file: UploadedFile): Promise<{ created: number; updated: number }> {
  const actor = requireActor(ctx);
  const table = mapColumns(await readTable(file, { lang: ctx.lang }), unitColumns, ctx.lang);
  const col = table.header;
  try {
    return await ctx.db.transaction(async (tx) => {
      const index = await loadUnitIndex(tx, actor, 'unit.manage');
      const batchRows = await tx.select({ id: campaignBatches.id, name: campaignBatches.name }).from(campaignBatches);
      const batches = new Map(batchRows.map((b) => [b.name, b.id]));
      const firstRowOfName = new Map<string, number>();
      for (const r of table.rows) {
        const name = table.cell(r, 'name');
        if (name && !firstRowOfName.has(name)) firstRowOfName.set(name, r.rowNumber);
      }
      const errors = new RowErrors(ctx.lang);
      const planned: Planned[] = [];
      for (const row of table.rows) {
        const at = row.rowNumber;
        const cell = (key: UnitColumn) => table.cell(row, key);
        let ok = true;
        const fail = (key: UnitColumn, code: ErrorCode, params?: Record<string, unknown>) => {
          ok = false;
          errors.add(at, col(key), code, params);
        };

        const name = cell('name');
        if (!name) fail('name', 'IMPORT_REQUIRED');
        else if (name.length > 100) fail('name', 'IMPORT_TOO_LONG', { max: 100 });

        const kindText = cell('kind');
        const kind = kindText ? pickChoice(kindText, kindLabels) : undefined;
        if (!kindText) fail('kind', 'IMPORT_REQUIRED');
        else if (!kind) fail('kind', 'IMPORT_BAD_VALUE', { value: kindText, allowed: allowedChoices(kindLabels, ctx.lang) });

        const levelText = cell('level');
        let level = levelText ? pickChoice(levelText, levelLabels) : undefined;
        if (levelText && !level) fail('level', 'IMPORT_BAD_VALUE', { value: levelText, allowed: allowedChoices(levelLabels, ctx.lang) });

        const regionCode = cell('regionCode') || undefined;
        if (regionCode && !/^\d{6}$/.test(regionCode)) fail('regionCode', 'REGION_CODE');

        const batchName = cell('batch');
        const batchId = batchName ? batches.get(batchName) : undefined;
        if (batchName && !batchId) fail('batch', 'IMPORT_BATCH_NOT_FOUND', { name: batchName, known: [...batches.keys()].join(ctx.lang === 'zh-CN' ? '、' : ', ') || '—' });

        const sortText = cell('sortOrder');
        const sortOrder = sortText ? Number(sortText) : undefined;
        if (sortOrder !== undefined && !(Number.isInteger(sortOrder) && sortOrder >= 0 && sortOrder <= 100000)) fail('sortOrder', 'IMPORT_BAD_SORT_ORDER');

        const parentRef = cell('parent');
        let parent: UnitNode | undefined;
        let parentBroken = false;
        if (!parentRef) fail('parent', 'IMPORT_REQUIRED');
        else {
          const r = index.resolve(parentRef);
          if ('node' in r) {
            parent = r.node;
            // The row that made this parent was already reported; do not report its children too.
            if (parent.broken) parentBroken = true;
            else if (!parent.isActive) fail('parent', 'UNIT_INACTIVE', { name: parent.name });
          } else if ('ambiguous' in r) {
            fail('parent', 'IMPORT_UNIT_AMBIGUOUS', { name: parentRef, count: r.ambiguous.length, examples: examplesOf(index, r.ambiguous, ctx.lang) });
          } else {
            const laterRow = firstRowOfName.get(parentRef.split(PATH_SEPARATOR).filter(Boolean).pop() ?? parentRef);
            if (laterRow !== undefined && laterRow > at) fail('parent', 'IMPORT_UNIT_LATER', { name: parentRef, row: laterRow });
            else fail('parent', 'IMPORT_UNIT_NOT_FOUND', { name: parentRef });
          }
        }

        if (!name) continue;
        const existing = parent && !parentBroken ? index.child(parent.id, name) : undefined;
        if (existing?.row !== undefined) {
          fail('name', 'IMPORT_DUPLICATE_ROW', { row: existing.row });
          continue;
        }
        if (!ok || parentBroken || !parent || !kind) {
          // Still known by name, so later rows naming it as their parent are not reported again.
          if (!existing) index.add({ ...orphan(name, kind), id: crypto.randomUUID(), row: at, broken: true });
          else existing.row = at;
          continue;
        }
        if (existing) {
          existing.row = at;
          existing.kind = kind;
          if (level) existing.level = level;
          planned.push({ node: existing, create: false, set: { kind, level, regionCode, batchId, sortOrder } });
          continue;
        }
        level ??= levelOfKind[kind] ?? (parent.level as Level);
        const id = crypto.randomUUID();
        const node: UnitNode = {
          id,
          parentId: parent.id,
          name,
          path: `${parent.path}${id}/`,
          depth: parent.depth + 1,
          kind,
          level,
          regionCode: regionCode ?? null,
          batchId: batchId ?? null,
          isActive: true,
          sortOrder: sortOrder ?? index.nextSortOrder(parent.id),
          inScope: true,
          row: at,
        };
        index.add(node);
        planned.push({ node, create: true, set: { kind, level } });
      }
      errors.throwIfAny();

      const creates = planned.filter((p) => p.create).map((p) => p.node);
      // Chunks of 500 rows stay well under PostgreSQL's 65,535 parameters per statement.
      for (let i = 0; i < creates.length; i += 500) {
        await tx.insert(units).values(
          creates.slice(i, i + 500).map((n) => ({ id: n.id, parentId: n.parentId, path: n.path, depth: n.depth, name: n.name, kind: n.kind, level: n.level, regionCode: n.regionCode, batchId: n.batchId, sortOrder: n.sortOrder })),
        );
      }
      const updates = planned.filter((p) => !p.create);
      // One UPDATE … FROM (VALUES …) per 1,000 units rather than a statement per row; null (a blank cell) keeps the stored value.
      for (let i = 0; i < updates.length; i += 1000) {
        const values = updates
          .slice(i, i + 1000)
          .map(({ node, set }) => sql`(${node.id}::uuid, ${set.kind}::text, ${set.level ?? null}::text, ${set.regionCode ?? null}::text, ${set.batchId ?? null}::uuid, ${set.sortOrder ?? null}::integer)`);
        await tx.execute(sql`update units as u set
            kind = v.kind, level = coalesce(v.level, u.level), region_code = coalesce(v.region_code, u.region_code),
            batch_id = coalesce(v.batch_id, u.batch_id), sort_order = coalesce(v.sort_order, u.sort_order), updated_at = now()
          from (values ${sql.join(values, sql`, `)}) as v(id, kind, level, region_code, batch_id, sort_order)
          where u.id = v.id`);
      }
      const result = { created: creates.length, updated: updates.length };
      await appendAudit(tx, ctx, { action: 'import.units', subjectType: 'unit', unitPath: commonUnitPath(planned.map((p) => p.node.path)), after: { filename: file.filename, rows: table.rows.length, ...result } });
      return result;
    });
  } catch (e) {
    // Someone added a unit of the same name while the import ran.
    if (isUniqueViolation(e)) throw new AppError(409, 'CONFLICT');
    throw e;
  }
}

function orphan(name: string, kind: Kind | undefined): Omit<UnitNode, 'id'> {
  return { parentId: null, name, path: '', depth: 0, kind: kind ?? 'other', level: 'village', regionCode: null, batchId: null, isActive: true, sortOrder: 0, inScope: true };
}

function examplesOf(index: UnitIndex, nodes: UnitNode[], lang: Lang): string {
  const shown = nodes.slice(0, 3).map((n) => (lang === 'zh-CN' ? `“${index.shortPath(n)}”` : `"${index.shortPath(n)}"`));
  return shown.join(lang === 'zh-CN' ? '、' : ', ');
}
