/** The indicator table: columns from its header rows, rows with merged level cells filled down. */
import type { FlowCell, FlowRow } from '../../model/flow.js';
import type { DraftIndicatorRow, IndicatorColumn, RawText } from '../../model/draft.js';
import { indicatorColumnOf, labelKey } from '../../vocabulary/index.js';
import {
  HEADER_GROUP_WORDS,
  headerBlockOf,
  isHeaderPartRow,
  isHeaderRow,
  overlapShare,
} from '../../vocabulary/tableRows.js';
import { cellToRaw, cellsToRaw } from './flowText.js';

type Column = { key: IndicatorColumn | string; x0: number; x1: number };

/** A merged cell covers a row when its box holds the row's within this (cell and row edges come from one grid; renderings differ < 1pt). */
const SPAN_EDGE_TOLERANCE_PT = 1;

/**
 * The indicator columns from every header row (a two-row header: `绩效指标` over 一级/二级/三级 in
 * the lower row, 指标值 and 指标值确定依据 spanning both): each named header cell gives a column;
 * a group word (`绩效指标`) gives none.
 */
export function headerRowsToColumns(headerRows: FlowRow[]): Column[] {
  const columns: Column[] = [];
  for (const row of headerRows) {
    for (const cell of row.cells) {
      const key = labelKey(cell.text);
      if (key === '' || HEADER_GROUP_WORDS.includes(key)) continue;
      const column = { key: indicatorColumnOf(cell.text) ?? key, x0: cell.x0, x1: cell.x1 };
      if (!columns.some((other) => other.key === column.key)) columns.push(column);
    }
  }
  return columns.sort((a, b) => a.x0 - b.x0);
}

/**
 * Indicator rows under the header rows, cells mapped to header columns by x-overlap. A row's value in a column is its
 * own printed cell (or, when that cell prints only its share of a label cut by a page break, the span's shares joined);
 * else the label of the span its own empty cell is a part of (a merged cell cut by a page break, stitch); else the text of a merged cell of the same column covering the row on its page (any column: 一级/二级指标,
 * a 依据 merged over rows); level 1 is otherwise filled down from the row above.
 */
export function rowsToIndicators(rows: FlowRow[]): DraftIndicatorRow[] {
  const header = headerBlockOf(rows);
  if (header === null) return [];
  const columns = headerRowsToColumns(rows.slice(header.first, header.last + 1));
  const dataRows = rows.slice(header.last + 1).filter((row) => !isHeaderRow(row) && !isHeaderPartRow(row));
  const placed = dataRows.map((row) => rowCellsByColumn(row, columns));
  const spanParts = new Map<number, FlowCell[]>();
  for (const cell of dataRows.flatMap((row) => row.cells))
    if (cell.span) spanParts.set(cell.span.id, [...(spanParts.get(cell.span.id) ?? []), cell]);
  const spanLabels = new Map<number, RawText>();
  for (const [id, parts] of spanParts) {
    const printed = parts.filter((cell) => cell.text.trim() !== '');
    if (printed.length === 0) continue;
    // Parts printing one label (or repeating it) give it; parts each printing a share of a cut label give them joined.
    const distinct = new Set(printed.map((cell) => labelKey(cell.text))).size;
    spanLabels.set(id, distinct === 1 ? cellToRaw(printed[0]) : (cellsToRaw(printed) as RawText));
  }
  const cellsByColumn = new Map<string, FlowCell[]>();
  for (const byColumn of placed)
    for (const [key, cells] of byColumn) cellsByColumn.set(key, [...(cellsByColumn.get(key) ?? []), ...cells]);
  const labelOf = (cell: FlowCell): RawText | null => {
    const spanLabel = cell.span ? spanLabels.get(cell.span.id) : undefined;
    if (cell.text.trim() !== '' && (!spanLabel || labelKey(spanLabel.text) === labelKey(cell.text)))
      return cellToRaw(cell);
    return spanLabel ?? null;
  };

  const indicators: DraftIndicatorRow[] = [];
  dataRows.forEach((row, index) => {
    const byColumn = placed[index]!;
    const printed = bestPrintedCells(byColumn, columns);
    if (printed.size === 0) return;
    const indicator: DraftIndicatorRow = {
      pageNumber: row.pageNumber,
      level1: null,
      level2: null,
      level3: null,
      description: null,
      target: null,
      basis: null,
      extra: {},
    };
    for (const column of columns) {
      const own = byColumn.get(column.key) ?? [];
      const printedCell = printed.get(column.key);
      const raw = printedCell
        ? labelOf(printedCell)
        : own.length > 0
          ? firstNonNull(own.map(labelOf))
          : coveringLabel(row, cellsByColumn.get(column.key) ?? [], own, labelOf);
      if (raw === null) continue;
      if (column.key in indicator && column.key !== 'extra' && column.key !== 'pageNumber')
        (indicator as Record<string, unknown>)[column.key] = raw;
      else indicator.extra[column.key] = raw;
    }
    if (indicator.level1 === null) indicator.level1 = indicators[indicators.length - 1]?.level1 ?? null;
    indicators.push(indicator);
  });
  return indicators;
}

/** A row's cells by the column each overlaps most. */
function rowCellsByColumn(row: FlowRow, columns: Column[]): Map<string, FlowCell[]> {
  const byColumn = new Map<string, FlowCell[]>();
  for (const cell of row.cells) {
    let best: Column | null = null;
    let bestShare = 0;
    for (const column of columns) {
      const share = overlapShare(cell, column);
      if (share > bestShare) {
        best = column;
        bestShare = share;
      }
    }
    if (best) byColumn.set(best.key, [...(byColumn.get(best.key) ?? []), cell]);
  }
  return byColumn;
}

/** The printed (non-empty) cell of each column; of two under one column (a row with a cell too many), the better fit. */
function bestPrintedCells(byColumn: Map<string, FlowCell[]>, columns: Column[]): Map<string, FlowCell> {
  const printed = new Map<string, FlowCell>();
  for (const column of columns) {
    let best: FlowCell | null = null;
    let bestShare = 0;
    for (const cell of byColumn.get(column.key) ?? []) {
      const share = overlapShare(cell, column);
      if (cell.text.trim() !== '' && share > bestShare) {
        best = cell;
        bestShare = share;
      }
    }
    if (best) printed.set(column.key, best);
  }
  return printed;
}

function firstNonNull<T>(values: Array<T | null>): T | null {
  return values.find((value) => value !== null) ?? null;
}

/** The label of a merged cell of the column (started in an earlier row) whose box holds the row's extent on its page. */
function coveringLabel(
  row: FlowRow,
  columnCells: FlowCell[],
  own: FlowCell[],
  labelOf: (cell: FlowCell) => RawText | null,
): RawText | null {
  const covering = columnCells.find(
    (cell) =>
      !own.includes(cell) &&
      cell.pageNumber === row.pageNumber &&
      cell.top <= row.top + SPAN_EDGE_TOLERANCE_PT &&
      cell.bottom >= row.bottom - SPAN_EDGE_TOLERANCE_PT,
  );
  return covering ? labelOf(covering) : null;
}
