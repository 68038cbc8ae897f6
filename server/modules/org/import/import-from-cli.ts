import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../core/errors.ts';
import { messageFor, type Lang } from '../../../core/messages.ts';
import { canAnywhere } from '../../../core/policy.ts';
import { loadActorByUsername } from '../../auth/session-store.ts';
import type { ColumnSpec } from './map-columns.ts';
import { importUnits, kindLabels, levelLabels, unitColumns } from './import-units.ts';
import { importPeople, personColumns } from './import-people.ts';

/** What `jiceng import` can import. */
export type ImportTarget = 'units' | 'people';

const notes: Record<string, string> = {
  'units.parent': 'a unit in scope or on an earlier row; 示范县/青山镇 when names repeat / 管辖范围内或本文件前面行中的单位，重名时写路径',
  'units.kind': `${Object.values(kindLabels).map((l) => l[0]).join(' ')} (or the English code)`,
  'units.level': `${Object.values(levelLabels).map((l) => l[0]).join(' ')}; derived from kind and parent when blank / 留空按类型和上级推定`,
  'units.regionCode': '6 digits / 6 位数字',
  'units.batch': 'campaign batch name, e.g. 第二批 / 批次名称',
  'units.sortOrder': 'whole number 0–100000; file order when blank / 留空按文件顺序',
  'people.unit': 'unit name, or a path like 青山镇/青山村 when names repeat / 单位名称，重名时写路径',
  'people.isPartyMember': '是/否, Y/N, true/false, 1/0, or 政治面貌 (中共党员, 群众 …)',
  'people.cadreLevel': '县处级以上 / 县处级以下 (blank: none / 留空为无)',
};

/** Help text describing the columns of an import file, for `jiceng import … --help`. */
export function describeImportColumns(what: ImportTarget): string {
  const specs: readonly ColumnSpec[] = what === 'units' ? unitColumns : personColumns;
  const lines = specs.map((s) => {
    const head = `${s.label['zh-CN']} / ${s.label['en-US']}`;
    // Chinese characters take two columns in a terminal.
    const width = [...head].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    const note = notes[`${what}.${s.key}`];
    return `  ${head}${' '.repeat(Math.max(1, 30 - width))}${s.required ? 'required 必填' : 'optional 可选'}${note ? `  ${note}` : ''}`;
  });
  const rule =
    what === 'units'
      ? 'A unit already under the same parent is updated; blank optional cells keep its values. / 同一上级下已有同名单位则更新，空白的可选列保留原值。'
      : 'A person of the same name in the same unit is updated; blank cells keep their values. / 同一单位已有同名人员则更新，空白单元格保留原值。';
  return [
    '',
    'File: .csv (UTF-8 or GBK, comma- or tab-separated) or .xlsx (first sheet), at most 20,000 rows. / 文件：CSV（UTF-8 或 GBK）或 Excel .xlsx（第一个工作表），最多 20000 行。',
    'Columns (header row, Chinese or English; other columns are ignored) / 列（表头可用中文或英文，其他列忽略）:',
    ...lines,
    rule,
    'All rows or none: any bad row is listed by row and column and nothing is written. / 任何一行有误则逐行列出错误，不写入任何数据。',
  ].join('\n');
}

/** Output of the CLI, replaceable in tests. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `jiceng import units|people <file>`: imports as the given account (its scope applies), prints the
 * counts or every row error, and returns the exit status.
 */
export async function importFromCli(
  db: Db,
  config: AppConfig,
  opts: { what: ImportTarget; file: string; as: string; lang: Lang },
  out: CliOutput = console,
): Promise<number> {
  const zh = opts.lang === 'zh-CN';
  const loaded = await loadActorByUsername(db, opts.as);
  if (!loaded || !loaded.isActive) {
    out.error(zh ? `找不到启用中的账号“${opts.as}”。` : `No active account "${opts.as}".`);
    return 1;
  }
  if (!canAnywhere(loaded.actor, 'import.run')) {
    out.error(zh ? `账号“${opts.as}”没有导入权限。` : `The account "${opts.as}" may not import.`);
    return 1;
  }
  let data: Buffer;
  try {
    data = await fs.readFile(opts.file);
  } catch (e) {
    out.error(zh ? `无法读取文件 ${opts.file}：${(e as Error).message}` : `Cannot read ${opts.file}: ${(e as Error).message}`);
    return 1;
  }
  const ctx = { db, actor: loaded.actor, lang: opts.lang, ip: null, config };
  const file = { filename: path.basename(opts.file), data };
  try {
    const { created, updated } = await (opts.what === 'units' ? importUnits(ctx, file) : importPeople(ctx, file));
    out.log(zh ? `导入完成：新增 ${created}，更新 ${updated}。` : `Imported: ${created} created, ${updated} updated.`);
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    out.error(messageFor(e.code, opts.lang, e.params));
    for (const r of e.errors) out.error(zh ? `  第 ${r.row} 行 ${r.field}：${r.message}` : `  row ${r.row}, ${r.field}: ${r.message}`);
    return 1;
  }
}
