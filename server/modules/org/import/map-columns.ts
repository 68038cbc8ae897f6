import { AppError } from '../../../core/errors.ts';
import type { Lang } from '../../../core/messages.ts';
import type { Table, TableRow } from './read-table.ts';

/** A column an import understands: its key, whether it is required and the headers offices give it. */
export interface ColumnSpec<K extends string = string> {
  key: K;
  required: boolean;
  /** The header to show in messages, per language. */
  label: Record<Lang, string>;
  /** Other headers meaning the same column (compared after normalising). */
  aliases: string[];
}

/** A table whose header has been understood: rows plus a way to read a column of a row. */
export interface MappedTable<K extends string> {
  rows: TableRow[];
  /** Whether the file has the column at all (absent optional columns leave values untouched). */
  has(key: K): boolean;
  /** The column's value in a row (the first non-empty one when several headers map to it). */
  cell(row: TableRow, key: K): string;
  /** The header of the column as written in the file, to name it in row errors. */
  header(key: K): string;
}

// Offices mark required columns with * and add notes in brackets: "*单位名称（必填）".
const normalise = (h: string) =>
  h
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/[\s*＊_:：]/g, '')
    .toLowerCase();

// Sheets often open with a title row ("示范县单位名册") or a note above the header.
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row (the first row, or one of the next few when the sheet opens with a title)
 * and maps its columns; 400 IMPORT_BAD_HEADER names the missing and the expected columns.
 */
export function mapColumns<K extends string>(table: Table, specs: readonly ColumnSpec<K>[], lang: Lang): MappedTable<K> {
  const lookup = new Map<string, K>();
  for (const s of specs) for (const name of [s.key, s.label['zh-CN'], s.label['en-US'], ...s.aliases]) lookup.set(normalise(name), s.key);
  const candidates = [{ cells: table.header, next: 0 }, ...table.rows.slice(0, HEADER_SEARCH_ROWS - 1).map((r, i) => ({ cells: r.cells, next: i + 1 }))];
  const mapped = candidates.map((c) => {
    const columns = new Map<K, number[]>();
    c.cells.forEach((h, i) => {
      const key = lookup.get(normalise(h));
      if (key) columns.set(key, [...(columns.get(key) ?? []), i]);
    });
    return { ...c, columns, missing: specs.filter((s) => s.required && !columns.has(s.key)) };
  });
  const found = mapped.find((m) => m.missing.length === 0);
  if (!found) {
    // Report against the row that looks most like a header.
    const best = mapped.reduce((a, b) => (b.columns.size > a.columns.size ? b : a));
    const sep = lang === 'zh-CN' ? '、' : ', ';
    const named = (s: ColumnSpec<K>) => (lang === 'zh-CN' ? s.label['zh-CN'] : `${s.label['en-US']} (${s.label['zh-CN']})`);
    const required = specs.filter((s) => s.required).map(named).join(sep);
    const optional = specs.filter((s) => !s.required).map(named).join(sep);
    const expected = lang === 'zh-CN' ? `${required}（必填）；${optional}（可选）` : `${required} (required); ${optional} (optional)`;
    throw new AppError(400, 'IMPORT_BAD_HEADER', { missing: best.missing.map(named).join(sep), expected });
  }
  const { columns, cells: headerCells } = found;
  if (found.next >= table.rows.length) throw new AppError(400, 'IMPORT_EMPTY');
  return {
    rows: table.rows.slice(found.next),
    has: (key) => columns.has(key),
    cell: (row, key) => {
      for (const i of columns.get(key) ?? []) if (row.cells[i]) return row.cells[i];
      return '';
    },
    header: (key) => headerCells[columns.get(key)?.[0] ?? -1] ?? specs.find((s) => s.key === key)!.label[lang],
  };
}
