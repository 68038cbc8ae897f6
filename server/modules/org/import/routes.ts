import { z } from 'zod';
import type { App, ModuleDeps } from '../../../core/module.ts';
import { ctxOf } from '../../../core/request-context.ts';
import { requireAbility } from '../../../core/guards.ts';
import { readUploadedFile } from './read-uploaded-file.ts';
import { importUnits } from './import-units.ts';
import { importPeople } from './import-people.ts';

const ZImportResult = z.object({ created: z.number(), updated: z.number() });

const columnsNote = {
  units:
    'Columns (Chinese or English headers): 单位名称/name, 上级单位/parent (a unit in scope or an earlier row; 示范县/青山镇 when names repeat), 单位类型/kind (党委, 政府机关, 乡镇, 街道, 村, 社区, 国有企业, 学校, 医院, 新经济组织, 新社会组织, 其他 or the code) required; 层级/level, 行政区划代码/regionCode, 批次/batch, 排序/sortOrder optional. An existing unit under the same parent is updated.',
  people:
    'Columns (Chinese or English headers): 姓名/name, 所在单位/unit (name or path) required; 职务/post, 是否党员/isPartyMember (是/否), 干部级别/cadreLevel (县处级以上/县处级以下), 手机/phone optional. A person of the same name in the same unit is updated.',
};

/** Import routes: units and people from CSV (UTF-8, GBK) or XLSX, all rows or none. */
export function registerImportRoutes(app: App, { database, config }: ModuleDeps): void {
  for (const [what, run] of [['units', importUnits], ['people', importPeople]] as const) {
    app.post(
      `/import/${what}`,
      {
        schema: {
          tags: ['import'],
          summary: `Import ${what} from a CSV or XLSX file (multipart field "file"); all rows or none`,
          description: `${columnsNote[what]} Errors: 400 IMPORT_FAILED with error.errors = [{row, field, message}] and nothing written; 400 IMPORT_BAD_HEADER, IMPORT_BAD_ENCODING, IMPORT_BAD_FILE, IMPORT_EMPTY, IMPORT_TOO_MANY_ROWS (over 20,000 rows); 413 over 10 MB.`,
          consumes: ['multipart/form-data'],
          response: { 200: ZImportResult },
        },
      },
      async (req) => {
        requireAbility(req, 'import.run');
        const file = await readUploadedFile(req);
        return run(ctxOf(req, database.db, config), file);
      },
    );
  }
}
