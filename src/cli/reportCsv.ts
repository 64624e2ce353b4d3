/** `--report <file.csv>`: one row per input file of an import. */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeToString } from 'fast-csv';
import { ensureOutputDirSync } from '../outputPaths.js';
import { neutraliseFormula } from '../stages/export/flatCsv.js';

/** The first six are the report's original columns; what a reader acts on follows. */
export const REPORT_COLUMNS = [
  'path',
  'status',
  'reason',
  'pages',
  'text_source',
  'seconds',
  'document_id',
  'projects',
  'indicators',
  'findings',
  'needs_review',
  'same_document_ids',
] as const;

export type ReportRow = {
  path: string;
  status: string;
  /** `code: message` for a failed file, empty otherwise. */
  reason: string;
  pages: number | null;
  textSource: string | null;
  seconds: number;
  /** The stored document (empty for a failed file). */
  documentId?: number | null;
  projects?: number | null;
  indicators?: number | null;
  findings?: number | null;
  /** Indicator rows with needs_review = 1. */
  needsReview?: number | null;
  /** Other stored documents with the same department, year and title. */
  sameDocumentIds?: number[];
};

/**
 * The report as CSV (fast-csv, CRLF rows): text cells get the flat sheet's formula guard (a file
 * named `=1+2.pdf` is shown, not run, by a spreadsheet); numbers are written as they are.
 */
export async function reportRowsToCsv(rows: ReportRow[]): Promise<string> {
  const text = (value: string | null) => neutraliseFormula(value ?? '');
  const body = await writeToString(
    [
      [...REPORT_COLUMNS],
      ...rows.map((row) => [
        text(row.path),
        text(row.status),
        text(row.reason),
        row.pages === null ? '' : String(row.pages),
        text(row.textSource),
        row.seconds.toFixed(3),
        ...[row.documentId, row.projects, row.indicators, row.findings, row.needsReview].map((value) =>
          value === null || value === undefined ? '' : String(value),
        ),
        (row.sameDocumentIds ?? []).join(' '),
      ]),
    ],
    { rowDelimiter: '\r\n' },
  );
  return `${body}\r\n`;
}

/** UTF-8 with BOM, like `budgetpdf export`, so that Excel shows Chinese paths correctly. */
export async function writeReportCsv(path: string, rows: ReportRow[]): Promise<void> {
  ensureOutputDirSync(dirname(resolve(path)));
  writeFileSync(path, `\ufeff${await reportRowsToCsv(rows)}`);
}
