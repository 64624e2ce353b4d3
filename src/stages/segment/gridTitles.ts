/**
 * Titles printed inside the ruled grid (municipal 项目支出绩效目标表, TEMPLATES.md: `2020年项目申报表`,
 * `…绩效目标表（2022年度）` in the table's first row): a row of one cell naming a project table is lifted out of its
 * table as a line, so that it heads the rows after it as a title printed above the table would (headings.ts). Two
 * tables printed close one after the other and read as one table are parted at such a row too.
 */
import type { FlowBlock, FlowLine, FlowRow, FlowTable } from '../../model/flow.js';
import { sourcesToOcrProvenance } from '../../model/ocrReading.js';
import { isProjectTableTitle } from './projectTables.js';

/** A row that is only a title: one cell, naming a project table of the national family. */
function isGridTitleRow(row: FlowRow): boolean {
  return row.cells.length === 1 && isProjectTableTitle(row.cells[0]!.text);
}

/** The title cell as a line; its size is the cell's height (no font size is known for a cell's text). */
function titleRowToLine(row: FlowRow): FlowLine {
  const cell = row.cells[0]!;
  return {
    kind: 'line',
    pageNumber: cell.pageNumber,
    x0: cell.x0,
    top: cell.top,
    x1: cell.x1,
    bottom: cell.bottom,
    text: cell.text,
    fontSizePt: cell.bottom - cell.top,
    ...sourcesToOcrProvenance([cell]),
  };
}

function rowsToTable(table: FlowTable, rows: FlowRow[]): FlowTable {
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  return {
    ...table,
    top: first.pageNumber === table.pageFirst ? Math.max(table.top, first.top) : first.top,
    bottom: last.pageNumber === table.pageLast ? table.bottom : last.bottom,
    pageFirst: first.pageNumber,
    pageLast: last.pageNumber,
    rows,
  };
}

/** A table's title rows (each followed by further rows) lifted out as lines, the rows between them kept as tables. */
function tableToBlocks(table: FlowTable): FlowBlock[] {
  const cuts = table.rows
    .map((row, index) => (isGridTitleRow(row) && index + 1 < table.rows.length ? index : -1))
    .filter((index) => index >= 0);
  if (cuts.length === 0) return [table];
  const blocks: FlowBlock[] = [];
  if (cuts[0]! > 0) blocks.push(rowsToTable(table, table.rows.slice(0, cuts[0])));
  cuts.forEach((cut, position) => {
    blocks.push(titleRowToLine(table.rows[cut]!));
    blocks.push(rowsToTable(table, table.rows.slice(cut + 1, cuts[position + 1] ?? table.rows.length)));
  });
  return blocks;
}

/** The flow with every title printed inside a ruled grid lifted out as a line above the rows it heads. */
export function blocksToGridTitlesLifted(blocks: readonly FlowBlock[]): FlowBlock[] {
  return blocks.flatMap((block) => (block.kind === 'table' ? tableToBlocks(block) : [block]));
}
