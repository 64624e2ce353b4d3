import { describe, expect, it } from 'vitest';
import type { PageText, Ruling } from '../../../src/model/index.js';
import { layoutPage } from '../../../src/stages/layout/index.js';

const h = (y: number, x0: number, x1: number): Ruling => ({ orientation: 'horizontal', x0, x1, top: y, bottom: y });
const v = (x: number, top: number, bottom: number): Ruling => ({ orientation: 'vertical', x0: x, x1: x, top, bottom });

// A table at a page's bottom as spreadsheet printing leaves it: the left cell of the last row is a merged cell cut by
// the break, with no rule under it (its sides end at the break); its label sits low, toward the break.
const page: PageText = {
  pageNumber: 1,
  widthPt: 842,
  heightPt: 595,
  source: 'text',
  rulings: [h(100, 100, 300), h(130, 100, 300), h(160, 200, 300), v(100, 100, 160), v(200, 100, 160), v(300, 100, 160)],
  runs: [
    { text: '效益指标', x0: 110, x1: 150, top: 146, bottom: 158, fontSizePt: 10 },
    { text: '方案', x0: 210, x1: 230, top: 139, bottom: 151, fontSizePt: 10 },
    { text: '依据', x0: 110, x1: 130, top: 102, bottom: 114, fontSizePt: 10 },
  ],
};

describe('cells cut by a page break (layout)', () => {
  const [table] = layoutPage(page).tables;
  const at = (row: number, col: number) => table!.cells.find((cell) => cell.row === row && cell.col === col)!;

  it('marks the cell whose bottom edge the writer left open, and only that one', () => {
    expect(at(1, 0)).toMatchObject({ text: '效益指标', openBottom: true });
    expect(at(1, 1).openBottom).toBeUndefined();
    expect(at(0, 0).openBottom).toBeUndefined();
    expect(table!.cells.some((cell) => cell.openTop)).toBe(false);
  });

  it('gives text set off-centre in its cell its shift in points (down +, up −); centred text none', () => {
    expect(at(1, 0).textShiftPt).toBe(7);
    expect(at(1, 1).textShiftPt).toBeUndefined();
    expect(at(0, 0).textShiftPt).toBe(-7);
  });
});
