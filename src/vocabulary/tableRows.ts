/**
 * Table-row helpers shared by stitch (repeated headers, continuation) and segment (indicator
 * columns): which rows are the indicator table's header, and how much two boxes overlap across.
 */
import type { FlowRow } from '../model/flow.js';
import { indicatorColumnOf, indicatorExtraFieldOf, labelKey } from './index.js';

/**
 * A header row names at least this many indicator columns (the seed's header names six; a two-row header's lower row
 * 一级/二级/三级 names three).
 */
export const HEADER_MIN_COLUMN_NAMES = 3;
/**
 * Words that head a group of indicator columns in a two-row header (`绩效指标` merged over
 * 一级/二级/三级 指标, reviewer's two-row header): header words, but no column of their own.
 */
export const HEADER_GROUP_WORDS: readonly string[] = ['绩效指标', '指标', '指标名称', '考核指标'];

/** How far two boxes overlap across, in points (0 when apart). */
export function horizontalOverlapPt(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
}

/** The share of `box`'s width that lies over `column` (0..1). */
export function overlapShare(box: { x0: number; x1: number }, column: { x0: number; x1: number }): number {
  return horizontalOverlapPt(box, column) / Math.max(1e-6, box.x1 - box.x0);
}

/** A row's non-empty cell texts as one comparison key. */
export function rowKey(row: FlowRow): string {
  return row.cells
    .map((cell) => labelKey(cell.text))
    .filter((text) => text !== '')
    .join('|');
}

/**
 * A header row: at least HEADER_MIN_COLUMN_NAMES indicator-column headers, and they are most of its non-empty cells.
 */
export function isHeaderRow(row: FlowRow): boolean {
  const texts = row.cells.map((cell) => cell.text).filter((text) => labelKey(text) !== '');
  const headers = texts.filter((text) => indicatorColumnOf(text) !== null);
  return headers.length >= HEADER_MIN_COLUMN_NAMES && headers.length * 2 > texts.length;
}

/**
 * A row of a (multi-row) header: every non-empty cell is a column header or a group word, and one at least names an
 * indicator column.
 */
export function isHeaderPartRow(row: FlowRow): boolean {
  const keys = row.cells.map((cell) => labelKey(cell.text)).filter((key) => key !== '');
  if (keys.length === 0 || !keys.some((key) => indicatorColumnOf(key) !== null)) return false;
  return keys.every(
    (key) => indicatorColumnOf(key) !== null || indicatorExtraFieldOf(key) !== null || HEADER_GROUP_WORDS.includes(key),
  );
}

/**
 * The indicator header as row indices: the first header row and the header-part rows directly
 * above and below it (a two-row header whose upper row holds 指标值 / 指标值确定依据 spanning both
 * rows). Null when the rows hold no header.
 */
export function headerBlockOf(rows: FlowRow[]): { first: number; last: number } | null {
  const at = rows.findIndex(isHeaderRow);
  if (at < 0) return null;
  let first = at;
  while (first > 0 && isHeaderPartRow(rows[first - 1])) first--;
  let last = at;
  while (last + 1 < rows.length && isHeaderPartRow(rows[last + 1])) last++;
  return { first, last };
}
