/**
 * Layout: PageText → PageLayout. Pure: rulings → merged rulings → intersections → cells → tables,
 * runs → cell text, remaining runs → lines.
 */
import type { PageLayout, PageText, Ruling, Table } from '../../model/index.js';
import { closedOpenings, closeOpenEdges, mergeRulings, rulingsToIntersections } from './rulings.js';
import { intersectionsToCells, cellsToTables } from './cells.js';
import { runsToCells, runsToLines } from './text.js';

export { closedOpenings, closeOpenEdges, mergeRulings, rulingsToIntersections, type Intersection } from './rulings.js';
export { intersectionsToCells, cellsToTables } from './cells.js';
export { runsToCells, runsToLines, runsToRunLines, joinCellLines, isCjkChar } from './text.js';

export function layoutPage(page: PageText): PageLayout {
  const merged = mergeRulings(page.rulings);
  const rulings = closeOpenEdges(merged);
  const intersections = rulingsToIntersections(rulings);
  const cells = intersectionsToCells(intersections);
  const ruledTables = cellsToTables(cells, page.pageNumber);
  const filled = runsToCells(page.runs, ruledTables);
  const tables = tablesWithOpenEdges(filled.tables, closedOpenings(merged, rulings));
  const outside = filled.outside;
  return {
    pageNumber: page.pageNumber,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    source: page.source,
    tables,
    lines: runsToLines(outside, page.pageNumber),
  };
}

/** A cell edge lies on an opening within this (both come from one merged ruling grid). */
const OPEN_EDGE_TOLERANCE_PT = 1;
/** …and the opening covers at least this share of the cell's width. */
const OPEN_EDGE_MIN_SHARE = 0.5;

/** Cells whose top or bottom edge the writer left open (closed by closeOpenEdges) marked `openTop` / `openBottom`. */
export function tablesWithOpenEdges(tables: Table[], openings: Ruling[]): Table[] {
  if (openings.length === 0) return tables;
  const openAt = (cell: Table['cells'][number], y: number) =>
    openings.some(
      (opening) =>
        Math.abs(opening.top - y) <= OPEN_EDGE_TOLERANCE_PT &&
        Math.min(opening.x1, cell.x1) - Math.max(opening.x0, cell.x0) >= OPEN_EDGE_MIN_SHARE * (cell.x1 - cell.x0),
    );
  return tables.map((table) => ({
    ...table,
    cells: table.cells.map((cell) => {
      const openTop = openAt(cell, cell.top);
      const openBottom = openAt(cell, cell.bottom);
      return openTop || openBottom
        ? { ...cell, ...(openTop ? { openTop } : {}), ...(openBottom ? { openBottom } : {}) }
        : cell;
    }),
  }));
}
