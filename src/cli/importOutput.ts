/**
 * What `budgetpdf import` prints: a line per finished file, a progress bar on a terminal, the summary, the CSV report.
 */
import type { ImportProgress, ImportResult } from '../batch/importPdfs.js';
import { countersToProgressLine } from './progress.js';
import type { ReportRow } from './reportCsv.js';

export type ImportOutputIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  columns?: number;
};

/** Redraws of the bar at most this often; a batch of small files finishes hundreds a second. */
const PROGRESS_REDRAW_INTERVAL_MS = 100;

/**
 * On a terminal: a progress bar on stderr (documents, pages, OCR pages, ETA) redrawn in place,
 * and only failed files as lines. Off a terminal: one plain line per finished file on stdout.
 */
export function progressReporter(
  io: ImportOutputIo,
  clock: () => number = () => performance.now(),
): ((event: ImportProgress) => void) & { finish: () => void } {
  let drawn = false;
  let lastDrawMs = -Infinity;
  const clear = () => {
    if (drawn) io.err('\r\x1b[2K');
    drawn = false;
  };
  const report = (event: ImportProgress) => {
    if (event.phase === 'done' && (!io.isTty || event.result.status === 'failed')) {
      clear();
      io.out(`${resultLine(event.result)}\n`);
    }
    if (!io.isTty) return;
    const now = clock();
    const last = event.phase === 'done' && event.counters.doneFiles === event.total;
    if (drawn && !last && now - lastDrawMs < PROGRESS_REDRAW_INTERVAL_MS) return;
    lastDrawMs = now;
    clear();
    io.err(countersToProgressLine(event.counters, event.phase === 'start' ? event.path : null, io.columns ?? 80));
    drawn = true;
  };
  return Object.assign(report, { finish: clear });
}

export function resultLine(result: ImportResult): string {
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  if (result.status === 'failed') return `failed    ${result.path}: ${result.errorCode}: ${result.errorMessage}`;
  const ocr = result.ocrPageCount > 0 ? `, ${result.ocrPageCount} OCR pages` : '';
  return `${result.status.padEnd(9)} ${result.path}  (${result.projectCount} projects, ${result.indicatorCount} indicators, ${result.findingCount} findings, ${result.textSource}${ocr}, ${seconds} s)`;
}

export function importSummary(results: ImportResult[], dbPath: string): string {
  const count = (status: ImportResult['status']) => results.filter((result) => result.status === status).length;
  const lines = [
    '',
    `imported ${count('imported')}, unchanged ${count('unchanged')}, replaced ${count('replaced')}, failed ${count('failed')} of ${results.length} into ${dbPath}`,
  ];
  if (results.length === 0) lines.push('no PDF given');
  const failed = results.filter((result) => result.status === 'failed');
  if (failed.length > 0) {
    const byCode = new Map<string, number>();
    for (const result of failed)
      byCode.set(result.errorCode ?? 'unexpected', (byCode.get(result.errorCode ?? 'unexpected') ?? 0) + 1);
    lines.push(`failed: ${[...byCode].map(([code, n]) => `${n} ${code}`).join(', ')}`);
    for (const result of failed) lines.push(`  ${result.path}: ${result.errorCode}: ${result.errorMessage}`);
  }
  return `${lines.join('\n')}\n`;
}

export function resultsToReportRows(results: ImportResult[]): ReportRow[] {
  return results.map((result) => ({
    path: result.path,
    status: result.status,
    reason: result.status === 'failed' ? `${result.errorCode}: ${result.errorMessage}` : '',
    pages: result.pageCount,
    textSource: result.textSource,
    seconds: result.elapsedMs / 1000,
  }));
}
