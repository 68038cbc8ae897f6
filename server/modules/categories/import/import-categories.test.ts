import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/harness.ts';
import { createReadyAccount, demoUnitIds } from '../../../test/fixtures.ts';
import { auditLog } from '../../audit/tables.ts';
import { categories } from '../tables.ts';
import { importCategoriesFromCli } from './import-categories-from-cli.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(async () => t.close());

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(filename: string, data: Buffer | string) {
  const boundary = `----jiceng${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, filename: string, data: Buffer | string) => {
  const m = multipart(filename, data);
  return c.post('/api/categories/import', m.body, m.headers);
};
const countCategories = async () => Number((await t.database.db.select({ n: count() }).from(categories))[0].n);
const importAudits = async () => t.database.db.select().from(auditLog).where(eq(auditLog.action, 'category.import'));
const childrenOf = async (name: string) => {
  const [parent] = await t.database.db.select().from(categories).where(eq(categories.name, name));
  return (await t.database.db.select().from(categories).where(eq(categories.parentId, parent.id))).map((c) => c.name).sort();
};

describe('import categories', () => {
  it('refuses without a session (401), a handler (403) and a township admin (403), reading nothing', async () => {
    const csv = '一级分类\n新分类\n';
    const m = multipart('c.csv', csv);
    expect((await t.app.inject({ method: 'POST', url: '/api/categories/import', payload: m.body, headers: m.headers })).statusCode).toBe(401);
    expect((await upload(await login(t.app, 'handler_a'), 'c.csv', csv)).statusCode).toBe(403);
    const units = await demoUnitIds(admin);
    const adminA = await createReadyAccount(t.app, admin, { username: 'imp_admin_a', roles: [{ role: 'admin', unitId: units['青山镇'] }] });
    const res = await upload(adminA, 'c.csv', csv);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CATEGORY_MANAGE_TOP_LEVEL');
    expect((await admin.post('/api/categories/import', {})).json().error.code).toBe('IMPORT_NO_FILE');
  });

  it('imports a UTF-8 CSV (BOM, English headers): joins existing categories by name, adds the rest, one audit row', async () => {
    const before = await countCategories();
    const csv = '\ufefflevel1,level2,level3,code\r\n城乡建设,供水,水压不足,water.pressure\r\n城乡建设,供水,停水,\r\n城乡建设,燃气,,gas\r\n农村农业,农业生产,种植业,\r\n农村农业,,,\r\n';
    const res = await upload(admin, '分类.csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    // 供水, 水压不足, 停水, 燃气, 农村农业, 农业生产, 种植业 are new; the last row names only what exists by then.
    expect(res.json()).toEqual({ created: 7, unchanged: 1 });
    expect(await countCategories()).toBe(before + 7);
    expect(await childrenOf('城乡建设')).toEqual(['供水', '燃气']);
    expect(await childrenOf('供水')).toEqual(['停水', '水压不足']);
    const [pressure] = await t.database.db.select().from(categories).where(eq(categories.name, '水压不足'));
    expect(pressure).toMatchObject({ code: 'water.pressure', level: 3, isActive: true });
    const [stop] = await t.database.db.select().from(categories).where(eq(categories.name, '停水'));
    // Derived from the parent's code: 城乡建设 › 供水 (generated) › 停水.
    expect(stop.code).toMatch(/^urban_rural_construction\.[0-9a-f]{6}\.[0-9a-f]{6}$/);
    expect(stop.path.split('/').filter(Boolean)).toHaveLength(3);
    const [audit] = await importAudits();
    expect(audit.after).toMatchObject({ filename: '分类.csv', rows: 5, created: 7, unchanged: 1 });
    // The imported tree is served like any other.
    const names = ((await admin.get('/api/categories')).json().items as { name: string }[]).map((c) => c.name);
    expect(names.indexOf('水压不足')).toBeGreaterThan(names.indexOf('供水'));
  });

  it('importing the same tree again changes nothing', async () => {
    const before = await countCategories();
    const res = await upload(admin, '分类.csv', 'level1,level2,level3\n城乡建设,供水,水压不足\n城乡建设,供水,停水\n');
    expect(res.json()).toEqual({ created: 0, unchanged: 2 });
    expect(await countCategories()).toBe(before);
  });

  it('reads a GBK-encoded CSV with Chinese headers (as Excel on Chinese Windows saves it)', async () => {
    // "一级分类,二级分类,三级分类\r\n城乡建设,供水,水压不足\r\n城乡建设,供水,停水\r\n农村农业,农业生产,\r\n" in GBK.
    const gbk = Buffer.from(
      'd2bbbcb6b7d6c0e02cb6febcb6b7d6c0e02cc8fdbcb6b7d6c0e00d0ab3c7cfe7bda8c9e82cb9a9cbae2ccbaed1b9b2bbd7e30d0ab3c7cfe7bda8c9e82cb9a9cbae2ccda3cbae0d0ac5a9b4e5c5a9d2b52cc5a9d2b5c9fab2fa2c0d0a',
      'hex',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const res = await upload(admin, 'fenlei.csv', gbk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 0, unchanged: 3 });
  });

  it('imports an XLSX workbook with a title row above the header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分类');
    ws.addRow(['示范县诉求分类表']);
    ws.addRow(['一级分类', '二级分类', '三级分类']);
    ws.addRow(['交通出行', '公交', '线路调整']);
    ws.addRow(['交通出行', '公交', '站点设置']);
    const res = await upload(admin, '分类.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 3, unchanged: 0 });
    expect(await childrenOf('公交')).toEqual(['站点设置', '线路调整']);
  });

  it('reports every bad row by row and column and writes nothing', async () => {
    const before = await countCategories();
    const audits = (await importAudits()).length;
    const csv = [
      '一级分类,二级分类,三级分类,分类编码',
      '教育,学前教育,入园难,', // row 2: fine on its own
      ',义务教育,,', // row 3: level 1 missing
      '教育,,择校,', // row 4: level 3 without level 2
      `教育,${'长'.repeat(101)},,`, // row 5: too long
      '教育,学前教育,入园难,', // row 6: duplicate of row 2
      '教育,学前教育,收费,Bad Code', // row 7: malformed code
      '教育,学前教育,托管,housing', // row 8: code of another category
      '城乡建设,供水,水压不足,other.code', // row 9: an existing category keeps its code
    ].join('\n');
    const res = await upload(admin, 'bad.csv', csv);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('IMPORT_FAILED');
    expect(error.message).toContain('7');
    expect(error.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, '一级分类'],
      [4, '二级分类'],
      [5, '二级分类'],
      [6, '三级分类'],
      [7, '分类编码'],
      [8, '分类编码'],
      [9, '分类编码'],
    ]);
    expect(error.errors[5].message).toContain('housing');
    expect(error.errors[6].message).toContain('water.pressure');
    expect(await countCategories()).toBe(before);
    expect((await importAudits()).length).toBe(audits);
  });

  it('refuses a file without the level columns (IMPORT_BAD_HEADER), an empty file and a new category under a deactivated one', async () => {
    const before = await countCategories();
    const header = await upload(admin, 'wrong.csv', '名称,上级\n教育,\n');
    expect(header.statusCode).toBe(400);
    expect(header.json().error.code).toBe('IMPORT_BAD_HEADER');
    expect(header.json().error.message).toContain('一级分类');
    expect((await upload(admin, 'empty.csv', 'level1,level2\n')).json().error.code).toBe('IMPORT_EMPTY');
    const [other] = await t.database.db.select().from(categories).where(eq(categories.code, 'other'));
    await admin.post(`/api/categories/${other.id}/deactivate`);
    const inactive = await upload(admin, 'c.csv', 'level1,level2\n其他,新的二级\n');
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().error.errors[0]).toMatchObject({ row: 2, field: 'level1' });
    await admin.post(`/api/categories/${other.id}/activate`);
    expect(await countCategories()).toBe(before);
  });

  it('imports from the command line, printing the counts or every row error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-cat-'));
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'level1,level2\n商贸消费,预付卡\n');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'level1,level2,level3\n商贸消费,,退费\n');
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`! ${l}`) };
    expect(await importCategoriesFromCli(t.database.db, t.config, { file: good, as: 'admin', lang: 'zh-CN' }, out)).toBe(0);
    expect(lines.pop()).toContain('新增分类 1 个');
    expect(await importCategoriesFromCli(t.database.db, t.config, { file: bad, as: 'admin', lang: 'en-US' }, out)).toBe(1);
    expect(lines.at(-1)).toContain('row 2, level2');
    expect(await importCategoriesFromCli(t.database.db, t.config, { file: good, as: 'handler_a', lang: 'zh-CN' }, out)).toBe(1);
    expect(await importCategoriesFromCli(t.database.db, t.config, { file: path.join(dir, 'missing.csv'), as: 'admin', lang: 'zh-CN' }, out)).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });
});
