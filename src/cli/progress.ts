/** The one-line progress bar drawn on a terminal from the writer's counters. */
import type { BatchCounters } from '../batch/importPdfs.js';

/** Width of the bar in characters. */
const BAR_WIDTH_CHARS = 20;

export function durationToText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Time left at the mean rate of the files done so far; null before the first one. */
export function countersToEtaMs(counters: BatchCounters): number | null {
  if (counters.doneFiles === 0) return null;
  return (counters.elapsedMs / counters.doneFiles) * (counters.totalFiles - counters.doneFiles);
}

/** `[#####.....] 12/200 docs · 340 pages · 3 OCR · 1 failed · ETA 1m20s  current.pdf`, cut to the width. */
export function countersToProgressLine(counters: BatchCounters, current: string | null, widthChars: number): string {
  const total = Math.max(1, counters.totalFiles);
  const filled = Math.min(BAR_WIDTH_CHARS, Math.round((counters.doneFiles / total) * BAR_WIDTH_CHARS));
  const eta = countersToEtaMs(counters);
  const parts = [
    `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH_CHARS - filled)}] ${counters.doneFiles}/${counters.totalFiles} docs`,
    `${counters.pages} pages`,
    `${counters.ocrPages} OCR`,
  ];
  if (counters.failedFiles > 0) parts.push(`${counters.failedFiles} failed`);
  parts.push(`ETA ${eta === null ? '?' : durationToText(eta)}`);
  const line = `${parts.join(' · ')}${current ? `  ${current}` : ''}`;
  const width = Math.max(20, widthChars - 1);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
