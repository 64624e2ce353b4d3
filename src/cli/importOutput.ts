/**
 * What `budgetpdf import` prints: a line per finished file, a progress bar on a terminal, the summary, the CSV report.
 */
import type { ImportProgress, ImportResult } from '../batch/importPdfs.js';
import type { BatchCounters } from '../batch/importResult.js';
import { countersToProgressLine, durationToText } from './progress.js';
import type { ReportRow } from './reportCsv.js';

export type ImportOutputIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
  columns?: number;
};

/** Redraws of the bar at most this often; a batch of small files finishes hundreds a second. */
const PROGRESS_REDRAW_INTERVAL_MS = 100;
/** The bar is redrawn this often even when no file starts or ends: elapsed time and ETA move on. */
export const PROGRESS_TIMER_INTERVAL_MS = 1000;

export type ProgressTimer = {
  /** Calls `tick` every `intervalMs`; returns a function that stops it. Must not keep the process alive. */
  every: (intervalMs: number, tick: () => void) => () => void;
};

const realTimer: ProgressTimer = {
  every: (intervalMs, tick) => {
    const handle = setInterval(tick, intervalMs);
    handle.unref();
    return () => clearInterval(handle);
  },
};

/**
 * On a terminal: a progress bar on stderr (documents, pages, OCR pages, ETA, the file in progress longest and
 * for how long) redrawn in place on every event and every PROGRESS_TIMER_INTERVAL_MS, and only failed files
 * as lines. Off a terminal: one plain line per finished file on stdout, nothing redrawn.
 */
export function progressReporter(
  io: ImportOutputIo,
  clock: () => number = () => performance.now(),
  timer: ProgressTimer = realTimer,
): ((event: ImportProgress) => void) & { finish: () => void } {
  let drawn = false;
  let lastDrawMs = -Infinity;
  let last: { counters: BatchCounters; atMs: number } | null = null;
  const inFlight = new Map<string, number>();
  let stopTimer: (() => void) | null = null;
  const clear = () => {
    if (drawn) io.err('\r\x1b[2K');
    drawn = false;
  };
  const draw = () => {
    if (!last) return;
    const now = clock();
    lastDrawMs = now;
    const counters = { ...last.counters, elapsedMs: last.counters.elapsedMs + (now - last.atMs) };
    const oldest = [...inFlight].sort((a, b) => a[1] - b[1])[0];
    const current = oldest ? `${oldest[0]} (${durationToText(now - oldest[1])})` : null;
    clear();
    io.err(countersToProgressLine(counters, current, io.columns ?? 80));
    drawn = true;
  };
  const report = (event: ImportProgress) => {
    if (event.phase === 'start') inFlight.set(event.path, clock());
    else inFlight.delete(event.path);
    if (event.phase === 'done' && (!io.isTty || event.result.status === 'failed')) {
      clear();
      io.out(`${resultLine(event.result)}\n`);
    }
    if (!io.isTty) return;
    const now = clock();
    last = { counters: event.counters, atMs: now };
    stopTimer ??= timer.every(PROGRESS_TIMER_INTERVAL_MS, draw);
    const final = event.phase === 'done' && event.counters.doneFiles === event.total;
    if (drawn && !final && now - lastDrawMs < PROGRESS_REDRAW_INTERVAL_MS) return;
    draw();
  };
  const finish = () => {
    stopTimer?.();
    stopTimer = null;
    clear();
  };
  return Object.assign(report, { finish });
}

/**
 * `, 部门整体表 1 (12 indicators)` where the document holds department tables (a document of only such a table has
 * zero projects and is not empty); '' otherwise, so that a line of projects only reads as before.
 */
function deptTargetsPart(deptTargetCount: number, deptIndicatorCount: number): string {
  return deptTargetCount > 0 ? `, 部门整体表 ${deptTargetCount} (${deptIndicatorCount} indicators)` : '';
}

