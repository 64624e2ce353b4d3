/**
 * Which detected cell shows which stored field. The store keeps records, not cell boxes, so the
 * workspace re-extracts the source file (src/serve/sourceFile.ts) and matches each field's
 * extracted value to a cell's text on the record's pages:
 *
 * - an indicator's row is the table row on its page with the most cells equal to its level3,
 *   description, target or basis (rows already taken by an earlier indicator are skipped); each of
 *   those fields is the cell of that row with its text, level1/level2 the cell spanning the row;
 * - a project's code, name, unit and texts are the first cell on its pages with that text; its
 *   amounts the first unused cell whose number, in the table's amount unit, is the stored yuan.
 *
 * Text is compared NFKC-folded without whitespace (the repairs joined wrapped lines and removed
 * spaces). A field matched nowhere has no cell: the view then says so.
 */
import type { Cell, PageLayout } from '../model/index.js';
import { YUAN_PER_AMOUNT_UNIT } from '../vocabulary/index.js';

export type CellRef = { pageNumber: number; table: number; row: number; col: number };

export const cellId = (ref: CellRef) => `${ref.pageNumber}-${ref.table}-${ref.row}-${ref.col}`;

export type FieldProject = {
  seq: number;
  amountUnit: string;
  pageFirst: number;
  pageLast: number;
  values: Record<string, string | number | null>;
  indicators: { seq: number; page: number; values: Record<string, string | number | null> }[];
};

/** The key of a field in the view: `p3.code`, `p3.i5.target_text`. */
export const fieldKey = (projectSeq: number, indicatorSeq: number | null, field: string) =>
  indicatorSeq === null ? `p${projectSeq}.${field}` : `p${projectSeq}.i${indicatorSeq}.${field}`;

const fold = (text: string) => text.normalize('NFKC').replace(/[\s⏎]+/gu, '');

const ROW_FIELDS = ['level3', 'description', 'target_text', 'basis'] as const;
const SPANNING_FIELDS = ['level1', 'level2'] as const;
const PROJECT_TEXT_FIELDS = ['code', 'name', 'unit_name', 'unit_code', 'fund_use', 'goal'] as const;
const PROJECT_AMOUNT_FIELDS = ['budget_total_yuan', 'budget_fiscal_yuan', 'budget_other_yuan'] as const;
/** A printed amount: digits with thousands commas and a decimal part. */
const PRINTED_AMOUNT = /^-?[\d,]+(\.\d+)?$/;

type PlacedCell = { cell: Cell; ref: CellRef; folded: string };

function layoutsToPlacedCells(layouts: readonly PageLayout[]): Map<number, PlacedCell[]> {
  const byPage = new Map<number, PlacedCell[]>();
  for (const layout of layouts) {
    const placed: PlacedCell[] = [];
    layout.tables.forEach((table, t) => {
      for (const cell of table.cells)
        placed.push({
          cell,
          ref: { pageNumber: layout.pageNumber, table: t, row: cell.row, col: cell.col },
          folded: fold(cell.text),
        });
    });
    byPage.set(layout.pageNumber, placed);
  }
  return byPage;
}

/** The yuan a printed amount is in `amountUnit`, or null when the text is not an amount. */
function printedAmountToYuan(text: string, amountUnit: string): number | null {
  const factor = YUAN_PER_AMOUNT_UNIT[amountUnit];
  if (factor === undefined || !PRINTED_AMOUNT.test(text)) return null;
  return Math.round(Number(text.replaceAll(',', '')) * Number(factor));
}

/** Field key → cell id for every field found on the page. */
export function layoutsToFieldCells(
  layouts: readonly PageLayout[],
  projects: readonly FieldProject[],
): Record<string, string> {
  const byPage = layoutsToPlacedCells(layouts);
  const fieldCells: Record<string, string> = {};
  for (const project of projects) {
    const pages: PlacedCell[] = [];
    for (let page = project.pageFirst; page <= project.pageLast; page += 1) pages.push(...(byPage.get(page) ?? []));
    const used = new Set<string>();
    for (const field of PROJECT_TEXT_FIELDS) {
      const value = project.values[field];
      if (typeof value !== 'string' || fold(value) === '') continue;
      const found = pages.find((placed) => placed.folded === fold(value) && !used.has(cellId(placed.ref)));
      if (found) {
        used.add(cellId(found.ref));
        fieldCells[fieldKey(project.seq, null, field)] = cellId(found.ref);
      }
    }
    for (const field of PROJECT_AMOUNT_FIELDS) {
      const yuan = project.values[field];
      if (typeof yuan !== 'number') continue;
      const found = pages.find(
        (placed) => !used.has(cellId(placed.ref)) && printedAmountToYuan(placed.folded, project.amountUnit) === yuan,
      );
      if (found) {
        used.add(cellId(found.ref));
        fieldCells[fieldKey(project.seq, null, field)] = cellId(found.ref);
      }
    }
    const takenRows = new Set<string>();
    for (const indicator of project.indicators) {
      const onPage = byPage.get(indicator.page) ?? [];
      const wanted = ROW_FIELDS.map((field) => indicator.values[field])
        .filter((value): value is string => typeof value === 'string' && fold(value) !== '')
        .map(fold);
      if (wanted.length === 0) continue;
      const votes = new Map<string, number>();
      for (const placed of onPage) {
        const rowKey = `${placed.ref.table}:${placed.ref.row}`;
        if (placed.cell.rowSpan !== 1 || takenRows.has(rowKey) || !wanted.includes(placed.folded)) continue;
        votes.set(rowKey, (votes.get(rowKey) ?? 0) + 1);
      }
      const best = [...votes].sort((a, b) => b[1] - a[1])[0];
      if (!best) continue;
      takenRows.add(best[0]);
      const [table, row] = best[0].split(':').map(Number);
      const inRow = onPage.filter((placed) => placed.ref.table === table && placed.ref.row === row);
      for (const field of ROW_FIELDS) {
        const value = indicator.values[field];
        if (typeof value !== 'string') continue;
        const found = inRow.find((placed) => placed.folded === fold(value));
        if (found) fieldCells[fieldKey(project.seq, indicator.seq, field)] = cellId(found.ref);
      }
      for (const field of SPANNING_FIELDS) {
        const value = indicator.values[field];
        if (typeof value !== 'string') continue;
        const found = onPage.find(
          (placed) =>
            placed.ref.table === table &&
            placed.cell.row <= row &&
            row < placed.cell.row + placed.cell.rowSpan &&
            placed.folded === fold(value),
        );
        if (found) fieldCells[fieldKey(project.seq, indicator.seq, field)] = cellId(found.ref);
      }
    }
  }
  return fieldCells;
}
