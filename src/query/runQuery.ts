/**
 * `budgetpdf query`: one SQL statement against a budget database opened read-only, printed as an
 * aligned table (CJK characters count two columns), CSV or JSON.
 */
import { writeToString } from 'fast-csv';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { BudgetPdfError } from '../errors.js';
import { openReadonlyDatabase } from '../stages/store/database.js';

export const QueryFormat = z.enum(['table', 'csv', 'json']);
export type QueryFormat = z.infer<typeof QueryFormat>;

export type QueryValue = string | number | bigint | Buffer | null;

/** Column names and rows as SQLite returned them. */
export type QueryResult = { columns: string[]; rows: QueryValue[][] };

/** Longest a table cell is shown, in terminal columns; longer text ends with … (CSV and JSON are never cut). */
export const MAX_CELL_WIDTH_COLUMNS = 48;

/**
 * Opens an existing budget database read-only (no migration, no journal change; refused when it is
 * not a budgetpdf database or of another schema version), runs `fn`, closes it.
 */
export function withReadonlyDatabase<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = openReadonlyDatabase(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Runs one read-only statement. A statement that would write (INSERT, UPDATE, DELETE, CREATE,
 * PRAGMA with a value …) is refused before it runs; the connection is read-only besides.
 */
export function runReadonlyQuery(db: Database.Database, sql: string): QueryResult {
  const statement = db.prepare(sql);
  if (!statement.readonly)
    throw new BudgetPdfError('invalid_query', null, 'query is read-only: the statement would change the database');
  if (!statement.reader) return { columns: [], rows: [] };
  const columns = statement.columns().map((column) => column.name);
  const rows = statement.raw(true).all() as QueryValue[][];
  return { columns, rows };
}

/** Terminal columns a code point takes: 2 for East Asian wide and fullwidth characters, 0 for combining marks. */
export function codePointWidth(codePoint: number): number {
  if (
    codePoint === 0 ||
    (codePoint >= 0x300 && codePoint <= 0x36f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    codePoint === 0xfe0f
  )
    return 0;
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) || // Hangul Jamo
    (codePoint >= 0x2e80 && codePoint <= 0x303e) || // CJK radicals, Kangxi, CJK symbols and punctuation (、。《》「」)
    (codePoint >= 0x3041 && codePoint <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) || // CJK extension A
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) || // CJK unified ideographs
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) || // Yi
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) || // Hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // CJK compatibility ideographs
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) || // CJK compatibility forms
    (codePoint >= 0xff00 && codePoint <= 0xff60) || // fullwidth forms （），：；％
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) || // emoji
    (codePoint >= 0x20000 && codePoint <= 0x3fffd); // CJK extensions B…
  return wide ? 2 : 1;
}

/** Display width of a string in terminal columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += codePointWidth(char.codePointAt(0)!);
  return width;
}

/** Cuts `text` to at most `maxColumns` display columns, ending with … when cut. */
export function truncateToWidth(text: string, maxColumns: number): string {
  if (displayWidth(text) <= maxColumns) return text;
  let out = '';
  let width = 0;
  for (const char of text) {
    const w = codePointWidth(char.codePointAt(0)!);
    if (width + w > maxColumns - 1) break;
    out += char;
    width += w;
  }
  return `${out}…`;
}

function valueToText(value: QueryValue): string {
  if (value === null) return '';
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  return String(value);
}

const isNumeric = (value: QueryValue) => typeof value === 'number' || typeof value === 'bigint';

/** An aligned text table: header, a rule, one line per row; numbers right-aligned, line breaks shown as ⏎. */
export function resultToTable(result: QueryResult, maxCellWidth = MAX_CELL_WIDTH_COLUMNS): string {
  if (result.columns.length === 0) return '';
  const cells = result.rows.map((row) =>
    row.map((value) => truncateToWidth(valueToText(value).replace(/\r?\n|\r/g, '⏎'), maxCellWidth)),
  );
  const widths = result.columns.map((column, index) =>
    Math.max(displayWidth(column), ...cells.map((row) => displayWidth(row[index]))),
  );
  const pad = (text: string, width: number, right: boolean) => {
    const fill = ' '.repeat(width - displayWidth(text));
    return right ? fill + text : text + fill;
  };
  const lines = [
    result.columns
      .map((column, index) => pad(column, widths[index], false))
      .join('  ')
      .trimEnd(),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map((row, rowIndex) =>
      row
        .map((text, index) => pad(text, widths[index], isNumeric(result.rows[rowIndex][index])))
        .join('  ')
        .trimEnd(),
    ),
  ];
  const count = `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`;
  return `${lines.join('\n')}\n${count}\n`;
}

