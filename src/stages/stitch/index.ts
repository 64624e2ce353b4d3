/**
 * Stitch: the pages' tables and lines into one reading-order flow. A table continued on the
 * next page is joined to its start: the repeated header row is dropped and a row cut by the
 * page break is merged into the row it continues (logged as a `page_continuation` Repair).
 */
import type { Cell, PageLayout, Repair, Table, TextLine } from '../../model/index.js';
import type { DocumentFlow, FlowBlock, FlowLine, FlowRow, FlowTable } from '../../model/flow.js';
import { ALL_VOCABULARY, LEVEL2_NAMES, isLevel1Name, isLevel2Name, labelKey, indicatorColumnOf } from '../../vocabulary/index.js';
import { joinWrappedLines } from '../../vocabulary/text.js';

/** Page numbers sit in this top/bottom share of the page (seed: `- 5 -` style footers; landscape writer pages). */
const FURNITURE_MARGIN_SHARE = 0.1;
/** Column edges of a table continued without a repeated header match within this (seed renderings differ < 1pt). */
const COLUMN_EDGE_TOLERANCE_PT = 3;

export function stitchPages(layouts: PageLayout[]): { flow: DocumentFlow; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const blocks: FlowBlock[] = [];
  const pages = [...layouts].sort((a, b) => a.pageNumber - b.pageNumber);
  for (const page of pages) {
    const pageBlocks = pageToBlocks(page);
    let firstContentOnPage = true;
    for (const block of pageBlocks) {
      if (block.kind === 'table' && firstContentOnPage) {
        const previous = blocks[blocks.length - 1];
        if (previous?.kind === 'table' && previous.pageLast < block.pageFirst) {
          const joined = continueTable(previous, block);
          if (joined) {
            blocks[blocks.length - 1] = joined.table;
            repairs.push(...joined.repairs);
            firstContentOnPage = false;
            continue;
          }
        }
      }
      blocks.push(block);
      firstContentOnPage = false;
    }
  }
  return { flow: { pageCount: pages.length, blocks }, repairs };
}

/** One page's tables and non-furniture lines, top to bottom. */
export function pageToBlocks(page: PageLayout): FlowBlock[] {
  const lines: FlowLine[] = page.lines
    .filter((line) => !isPageFurniture(line, page.heightPt))
    .map((line) => ({ ...line, kind: 'line' as const }));
  const tables: FlowTable[] = page.tables.map(tableToFlowTable);
  return [...lines, ...tables].sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

/** A bare page number (`5`, `- 5 -`, `第 5 页`, `5/21`) in the top or bottom margin. */
export function isPageFurniture(line: TextLine, pageHeightPt: number): boolean {
  const inMargin = line.bottom <= pageHeightPt * FURNITURE_MARGIN_SHARE || line.top >= pageHeightPt * (1 - FURNITURE_MARGIN_SHARE);
  return inMargin && /^[-—–\s]*(第\s*)?\d+(\s*页)?(\s*[/／]\s*\d+)?(\s*页)?[-—–\s]*$/.test(line.text);
}

export function tableToFlowTable(table: Table): FlowTable {
  const byRow = new Map<number, Cell[]>();
  for (const cell of table.cells) {
    const row = byRow.get(cell.row) ?? [];
    row.push(cell);
    byRow.set(cell.row, row);
  }
  const rows: FlowRow[] = [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rowIndex, cells]) => {
      const sorted = [...cells].sort((a, b) => a.x0 - b.x0);
      return {
        pageNumber: table.pageNumber,
        top: table.rowEdgesPt[rowIndex] ?? Math.min(...sorted.map((cell) => cell.top)),
        bottom: table.rowEdgesPt[rowIndex + 1] ?? Math.min(...sorted.map((cell) => cell.bottom)),
        cells: sorted,
      };
    });
  return {
    kind: 'table',
    x0: table.x0,
    top: table.top,
    x1: table.x1,
    bottom: table.bottom,
    pageFirst: table.pageNumber,
    pageLast: table.pageNumber,
    colEdgesPt: table.colEdgesPt,
    rows,
  };
}

export function rowKey(row: FlowRow): string {
  return row.cells.map((cell) => labelKey(cell.text)).filter((text) => text !== '').join('|');
}

/** A header row: most of its non-empty cells are indicator-table headers. */
export function isHeaderRow(row: FlowRow): boolean {
  const texts = row.cells.map((cell) => cell.text).filter((text) => labelKey(text) !== '');
  const headers = texts.filter((text) => indicatorColumnOf(text) !== null);
  return headers.length >= 3 && headers.length * 2 > texts.length;
}

/**
 * Joins `next` (the first table of a page) to `previous` when it repeats one of previous's header
 * rows at its top, or when no header is repeated but the column grid is the same.
 */
