import { describe, expect, it } from 'vitest';
import { layoutPage } from '../../../src/stages/layout/index.js';
import { joinCellLines, runsToLines } from '../../../src/stages/layout/text.js';
import type { PageText, Ruling, TextRun } from '../../../src/model/index.js';

const h = (y: number, x0: number, x1: number): Ruling => ({
  orientation: 'horizontal',
  x0,
  x1,
  top: y - 0.25,
  bottom: y + 0.25,
});
const v = (x: number, top: number, bottom: number): Ruling => ({
  orientation: 'vertical',
  x0: x - 0.25,
  x1: x + 0.25,
  top,
  bottom,
});

/** One run per glyph, 10pt, advancing `advancePt` per character (the direct writer). */
function glyphs(text: string, x: number, top: number, advancePt = 10, sizePt = 10): TextRun[] {
  return Array.from(text).map((ch, i) => ({
    text: ch,
    x0: x + i * advancePt,
    x1: x + i * advancePt + advancePt,
    top,
    bottom: top + sizePt,
    fontSizePt: sizePt,
  }));
}

const run = (text: string, x0: number, top: number, x1: number, sizePt = 10): TextRun => ({
  text,
  x0,
  x1,
  top,
  bottom: top + sizePt,
  fontSizePt: sizePt,
});

function page(runs: TextRun[], rulings: Ruling[]): PageText {
  return { pageNumber: 2, widthPt: 842, heightPt: 595, source: 'text', runs, rulings };
}

describe('runsToCells (through layoutPage)', () => {
  const grid = [
    h(100, 100, 500),
    h(130, 100, 500),
    h(160, 300, 500),
    h(190, 100, 500),
    v(100, 100, 190),
    v(300, 100, 190),
    v(500, 100, 190),
  ];

  it('puts per-glyph runs into their cells and joins CJK without spaces', () => {
    const layout = layoutPage(page([...glyphs('二级指标', 310, 110), ...glyphs('一级指标', 110, 110)], grid));
    const [table] = layout.tables;
    expect(table.cells.find((c) => c.row === 0 && c.col === 0)?.text).toBe('一级指标');
    expect(table.cells.find((c) => c.row === 0 && c.col === 1)?.text).toBe('二级指标');
  });

  it('reads vertically centred text of a merged cell and keeps empty cells with empty text', () => {
    const layout = layoutPage(page(glyphs('产出指标', 110, 155), grid));
    const cells = layout.tables[0].cells;
    const merged = cells.find((c) => c.row === 1 && c.col === 0)!;
    expect(merged).toMatchObject({ rowSpan: 2, text: '产出指标', lines: ['产出指标'] });
    expect(cells.filter((c) => c.text === '')).toHaveLength(4);
  });

  it('keeps a code wrapped in its cell as two lines joined by one space', () => {
    const runs = [run('13081122P00781510001', 305, 133, 405), run('G', 305, 146, 311)];
    const cell = layoutPage(page(runs, grid)).tables[0].cells.find((c) => c.row === 1 && c.col === 1)!;
    expect(cell.lines).toEqual(['13081122P00781510001', 'G']);
    expect(cell.text).toBe('13081122P00781510001 G');
  });

  it('joins wrapped CJK lines of a cell without a separator', () => {
    const runs = [...glyphs('到企业走访', 305, 162), ...glyphs('调研', 305, 175)];
    const cell = layoutPage(page(runs, grid)).tables[0].cells.find((c) => c.row === 2 && c.col === 1)!;
    expect(cell.lines).toEqual(['到企业走访', '调研']);
    expect(cell.text).toBe('到企业走访调研');
  });

  it('splits a run that straddles a column edge between the two cells', () => {
    // one 20-character run starting in column 0 and running into column 1: 10pt per character
    const layout = layoutPage(page([run('左边的文字左边的文字右边的文字右边的文字', 200, 110, 400)], grid));
    const cells = layout.tables[0].cells;
    expect(cells.find((c) => c.row === 0 && c.col === 0)?.text).toBe('左边的文字左边的文字');
    expect(cells.find((c) => c.row === 0 && c.col === 1)?.text).toBe('右边的文字右边的文字');
  });

  it('leaves runs outside the table to the page lines', () => {
    const layout = layoutPage(page([...glyphs('单位：万元', 100, 80), ...glyphs('数量', 310, 140)], grid));
    expect(layout.lines.map((l) => l.text)).toEqual(['单位：万元']);
    expect(layout.lines[0]).toMatchObject({ pageNumber: 2, x0: 100, x1: 150, top: 80, bottom: 90, fontSizePt: 10 });
  });
});

describe('runsToLines', () => {
  it('orders lines top to bottom and runs left to right', () => {
    const lines = runsToLines([run('第二行', 100, 130, 130), run('右', 110, 100, 120), run('左', 100, 101, 110)], 1);
    expect(lines.map((l) => l.text)).toEqual(['左右', '第二行']);
  });

  it('inserts a space at a wide gap between ASCII tokens only', () => {
    const lines = runsToLines(
      [...glyphs('XXX', 100, 100, 6), ...glyphs('ab', 125, 100, 6), ...glyphs('年', 140, 100)],
      1,
    );
    expect(lines[0].text).toBe('XXX ab年');
  });

  it('adds no space between per-glyph ASCII letters set without gaps', () => {
    expect(runsToLines(glyphs('P0078', 100, 100, 5.5), 1)[0].text).toBe('P0078');
  });

  it('separates a contents title from its page number at a column gap', () => {
    const lines = runsToLines([...glyphs('总体绩效目标', 100, 100), run('1', 480, 100, 485)], 1);
    expect(lines[0].text).toBe('总体绩效目标 1');
  });

  it('drops a glyph painted twice for fake bold', () => {
    const lines = runsToLines([...glyphs('绩效', 100, 100), ...glyphs('绩效', 100.3, 100)], 1);
    expect(lines[0].text).toBe('绩效');
  });
});

describe('joinCellLines', () => {
  it('joins ASCII with a space and CJK or full-width punctuation without', () => {
    expect(joinCellLines(['《承德', '措施（试行）》'])).toBe('《承德措施（试行）》');
    expect(joinCellLines(['12月底', '100%'])).toBe('12月底100%');
    expect(joinCellLines(['Phase', 'two'])).toBe('Phase two');
  });
});