/** CSV with a header row; NULL as an empty field. */
export async function resultToCsv(result: QueryResult): Promise<string> {
  if (result.columns.length === 0) return '';
  const text = await writeToString([result.columns, ...result.rows.map((row) => row.map(valueToText))]);
  return `${text}\n`;
}

/** A JSON array of objects keyed by column name; integers beyond 2^53 as strings. */
export function resultToJson(result: QueryResult): string {
  const objects = result.rows.map((row) =>
    Object.fromEntries(
      result.columns.map((column, index) => {
        const value = row[index];
        return [column, typeof value === 'bigint' || Buffer.isBuffer(value) ? valueToText(value) : value];
      }),
    ),
  );
  return `${JSON.stringify(objects, null, 1)}\n`;
}

/** The trigram tokenizer matches substrings of at least this many characters; shorter MATCH terms find nothing. */
export const TRIGRAM_MIN_CHARS = 3;

/** `<name> MATCH '<term>'`: a full-text match with a quoted term ('' doubles a quote). */
const MATCH_CLAUSE = /\b(\w+)\s+MATCH\s+'((?:[^']|'')*)'/gi;
/** The alias text_search is given in FROM/JOIN (`FROM text_search t`, `JOIN text_search AS t`). */
const TEXT_SEARCH_ALIAS =
  /\b(?:FROM|JOIN)\s+text_search(?:\s+(?:AS\s+)?(?!(?:WHERE|JOIN|LEFT|INNER|CROSS|ON|USING|GROUP|ORDER|LIMIT|NATURAL)\b)(\w+))?/i;

/**
 * A `text_search MATCH '<term>'` whose term is shorter than TRIGRAM_MIN_CHARS would find nothing (the trigram
 * index cannot match one or two characters): it becomes `<text_search or its alias>.body LIKE '%<term>%'`,
 * which scans the bodies instead. Terms with FTS5 syntax (spaces, quotes, *, column filters) are left alone.
 * Returns the statement and a note per rewrite.
 */
export function shortMatchesToLike(sql: string): { sql: string; notes: string[] } {
  const aliasMatch = TEXT_SEARCH_ALIAS.exec(sql);
  if (!aliasMatch) return { sql, notes: [] };
  const alias = aliasMatch[1] ?? 'text_search';
  const notes: string[] = [];
  const rewritten = sql.replace(MATCH_CLAUSE, (clause, name: string, quoted: string) => {
    if (name.toLowerCase() !== 'text_search' && name !== alias) return clause;
    const term = quoted.replaceAll("''", "'").replace(/^"(.*)"$/, '$1');
    if ([...term].length >= TRIGRAM_MIN_CHARS || term === '' || /[\s"*:^]/.test(term)) return clause;
    const pattern = `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`.replaceAll("'", "''");
    const like = `${alias}.body LIKE '${pattern}' ESCAPE '\\'`;
    notes.push(
      `'${term}' has fewer than ${TRIGRAM_MIN_CHARS} characters, which the trigram index cannot MATCH; searched with ${like} instead`,
    );
    return like;
  });
  return { sql: rewritten, notes };
}

export type QueryOptions = {
  /** CSV only: a UTF-8 byte-order mark first, so that Excel reads Chinese text correctly. */
  bom?: boolean;
  /** Table only: show every cell whole instead of cutting it at MAX_CELL_WIDTH_COLUMNS. */
  wide?: boolean;
  /** Told what the query did besides running the statement (a short MATCH run as LIKE). */
  onNotice?: (notice: string) => void;
};

/** Runs `sql` on the database at `path`, read-only, and renders it. */
export async function queryDatabase(
  path: string,
  sql: string,
  format: QueryFormat = 'table',
  options: QueryOptions = {},
): Promise<string> {
  const statement = shortMatchesToLike(sql);
  for (const note of statement.notes) options.onNotice?.(note);
  const result = withReadonlyDatabase(path, (db) => runReadonlyQuery(db, statement.sql));
  if (format === 'csv') return `${options.bom ? '\ufeff' : ''}${await resultToCsv(result)}`;
  if (format === 'json') return resultToJson(result);
  return resultToTable(result, options.wide ? Number.POSITIVE_INFINITY : MAX_CELL_WIDTH_COLUMNS);
}
