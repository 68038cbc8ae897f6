import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/harness.ts';
import { auditLog } from '../../audit/tables.ts';
import { people, units } from '../tables.ts';
import { describeImportColumns, importFromCli } from './import-from-cli.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(async () => t.close());

/** A multipart/form-data body with one file field, built by hand as a browser would send it. */
function multipart(filename: string, data: Buffer | string, field = 'file') {
  const boundary = `----jiceng${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: Client, what: 'units' | 'people', filename: string, data: Buffer | string, headers: Record<string, string> = {}) {
  const m = multipart(filename, data);
  return client.post(`/api/import/${what}`, m.body, { ...m.headers, ...headers });
}

const countOf = async (table: typeof units | typeof people) => Number((await t.database.db.select({ n: count() }).from(table))[0].n);
const importAudits = async (action: string) => t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
const unitNamed = async (name: string) => (await t.database.db.select().from(units).where(eq(units.name, name)))[0];

async function xlsx(rows: unknown[][], title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  if (title) {
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, rows[0].length);
  }
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import units', () => {
  it('imports a UTF-8 CSV with BOM: new units under scope or earlier rows, an existing one updated, one audit row', async () => {
    const before = await countOf(units);
    const res = await upload(admin, 'units', '单位名册.csv', fs.readFileSync(path.join(fixtures, 'units-utf8-bom.csv')));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 3, updated: 1 });
    expect(await countOf(units)).toBe(before + 3);

    const qingshan = await unitNamed('青山镇');
    const second = await unitNamed('青山镇第二村');
    expect(second).toMatchObject({ parentId: qingshan.id, kind: 'village', level: 'village', path: `${qingshan.path}${second.id}/`, depth: qingshan.depth + 1 });
    expect(second.batchId).not.toBeNull();
    // Level derived from the parent when the kind does not fix it.
    expect(await unitNamed('青山镇第二村第一组')).toMatchObject({ parentId: second.id, kind: 'other', level: 'village' });
    expect(await unitNamed('示范县"新"学校')).toMatchObject({ kind: 'school', level: 'county', sortOrder: 5 });
    expect(await unitNamed('石桥村')).toMatchObject({ regionCode: '990101', parentId: qingshan.id });

    const audits = await importAudits('import.units');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorName: 'admin', after: { filename: '单位名册.csv', created: 3, updated: 1 } });
    // The tree shows the new units to the importer.
    const tree = (await admin.get('/api/units/tree')).json().items as { name: string }[];
    expect(tree.map((u) => u.name)).toContain('青山镇第二村第一组');
  });

  it('reports every bad row by row number and column, and writes nothing', async () => {
    const before = await countOf(units);
    const audits = (await importAudits('import.units')).length;
    const file = [
      '单位名称,上级单位,单位类型,层级,行政区划代码',
      '好单位,青山镇,村,,',
      '坏类型,青山镇,工厂,,',
      '没上级,不存在的镇,村,,',
      ',青山镇,村,乡,12345',
      '晚到的孩子,后面的单位,村,,',
      '后面的单位,河口乡,村,,',
      '好单位,青山镇,社区,,',
    ].join('\n');
    const res = await upload(admin, 'units', 'bad.csv', file);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('IMPORT_FAILED');
    expect(error.message).toBe('导入失败，共 6 处错误，未写入任何数据。');
    expect(error.errors).toEqual([
      { row: 3, field: '单位类型', message: expect.stringContaining('无法识别“工厂”') },
      { row: 4, field: '上级单位', message: '找不到单位“不存在的镇”，或它不在您的管辖范围内。' },
      { row: 5, field: '单位名称', message: '必填。' },
      { row: 5, field: '行政区划代码', message: '行政区划代码应为 6 位数字。' },
      { row: 6, field: '上级单位', message: '单位“后面的单位”在第 7 行，应排在本行之前。' },
      { row: 8, field: '单位名称', message: '与第 2 行重复。' },
    ]);
    expect(await countOf(units)).toBe(before);
    expect(await unitNamed('好单位')).toBeUndefined();
    expect(await importAudits('import.units')).toHaveLength(audits);
  });

  it('answers in English on request', async () => {
    const res = await upload(admin, 'units', 'bad.csv', 'name,parent,kind\nx,青山镇,factory\n', { 'accept-language': 'en-US' });
    expect(res.json().error).toMatchObject({
      code: 'IMPORT_FAILED',
      message: 'Import failed with 1 error(s); nothing was written.',
      errors: [{ row: 2, field: 'kind', message: expect.stringContaining('Cannot read "factory"; allowed: party_committee') }],
    });
  });

  it('refuses a wrong header with 400 and changes nothing', async () => {
    const before = await countOf(units);
    const res = await upload(admin, 'units', 'units.csv', '名称,上级\n新单位,青山镇\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_BAD_HEADER', message: expect.stringContaining('缺少列 单位类型') });
    expect(await countOf(units)).toBe(before);
  });

  it('refuses binary garbage and non-table files with a clear 400', async () => {
    const garbage = crypto.randomBytes(2048);
    garbage[0] = 0; // never looks like a zip or text
    const bin = await upload(admin, 'units', 'units.csv', garbage);
    expect(bin.statusCode).toBe(400);
    expect(bin.json().error.code).toBe('IMPORT_BAD_ENCODING');
    expect(bin.json().error.message).toContain('GBK');
    const exe = await upload(admin, 'units', 'setup.exe', garbage);
    expect(exe.json().error).toMatchObject({ code: 'IMPORT_BAD_FILE', message: '无法读取文件：只能导入 CSV（.csv）或 Excel（.xlsx）文件。' });
    const fake = await upload(admin, 'units', 'units.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), garbage]));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('IMPORT_BAD_FILE');
  });

  it('needs a multipart upload with a file', async () => {
    const json = await admin.post('/api/import/units', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toMatchObject({ code: 'IMPORT_NO_FILE', message: expect.stringContaining('multipart/form-data') });
    const boundary = 'xyz';
    const noFile = await admin.post('/api/import/units', Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`), { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('IMPORT_NO_FILE');
    const cut = await admin.post('/api/import/units', Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc`), { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.code).toBe('IMPORT_BAD_UPLOAD');
  });

  it('is refused to a handler (403)', async () => {
    const handler = await login(t.app, 'handler_a');
    const res = await upload(handler, 'units', 'u.csv', '单位名称,上级单位,单位类型\n新村,青山镇,村\n');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await upload(handler, 'people', 'p.csv', '姓名,所在单位\n张三,青山村\n')).statusCode).toBe(403);
  });

  it('keeps an admin of a township inside it: parents outside the scope are "not found"', async () => {
    const qingshan = await unitNamed('青山镇');
    const created = await admin.post('/api/accounts', { username: 'qs_admin', displayName: '青山镇管理员', password: 'Initial-Pass-1', roles: [{ role: 'admin', unitId: qingshan.id }] });
    expect(created.statusCode).toBe(201);
    const qs = await login(t.app, 'qs_admin', 'Initial-Pass-1');
    expect((await qs.post('/api/auth/password', { currentPassword: 'Initial-Pass-1', newPassword: 'Township-Pass-9' })).statusCode).toBe(200);

    const before = await countOf(units);
    const outside = await upload(qs, 'units', 'u.csv', '单位名称,上级单位,单位类型\n镇外单位,示范县,其他\n街道的村,城关街道,社区\n镇内新村,青山镇,村\n');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.errors).toEqual([
      { row: 2, field: '上级单位', message: '找不到单位“示范县”，或它不在您的管辖范围内。' },
      { row: 3, field: '上级单位', message: '找不到单位“城关街道”，或它不在您的管辖范围内。' },
    ]);
    expect(await countOf(units)).toBe(before);
    const people1 = await upload(qs, 'people', 'p.csv', '姓名,所在单位\n外人,东门社区\n');
    expect(people1.json().error.errors).toEqual([{ row: 2, field: '所在单位', message: '找不到单位“东门社区”，或它不在您的管辖范围内。' }]);

    // Inside the township it works, and the full path through the county above the scope is understood.
    const inside = await upload(qs, 'units', 'u.csv', '单位名称,上级单位,单位类型\n镇内新村,示范县/青山镇,村\n');
    expect(inside.json()).toEqual({ created: 1, updated: 0 });
    const audit = (await importAudits('import.units')).find((a) => a.actorName === 'qs_admin')!;
    expect(audit.unitPath?.startsWith(qingshan.path)).toBe(true);
  });
});

describe('import people', () => {
  it('reads a GBK-encoded CSV (as Excel on Chinese Windows saves it)', async () => {
    // "姓名,所在单位,职务,是否党员,干部级别,手机\r\n张三丰,青山村,网格员,是,县处级以下,13900001111\r\n李四,青山镇/石桥村,村委会主任,否,,13900002222\r\n" in GBK.
    const gbk = Buffer.from(
      'd0d5c3fb2ccbf9d4dab5a5cebb2cd6b0cef12ccac7b7f1b5b3d4b12cb8c9b2bfbcb6b1f02ccad6bbfa0d0ad5c5c8fdb7e12cc7e0c9bdb4e52ccdf8b8f1d4b12ccac72ccfd8b4a6bcb6d2d4cfc22c31333930303030313131310d0ac0eecbc42cc7e0c9bdd5f22fcaafc7c5b4e52cb4e5ceafbbe1d6f7c8ce2cb7f12c2c31333930303030323232320d0a',
      'hex',
    );
    expect(new TextDecoder('gbk').decode(gbk)).toBe('姓名,所在单位,职务,是否党员,干部级别,手机\r\n张三丰,青山村,网格员,是,县处级以下,13900001111\r\n李四,青山镇/石桥村,村委会主任,否,,13900002222\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const res = await upload(admin, 'people', 'renyuan.csv', gbk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 0 });
    const list = (await admin.get(`/api/people?q=${encodeURIComponent('张三丰')}`)).json().items;
    expect(list).toEqual([expect.objectContaining({ name: '张三丰', unitName: '青山村', post: '网格员', isPartyMember: true, cadreLevel: 'below', phone: '13900001111' })]);
    const [li] = (await admin.get(`/api/people?q=${encodeURIComponent('李四')}`)).json().items;
    expect(li).toMatchObject({ unitName: '石桥村', isPartyMember: false, cadreLevel: null });
  });

  it('reads an XLSX whose sheet opens with a merged title row; updates people of the same name and unit', async () => {
    const data = await xlsx(
      [
        ['序号', '姓名', '所在单位', '职务', '是否党员', '干部级别', '联系电话'],
        [1, '张三丰', '青山村', '村党支部书记', 'Y', '', 13900009999],
        [2, { richText: [{ text: '钱' }, { text: '五' }] }, '河口村', '网格员', '否', '', ''],
      ],
      '示范县人员名册（2024 年）',
    );
    const res = await upload(admin, 'people', '名册.xlsx', data);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 1 });
    const [zhang] = (await admin.get(`/api/people?q=${encodeURIComponent('张三丰')}`)).json().items;
    // Blank cells keep what was there (cadre level), filled ones replace it.
    expect(zhang).toMatchObject({ post: '村党支部书记', phone: '13900009999', cadreLevel: 'below', isPartyMember: true });
    const audit = (await importAudits('import.people')).at(-1)!;
    expect(audit.after).toMatchObject({ filename: '名册.xlsx', created: 1, updated: 1 });
  });

  it('reports bad rows of an XLSX by their sheet row, and writes nothing', async () => {
    const before = await countOf(people);
    const audits = (await importAudits('import.people')).length;
    const data = await xlsx(
      [
        ['姓名', '所在单位', '是否党员', '干部级别', '手机'],
        ['好人', '青山村', '是', '', ''],
        ['坏人', '青山村', '也许', '省部级', 'call me'],
        ['好人', '青山村', '', '', ''],
      ],
      '名册',
    );
    const res = await upload(admin, 'people', 'bad.xlsx', data);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toEqual([
      { row: 4, field: '是否党员', message: '无法识别“也许”，可填：是、否。' },
      { row: 4, field: '干部级别', message: '无法识别“省部级”，可填：县处级以上、县处级以下。' },
      { row: 4, field: '手机', message: '电话号码格式不正确：“call me”。' },
      { row: 5, field: '姓名', message: '与第 3 行重复。' },
    ]);
    expect(await countOf(people)).toBe(before);
    expect(await importAudits('import.people')).toHaveLength(audits);
  });

  it('asks for a path when a unit name is ambiguous, and accepts the path', async () => {
    expect((await upload(admin, 'units', 'u.csv', '单位名称,上级单位,单位类型\n同名村,青山镇,村\n同名村,河口乡,村\n')).json()).toEqual({ created: 2, updated: 0 });
    const res = await upload(admin, 'people', 'p.csv', '姓名,所在单位\n孙七,同名村\n');
    expect(res.json().error.errors).toEqual([{ row: 2, field: '所在单位', message: '有 2 个单位名为“同名村”，请写明上级单位，如：“青山镇/同名村”、“河口乡/同名村”。' }]);
    expect((await upload(admin, 'people', 'p.csv', '姓名,所在单位\n孙七,河口乡/同名村\n')).json()).toEqual({ created: 1, updated: 0 });
  });

  it('reads a tab-separated text file with 政治面貌 and extra columns', async () => {
    const res = await upload(admin, 'people', 'people.txt', fs.readFileSync(path.join(fixtures, 'people-tab.txt')));
    expect(res.json()).toEqual({ created: 2, updated: 0 });
    const [wang] = (await admin.get(`/api/people?q=${encodeURIComponent('王小明')}`)).json().items;
    expect(wang).toMatchObject({ unitName: '东门社区', isPartyMember: true, phone: '13800001111' });
    const [zhao] = (await admin.get(`/api/people?q=${encodeURIComponent('赵小红')}`)).json().items;
    expect(zhao).toMatchObject({ unitName: '西门社区', isPartyMember: false, post: '社区专职工作者' });
  });
});

describe('jiceng import (CLI)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-import-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const capture = () => {
    const lines: string[] = [];
    return { lines, out: { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) } };
  };

  it('imports as an account and prints the counts', async () => {
    const file = path.join(tmp, 'people.csv');
    fs.writeFileSync(file, '姓名,所在单位,职务\n周八,柳树村,网格员\n');
    const { lines, out } = capture();
    expect(await importFromCli(t.database.db, t.config, { what: 'people', file, as: 'admin', lang: 'zh-CN' }, out)).toBe(0);
    expect(lines).toEqual(['导入完成：新增 1，更新 0。']);
    expect((await importAudits('import.people')).at(-1)).toMatchObject({ actorName: 'admin', ip: null, after: { filename: 'people.csv' } });
  });

  it('prints every row error and fails; refuses accounts without the right', async () => {
    const file = path.join(tmp, 'units.csv');
    fs.writeFileSync(file, 'name,parent,kind\nA,青山镇,village\nB,nowhere,village\n');
    const { lines, out } = capture();
    expect(await importFromCli(t.database.db, t.config, { what: 'units', file, as: 'admin', lang: 'en-US' }, out)).toBe(1);
    expect(lines).toEqual(['Import failed with 1 error(s); nothing was written.', '  row 3, parent: No unit "nowhere", or it is outside your scope.']);
    expect(await unitNamed('A')).toBeUndefined();

    const denied = capture();
    expect(await importFromCli(t.database.db, t.config, { what: 'units', file, as: 'handler_a', lang: 'zh-CN' }, denied.out)).toBe(1);
    expect(denied.lines).toEqual(['账号“handler_a”没有导入权限。']);
    const missing = capture();
    expect(await importFromCli(t.database.db, t.config, { what: 'units', file: path.join(tmp, 'none.csv'), as: 'admin', lang: 'zh-CN' }, missing.out)).toBe(1);
    expect(missing.lines[0]).toContain('无法读取文件');
  });

  it('describes the columns in --help', () => {
    const help = describeImportColumns('units');
    for (const c of ['单位名称', '上级单位', '单位类型', '层级', '行政区划代码', '批次', '排序', '新经济组织']) expect(help).toContain(c);
    expect(describeImportColumns('people')).toContain('是否党员');
  });
});
