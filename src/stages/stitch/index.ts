/**
 * Stitch: the pages' tables and lines into one reading-order flow. A table continued on the
 * next page is joined to its start: the repeated header row is dropped and a row cut by the
 * page break is merged into the row it continues (logged as a `page_continuation` Repair).
 */
import type { Cell, PageLayout, Repair, Table, TextLine } from '../../model/index.js';
import type { DocumentFlow, FlowBlock, FlowCell, FlowLine, FlowRow, FlowTable } from '../../model/flow.js';
import { sourcesToOcrProvenance } from '../../model/ocrReading.js';
import {
  ALL_VOCABULARY,
  LEVEL2_NAMES,
  editDistance,
  isLevel1Name,
  isLevel2Name,
  labelKey,
  indicatorColumnOf,
  indicatorExtraFieldOf,
  type IndicatorField,
} from '../../vocabulary/index.js';
import {
  headerBlockOf,
  horizontalOverlapPt,
  isHeaderPartRow,
  isHeaderRow,
  rowKey,
} from '../../vocabulary/tableRows.js';
import { joinWrappedLines } from '../../vocabulary/text.js';
import { maxSpanId, rowsWithSpanLinks, rowWithoutMovedLabels, spanLinksAtBreak, tableWithSpanLabels } from './spans.js';

/** Page numbers sit in this top/bottom share of the page (seed: `- 5 -` style footers; landscape writer pages). */
const FURNITURE_MARGIN_SHARE = 0.1;
/**
 * Running headers/footers (`某局2022年部门预算绩效文本` above a continued table, reviewer's case) sit in
 * this tighter top/bottom share: Word and LibreOffice put them in the page margin, above body text
 * that starts at a 2–2.54 cm margin (A4: 57–72pt of 842pt; the seed's B5 rendering: 57pt of 708pt).
 */
const RUNNING_LINE_MARGIN_SHARE = 0.075;
/** A margin line printed (digits aside) on at least this many pages is a running header or footer. */
const RUNNING_LINE_MIN_PAGES = 2;
/**
 * Page numbers as printed: `5`, `- 5 -`, `－5－`, `·5·`, `第 5 页`, `第1页 共5页`, `共5页 第1页`,
 * `5/21`, `P3`, `Page 3`.
 */
const PAGE_NUMBER_LINE =
  /^[\s\-—–－·•・]*(?:第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|(?:[Pp](?:age)?\.?\s*)?\d+(?:\s*[/／]\s*\d+)?(?:\s*页)?)[\s\-—–－·•・]*$/u;
/**
 * A page number read by OCR may come back as anything: the WPS writer prints `- □5□ -` (missing-glyph
 * boxes around the number), read `-0 怠 -`, `四 2 四`, `图 | 多 (| 国` (transport-2021 wps scan). A short
 * OCR line in the running-line band at the same place (top and horizontal centre within this) on
 * RUNNING_LINE_MIN_PAGES pages or more is furniture whatever it reads.
 */
const RUNNING_PLACE_TOLERANCE_PT = 3;
/** …short: at most this many characters, spaces aside (`第1页共5页` is 7). */
const RUNNING_PLACE_MAX_CHARS = 8;
/** Column edges of a table continued without a repeated header match within this (seed renderings differ < 1pt). */
const COLUMN_EDGE_TOLERANCE_PT = 3;

