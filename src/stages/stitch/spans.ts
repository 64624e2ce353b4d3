/**
 * Merged cells cut by a page break, as one span. Spreadsheet-style writers (Excel, WPS, LibreOffice Calc) centre a
 * merged cell's label in the whole merged area, so a merged cell running over a page break prints its label in one
 * part only (before or after the break) or in every part. The part reaching the table's bottom on one page and the
 * cell starting at the top of the same column on the next page are one span when one of them is empty or both print
 * the same label, when the edge between them is open, or when the part before the break prints its label pushed toward
 * the break and the part after it is empty; an empty part takes the label printed in another.
 */
import type { CellSpan, FlowCell, FlowRow, FlowTable } from '../../model/flow.js';
import { indicatorColumnOf, labelKey } from '../../vocabulary/index.js';
import { horizontalOverlapPt } from '../../vocabulary/tableRows.js';
import { joinWrappedLines } from '../../vocabulary/text.js';

/** Cell edges at a page's table bottom / next page's table top, and column edges, agree within this (one grid). */
const SPAN_EDGE_TOLERANCE_PT = 1.5;
/** Column edges of the two parts of one span agree within this (renderings differ < 1pt). */
const SPAN_COLUMN_TOLERANCE_PT = 3;
/** Indicator columns whose cells are labels (one-row parts may be a merged label's part). */
const LABEL_COLUMNS = ['level1', 'level2'];

/** A pair of cells, the last part before a page break and the first after it, found to be one span. */
export type SpanLink = { before: FlowCell; after: FlowCell };

function isEmpty(cell: FlowCell): boolean {
  return labelKey(cell.text) === '';
}

/** Whether `cell` sits under a header cell naming a level column (一级指标, 二级指标). */
function inLabelColumn(cell: FlowCell, headerRows: FlowRow[]): boolean {
  return headerRows.some((row) =>
    row.cells.some(
      (header) =>
        LABEL_COLUMNS.includes(indicatorColumnOf(header.text) ?? '') &&
        horizontalOverlapPt(header, cell) >= 0.5 * (cell.x1 - cell.x0),
    ),
  );
}

/**
 * The spans a page break cuts: cells of `previousRows` (the table so far) reaching the bottom of its last page, paired
 * with the cells of `nextRows[0]` (the next page's first row after any repeated header) in the same column, when one is
 * empty — a label column, or a part covering several rows — or both print the same label.
 */
export function spanLinksAtBreak(previousRows: FlowRow[], nextRows: FlowRow[], headerRows: FlowRow[]): SpanLink[] {
  const lastRow = previousRows[previousRows.length - 1];
  const firstRow = nextRows[0];
  if (!lastRow || !firstRow) return [];
  const lastPage = previousRows.filter((row) => row.pageNumber === lastRow.pageNumber);
  const pageBottom = Math.max(...lastPage.map((row) => row.bottom));
  const beforeCells = lastPage
    .flatMap((row) => row.cells)
    .filter((cell) => cell.bottom >= pageBottom - SPAN_EDGE_TOLERANCE_PT);
  const links: SpanLink[] = [];
  for (const after of firstRow.cells) {
    const before = beforeCells.find(
      (cell) =>
        Math.abs(cell.x0 - after.x0) <= SPAN_COLUMN_TOLERANCE_PT &&
        Math.abs(cell.x1 - after.x1) <= SPAN_COLUMN_TOLERANCE_PT,
    );
    if (!before) continue;
    const emptyBefore = isEmpty(before);
    const emptyAfter = isEmpty(after);
    if (emptyBefore && emptyAfter) continue;
    const sameLabel = !emptyBefore && !emptyAfter && labelKey(before.text) === labelKey(after.text);
    const oneEmpty = emptyBefore !== emptyAfter;
    const merged = before.rowSpan > 1 || after.rowSpan > 1 || inLabelColumn(after, headerRows);
    // An edge left open at the break (spreadsheet printing) says the cell goes on: its label may be cut by the break.
    const open = before.openBottom === true || after.openTop === true;
    // A span prints its label once (or the same in every part): a part after the break printing another label starts
    // a new cell, unless the open edge says the label is cut by the break.
    const spanLabel = before.span?.label ?? '';
    if (!open && !emptyAfter && spanLabel !== '' && labelKey(spanLabel) !== labelKey(after.text)) continue;
    // A label sitting toward the break in a part before it is centred in an area that goes on past the break.
    const pushedToBreak = !emptyBefore && emptyAfter && (before.textShiftPt ?? 0) > 0;
    if (sameLabel || ((oneEmpty || open) && (merged || open)) || pushedToBreak) links.push({ before, after });
  }
  return links;
}

