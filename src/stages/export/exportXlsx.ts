/**
 * `export --format xlsx`: one workbook with the flat sheet (indicators_flat, what an auditor opens) first,
 * then one sheet per contract table (and per department table when the documents hold a 部门整体 table). Text cells are strings in text-formatted columns (`95%`, `≥98%`,
 * `201001` and project codes stay as printed; a string is never a formula, so no apostrophe is added);
 * number cells are numbers; the header row is frozen and filterable; column widths follow the content
 * (CJK counted double). Written by exceljs's streaming writer, one row at a time; exceljs is loaded only when a
 * workbook is written (it takes ~0.5 s), not by the CLI's other commands or the library's import.
 */
import type ExcelJS from 'exceljs';
import { displayWidth } from '../../query/runQuery.js';
import type { Db } from '../store/database.js';
import { tableRowsQuery, tablesToExport } from './exportCsv.js';
import { databaseToFlatRows, FLAT_COLUMNS, type FlatColumnKind, type FlatHeaderLanguage } from './flatCsv.js';
import { tableColumnToZh } from './tableHeadersZh.js';
import { type ExportAs, tableRowsToCorrected } from './corrected.js';

export const XLSX_FILE = 'budget.xlsx';
/** The flat sheet's name in the workbook. */
export const FLAT_SHEET = 'indicators_flat';

/** Column widths in Excel character units (the width of `0`): at least the narrow bound, at most the wide one. */
const MIN_COLUMN_WIDTH_CHARS = 6;
const MAX_COLUMN_WIDTH_CHARS = 60;
/** Room beside the widest text of a column (the filter button of the header takes about two characters). */
const COLUMN_PADDING_CHARS = 3;
/** Excel's number format for text: what is typed into such a cell stays text. */
const TEXT_NUMBER_FORMAT = '@';

export type ExportXlsxOptions = {
  /** Header language of every sheet; `zh` also gives the flat sheet Chinese review reasons and 是/否. */
  headers?: FlatHeaderLanguage;
  /** Only these documents (filterToDocumentIds); every document when null or absent. */
  documentIds?: readonly number[] | null;
  /** documents, projects, indicators and the flat sheet with reviewers' corrections (default) or as extracted. */
  as?: ExportAs;
};

type CellValue = string | number | null;
type SheetColumn = { header: string; kind: FlatColumnKind };
export type XlsxSheetSummary = { name: string; rows: number };

/** The cell a value becomes: numbers in number columns as numbers (万元 decimals parsed), everything else as text. */
export function valueToCell(value: CellValue | bigint | Buffer, kind: FlatColumnKind): string | number | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (kind === 'number') {
    if (typeof value === 'number') return value;
    const number = Number(value);
    if (value.trim() !== '' && Number.isFinite(number)) return number;
  }
  return String(value);
}

/** SQLite's declared type → the kind of cell: INTEGER and REAL are numbers, anything else text. */
const sqlTypeToKind = (type: string): FlatColumnKind => (/INT|REAL|FLOA|DOUB|NUM/i.test(type) ? 'number' : 'text');

/** The display width of a value's widest line (CJK counted double). */
function valueWidth(value: CellValue): number {
  if (value === null) return 0;
  let widest = 0;
  for (const line of String(value).split('\n')) widest = Math.max(widest, displayWidth(line));
  return widest;
}

/** A column's width from the widest of its header and values, padded and bounded. */
function columnWidth(widestChars: number): number {
  return Math.min(MAX_COLUMN_WIDTH_CHARS, Math.max(MIN_COLUMN_WIDTH_CHARS, widestChars + COLUMN_PADDING_CHARS));
}

/** Adds one sheet: frozen, filterable header row; text columns formatted as text; rows one at a time. */
async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: SheetColumn[],
  widths: number[],
  rows: Iterable<CellValue[]>,
): Promise<number> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    width: widths[index],
    style: column.kind === 'text' ? { numFmt: TEXT_NUMBER_FORMAT } : {},
  }));
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for (const values of rows) {
    sheet.addRow(values.map((value, index) => valueToCell(value, columns[index].kind))).commit();
    count += 1;
  }
  sheet.commit();
  return count;
}

/** Writes the workbook to `filePath`; returns each sheet's name and number of data rows. */
export async function exportXlsx(
  db: Db,
  filePath: string,
  options: ExportXlsxOptions = {},
): Promise<XlsxSheetSummary[]> {
  const language = options.headers ?? 'en';
  const documentIds = options.documentIds ?? null;
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: true,
  });
  const summary: XlsxSheetSummary[] = [];

  const as = options.as ?? 'corrected';
  const flatRows = databaseToFlatRows(db, documentIds === null ? {} : { documents: documentIds.map(String) }, {
    language,
    as,
  });
  const flatColumns = FLAT_COLUMNS.map((column) => ({
    header: language === 'zh' ? column.zh : column.key,
    kind: column.kind,
  }));
  const flatValues = flatRows.map((row) => FLAT_COLUMNS.map((column) => row[column.key] ?? null));
  const flatWidths = flatColumns.map((column, index) =>
    columnWidth(
      flatValues.reduce((widest, row) => Math.max(widest, valueWidth(row[index])), displayWidth(column.header)),
    ),
  );
  summary.push({ name: FLAT_SHEET, rows: await writeSheet(workbook, FLAT_SHEET, flatColumns, flatWidths, flatValues) });

  for (const table of tablesToExport(db, documentIds)) {
    const types = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string }[];
    const columns = types.map((column) => ({
      header: language === 'zh' ? tableColumnToZh(table, column.name) : column.name,
      kind: sqlTypeToKind(column.type),
    }));
    const query = tableRowsQuery(db, table, documentIds);
    const select = () =>
      tableRowsToCorrected(
        db,
        table,
        types.map((column) => column.name),
        as,
        db
          .prepare(query.sql)
          .raw(true)
          .iterate(...query.params) as IterableIterator<CellValue[]>,
      ) as Iterable<CellValue[]>;
    const widest = columns.map((column) => displayWidth(column.header));
    for (const row of select()) {
      row.forEach((value, index) => {
        widest[index] = Math.max(widest[index], valueWidth(value));
      });
    }
    summary.push({ name: table, rows: await writeSheet(workbook, table, columns, widest.map(columnWidth), select()) });
  }
  await workbook.commit();
  return summary;
}
