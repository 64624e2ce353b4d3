/** `--report <file.csv>`: one row per input file of an import. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

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

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportRowsToCsv(rows: ReportRow[]): string {
  const lines = [REPORT_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push([row.path, row.status, row.reason, row.pages, row.textSource, row.seconds.toFixed(3)].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** UTF-8 with BOM, like `budgetpdf export`, so that Excel shows Chinese paths correctly. */
export function writeReportCsv(path: string, rows: ReportRow[]): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, `\ufeff${reportRowsToCsv(rows)}`);
}
