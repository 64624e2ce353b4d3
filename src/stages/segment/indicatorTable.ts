/** The indicator table: columns from its header rows, rows with merged level cells filled down. */
import type { Cell } from '../../model/index.js';
import type { FlowRow } from '../../model/flow.js';
import type { DraftIndicatorRow, IndicatorColumn, RawText } from '../../model/draft.js';
import { indicatorColumnOf, labelKey } from '../../vocabulary/index.js';
import {
  HEADER_GROUP_WORDS,
  headerBlockOf,
  isHeaderPartRow,
  isHeaderRow,
  overlapShare,
} from '../../vocabulary/tableRows.js';
import { cellToRaw } from './flowText.js';

type Column = { key: IndicatorColumn | string; x0: number; x1: number };

/**
 * A merged cell's span reaches the next row when its bottom is within this of the row's top (cell and row edges come
 * from one grid; renderings differ < 1pt).
 */
const SPAN_EDGE_TOLERANCE_PT = 1;
/**
 * Columns whose merged cells are filled down over the rows they span (level 1 always; level 2 when merged, reviewer's
 * 数量指标 over 3 rows).
 */
const FILL_DOWN_COLUMNS = ['level1', 'level2'] as const;

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

type Span = { raw: RawText; pageNumber: number; bottom: number; reachesPageEnd: boolean };

/**
 * Indicator rows under the header rows, cells mapped to header columns by x-overlap. Level 1 is
 * filled down from the last one printed; level 2 over the rows its merged cell spans, also where
 * a page break cuts the merged cell (the next page's first rows show an empty cell).
 */
export function rowsToIndicators(rows: FlowRow[]): DraftIndicatorRow[] {
  const header = headerBlockOf(rows);
  if (header === null) return [];
  const columns = headerRowsToColumns(rows.slice(header.first, header.last + 1));
  const dataRows = rows.slice(header.last + 1).filter((row) => !isHeaderRow(row) && !isHeaderPartRow(row));
  const pageBottoms = new Map<number, number>();
  for (const row of dataRows)
    pageBottoms.set(row.pageNumber, Math.max(pageBottoms.get(row.pageNumber) ?? -Infinity, row.bottom));
  const indicators: DraftIndicatorRow[] = [];
  const spans = new Map<string, Span>();
  for (const row of dataRows) {
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
    const assigned = new Map<string, { raw: RawText; share: number; cell: Cell }>();
    const emptyCells = new Map<string, Cell>();
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
      if (!best) continue;
      if (cell.text.trim() === '') {
        emptyCells.set(best.key, cell);
        continue;
      }
      const existing = assigned.get(best.key);
      // Two cells under one column (a row with a cell too many): keep the one that fits the column better.
      if (!existing || bestShare > existing.share)
        assigned.set(best.key, { raw: cellToRaw(cell), share: bestShare, cell });
    }
    if (assigned.size === 0) continue;
    for (const [key, { raw }] of assigned) {
      if (key in indicator && key !== 'extra' && key !== 'pageNumber')
        (indicator as Record<string, unknown>)[key] = raw;
      else indicator.extra[key] = raw;
    }
    for (const key of FILL_DOWN_COLUMNS) {
      const printed = assigned.get(key);
      const span = spans.get(key);
      const pageEnd = (pageNumber: number, bottom: number): boolean =>
        bottom >= (pageBottoms.get(pageNumber) ?? Infinity) - SPAN_EDGE_TOLERANCE_PT;
      if (printed) {
        spans.set(key, {
          raw: printed.raw,
          pageNumber: printed.cell.pageNumber,
          bottom: printed.cell.bottom,
          reachesPageEnd: pageEnd(printed.cell.pageNumber, printed.cell.bottom),
        });
        continue;
      }
      if (!span) continue;
      const empty = emptyCells.get(key);
      const coveredOnPage =
        span.pageNumber === row.pageNumber && empty === undefined && row.top < span.bottom - SPAN_EDGE_TOLERANCE_PT;
      // A merged cell cut by a page break goes on as an empty cell at the top of the next page.
      const carriedOver = span.reachesPageEnd && row.pageNumber > span.pageNumber && empty !== undefined;
      if (key === 'level1' || coveredOnPage || carriedOver) {
        indicator[key] = span.raw;
        if (carriedOver && empty)
          spans.set(key, {
            ...span,
            pageNumber: empty.pageNumber,
            bottom: empty.bottom,
            reachesPageEnd: pageEnd(empty.pageNumber, empty.bottom),
          });
      }
    }
    indicators.push(indicator);
  }
  return indicators;
}