export function continueTable(previous: FlowTable, next: FlowTable): { table: FlowTable; repairs: Repair[] } | null {
  const [firstRow, ...restRows] = next.rows;
  if (!firstRow) return null;
  const firstKey = rowKey(firstRow);
  const repeatsHeader = firstKey !== '' && previous.rows.some((row) => rowKey(row) === firstKey && isHeaderRow(row));
  let rows: FlowRow[];
  if (repeatsHeader) rows = restRows;
  else if (sameColumnGrid(previous.colEdgesPt, next.colEdgesPt) && !isHeaderRow(firstRow)) rows = next.rows;
  else return null;

  const repairs: Repair[] = [];
  const merged = [...previous.rows];
  const lastRow = merged[merged.length - 1];
  const candidate = rows[0];
  if (lastRow && candidate && rowContinuesRow(lastRow, candidate)) {
    const result = mergeContinuationRow(lastRow, candidate);
    merged[merged.length - 1] = result.row;
    repairs.push(...result.repairs);
    rows = rows.slice(1);
  }
  return {
    table: { ...previous, pageLast: next.pageLast, rows: [...merged, ...rows] },
    repairs,
  };
}

export function sameColumnGrid(a: number[], b: number[]): boolean {
  return a.length === b.length && a.length > 1 && a.every((edge, index) => Math.abs(edge - b[index]) <= COLUMN_EDGE_TOLERANCE_PT);
}

function horizontalOverlapPt(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
}

/** The cell of `row` that overlaps `cell` most horizontally, or null when none does. */
export function cellUnder(row: FlowRow, cell: { x0: number; x1: number }): Cell | null {
  let best: Cell | null = null;
  let bestOverlap = 0;
  for (const candidate of row.cells) {
    const overlap = horizontalOverlapPt(candidate, cell);
    if (overlap > bestOverlap) {
      best = candidate;
      bestOverlap = overlap;
    }
  }
  return best;
}

const OPENING_BRACKETS = '《（(“‘「【〔';
const CLOSING_BRACKETS = '》）)”’」】〕';

/** Whether some bracket opened in `text` is still open at its end. */
export function hasUnclosedBracket(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (OPENING_BRACKETS.includes(char)) depth++;
    else if (CLOSING_BRACKETS.includes(char) && depth > 0) depth--;
  }
  return depth > 0;
}

/**
 * Evidence that `next` (first row on a new page) continues `previous` (last row before the
 * break): a level-2 cell empty or completing a vocabulary word (`经济效益指` + `标`), or a cell
 * under one with an unclosed bracket. A row that starts with a full level-1 or level-2 name is new.
 */
export function rowContinuesRow(previous: FlowRow, next: FlowRow): boolean {
  const filled = next.cells.filter((cell) => cell.text.trim() !== '');
  if (filled.length === 0) return false;

  const previousFilled = previous.cells.filter((cell) => cell.text.trim() !== '');
  // The level-2 position: in the previous row, the left-most filled cell that is (or starts) a level-2 name.
  // Level-1 cells are passed over first: 满意度指标 is a level-1 and a level-2 name, and its merged
  // cell sits left of the level-2 cell (variant fixture transport-2021.wps).
  const notLevel1 = previousFilled.filter((cell) => !isLevel1Name(cell.text));
  const level2Cell =
    notLevel1.find((cell) => isLevel2Name(cell.text)) ??
    notLevel1.find((cell) => {
      const key = labelKey(cell.text);
      return key.length >= 2 && !ALL_VOCABULARY.includes(key) && LEVEL2_NAMES.some((word) => word.startsWith(key));
    }) ??
    previousFilled.find((cell) => isLevel2Name(cell.text));
  const below = level2Cell ? cellUnder(next, level2Cell) : null;
  const belowText = below ? labelKey(below.text) : '';
  // Completing a cut word comes first: the rest may itself be a level-1 name
  // (`服务对象` ⏎ `满意度指标`, variant fixture transport-2021.wps).
  if (level2Cell && belowText !== '' && !isLevel2Name(level2Cell.text) && ALL_VOCABULARY.includes(labelKey(level2Cell.text) + belowText)) return true;
  if (filled.some((cell) => cell !== below && isLevel1Name(cell.text)) || (below !== null && isLevel1Name(belowText) && !isLevel2Name(belowText))) return false;
  if (level2Cell) {
    if (belowText === '') return true;
    if (isLevel2Name(belowText) && !isLevel2Name(level2Cell.text + belowText)) return false;
  }
  return previousFilled.some((cell) => {
    if (!hasUnclosedBracket(cell.text)) return false;
    const below = cellUnder(next, cell);
    return below !== null && below.text.trim() !== '';
  });
}

/** Merges `next`'s cells into the cells of `previous` above them (by x-overlap), text joined. */
export function mergeContinuationRow(previous: FlowRow, next: FlowRow): { row: FlowRow; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const cells = previous.cells.map((cell) => ({ ...cell, lines: [...cell.lines] }));
  for (const continuation of next.cells) {
    if (continuation.text.trim() === '') continue;
    const target = cellUnder({ ...previous, cells }, continuation);
    if (!target) {
      cells.push({ ...continuation });
      continue;
    }
    const before = target.text;
    target.lines = [...target.lines, ...continuation.lines];
    target.text = joinWrappedLines([target.text, continuation.text]);
    repairs.push({
      pageNumber: continuation.pageNumber,
      projectSeq: null,
      kind: 'page_continuation',
      field: `table cell (page ${previous.pageNumber}, column ${target.col})`,
      before: `${before} ⏎ ${continuation.text}`,
      after: target.text,
    });
  }
  cells.sort((a, b) => a.x0 - b.x0);
  return { row: { ...previous, cells }, repairs };
}
