/** `--report <file.csv>`: one row per input file of an import. */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeToString } from 'fast-csv';
import { ensureOutputDirSync } from '../outputPaths.js';
import { neutraliseFormula } from '../stages/export/flatCsv.js';

export const REPORT_COLUMNS = ['path', 'status', 'reason', 'pages', 'text_source', 'seconds'] as const;

export type ReportRow = {
  path: string;
  status: string;
  /** `code: message` for a failed file, empty otherwise. */
  reason: string;
  pages: number | null;
  textSource: string | null;
  seconds: number;
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
