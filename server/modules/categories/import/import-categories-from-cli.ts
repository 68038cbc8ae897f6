import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../core/errors.ts';
import { messageFor, type Lang } from '../../../core/messages.ts';
import { loadActorByUsername } from '../../auth/session-store.ts';
import type { CliOutput } from '../../org/import/import-from-cli.ts';
import { canManageCategories } from '../policy.ts';
import { categoryColumns, importCategories } from './import-categories.ts';

/** Help text describing the columns of a category file, for `jiceng import categories --help`. */
export function describeCategoryColumns(): string {
  const lines = categoryColumns.map((s) => `  ${s.label['zh-CN']} / ${s.label['en-US']}${' '.repeat(Math.max(1, 22 - s.label['zh-CN'].length * 2 - s.label['en-US'].length))}${s.required ? 'required 必填' : 'optional 可选'}`);
  return [
    '',
    'File: .csv (UTF-8 or GBK, comma- or tab-separated) or .xlsx (first sheet), at most 20,000 rows. / 文件：CSV（UTF-8 或 GBK）或 Excel .xlsx（第一个工作表），最多 20000 行。',
    'One row per path of the tree, e.g. 城乡建设,供水,水压不足 / 每行一条分类路径:',
    ...lines,
    '分类编码 / code names the deepest category of its row (the Open311 service code); derived from the names when blank. / 分类编码对应该行最末一级分类，留空时自动生成。',
    'Existing categories (same name under the same parent) are kept; only missing ones are added. / 已有的同名分类保留不变，只新增缺少的分类。',
    'All rows or none: any bad row is listed by row and column and nothing is written. / 任何一行有误则逐行列出错误，不写入任何数据。',
  ].join('\n');
}

/** `jiceng import categories <file>`: imports as the given account (an admin of the top-level unit) and returns the exit status. */
export async function importCategoriesFromCli(db: Db, config: AppConfig, opts: { file: string; as: string; lang: Lang }, out: CliOutput = console): Promise<number> {
  const zh = opts.lang === 'zh-CN';
  const loaded = await loadActorByUsername(db, opts.as);
  if (!loaded || !loaded.isActive) {
    out.error(zh ? `找不到启用中的账号“${opts.as}”。` : `No active account "${opts.as}".`);
    return 1;
  }
  if (!canManageCategories(loaded.actor)) {
    out.error(messageFor('CATEGORY_MANAGE_TOP_LEVEL', opts.lang));
    return 1;
  }
  let data: Buffer;
  try {
    data = await fs.readFile(opts.file);
  } catch (e) {
    out.error(zh ? `无法读取文件 ${opts.file}：${(e as Error).message}` : `Cannot read ${opts.file}: ${(e as Error).message}`);
    return 1;
  }
  try {
    const { created, unchanged } = await importCategories({ db, actor: loaded.actor, lang: opts.lang, ip: null, config }, { filename: path.basename(opts.file), data });
    out.log(zh ? `导入完成：新增分类 ${created} 个，已有 ${unchanged} 行无需变更。` : `Imported: ${created} categories created, ${unchanged} row(s) already present.`);
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    out.error(messageFor(e.code, opts.lang, e.params));
    for (const r of e.errors) out.error(zh ? `  第 ${r.row} 行 ${r.field}：${r.message}` : `  row ${r.row}, ${r.field}: ${r.message}`);
    return 1;
  }
}
