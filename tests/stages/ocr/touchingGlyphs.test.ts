import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../../src/stages/ocr/pool.js';
import type { BinaryImage, GrayImage } from '../../../src/stages/ocr/raster.js';
import { grayWithGapsInserted, linesWithoutGaps, touchingGlyphCuts } from '../../../src/stages/ocr/touchingGlyphs.js';

const W = 40;
const H = 30;
/** A binary image with ink where paint says, rows 4–25 being the text line (22 px tall). */
function imageOf(paint: (x: number, y: number) => boolean): { binary: BinaryImage; ruleMask: Uint8Array } {
  const ink = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (paint(x, y)) ink[y * W + x] = 1;
  return { binary: { widthPx: W, heightPx: H, ink }, ruleMask: new Uint8Array(W * H) };
}
const BOX = { x0: 0, top: 0, x1: W, bottom: H };
const rows = (y: number, from: number, to: number) => y >= from && y <= to;
// A `1` (stem x 10–12, a foot at the baseline x 5–20) whose foot runs into the hook of a `J` (stem x 24–26, hook x
// 18–26).
const oneThenJ = (x: number, y: number) =>
  (x >= 10 && x <= 12 && rows(y, 4, 25)) ||
  (x >= 5 && x <= 20 && rows(y, 24, 25)) ||
  (x >= 24 && x <= 26 && rows(y, 4, 25)) ||
  (x >= 18 && x <= 26 && rows(y, 24, 25));
// A `0` as wide: its middle columns hold two strokes (top and bottom), not one.
const ring = (x: number, y: number) =>
  (x >= 5 && x <= 26 && (rows(y, 4, 5) || rows(y, 24, 25))) ||
  ((x <= 7 || x >= 24) && x >= 5 && x <= 26 && rows(y, 4, 25));

describe('touching glyphs pulled apart', () => {
  it('cuts a piece wider than a glyph in the middle of its thin neck (a `1` whose foot touches a `J`)', () => {
    const { binary, ruleMask } = imageOf(oneThenJ);
    expect(touchingGlyphCuts(binary, ruleMask, BOX)).toEqual([{ x: 17, top: 0, bottom: H }]);
  });

  it('leaves a wide glyph whose middle holds two strokes, and a glyph no wider than a digit', () => {
    expect(touchingGlyphCuts(imageOf(ring).binary, imageOf(ring).ruleMask, BOX)).toEqual([]);
    const one = imageOf((x, y) => (x >= 10 && x <= 12 && rows(y, 4, 25)) || (x >= 5 && x <= 17 && rows(y, 24, 25)));
    expect(touchingGlyphCuts(one.binary, one.ruleMask, BOX)).toEqual([]);
  });

  it('looks at each text line of the box on its own rows', () => {
    const { binary, ruleMask } = imageOf(oneThenJ);
    expect(
      touchingGlyphCuts(binary, ruleMask, BOX, [
        { start: 0, end: 3 },
        { start: 3, end: H },
      ]),
    ).toEqual([{ x: 17, top: 3, bottom: H }]);
  });

  it('inserts white columns before each cut in the cut’s rows only, other rows ending in white', () => {
    const image: GrayImage = { widthPx: 4, heightPx: 2, gray: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    const apart = grayWithGapsInserted(image, [{ x: 2, top: 0, bottom: 1 }], 2);
    expect(apart.widthPx).toBe(6);
    expect([...apart.gray]).toEqual([1, 2, 255, 255, 3, 4, 5, 6, 7, 8, 255, 255]);
  });

  it('gives boxes read from the image with gaps back in the image without them', () => {
    const symbol = (text: string, x0: number, x1: number) => ({ text, confidence: 90, x0, x1, top: 4, bottom: 26 });
    const read: OcrLine[] = [
      {
        ...symbol('1J', 5, 33),
        words: [{ ...symbol('1J', 5, 33), symbols: [symbol('1', 5, 16), symbol('J', 23, 33)] }],
      },
    ];
    const back = linesWithoutGaps(read, [{ x: 17, top: 0, bottom: H }], 6);
    expect([back[0].x0, back[0].x1]).toEqual([5, 27]);
    expect(back[0].words[0].symbols.map((s) => [s.x0, s.x1])).toEqual([
      [5, 16],
      [17, 27],
    ]);
  });
});