/** `rows` with each linked cell given its span (a new id, or the id the part before the break already carries). */
export function rowsWithSpanLinks(
  rows: FlowRow[],
  links: SpanLink[],
  nextSpanId: () => number,
): { rows: FlowRow[]; spanOf: Map<FlowCell, CellSpan> } {
  const spanOf = new Map<FlowCell, CellSpan>();
  for (const { before, after } of links) {
    const span = before.span ?? { id: nextSpanId(), label: '', part: 0, parts: 2 };
    spanOf.set(before, span);
    spanOf.set(after, { ...span, part: span.part + 1, parts: span.part + 2 });
  }
  const annotated = rows.map((row) =>
    row.cells.some((cell) => spanOf.has(cell))
      ? { ...row, cells: row.cells.map((cell) => (spanOf.has(cell) ? { ...cell, span: spanOf.get(cell) } : cell)) }
      : row,
  );
  return { rows: annotated, spanOf };
}

/** The largest span id used in `rows` (0 when none). */
export function maxSpanId(rows: FlowRow[]): number {
  return Math.max(0, ...rows.flatMap((row) => row.cells.map((cell) => cell.span?.id ?? 0)));
}

/**
 * The label a span's parts print, parts in reading order: the one text when every printed part prints it (a label
 * repeated in each part), else the printed parts joined (a label cut by the break, each part showing its share).
 */
export function spanPartsToLabel(ordered: FlowCell[]): string {
  const printed = ordered.filter((cell) => !isEmpty(cell));
  if (printed.length === 0) return '';
  if (new Set(printed.map((cell) => labelKey(cell.text))).size === 1) return printed[0].text;
  return joinWrappedLines(printed.map((cell) => cell.text));
}

/** A table's spans completed: every part carries the label printed in the span (spanPartsToLabel) and the part count. */
export function tableWithSpanLabels(table: FlowTable): FlowTable {
  const parts = new Map<number, FlowCell[]>();
  for (const cell of table.rows.flatMap((row) => row.cells))
    if (cell.span) parts.set(cell.span.id, [...(parts.get(cell.span.id) ?? []), cell]);
  if (parts.size === 0) return table;
  const spanFor = new Map<FlowCell, CellSpan>();
  for (const [id, cells] of parts) {
    const ordered = [...cells].sort((a, b) => a.pageNumber - b.pageNumber || a.top - b.top);
    const label = spanPartsToLabel(ordered);
    ordered.forEach((cell, part) => {
      spanFor.set(cell, { id, label, part, parts: ordered.length });
    });
  }
  return {
    ...table,
    rows: table.rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell) => (spanFor.has(cell) ? { ...cell, span: spanFor.get(cell) } : cell)),
    })),
  };
}

/**
 * The next page's first row as evidence of a cut row: a span part printing the label of a span whose part before the
 * break is empty says nothing about the row (the label was centred into it), so it reads as empty.
 */
export function rowWithoutMovedLabels(row: FlowRow, links: SpanLink[]): FlowRow {
  const moved = new Set(links.filter((link) => isEmpty(link.before)).map((link) => link.after));
  if (![...moved].some((cell) => row.cells.includes(cell))) return row;
  return { ...row, cells: row.cells.map((cell) => (moved.has(cell) ? { ...cell, text: '', lines: [] } : cell)) };
}