export function stitchPages(layouts: PageLayout[]): { flow: DocumentFlow; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const blocks: FlowBlock[] = [];
  const pages = [...layouts].sort((a, b) => a.pageNumber - b.pageNumber);
  const runningKeys = runningLineKeys(pages);
  const placedFurniture = ocrLinesAtRunningPlaces(pages);
  for (const page of pages) {
    const pageBlocks = pageToBlocks(page, runningKeys, placedFurniture);
    let firstContentOnPage = true;
    for (const block of pageBlocks) {
      if (block.kind === 'table' && firstContentOnPage) {
        const previous = blocks[blocks.length - 1];
        if (previous?.kind === 'table' && previous.pageLast < block.pageFirst) {
          const joined = continueTable(previous, block);
          if (joined) {
            blocks[blocks.length - 1] = tableWithSpanLabels(joined.table);
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

/**
 * One page's tables and non-furniture lines, top to bottom; `runningKeys` from runningLineKeys, `placedFurniture` from
 * ocrLinesAtRunningPlaces.
 */
export function pageToBlocks(
  page: PageLayout,
  runningKeys: ReadonlySet<string> = new Set(),
  placedFurniture: ReadonlySet<TextLine> = new Set(),
): FlowBlock[] {
  const lines: FlowLine[] = page.lines
    .filter(
      (line) =>
        !isPageFurniture(line, page.heightPt) &&
        !(inBand(line, page.heightPt, RUNNING_LINE_MARGIN_SHARE) && runningKeys.has(runningLineKey(line.text))) &&
        !placedFurniture.has(line),
    )
    .map((line) => ({ ...line, kind: 'line' as const }));
  const tables: FlowTable[] = page.tables.map(tableToFlowTable);
  return [...lines, ...tables].sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function inBand(line: TextLine, pageHeightPt: number, share: number): boolean {
  return line.bottom <= pageHeightPt * share || line.top >= pageHeightPt * (1 - share);
}

/** A page number (`5`, `- 5 -`, `·5·`, `第1页 共5页`, `P3` …) in the top or bottom margin. */
export function isPageFurniture(line: TextLine, pageHeightPt: number): boolean {
  return inBand(line, pageHeightPt, FURNITURE_MARGIN_SHARE) && PAGE_NUMBER_LINE.test(line.text.trim());
}

/** A margin line's text with digits made alike, so `第3页` and `第4页` headers compare equal. */
function runningLineKey(text: string): string {
  return labelKey(text).replace(/\d+/gu, '#');
}

/** Keys of the lines printed in the running-header/footer band on RUNNING_LINE_MIN_PAGES pages or more. */
export function runningLineKeys(pages: PageLayout[]): Set<string> {
  const pagesByKey = new Map<string, Set<number>>();
  for (const page of pages) {
    for (const line of page.lines) {
      const key = runningLineKey(line.text);
      if (key === '' || !inBand(line, page.heightPt, RUNNING_LINE_MARGIN_SHARE)) continue;
      const seen = pagesByKey.get(key) ?? new Set<number>();
      seen.add(page.pageNumber);
      pagesByKey.set(key, seen);
    }
  }
  return new Set([...pagesByKey].filter(([, seen]) => seen.size >= RUNNING_LINE_MIN_PAGES).map(([key]) => key));
}

/**
 * Short OCR-read lines of the running-line band printed at the same place on RUNNING_LINE_MIN_PAGES pages or more
 * (misread page numbers).
 */
export function ocrLinesAtRunningPlaces(pages: PageLayout[]): Set<TextLine> {
  const candidates = pages.flatMap((page) =>
    page.lines
      .filter((line) => line.confidence !== undefined && inBand(line, page.heightPt, RUNNING_LINE_MARGIN_SHARE))
      .filter((line) => [...line.text.replace(/\s+/gu, '')].length <= RUNNING_PLACE_MAX_CHARS)
      .map((line) => ({ line, pageNumber: page.pageNumber })),
  );
  const centre = (line: TextLine) => (line.x0 + line.x1) / 2;
  const samePlace = (a: TextLine, b: TextLine) =>
    Math.abs(a.top - b.top) <= RUNNING_PLACE_TOLERANCE_PT &&
    Math.abs(centre(a) - centre(b)) <= RUNNING_PLACE_TOLERANCE_PT;
  return new Set(
    candidates
      .filter(
        ({ line }) =>
          new Set(candidates.filter((other) => samePlace(line, other.line)).map((other) => other.pageNumber)).size >=
          RUNNING_LINE_MIN_PAGES,
      )
      .map(({ line }) => line),
  );
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

/**
 * Joins `next` (the first table of a page) to `previous` when it repeats one of previous's header
 * rows at its top, or when no header is repeated but the column grid is the same.
 */
/** Edits allowed per character when a header row read by OCR is compared with the one it repeats. */
const OCR_HEADER_MAX_EDIT_SHARE = 0.15;

/**
 * A row repeating one of the table's header rows: the same text, or, for a header row read by OCR
 * (it carries confidences), the same text but for a few misread characters.
 */
export function repeatsHeaderRow(
  row: FlowRow,
  headerRows: FlowRow[],
  headerKeys: ReadonlySet<string> = new Set(headerRows.map(rowKey)),
): boolean {
  const key = rowKey(row);
  if (key === '') return false;
  if (headerKeys.has(key)) return true;
  const readByOcr = row.cells.some((cell) => cell.confidence !== undefined);
  if (!readByOcr || !(isHeaderRow(row) || isHeaderPartRow(row))) return false;
  return headerRows.some((header) => {
    const headerKey = rowKey(header);
    return (
      headerKey !== '' &&
      editDistance(headerKey, key) <= OCR_HEADER_MAX_EDIT_SHARE * Math.max([...headerKey].length, [...key].length)
    );
  });
}

export function continueTable(previous: FlowTable, next: FlowTable): { table: FlowTable; repairs: Repair[] } | null {
  if (next.rows.length === 0) return null;
  const headerBlock = headerBlockOf(previous.rows);
  const headerRows = headerBlock ? previous.rows.slice(headerBlock.first, headerBlock.last + 1) : [];
  const headerKeys = new Set(headerRows.map(rowKey).filter((key) => key !== ''));
  // A repeated header may take several rows (a two-row header): drop every one of them.
  let repeated = 0;
  while (repeated < next.rows.length && repeatsHeaderRow(next.rows[repeated], headerRows, headerKeys)) repeated++;
  let rows: FlowRow[];
  if (repeated > 0) rows = next.rows.slice(repeated);
  else if (
    sameColumnGrid(previous.colEdgesPt, next.colEdgesPt) &&
    !isHeaderRow(next.rows[0]) &&
    !isHeaderPartRow(next.rows[0])
  )
    rows = next.rows;
  else return null;

  const repairs: Repair[] = [];
  // Merged cells cut by this break are spans; a label centred into the next page's part is no evidence of a new row.
  const links = spanLinksAtBreak(previous.rows, rows, headerRows);
  const evidence = rows[0] ? rowWithoutMovedLabels(rows[0], links) : undefined;
  let spanId = maxSpanId(previous.rows);
  const linked = rowsWithSpanLinks([...previous.rows, ...rows], links, () => ++spanId).rows;
  const merged = linked.slice(0, previous.rows.length);
  rows = linked.slice(previous.rows.length);
  const lastRow = merged[merged.length - 1];
  const candidate = rows[0];
  if (
    lastRow &&
    candidate &&
    evidence &&
    rowContinuesRow(rowWithCoveringCells(merged, lastRow), evidence, headerRows)
  ) {
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

/** A merged cell's bottom and a row's bottom on one page's grid agree within this. */
const COVERING_EDGE_TOLERANCE_PT = 1.5;

/**
 * `row` (the last row of `rows`) with the merged cells of earlier rows on its page that reach down through it (a
 * 二级指标 merged over the rows above): as evidence of a cut row, the row's level cells are the ones covering it.
 */
export function rowWithCoveringCells(rows: FlowRow[], row: FlowRow): FlowRow {
  const covering = rows
    .filter((other) => other !== row && other.pageNumber === row.pageNumber && other.top < row.top)
    .flatMap((other) => other.cells)
    .filter(
      (cell) =>
        cell.top < row.top - COVERING_EDGE_TOLERANCE_PT && cell.bottom >= row.bottom - COVERING_EDGE_TOLERANCE_PT,
    );
  if (covering.length === 0) return row;
  return { ...row, cells: [...row.cells, ...covering].sort((a, b) => a.x0 - b.x0) };
}

export function sameColumnGrid(a: number[], b: number[]): boolean {
  return (
    a.length === b.length &&
    a.length > 1 &&
    a.every((edge, index) => Math.abs(edge - b[index]) <= COLUMN_EDGE_TOLERANCE_PT)
  );
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
 * under one with an unclosed bracket. A row that starts with a full level-1 or level-2 name is new, and so is a row
 * that fills again the one-line columns (指标方向, 分值) the row above fills.
 */
export function rowContinuesRow(previous: FlowRow, next: FlowRow, headerRows: FlowRow[] = []): boolean {
  const filled = next.cells.filter((cell) => cell.text.trim() !== '');
  if (filled.length === 0 || refillsOneLineCells(previous, next, headerRows)) return false;

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
  if (
    level2Cell &&
    belowText !== '' &&
    !isLevel2Name(level2Cell.text) &&
    ALL_VOCABULARY.includes(labelKey(level2Cell.text) + belowText)
  )
    return true;
  if (
    filled.some((cell) => cell !== below && isLevel1Name(cell.text)) ||
    (below !== null && isLevel1Name(belowText) && !isLevel2Name(belowText))
  )
    return false;
  if (level2Cell) {
    // An empty level-2 cell below is a merged 二级指标 cell cut by the break as often as a cut row:
    // it counts only when the row does not start afresh in its 三级指标, 描述 and 指标值 cells.
    if (belowText === '' && !startsFreshRow(next, level2Cell, headerRows, previous)) return true;
    if (isLevel2Name(belowText) && !isLevel2Name(level2Cell.text + belowText)) return false;
  } else {
    // The last row's 二级指标 cell printed empty (a merged cell whose label is centred into the next page's part):
    // an empty cell below it in a row that does not start afresh is the same cut row.
    const level2Header = headerRows
      .flatMap((row) => row.cells)
      .find((cell) => indicatorColumnOf(cell.text) === 'level2');
    const emptyLevel2 = level2Header ? cellUnder(previous, level2Header) : null;
    const belowEmpty = emptyLevel2 ? cellUnder(next, emptyLevel2) : null;
    if (
      emptyLevel2 &&
      labelKey(emptyLevel2.text) === '' &&
      belowEmpty &&
      labelKey(belowEmpty.text) === '' &&
      !startsFreshRow(next, emptyLevel2, headerRows, previous)
    )
      return true;
  }
  return previousFilled.some((cell) => {
    if (!hasUnclosedBracket(cell.text)) return false;
    const below = cellUnder(next, cell);
    return below !== null && below.text.trim() !== '';
  });
}

/** Indicator columns whose cells, all filled, show a row printed afresh (reviewer: `走访企业 … ≥50家` ⏎ `举办培训 … ≥5场`). */
const FRESH_ROW_COLUMNS = ['level3', 'description', 'target'] as const;
/**
 * The FRESH_ROW_COLUMNS a header must name for its columns to be used: a template without 绩效指标描述 (the extended
 * table: 指标方向 | 计量单位 | 年度指标值 | 分值) shows a fresh row in its 三级指标 and 指标值 cells alone.
 */
const REQUIRED_FRESH_ROW_COLUMNS = ['level3', 'target'] as const;

/**
 * Further indicator columns printed on one line (指标方向 `正向`, 分值 `10`): a row cut by a page break prints them whole
 * in its first part and leaves them empty in the part continued on the next page.
 */
const ONE_LINE_EXTRA_FIELDS: readonly IndicatorField[] = ['direction', 'weight'];

/**
 * Whether `next` leaves empty every one-line column (ONE_LINE_EXTRA_FIELDS, located by the header rows) that
 * `previous` fills, there being at least one: the evidence of a cut row's continuation.
 */
export function leavesOneLineCellsEmpty(previous: FlowRow, next: FlowRow, headerRows: FlowRow[]): boolean {
  const columns = oneLineColumnsFilled(previous, headerRows);
  return columns.length > 0 && columns.every((column) => !filledUnder(next, column));
}

/**
 * Whether `next` fills again every one-line column (ONE_LINE_EXTRA_FIELDS) that `previous` fills, there being at least
 * one: a row printed afresh, whatever a merged label cut by the break (`社会效益` ⏎ `指标`) suggests.
 */
export function refillsOneLineCells(previous: FlowRow, next: FlowRow, headerRows: FlowRow[]): boolean {
  const columns = oneLineColumnsFilled(previous, headerRows);
  return columns.length > 0 && columns.every((column) => filledUnder(next, column));
}

function filledUnder(row: FlowRow, column: { x0: number; x1: number }): boolean {
  const cell = cellUnder(row, column);
  return cell !== null && horizontalOverlapPt(cell, column) > 0 && cell.text.trim() !== '';
}

/** The header cells of the one-line columns (ONE_LINE_EXTRA_FIELDS) under which `row` is filled. */
function oneLineColumnsFilled(row: FlowRow, headerRows: FlowRow[]): Cell[] {
  return headerRows
    .flatMap((header) => header.cells)
    .filter((cell) => ONE_LINE_EXTRA_FIELDS.includes(indicatorExtraFieldOf(cell.text) as IndicatorField))
    .filter((column) => filledUnder(row, column));
}

/**
 * Whether `next` starts a new row: its cells under 三级指标, 绩效指标描述 and 指标值 (those of them the header rows name,
 * 三级指标 and 指标值 at least; without them, the first FRESH_ROW_COLUMNS.length cells right of the level-2 cell)
 * are all filled, and it does not leave empty the one-line columns `previous` (the row above the break) fills.
 */
export function startsFreshRow(
  next: FlowRow,
  level2Cell: { x0: number; x1: number },
  headerRows: FlowRow[],
  previous?: FlowRow,
): boolean {
  if (previous && leavesOneLineCellsEmpty(previous, next, headerRows)) return false;
  const headerCells = headerRows
    .flatMap((row) => row.cells)
    .filter((cell) => (FRESH_ROW_COLUMNS as readonly string[]).includes(indicatorColumnOf(cell.text) ?? ''));
  const named = new Set(headerCells.map((cell) => indicatorColumnOf(cell.text)));
  const fromHeader =
    named.size === headerCells.length && REQUIRED_FRESH_ROW_COLUMNS.every((column) => named.has(column));
  const columns: Array<{ x0: number; x1: number }> = fromHeader
    ? headerCells
    : next.cells
        .filter((cell) => cell.x0 >= level2Cell.x1 - COLUMN_EDGE_TOLERANCE_PT)
        .slice(0, FRESH_ROW_COLUMNS.length);
  if (!fromHeader && columns.length < FRESH_ROW_COLUMNS.length) return false;
  return columns.every((column) => {
    const cell = cellUnder(next, column);
    return cell !== null && horizontalOverlapPt(cell, column) > 0 && cell.text.trim() !== '';
  });
}

/** Merges `next`'s cells into the cells of `previous` above them (by x-overlap), text and OCR provenance joined. */
export function mergeContinuationRow(previous: FlowRow, next: FlowRow): { row: FlowRow; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const cells: FlowCell[] = previous.cells.map((cell) => ({ ...cell, lines: [...cell.lines] }));
  for (const continuation of next.cells) {
    // A span's part reaching below the cut row stays a cell of its own (it covers the next page's rows); a part
    // repeating the label above it adds nothing.
    if (continuation.span && continuation.bottom > next.bottom + COLUMN_EDGE_TOLERANCE_PT) {
      cells.push({ ...continuation });
      continue;
    }
    if (continuation.text.trim() === '') continue;
    const target = cellUnder({ ...previous, cells }, continuation);
    if (continuation.span && target && labelKey(target.text) === labelKey(continuation.text)) continue;
    if (!target) {
      cells.push({ ...continuation });
      continue;
    }
    const before = target.text;
    target.lines = [...target.lines, ...continuation.lines];
    target.text = joinWrappedLines([target.text, continuation.text]);
    // The joined cell was read from both parts: the lower confidence, both engines, the decision of either.
    Object.assign(target, sourcesToOcrProvenance([target, continuation]));
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
