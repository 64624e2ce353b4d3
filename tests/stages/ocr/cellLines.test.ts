import { describe, expect, it } from 'vitest';
import { profileToBands, profileToLineRanges, stripReadingToCellLines } from '../../../src/stages/ocr/cellLines.js';
import type { OcrLine, OcrSymbol } from '../../../src/stages/ocr/pool.js';

/** A row profile from runs of [rows, ink per row]. */
const profileOf = (...runs: Array<[number, number]>) => runs.flatMap(([rows, ink]) => Array<number>(rows).fill(ink));

describe('text lines of a cell from its ink row profile', () => {
  it('splits two lines at an empty gap', () => {
    expect(profileToBands(profileOf([5, 0], [24, 120], [4, 0], [24, 100], [5, 0]))).toEqual([
      { start: 5, end: 29 },
      { start: 33, end: 57 },
    ]);
  });

  it('splits lines that blur joined, at a valley holding a few pixels', () => {
    expect(profileToBands(profileOf([24, 120], [2, 3], [24, 110]))).toEqual([
      { start: 0, end: 24 },
      { start: 26, end: 50 },
    ]);
  });

  it('keeps a lone glyph’s line whole although it has valleys of its own beside a full line', () => {
    // line 1: eight glyphs; line 2: one glyph (~15 px per row) with an almost empty row in the middle
    const bands = profileToBands(profileOf([24, 120], [4, 0], [10, 15], [1, 2], [12, 14]));
    expect(bands).toEqual([
      { start: 0, end: 24 },
      { start: 28, end: 51 },
    ]);
  });

  it('keeps a short line of thin strokes, set apart by empty rows, whose rows mostly hold less ink than a valley', () => {
    // `…生活方⏎式。` (eco-2023-extended wps scan 300 dark, PP-OCR's cell crop): only three rows of the second line hold
    // more than the valley threshold (30 px of the fullest row's 774); its ink rows stand between empty rows.
    const profile = profileOf([18, 0], [39, 774], [19, 0], [7, 9], [3, 35], [5, 4], [7, 7], [8, 27], [3, 11], [38, 0]);
    expect(profileToBands(profile)).toEqual([
      { start: 18, end: 57 },
      { start: 76, end: 109 },
    ]);
  });

  it('drops specks lower than a third of a line', () => {
    expect(profileToBands(profileOf([24, 120], [6, 0], [3, 4], [6, 0]))).toEqual([{ start: 0, end: 24 }]);
  });

  it('cuts crops between lines at the emptiest row, covering every row of the cell', () => {
    // rows 27–28 and 30–31 hold stroke ends above the valley threshold (4 px), row 29 one pixel
    const ranges = profileToLineRanges(profileOf([3, 0], [24, 120], [2, 5], [1, 1], [2, 5], [24, 100], [3, 0]));
    expect(ranges).toEqual([
      { start: 0, end: 29, inkStart: 3, inkEnd: 29 },
      { start: 29, end: 59, inkStart: 30, inkEnd: 56 },
    ]);
  });

  it('finds no line in a blank cell', () => {
    expect(profileToLineRanges(profileOf([30, 0]))).toEqual([]);
  });
});

const symbol = (text: string, x0: number, x1: number, top = 10, bottom = 40, confidence = 90): OcrSymbol => ({
  text,
  confidence,
  x0,
  x1,
  top,
  bottom,
});

describe('a strip reading given back to the cell lines it was made of', () => {
  // two line crops 300 px wide, 20 px apart; the second is 10 px shorter, so it sits 5 px lower in the strip
  const placements = [
    { x0: 0, x1: 300, top: 0, cellOffsetY: 0, inkTop: 8, inkBottom: 42 },
    { x0: 320, x1: 620, top: 5, cellOffsetY: 50, inkTop: 58, inkBottom: 92 },
  ];

  it('puts each symbol on its line, in cell crop coordinates, splitting a word that spans both', () => {
    const word = {
      ...symbol('知名度', 200, 350),
      symbols: [symbol('知', 200, 230), symbol('名', 240, 270), symbol('度', 325, 355, 15, 45)],
    };
    const reading: OcrLine[] = [
      {
        ...symbol('提升 知名度', 10, 355),
        words: [{ ...symbol('提升', 10, 80), symbols: [symbol('提', 10, 40), symbol('升', 45, 80)] }, word],
      },
    ];
    const lines = stripReadingToCellLines(reading, placements);
    expect(lines.map((line) => line.text)).toEqual(['提升 知名', '度']);
    expect(lines[1]).toMatchObject({ x0: 5, x1: 35, top: 60, bottom: 90 });
    expect(lines[0].words.map((w) => w.text)).toEqual(['提升', '知名']);
  });

  it('drops a symbol centred outside its line’s ink rows (a stroke of the neighbour line read as `”`)', () => {
    const reading: OcrLine[] = [
      {
        ...symbol('作”', 320, 400),
        words: [{ ...symbol('作”', 320, 400), symbols: [symbol('作', 325, 355, 15, 45), symbol('”', 360, 370, 0, 6)] }],
      },
    ];
    expect(stripReadingToCellLines(reading, placements).map((line) => line.text)).toEqual(['作']);
  });
});
