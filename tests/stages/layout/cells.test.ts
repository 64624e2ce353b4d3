import { describe, expect, it } from 'vitest';
import { cellsToTables, intersectionsToCells } from '../../../src/stages/layout/cells.js';
import { mergeRulings, rulingsToIntersections } from '../../../src/stages/layout/rulings.js';
import type { Ruling, Table } from '../../../src/model/index.js';

const h = (y: number, x0: number, x1: number): Ruling => ({ orientation: 'horizontal', x0, x1, top: y, bottom: y });
const v = (x: number, top: number, bottom: number): Ruling => ({ orientation: 'vertical', x0: x, x1: x, top, bottom });

function tablesFrom(rulings: Ruling[]): Table[] {
  const merged = mergeRulings(rulings);
  return cellsToTables(intersectionsToCells(rulingsToIntersections(merged)), 3);
}

const spans = (t: Table) => t.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`);

describe('intersectionsToCells + cellsToTables', () => {
  it('turns a full 2x3 grid into six cells with rows and columns', () => {
    const rulings = [
      h(0, 0, 300),
      h(20, 0, 300),
      h(40, 0, 300),
      v(0, 0, 40),
      v(100, 0, 40),
      v(200, 0, 40),
      v(300, 0, 40),
    ];
    const [table] = tablesFrom(rulings);
    expect(table.rowEdgesPt).toEqual([0, 20, 40]);
    expect(table.colEdgesPt).toEqual([0, 100, 200, 300]);
    expect(spans(table)).toEqual(['0,0 1x1', '0,1 1x1', '0,2 1x1', '1,0 1x1', '1,1 1x1', '1,2 1x1']);
    expect(table.cells[4]).toMatchObject({ x0: 100, top: 20, x1: 200, bottom: 40, pageNumber: 3, text: '', lines: [] });
  });

  it('gives a level-1 cell merged down three rows a rowSpan of 3', () => {
    // interior horizontals stop at x=100: the first column is one cell over rows 1..3
    const rulings = [
      h(0, 0, 300),
      h(20, 0, 300),
      h(40, 100, 300),
      h(60, 100, 300),
      h(80, 0, 300),
      v(0, 0, 80),
      v(100, 0, 80),
      v(300, 0, 80),
    ];
    const [table] = tablesFrom(rulings);
    expect(spans(table)).toEqual(['0,0 1x1', '0,1 1x1', '1,0 3x1', '1,1 1x1', '2,1 1x1', '3,1 1x1']);
    expect(table.cells[2]).toMatchObject({ x0: 0, top: 20, x1: 100, bottom: 80 });
  });

  it('gives a cell without its interior vertical rule a colSpan', () => {
    const rulings = [
      h(0, 0, 300),
      h(20, 0, 300),
      h(40, 0, 300),
      v(0, 0, 40),
      v(100, 0, 20),
      v(200, 0, 40),
      v(300, 0, 40),
    ];
    const [table] = tablesFrom(rulings);
    expect(spans(table)).toEqual(['0,0 1x1', '0,1 1x1', '0,2 1x1', '1,0 1x2', '1,2 1x1']);
  });

  it('merges a middle cell whose horizontal rule is missing only under it', () => {
    const rulings = [
      h(0, 0, 300),
      h(20, 0, 100),
      h(20, 200, 300),
      h(40, 0, 300),
      v(0, 0, 40),
      v(100, 0, 40),
      v(200, 0, 40),
      v(300, 0, 40),
    ];
    const [table] = tablesFrom(rulings);
    expect(spans(table)).toEqual(['0,0 1x1', '0,1 2x1', '0,2 1x1', '1,0 1x1', '1,2 1x1']);
  });

  it('separates two tables on one page and orders them top to bottom', () => {
    const box = (x0: number, top: number, x1: number, bottom: number) => [
      h(top, x0, x1),
      h(bottom, x0, x1),
      v(x0, top, bottom),
      v(x1, top, bottom),
    ];
    const tables = tablesFrom([...box(50, 400, 150, 420), ...box(50, 100, 250, 130)]);
    expect(tables.map((t) => [t.top, t.cells.length])).toEqual([
      [100, 1],
      [400, 1],
    ]);
  });

  it('yields the right cells for two touching tables with different column grids', () => {
    // upper table: columns at 0,150,300; lower table (sharing the line y=20): columns at 0,100,200,300
    const rulings = [
      h(0, 0, 300),
      h(20, 0, 300),
      h(40, 0, 300),
      v(0, 0, 40),
      v(300, 0, 40),
      v(150, 0, 20),
      v(100, 20, 40),
      v(200, 20, 40),
    ];
    const [table] = tablesFrom(rulings);
    expect(table.colEdgesPt).toEqual([0, 100, 150, 200, 300]);
    expect(table.cells.map((c) => [c.x0, c.top, c.x1, c.bottom])).toEqual([
      [0, 0, 150, 20],
      [150, 0, 300, 20],
      [0, 20, 100, 40],
      [100, 20, 200, 40],
      [200, 20, 300, 40],
    ]);
    expect(spans(table)).toEqual(['0,0 1x2', '0,2 1x2', '1,0 1x1', '1,1 1x2', '1,3 1x1']);
  });

  it('makes no cell from an underline or a lone box side', () => {
    expect(tablesFrom([h(100, 0, 200), v(300, 0, 50)])).toEqual([]);
  });
});
