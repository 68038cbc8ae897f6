import path from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../../../core/errors.ts';
import type { Lang } from '../../../core/messages.ts';

/** An uploaded file as it arrived. */
export interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** One data row; `rowNumber` is the row the user sees in Excel (the header usually is row 1). */
export interface TableRow {
  rowNumber: number;
  cells: string[];
}

/** A table read from a file: the first non-empty row as header, then the non-empty rows. */
export interface Table {
  header: string[];
  rows: TableRow[];
}

/** Most data rows one file may hold; larger files are refused before any work on them. */
export const MAX_IMPORT_ROWS = 20_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary: the container of old .xls (and WPS .et) workbooks.
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const reasons = {
  notXlsx: { 'zh-CN': '文件不是有效的 Excel（.xlsx）工作簿', 'en-US': 'the file is not a valid Excel (.xlsx) workbook' },
  oldExcel: { 'zh-CN': '不支持旧版 Excel（.xls）格式，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV', 'en-US': 'old Excel (.xls) files are not supported; save it as .xlsx or CSV in Excel or WPS' },
  noSheet: { 'zh-CN': '工作簿中没有工作表', 'en-US': 'the workbook has no worksheet' },
  wrongType: { 'zh-CN': '只能导入 CSV（.csv）或 Excel（.xlsx）文件', 'en-US': 'only CSV (.csv) and Excel (.xlsx) files can be imported' },
  openQuote: { 'zh-CN': '第 {row} 行的引号没有闭合', 'en-US': 'the quote opened on row {row} is never closed' },
} satisfies Record<string, Record<Lang, string>>;

function badFile(reason: keyof typeof reasons, lang: Lang, params: Record<string, unknown> = {}): AppError {
  const text = reasons[reason][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
  return new AppError(400, 'IMPORT_BAD_FILE', { reason: text });
}

/**
 * Reads the first sheet of an .xlsx workbook or a CSV (UTF-8 with or without BOM, GBK/GB18030,
 * UTF-16 "Unicode text"; comma- or tab-separated) into a header and trimmed rows.
 */
export async function readTable(file: UploadedFile, opts: { lang?: Lang; maxRows?: number } = {}): Promise<Table> {
  const lang = opts.lang ?? 'zh-CN';
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  const { data } = file;
  const ext = path.extname(file.filename).toLowerCase().slice(1);
  const isZip = data.subarray(0, 4).equals(ZIP_MAGIC);
  let records: { rowNumber: number; cells: string[] }[];
  if (isZip || ext === 'xlsx' || ext === 'xlsm') {
    if (!isZip) throw badFile('notXlsx', lang);
    records = await readXlsx(data, lang, maxRows);
  } else if (data.subarray(0, 8).equals(OLE_MAGIC) || ext === 'xls' || ext === 'et') {
    throw badFile('oldExcel', lang);
  } else if (ext && !['csv', 'txt', 'tsv'].includes(ext)) {
    throw badFile('wrongType', lang);
  } else {
    records = parseCsv(decodeText(data), lang, maxRows);
  }
  const headerAt = records.findIndex((r) => !isBlank(r.cells));
  if (headerAt < 0) throw new AppError(400, 'IMPORT_EMPTY');
  const rows = records.slice(headerAt + 1).filter((r) => !isBlank(r.cells));
  if (rows.length === 0) throw new AppError(400, 'IMPORT_EMPTY');
  if (rows.length > maxRows) throw new AppError(400, 'IMPORT_TOO_MANY_ROWS', { limit: maxRows });
  return { header: records[headerAt].cells, rows };
}

const isBlank = (cells: string[]) => cells.every((c) => c === '');

/**
 * Decodes CSV bytes. Offices save CSVs from Excel on Chinese Windows in GBK, from WPS or Numbers in
 * UTF-8, and "Unicode text" in UTF-16; strict decoders tell them apart instead of silently
 * producing mojibake.
 */
function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  // NUL never occurs in a text table; it marks binary data or BOM-less UTF-16, neither of which we can read safely.
  if (data.includes(0)) throw new AppError(400, 'IMPORT_BAD_ENCODING');
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      // The UTF-8 decoder drops a BOM by itself (ignoreBOM defaults to false).
      return new TextDecoder(encoding, { fatal: true }).decode(data);
    } catch {
      // not this encoding; try the next one
    }
  }
  throw new AppError(400, 'IMPORT_BAD_ENCODING');
}

// Control characters other than tab and line breaks are invisible in Excel and never meant as data.
const isStrayControl = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
const clean = (s: string) => Array.from(s, (ch) => (isStrayControl(ch.charCodeAt(0)) ? '' : ch)).join('').trim();

/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes), read
 * leniently like Excel does: a quote in the middle of an unquoted field is a literal character.
 * Every record counts as a row, empty ones included, so row numbers match what Excel shows.
 */
function parseCsv(text: string, lang: Lang, maxRows: number): { rowNumber: number; cells: string[] }[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records: { rowNumber: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let quoteRow = 0;
  let rowNumber = 1;
  let nonEmpty = 0;
  const endRecord = () => {
    cells.push(clean(field));
    const record = { rowNumber, cells };
    records.push(record);
    // One spare row: the header is among the non-empty records.
    if (!isBlank(cells) && ++nonEmpty > maxRows + 1) throw new AppError(400, 'IMPORT_TOO_MANY_ROWS', { limit: maxRows });
    cells = [];
    field = '';
    rowNumber++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field.trim() === '') {
      // A quote opens a quoted field only at its start (spaces before it are tolerated).
      field = '';
      quoted = true;
      quoteRow = rowNumber;
    } else if (ch === delimiter) {
      cells.push(clean(field));
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else if (ch === '\u001a' && i === text.length - 1) {
      // DOS end-of-file marker some old tools still append.
    } else field += ch;
  }
  if (quoted) throw badFile('openQuote', lang, { row: quoteRow });
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}

/** Reads the first worksheet; row numbers are the sheet's own. */
async function readXlsx(data: Buffer, lang: Lang, maxRows: number): Promise<{ rowNumber: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings predate Node's generic Buffer; the bytes are what it wants.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw badFile('notXlsx', lang);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badFile('noSheet', lang);
  // actualRowCount counts rows with values; a sheet beyond the limit is refused before reading it.
  if (sheet.actualRowCount > maxRows + 1) throw new AppError(400, 'IMPORT_TOO_MANY_ROWS', { limit: maxRows });
  const records: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = clean(cellText(cell.value));
    });
    records.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return records;
}

/** The text of a cell value as the user would type it back. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return String(value);
}
