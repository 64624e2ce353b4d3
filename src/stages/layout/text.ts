/**
 * Runs → cell text, and runs outside tables → text lines.
 */
import type { Cell, Table, TextLine, TextRun } from '../../model/index.js';
import { sourcesToOcrProvenance } from '../../model/ocrReading.js';
import { isCjkOrFullWidth } from '../../vocabulary/text.js';
import { nearestEdgeIndex } from './cells.js';

/**
 * Two runs are on one line when they overlap vertically by at least this share of the shorter
 * run's height. Mixed fonts on one line (Helvetica digits beside SimSun in the seed renderings)
 * shift boxes by a point or two; consecutive lines inside a cell do not overlap at all.
 */
export const LINE_OVERLAP_RATIO = 0.5;
/**
 * A gap wider than this (in ems of the font size) between two non-CJK runs is a word space.
 * Per-glyph writers place ASCII letters with no gap; LibreOffice keeps spaces inside its runs.
 */
export const WORD_GAP_EM = 0.25;
/**
 * A gap wider than this (in ems) is a column gap and always becomes one space, even between CJK
 * characters: contents lines (title … page number) and value cells such as `12月底 100%`.
 */
export const COLUMN_GAP_EM = 2;
/**
 * Fake bold (the same glyph painted twice, offset a fraction of a point) is dropped when the
 * repeat starts within this share of an em of the original.
 */
export const DUPLICATE_GLYPH_EM = 0.2;
/** A run straddles a column edge when the edge lies deeper inside it than this share of one character width. */
export const STRADDLE_CHAR_RATIO = 0.5;

/** CJK or full-width: no space is put next to it when glyphs or cell lines are joined. */
export const isCjkChar = isCjkOrFullWidth;

function lastChar(s: string): string | undefined {
  const chars = Array.from(s);
  return chars[chars.length - 1];
}

function firstChar(s: string): string | undefined {
  return Array.from(s)[0];
}

/** Separator between two pieces of text that meet on one line with a gap of `gapPt`. */
function joinSeparator(left: string, right: string, gapPt: number, fontSizePt: number): string {
  if (left.endsWith(' ') || right.startsWith(' ')) return '';
  if (gapPt >= COLUMN_GAP_EM * fontSizePt) return ' ';
  if (gapPt >= WORD_GAP_EM * fontSizePt && !isCjkChar(lastChar(left)) && !isCjkChar(firstChar(right))) return ' ';
  return '';
}

/** Separator between two lines of one cell: none next to a CJK character, one space between ASCII tokens. */
export function lineSeparator(upper: string, lower: string): string {
  if (upper === '' || lower === '') return '';
  return isCjkChar(lastChar(upper)) || isCjkChar(firstChar(lower)) ? '' : ' ';
}

export function joinCellLines(lines: string[]): string {
  let text = '';
  for (const line of lines) text += lineSeparator(text, line) + line;
  return text;
}

export type RunLine = {
  runs: TextRun[];
  x0: number;
  top: number;
  x1: number;
  bottom: number;
  text: string;
  fontSizePt: number;
};

/** Groups runs into lines by vertical overlap (top to bottom), each ordered by x and joined. O(n log n). */
export function runsToRunLines(runs: TextRun[]): RunLine[] {
  const sorted = [...runs].sort((a, b) => a.top + a.bottom - (b.top + b.bottom) || a.x0 - b.x0);
  const groups: { runs: TextRun[]; top: number; bottom: number }[] = [];
  for (const run of sorted) {
    const current = groups[groups.length - 1];
    if (current) {
      const overlap = Math.min(current.bottom, run.bottom) - Math.max(current.top, run.top);
      const shorter = Math.min(current.bottom - current.top, run.bottom - run.top);
      if (overlap >= LINE_OVERLAP_RATIO * shorter) {
        current.runs.push(run);
        current.top = Math.min(current.top, run.top);
        current.bottom = Math.max(current.bottom, run.bottom);
        continue;
      }
    }
    groups.push({ runs: [run], top: run.top, bottom: run.bottom });
  }
  return groups.map((g) => {
    const ordered = g.runs.sort((a, b) => a.x0 - b.x0);
    const kept: TextRun[] = [];
    let text = '';
    let x0 = Infinity;
    let x1 = -Infinity;
    let fontSizePt = 0;
    for (const run of ordered) {
      const prev = kept[kept.length - 1];
      if (prev && run.text === prev.text && Math.abs(run.x0 - prev.x0) < DUPLICATE_GLYPH_EM * run.fontSizePt) continue;
      if (prev)
        text += joinSeparator(text, run.text, run.x0 - prev.x1, Math.max(run.fontSizePt, prev.fontSizePt)) + run.text;
      else text = run.text;
      kept.push(run);
      x0 = Math.min(x0, run.x0);
      x1 = Math.max(x1, run.x1);
      fontSizePt = Math.max(fontSizePt, run.fontSizePt);
    }
    return { runs: kept, x0, top: g.top, x1, bottom: g.bottom, text: text.trim(), fontSizePt };
  });
}