export function resultLine(result: ImportResult): string {
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  if (result.status === 'failed') return `failed    ${result.path}: ${result.errorCode}: ${result.errorMessage}`;
  const ocr = result.ocrPageCount > 0 ? `, ${result.ocrPageCount} OCR pages` : '';
  const same =
    result.sameDocumentIds.length > 0
      ? `, same document as ${result.sameDocumentIds.map((id) => `#${id}`).join(' ')}`
      : '';
  return `${result.status.padEnd(9)} ${result.path}  (${result.projectCount} projects, ${result.indicatorCount} indicators${deptTargetsPart(result.deptTargetCount ?? 0, result.deptIndicatorCount ?? 0)}, ${result.findingCount} findings, ${result.textSource}${ocr}, ${seconds} s)  #${result.documentId}: ${result.needsReviewCount} rows to review${same}`;
}

/** How many documents the summary names under "review first". */
const REVIEW_FIRST_COUNT = 5;

/** Stored documents with rows to review, most first (then most findings, then by id). */
export function resultsToReviewFirst(results: ImportResult[]): ImportResult[] {
  return results
    .filter((result) => result.status !== 'failed' && result.needsReviewCount > 0)
    .sort(
      (a, b) =>
        b.needsReviewCount - a.needsReviewCount ||
        b.findingCount - a.findingCount ||
        (a.documentId ?? 0) - (b.documentId ?? 0),
    );
}

export function importSummary(results: ImportResult[], dbPath: string): string {
  const count = (status: ImportResult['status']) => results.filter((result) => result.status === status).length;
  const lines = [
    '',
    `imported ${count('imported')}, unchanged ${count('unchanged')}, replaced ${count('replaced')}, failed ${count('failed')} of ${results.length} into ${dbPath}`,
  ];
  if (results.length === 0) lines.push('no PDF given');
  const stored = results.filter((result) => result.status !== 'failed');
  if (stored.length > 0) {
    const sum = (pick: (result: ImportResult) => number) => stored.reduce((total, result) => total + pick(result), 0);
    lines.push(
      `${sum((r) => r.projectCount)} projects, ${sum((r) => r.indicatorCount)} indicators${deptTargetsPart(
        sum((r) => r.deptTargetCount ?? 0),
        sum((r) => r.deptIndicatorCount ?? 0),
      )}, ${sum((r) => r.findingCount)} findings; ${sum((r) => r.needsReviewCount)} indicator rows need review`,
    );
  }
  const reviewFirst = resultsToReviewFirst(results);
  if (reviewFirst.length > 0) {
    lines.push('review first (indicator rows with needs_review = 1):');
    for (const result of reviewFirst.slice(0, REVIEW_FIRST_COUNT)) {
      lines.push(
        `  #${result.documentId} ${result.path}: ${result.needsReviewCount} of ${result.indicatorCount} rows, ${result.findingCount} findings`,
      );
    }
    if (reviewFirst.length > REVIEW_FIRST_COUNT)
      lines.push(`  … and ${reviewFirst.length - REVIEW_FIRST_COUNT} more (see --report or indicators_flat.csv)`);
  }
  const same = stored.filter((result) => result.sameDocumentIds.length > 0);
  if (same.length > 0) {
    lines.push(
      'the same document is stored more than once (same department, year and title; count each once with v_documents.latest = 1):',
    );
    for (const result of same) {
      lines.push(`  #${result.documentId} ${result.path} = ${result.sameDocumentIds.map((id) => `#${id}`).join(', ')}`);
    }
  }
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
  return results.map((result) => {
    const stored = result.status !== 'failed';
    return {
      path: result.path,
      status: result.status,
      reason: result.status === 'failed' ? `${result.errorCode}: ${result.errorMessage}` : '',
      pages: result.pageCount,
      textSource: result.textSource,
      seconds: result.elapsedMs / 1000,
      documentId: result.documentId,
      projects: stored ? result.projectCount : null,
      indicators: stored ? result.indicatorCount : null,
      findings: stored ? result.findingCount : null,
      needsReview: stored ? result.needsReviewCount : null,
      sameDocumentIds: result.sameDocumentIds,
    };
  });
}
