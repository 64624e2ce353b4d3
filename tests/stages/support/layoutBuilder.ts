/**
 * Hand-built PageLayouts modelled on the seed dump: a table is rows of cell strings
 * (a `\n` inside a string is a line wrap inside the cell), each column a fixed width.
 */
import type { Cell, PageLayout, Table, TextLine } from '../../../src/model/index.js';

export const PAGE_WIDTH_PT = 595;
export const PAGE_HEIGHT_PT = 842;
const ROW_HEIGHT_PT = 30;
const LINE_HEIGHT_PT = 20;
const TABLE_LEFT_PT = 50;

export type CellSpec = string | { text: string; colSpan?: number };
export type TableSpec = { rows: CellSpec[][]; colWidthsPt: number[]; top?: number };
export type LineSpec = { text: string; fontSizePt?: number; top?: number };

function joinLines(lines: string[]): string {
  return lines.reduce((joined, line) => {
    if (joined === '') return line;
    const ascii = /[\x21-\x7e]$/.test(joined) && /^[\x21-\x7e]/.test(line);
    return ascii ? `${joined} ${line}` : joined + line;
  }, '');
}

export function buildTable(pageNumber: number, spec: TableSpec): Table {
  const top = spec.top ?? 100;
  const colEdgesPt = [TABLE_LEFT_PT];
  for (const width of spec.colWidthsPt) colEdgesPt.push(colEdgesPt[colEdgesPt.length - 1] + width);
  const rowEdgesPt = spec.rows.map((_, index) => top + index * ROW_HEIGHT_PT);
  rowEdgesPt.push(top + spec.rows.length * ROW_HEIGHT_PT);
  const cells: Cell[] = [];
  spec.rows.forEach((row, rowIndex) => {
    let col = 0;
    for (const cellSpec of row) {
      const { text, colSpan = 1 } = typeof cellSpec === 'string' ? { text: cellSpec } : cellSpec;
      const lines = text === '' ? [] : text.split('\n');
      cells.push({
        pageNumber,
        row: rowIndex,
        col,
        rowSpan: 1,
        colSpan,
        x0: colEdgesPt[col],
        x1: colEdgesPt[col + colSpan],
        top: rowEdgesPt[rowIndex],
        bottom: rowEdgesPt[rowIndex + 1],
        lines,
        text: joinLines(lines),
      });
      col += colSpan;
    }
  });
  return {
    pageNumber,
    x0: colEdgesPt[0],
    x1: colEdgesPt[colEdgesPt.length - 1],
    top,
    bottom: rowEdgesPt[rowEdgesPt.length - 1],
    rowEdgesPt,
    colEdgesPt,
    cells,
  };
}

export function buildLine(pageNumber: number, spec: LineSpec, defaultTop: number): TextLine {
  const top = spec.top ?? defaultTop;
  return { pageNumber, x0: 60, x1: 500, top, bottom: top + 14, text: spec.text, fontSizePt: spec.fontSizePt ?? 12 };
}

/** A page whose blocks (lines, then tables) are stacked top to bottom in the order given. */
export function buildPage(pageNumber: number, blocks: (LineSpec | string | TableSpec)[]): PageLayout {
  const lines: TextLine[] = [];
  const tables: Table[] = [];
  let cursor = 80;
  for (const block of blocks) {
    if (typeof block === 'string' || 'text' in block) {
      const spec = typeof block === 'string' ? { text: block } : block;
      lines.push(buildLine(pageNumber, spec, cursor));
      cursor = (spec.top ?? cursor) + LINE_HEIGHT_PT;
    } else {
      const table = buildTable(pageNumber, { ...block, top: block.top ?? cursor });
      tables.push(table);
      cursor = table.bottom + LINE_HEIGHT_PT;
    }
  }
  return { pageNumber, widthPt: PAGE_WIDTH_PT, heightPt: PAGE_HEIGHT_PT, source: 'text', tables, lines };
}

/** Column widths of the seed's indicator table: 一级 二级 三级 描述 指标值 依据. */
export const INDICATOR_WIDTHS_PT = [50, 60, 80, 90, 70, 110];
export const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'];
