import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { readTable } from './read-table.ts';
import { mapColumns } from './map-columns.ts';
import { personColumns } from './import-people.ts';

const csv = (text: string, filename = 'a.csv') => readTable({ filename, data: Buffer.from(text, 'utf8') });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('readTable (CSV)', () => {
  it('reads quotes, doubled quotes, line breaks inside quotes, CRLF and LF, and trims cells', async () => {
    const t = await csv('a,b,c\r\n" x ","say ""hi""","two\nlines"\n  plain  ,"",3\r\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['x', 'say "hi"', 'two\nlines'] },
      { rowNumber: 3, cells: ['plain', '', '3'] },
    ]);
  });

  it('skips blank lines (also ",,,") but keeps Excel row numbers', async () => {
    const t = await csv('a,b\n1,2\n\n,,\n3,4');
    expect(t.rows.map((r) => r.rowNumber)).toEqual([2, 5]);
  });

  it('reads tab-separated text when the header has tabs and no commas', async () => {
    const t = await csv('姓名\t单位\n张三\t青山村, 石桥村\n', 'people.txt');
    expect(t.rows[0].cells).toEqual(['张三', '青山村, 石桥村']);
  });

  it('strips a UTF-8 BOM and reads GBK and UTF-16 ("Unicode text") files', async () => {
    const bom = await readTable({ filename: 'a.csv', data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名,单位\n张三,青山村\n')]) });
    expect(bom.header).toEqual(['姓名', '单位']);
    // "姓名,单位\r\n张三,青山村\r\n" in GBK.
    const gbk = Buffer.from('d0d5c3fb2cb5a5cebb0d0ad5c5c8fd2cc7e0c9bdb4e50d0a', 'hex');
    expect(new TextDecoder('gbk').decode(gbk)).toBe('姓名,单位\r\n张三,青山村\r\n');
    expect((await readTable({ filename: 'a.csv', data: gbk })).rows[0].cells).toEqual(['张三', '青山村']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t单位\r\n张三\t青山村\r\n', 'utf16le')]);
    expect((await readTable({ filename: 'a.txt', data: utf16 })).rows[0].cells).toEqual(['张三', '青山村']);
  });

  it('refuses undecodable bytes, binary data, other file types, unclosed quotes and empty files', async () => {
    expect((await refusal(readTable({ filename: 'a.csv', data: Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x80, 0xff, 0x0a]) }))).code).toBe('IMPORT_BAD_ENCODING');
    expect((await refusal(readTable({ filename: 'a.csv', data: Buffer.from([0x00, 0x01, 0x02, 0xfe, 0x00]) }))).code).toBe('IMPORT_BAD_ENCODING');
    const pdf = await refusal(readTable({ filename: 'a.pdf', data: Buffer.from('%PDF-1.4') }));
    expect(pdf.code).toBe('IMPORT_BAD_FILE');
    expect(pdf.params.reason).toContain('CSV');
    const xls = await refusal(readTable({ filename: 'old.xls', data: Buffer.from('d0cf11e0a1b11ae1000000', 'hex') }));
    expect(xls.params.reason).toContain('.xls');
    expect((await refusal(readTable({ filename: 'a.xlsx', data: Buffer.from('not a zip') }))).code).toBe('IMPORT_BAD_FILE');
    expect((await refusal(readTable({ filename: 'b.xlsx', data: Buffer.from('504b0304deadbeef', 'hex') }))).code).toBe('IMPORT_BAD_FILE');
    const quote = await refusal(csv('a,b\n1,"open\n2,3\n'));
    expect(quote.params.reason).toBe('第 2 行的引号没有闭合');
    expect((await refusal(csv('a,b\n\n'))).code).toBe('IMPORT_EMPTY');
    expect((await refusal(csv(''))).code).toBe('IMPORT_EMPTY');
  });

  it('refuses more rows than the limit', async () => {
    const e = await refusal(readTable({ filename: 'a.csv', data: Buffer.from('a\n1\n2\n3\n4\n') }, { maxRows: 3 }));
    expect(e.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect((await readTable({ filename: 'a.csv', data: Buffer.from('a\n1\n2\n3\n') }, { maxRows: 3 })).rows).toHaveLength(3);
  });
});

describe('readTable (XLSX)', () => {
  it('reads the first sheet: numbers, dates, rich text, formulas and hyperlinks as text, with sheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    wb.addWorksheet('其他').addRow(['ignored']);
    ws.addRow(['a', 'b', 'c', 'd', 'e']);
    ws.addRow([]);
    ws.addRow([13900001111, new Date(Date.UTC(2024, 0, 31)), { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }, { formula: '1+1', result: 2 }, { text: '链接', hyperlink: 'https://example.org' }]);
    ws.addRow([0.1 + 0.2, true, null, '  spaced  ']);
    const t = await readTable({ filename: 'x.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(t.header).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(t.rows).toEqual([
      { rowNumber: 3, cells: ['13900001111', '2024-01-31', '张三', '2', '链接'] },
      { rowNumber: 4, cells: ['0.3', 'true', '', 'spaced'] },
    ]);
  });
});

describe('mapColumns', () => {
  it('accepts Chinese and English headers with marks and notes, and finds the header under a title row', async () => {
    const t = await csv('示范县人员名册,,\n*姓名（必填）,所在单位,Phone\n张三,青山村,139\n');
    const m = mapColumns(t, personColumns, 'zh-CN');
    expect(m.rows.map((r) => r.rowNumber)).toEqual([3]);
    expect(m.cell(m.rows[0], 'name')).toBe('张三');
    expect(m.cell(m.rows[0], 'phone')).toBe('139');
    expect(m.header('name')).toBe('*姓名（必填）');
    expect(m.has('post')).toBe(false);
  });

  it('names missing and expected columns in the caller\'s language', async () => {
    const t = await csv('名字,单位\n张三,青山村\n');
    const zh = (() => {
      try {
        mapColumns(t, personColumns, 'zh-CN');
      } catch (e) {
        return e as AppError;
      }
    })()!;
    expect(zh.code).toBe('IMPORT_BAD_HEADER');
    expect(zh.params).toMatchObject({ missing: '姓名' });
    expect(String(zh.params.expected)).toContain('所在单位');
    const en = (() => {
      try {
        mapColumns(t, personColumns, 'en-US');
      } catch (e) {
        return e as AppError;
      }
    })()!;
    expect(en.params).toMatchObject({ missing: 'name (姓名)' });
  });
});
