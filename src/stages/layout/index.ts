/**
 * Layout: PageText → PageLayout. Pure: rulings → merged rulings → intersections → cells → tables,
 * runs → cell text, remaining runs → lines.
 */
import type { PageLayout, PageText } from '../../model/index.js';
import { closeOpenEdges, mergeRulings, rulingsToIntersections } from './rulings.js';
import { intersectionsToCells, cellsToTables } from './cells.js';
import { runsToCells, runsToLines } from './text.js';

export { closeOpenEdges, mergeRulings, rulingsToIntersections, type Intersection } from './rulings.js';
export { intersectionsToCells, cellsToTables } from './cells.js';
export { runsToCells, runsToLines, runsToRunLines, joinCellLines, isCjkChar } from './text.js';

export function layoutPage(page: PageText): PageLayout {
  const rulings = closeOpenEdges(mergeRulings(page.rulings));
  const intersections = rulingsToIntersections(rulings);
  const cells = intersectionsToCells(intersections);
  const ruledTables = cellsToTables(cells, page.pageNumber);
  const { tables, outside } = runsToCells(page.runs, ruledTables);
  return {
    pageNumber: page.pageNumber,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    source: page.source,
    tables,
    lines: runsToLines(outside, page.pageNumber),
  };
}
