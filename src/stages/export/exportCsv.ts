import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { format } from 'fast-csv';
import type { Db } from '../store/database.js';
import { ensureOutputDirSync } from '../../outputPaths.js';
import { neutraliseFormula } from './flatCsv.js';
import { type ExportAs, tableRowsToCorrected } from './corrected.js';

/** The tables of docs/contract.md, in the order a reader meets them; one CSV each. */
export const CONTRACT_TABLES = [
  'documents',
  'dept_goals',
  'measures',
  'projects',
  'spend_plan',
  'indicators',
  'repairs',
  'findings',
] as const;
export type ContractTable = (typeof CONTRACT_TABLES)[number];

/**
 * The 部门整体支出绩效目标表 (migration 8), beyond the contract: one CSV (and sheet) each, written when the exported
 * documents hold at least one department table, so exports of documents of only project tables stay as they were.
 */
export const DEPT_TARGET_TABLES = ['dept_targets', 'dept_target_tasks', 'dept_target_indicators'] as const;
export type DeptTargetTable = (typeof DEPT_TARGET_TABLES)[number];

/** The tables an export writes: the contract's, then the department tables when the exported documents hold one. */
export function tablesToExport(db: Db, documentIds: readonly number[] | null = null): string[] {
  const query = tableRowsQuery(db, 'dept_targets', documentIds);
  const hasDeptTargets =
    db
      .prepare(`SELECT EXISTS (${query.sql})`)
      .pluck()
      .get(...query.params) === 1;
  return [...CONTRACT_TABLES, ...(hasDeptTargets ? DEPT_TARGET_TABLES : [])];
}

export type ExportCsvOptions = {
  /** Byte-order mark first, so that Excel reads the Chinese text as UTF-8. */
  bom: boolean;
  /**
   * Text exactly as stored. By default a text cell a spreadsheet would run as a formula (starting
   * with = + - @ tab CR) gets a leading apostrophe, as in the flat sheet; numbers are never changed.
   */
  raw?: boolean;
  /** Only the rows of these documents (filterToDocumentIds); every row when null or absent. */
  documentIds?: readonly number[] | null;
  /**
   * documents, projects and indicators with reviewers' corrections applied (default) or as extracted; the other
   * tables are the same either way.
   */
  as?: ExportAs;
};

type SqlValue = string | number | bigint | Buffer | null;

/** The column names of a table, in schema order (added columns last). */
export function tableColumns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${quoteIdentifier(table)})`).all() as { name: string }[]).map(
    (column) => column.name,
  );
}

/**
 * NULL as an empty cell; numbers as SQLite returns them (integers without a decimal point); text formula-guarded unless
 * `raw`.
 */
export function sqlValueToCsvField(value: SqlValue, options: { raw?: boolean } = {}): string {
  if (value === null) return '';
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'string' && !options.raw) return neutraliseFormula(value);
  return String(value);
}

/**
 * The SELECT of a table's rows in insertion order, limited to `documentIds` when given: by `document_id`, by
 * `project_id` through projects, by `dept_target_id` through dept_targets, or (documents) by `id`.
 */
export function tableRowsQuery(
  db: Db,
  table: string,
  documentIds: readonly number[] | null = null,
): { sql: string; params: number[] } {
  const all = `SELECT * FROM ${quoteIdentifier(table)}`;
  if (documentIds === null) return { sql: `${all} ORDER BY rowid`, params: [] };
  const columns = tableColumns(db, table);
  const list = documentIds.map(() => '?').join(', ') || 'NULL';
  const where = columns.includes('document_id')
    ? `document_id IN (${list})`
    : columns.includes('project_id')
      ? `project_id IN (SELECT id FROM projects WHERE document_id IN (${list}))`
      : columns.includes('dept_target_id')
        ? `dept_target_id IN (SELECT id FROM dept_targets WHERE document_id IN (${list}))`
        : table === 'documents'
          ? `id IN (${list})`
          : null;
  if (where === null) throw new Error(`table ${table} cannot be limited to documents`);
  return { sql: `${all} WHERE ${where} ORDER BY rowid`, params: [...documentIds] };
}

/** Writes one table to a CSV file: header row = column names, rows in insertion order. */
export async function tableToCsv(db: Db, table: string, filePath: string, options: ExportCsvOptions): Promise<void> {
  const columns = tableColumns(db, table);
  const stream = format<string[], string[]>({ headers: columns, alwaysWriteHeaders: true, writeBOM: options.bom });
  const file = createWriteStream(filePath);
  stream.pipe(file);
  const query = tableRowsQuery(db, table, options.documentIds ?? null);
  const rows = db.prepare(query.sql).raw(true);
  const stored = rows.iterate(...query.params) as IterableIterator<SqlValue[]>;
  const corrected = tableRowsToCorrected(db, table, columns, options.as ?? 'corrected', stored);
  for (const row of corrected as Iterable<SqlValue[]>) {
    if (!stream.write(row.map((value) => sqlValueToCsvField(value, options))))
      await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  stream.end();
  await finished(file);
}

/**
 * One CSV per contract table under `outDir` (created if needed), and per department table when there are any
 * (DEPT_TARGET_TABLES); returns the files written.
 */
export async function exportCsv(db: Db, outDir: string, options: ExportCsvOptions): Promise<string[]> {
  ensureOutputDirSync(outDir);
  const written: string[] = [];
  for (const table of tablesToExport(db, options.documentIds ?? null)) {
    const filePath = join(outDir, `${table}.csv`);
    await tableToCsv(db, table, filePath, options);
    written.push(filePath);
  }
  return written;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