/** Lines of text outside any table. */
export function runsToLines(runs: TextRun[], pageNumber: number): TextLine[] {
  return runsToRunLines(runs)
    .filter((l) => l.text !== '')
    .map((l) => {
      const line: TextLine = {
        x0: l.x0,
        top: l.top,
        x1: l.x1,
        bottom: l.bottom,
        pageNumber,
        text: l.text,
        fontSizePt: l.fontSizePt,
        ...sourcesToOcrProvenance(l.runs),
      };
      return line;
    });
}

/** Splits a horizontal multi-character run into equal-width per-character runs. */
export function runToGlyphRuns(run: TextRun): TextRun[] {
  const chars = Array.from(run.text);
  const step = (run.x1 - run.x0) / chars.length;
  return chars.map((ch, i) => ({ ...run, text: ch, x0: run.x0 + i * step, x1: run.x0 + (i + 1) * step }));
}

function straddlesEdge(run: TextRun, colEdgesPt: number[]): boolean {
  const n = Array.from(run.text).length;
  if (n < 2) return false;
  const margin = ((run.x1 - run.x0) / n) * STRADDLE_CHAR_RATIO;
  const k = nearestEdgeIndex(colEdgesPt, (run.x0 + run.x1) / 2);
  for (const i of [k - 1, k, k + 1]) {
    const e = colEdgesPt[i];
    if (e !== undefined && e > run.x0 + margin && e < run.x1 - margin) return true;
  }
  return false;
}

/** The table slot holding a point: [row, col] of the grid cell, or null outside the grid. */
function gridSlot(edges: number[], value: number): number {
  if (value < edges[0] || value > edges[edges.length - 1]) return -1;
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Puts each run into the cell holding its centre (splitting a run into characters where it
 * straddles a column edge), fills each cell's `lines` and `text` (empty cells keep ''), and returns
 * the runs that fell in no cell.
 */
/** A cell's text whose centre lies within this of the cell's centre is centred (renderings differ by a point). */
export const TEXT_CENTRED_TOLERANCE_PT = 4;

/**
 * How far the centre of a cell's text lies below (+) or above (−) the cell's vertical centre, beyond
 * TEXT_CENTRED_TOLERANCE_PT (0 within it, or without text), rounded to 0.1pt. A label a spreadsheet centres in a merged
 * area cut by a page break sits toward the break in the part that prints it.
 */
export function textShiftPt(cell: { top: number; bottom: number }, runs: TextRun[]): number {
  if (runs.length === 0) return 0;
  let top = Infinity;
  let bottom = -Infinity;
  for (const run of runs) {
    if (run.top < top) top = run.top;
    if (run.bottom > bottom) bottom = run.bottom;
  }
  const shift = (top + bottom) / 2 - (cell.top + cell.bottom) / 2;
  return Math.abs(shift) <= TEXT_CENTRED_TOLERANCE_PT ? 0 : Math.round(shift * 10) / 10;
}

export function runsToCells(runs: TextRun[], tables: Table[]): { tables: Table[]; outside: TextRun[] } {
  const grids = tables.map((t) => {
    const rows = t.rowEdgesPt.length - 1;
    const cols = t.colEdgesPt.length - 1;
    const slots = new Int32Array(rows * cols).fill(-1);
    t.cells.forEach((c, i) => {
      for (let r = c.row; r < c.row + c.rowSpan && r < rows; r++)
        for (let k = c.col; k < c.col + c.colSpan && k < cols; k++) slots[r * cols + k] = i;
    });
    return { table: t, cols, slots, cellRuns: t.cells.map(() => [] as TextRun[]) };
  });
  const outside: TextRun[] = [];
  const place = (run: TextRun): boolean => {
    const cx = (run.x0 + run.x1) / 2;
    const cy = (run.top + run.bottom) / 2;
    for (const g of grids) {
      const t = g.table;
      if (cx < t.x0 || cx > t.x1 || cy < t.top || cy > t.bottom) continue;
      const r = gridSlot(t.rowEdgesPt, cy);
      const k = gridSlot(t.colEdgesPt, cx);
      if (r < 0 || k < 0) continue;
      const i = g.slots[r * g.cols + k];
      if (i >= 0) {
        g.cellRuns[i].push(run);
        return true;
      }
    }
    return false;
  };
  for (const run of runs) {
    const g = grids.find(({ table: t }) => run.x0 < t.x1 && run.x1 > t.x0 && run.top < t.bottom && run.bottom > t.top);
    if (g && run.x1 - run.x0 > run.bottom - run.top && straddlesEdge(run, g.table.colEdgesPt)) {
      for (const glyph of runToGlyphRuns(run)) if (!place(glyph)) outside.push(glyph);
    } else if (!place(run)) {
      outside.push(run);
    }
  }
  const filled = grids.map((g) => ({
    ...g.table,
    cells: g.table.cells.map((cell, i) => {
      const lines = runsToRunLines(g.cellRuns[i])
        .map((l) => l.text)
        .filter((s) => s !== '');
      const out: Cell = { ...cell, lines, text: joinCellLines(lines), ...sourcesToOcrProvenance(g.cellRuns[i]) };
      const shift = textShiftPt(cell, g.cellRuns[i]);
      if (shift !== 0) out.textShiftPt = shift;
      return out;
    }),
  }));
  return { tables: filled, outside };
}
