import { describe, expect, it } from 'vitest';
import { profileToBands, profileToLineRanges, stripReadingToCellLines } from '../../../src/stages/ocr/cellLines.js';
import type { OcrLine, OcrSymbol } from '../../../src/stages/ocr/pool.js';
import { type GrayImage, grayToBinary, otsuThreshold } from '../../../src/stages/ocr/raster.js';
import { textToGray } from '../../../support/renderText.js';

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

/** The ink row profile of a rendered cell, at its Otsu threshold. */
function grayToProfile(image: GrayImage): number[] {
  const binary = grayToBinary(image, otsuThreshold(image));
  return Array.from({ length: image.heightPx }, (_, y) =>
    binary.ink.subarray(y * image.widthPx, (y + 1) * image.widthPx).reduce((sum, ink) => sum + ink, 0),
  );
}

describe('a lone `。` wrapped onto a cell’s last line', () => {
  it('is a line of its own although none of its rows holds more ink than a valley', () => {
    // a line of 28 rows, 34 empty rows, a ring of 6 rows holding 2–4 px a row (the valley threshold is 4 px)
    const profile = profileOf([14, 0], [28, 100], [34, 0], [1, 4], [4, 2], [1, 4], [18, 0]);
    expect(profileToBands(profile)).toEqual([
      { start: 14, end: 42 },
      { start: 76, end: 82 },
    ]);
    // its crop is cut with a line's height above the ring's bottom, where its line's text would start
    expect(profileToLineRanges(profile)).toEqual([
      { start: 0, end: 59, inkStart: 14, inkEnd: 42 },
      { start: 59, end: 100, inkStart: 76, inkEnd: 82, textStart: 54 },
    ]);
  });

  it('is a line of its own when blur leaves its top and bottom rows above the valley threshold', () => {
    const profile = profileOf([28, 100], [20, 0], [2, 12], [3, 3], [2, 12], [10, 0]);
    expect(profileToLineRanges(profile)).toEqual([
      { start: 0, end: 38, inkStart: 0, inkEnd: 28 },
      { start: 38, end: 65, inkStart: 48, inkEnd: 55, textStart: 27 },
    ]);
  });

  it('is a line of its own in rendered cells of two and three lines, loosely or tightly set', () => {
    const line = '提升群众满意度和知名度';
    expect(profileToLineRanges(grayToProfile(textToGray([line, '。'], { fontPx: 29 })))).toEqual([
      { start: 0, end: 59, inkStart: 14, inkEnd: 42 },
      { start: 59, end: 100, inkStart: 76, inkEnd: 82, textStart: 54 },
    ]);
    expect(profileToLineRanges(grayToProfile(textToGray([line, '。'], { fontPx: 44, lineGapPx: 4 })))).toEqual([
      { start: 0, end: 82, inkStart: 21, inkEnd: 63 },
      { start: 82, end: 136, inkStart: 101, inkEnd: 110, textStart: 68 },
    ]);
    expect(profileToLineRanges(grayToProfile(textToGray([line, line, '。'], { fontPx: 44 })))).toEqual([
      { start: 0, end: 72, inkStart: 21, inkEnd: 63 },
      { start: 72, end: 151, inkStart: 83, inkEnd: 125 },
      { start: 151, end: 212, inkStart: 177, inkEnd: 186, textStart: 144 },
    ]);
  });

  it('leaves lines as they were: a short last line `等。`, `、` and `，` inside a line, descenders, one line ending in `。`', () => {
    const ranges = (lines: string[]) => profileToLineRanges(grayToProfile(textToGray(lines, { fontPx: 44 })));
    expect(ranges(['提升群众满意度和知名度', '等。'])).toEqual([
      { start: 0, end: 73, inkStart: 21, inkEnd: 63 },
      { start: 73, end: 150, inkStart: 83, inkEnd: 125 },
    ]);
    expect(ranges(['完成率，满意度、知名度', '及时率'])).toEqual([
      { start: 0, end: 72, inkStart: 21, inkEnd: 63 },
      { start: 72, end: 150, inkStart: 85, inkEnd: 124 },
    ]);
    expect(ranges(['Typography jpg', 'gyp qj'])).toEqual([
      { start: 0, end: 77, inkStart: 27, inkEnd: 66 },
      { start: 77, end: 150, inkStart: 97, inkEnd: 128 },
    ]);
    expect(ranges(['提升知名度。'])).toEqual([{ start: 0, end: 88, inkStart: 21, inkEnd: 63 }]);
  });

  it('is told from a speck lower than a sixth of a line or a stroke end a valley or two under its line', () => {
    // a speck of 3 rows a line's height under the line; a stroke end of 5 rows two empty rows under it
    expect(profileToLineRanges(profileOf([24, 120], [20, 0], [3, 4], [6, 0]))).toEqual([
      { start: 0, end: 53, inkStart: 0, inkEnd: 24 },
    ]);
    expect(profileToLineRanges(profileOf([24, 120], [2, 0], [5, 10], [10, 0]))).toEqual([
      { start: 0, end: 41, inkStart: 0, inkEnd: 24 },
    ]);
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
