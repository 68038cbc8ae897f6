import { inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { ErrorCode, Lang } from '../../../core/messages.ts';
import { people } from '../tables.ts';
import { cadreLevels } from '../schema.ts';
import { readTable, type UploadedFile } from './read-table.ts';
import { mapColumns, type ColumnSpec } from './map-columns.ts';
import { commonUnitPath, loadUnitIndex, type UnitNode } from './load-unit-index.ts';
import { allowedChoices, pickChoice } from './pick-choice.ts';
import { RowErrors } from './row-errors.ts';

type CadreLevel = (typeof cadreLevels)[number];
type PersonColumn = 'name' | 'unit' | 'post' | 'isPartyMember' | 'cadreLevel' | 'phone';

/** The columns of a people file, with the headers offices use for them. */
export const personColumns: readonly ColumnSpec<PersonColumn>[] = [
  { key: 'name', required: true, label: { 'zh-CN': '姓名', 'en-US': 'name' }, aliases: ['人员姓名'] },
  { key: 'unit', required: true, label: { 'zh-CN': '所在单位', 'en-US': 'unit' }, aliases: ['单位', '工作单位', '单位名称', '所属单位'] },
  { key: 'post', required: false, label: { 'zh-CN': '职务', 'en-US': 'post' }, aliases: ['职位', '现任职务'] },
  { key: 'isPartyMember', required: false, label: { 'zh-CN': '是否党员', 'en-US': 'isPartyMember' }, aliases: ['党员', '政治面貌'] },
  { key: 'cadreLevel', required: false, label: { 'zh-CN': '干部级别', 'en-US': 'cadreLevel' }, aliases: ['职级', '级别'] },
  { key: 'phone', required: false, label: { 'zh-CN': '手机', 'en-US': 'phone' }, aliases: ['电话', '手机号', '手机号码', '联系电话', '联系方式', '移动电话'] },
];

// Yes/no as typed, and 政治面貌 as offices record it (probationary members count as members).
const partyLabels: Record<'true' | 'false', string[]> = {
  true: ['是', 'y', 'yes', '1', '√', '✓', '党员', '中共党员', '预备党员', '中共预备党员'],
  false: ['否', 'n', 'no', '0', '×', '✗', '非党员', '群众', '共青团员', '团员', '民主党派', '无党派人士', '无党派'],
};

const cadreLabels: Record<CadreLevel, string[]> = {
  county_and_above: ['县处级以上', '县处级及以上', '县处级'],
  below: ['县处级以下', '以下', '乡科级', '乡科级及以下'],
};

const PHONE = /^[0-9+\-() ]{5,20}$/;

interface Planned {
  id?: string;
  unit: UnitNode;
  name: string;
  post?: string;
  isPartyMember?: boolean;
  cadreLevel?: CadreLevel;
  phone?: string;
}

/**
 * Imports people from a CSV or XLSX file into units in scope (named or given as a path). All rows
 * are checked first and every problem reported (400 IMPORT_FAILED); otherwise all rows are written
 * in one transaction with one audit row. A person of the same name in the same unit is updated,
 * blank cells keeping their values.
 */
export async function importPeople(ctx: Ctx, file: UploadedFile): Promise<{ created: number; updated: number }> {
  const actor = requireActor(ctx);
  const table = mapColumns(await readTable(file, { lang: ctx.lang }), personColumns, ctx.lang);
  const col = table.header;
  return ctx.db.transaction(async (tx) => {
    const index = await loadUnitIndex(tx, actor, 'person.manage');
    const errors = new RowErrors(ctx.lang);
    const planned: (Planned & { row: number })[] = [];
    for (const row of table.rows) {
      const at = row.rowNumber;
      const cell = (key: PersonColumn) => table.cell(row, key);
      let ok = true;
      const fail = (key: PersonColumn, code: ErrorCode, params?: Record<string, unknown>) => {
        ok = false;
        errors.add(at, col(key), code, params);
      };

      const name = cell('name');
      if (!name) fail('name', 'IMPORT_REQUIRED');
      else if (name.length > 50) fail('name', 'IMPORT_TOO_LONG', { max: 50 });

      const unitRef = cell('unit');
      let unit: UnitNode | undefined;
      if (!unitRef) fail('unit', 'IMPORT_REQUIRED');
      else {
        const r = index.resolve(unitRef);
        if ('node' in r) {
          unit = r.node;
          if (!unit.isActive) fail('unit', 'UNIT_INACTIVE', { name: unit.name });
        } else if ('ambiguous' in r) {
          const examples = r.ambiguous.slice(0, 3).map((n) => quote(index.shortPath(n), ctx.lang)).join(ctx.lang === 'zh-CN' ? '、' : ', ');
          fail('unit', 'IMPORT_UNIT_AMBIGUOUS', { name: unitRef, count: r.ambiguous.length, examples });
        } else fail('unit', 'IMPORT_UNIT_NOT_FOUND', { name: unitRef });
      }

      const post = cell('post') || undefined;
      if (post && post.length > 100) fail('post', 'IMPORT_TOO_LONG', { max: 100 });

      const partyText = cell('isPartyMember');
      const party = partyText ? pickChoice(partyText, partyLabels) : undefined;
      if (partyText && !party) fail('isPartyMember', 'IMPORT_BAD_VALUE', { value: partyText, allowed: ctx.lang === 'zh-CN' ? '是、否' : 'yes, no' });

      const cadreText = cell('cadreLevel');
      const cadreLevel = cadreText ? pickChoice(cadreText, cadreLabels) : undefined;
      if (cadreText && !cadreLevel) fail('cadreLevel', 'IMPORT_BAD_VALUE', { value: cadreText, allowed: allowedChoices(cadreLabels, ctx.lang) });

      const phone = cell('phone') || undefined;
      if (phone && !PHONE.test(phone)) fail('phone', 'IMPORT_BAD_PHONE', { value: phone });

      if (ok && unit && name) planned.push({ row: at, unit, name, post, isPartyMember: party === undefined ? undefined : party === 'true', cadreLevel, phone });
    }

    // Who already exists in the named units: one query per 5,000 units rather than one per row.
    const unitIds = [...new Set(planned.map((p) => p.unit.id))];
    const existing = new Map<string, string[]>();
    for (let i = 0; i < unitIds.length; i += 5000) {
      const rows = await tx.select({ id: people.id, unitId: people.unitId, name: people.name }).from(people).where(inArray(people.unitId, unitIds.slice(i, i + 5000)));
      for (const p of rows) existing.set(`${p.unitId}/${p.name}`, [...(existing.get(`${p.unitId}/${p.name}`) ?? []), p.id]);
    }
    const seen = new Map<string, number>();
    for (const p of planned) {
      const key = `${p.unit.id}/${p.name}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        errors.add(p.row, col('name'), 'IMPORT_DUPLICATE_ROW', { row: earlier });
        continue;
      }
      seen.set(key, p.row);
      const ids = existing.get(key) ?? [];
      if (ids.length > 1) errors.add(p.row, col('name'), 'IMPORT_PERSON_AMBIGUOUS', { unit: p.unit.name, name: p.name, count: ids.length });
      p.id = ids[0];
    }
    errors.throwIfAny();

    const creates = planned.filter((p) => !p.id);
    for (let i = 0; i < creates.length; i += 1000) {
      await tx.insert(people).values(
        creates.slice(i, i + 1000).map((p) => ({ unitId: p.unit.id, name: p.name, post: p.post ?? null, isPartyMember: p.isPartyMember ?? false, cadreLevel: p.cadreLevel ?? null, phone: p.phone ?? null })),
      );
    }
    const updates = planned.filter((p) => p.id);
    // One UPDATE … FROM (VALUES …) per 1,000 people: a statement per row takes minutes for a county's roster on PGlite.
    // A null value (blank cell) keeps what is stored.
    for (let i = 0; i < updates.length; i += 1000) {
      const values = updates
        .slice(i, i + 1000)
        .map((p) => sql`(${p.id}::uuid, ${p.post ?? null}::text, ${p.isPartyMember ?? null}::boolean, ${p.cadreLevel ?? null}::text, ${p.phone ?? null}::text)`);
      await tx.execute(sql`update people as p set
          post = coalesce(v.post, p.post), is_party_member = coalesce(v.party, p.is_party_member),
          cadre_level = coalesce(v.cadre, p.cadre_level), phone = coalesce(v.phone, p.phone), updated_at = now()
        from (values ${sql.join(values, sql`, `)}) as v(id, post, party, cadre, phone)
        where p.id = v.id`);
    }
    const result = { created: creates.length, updated: updates.length };
    await appendAudit(tx, ctx, { action: 'import.people', subjectType: 'person', unitPath: commonUnitPath([...new Set(planned.map((p) => p.unit.path))]), after: { filename: file.filename, rows: table.rows.length, ...result } });
    return result;
  });
}

const quote = (s: string, lang: Lang) => (lang === 'zh-CN' ? `“${s}”` : `"${s}"`);
