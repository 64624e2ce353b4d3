import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../src/stages/ocr/raster.js';
import { lineGlyphs, pageWithInk, pieceXsOf } from '../../support/textLineImages.js';

const DPI = 300;

/** A contents line: glyph blocks, and dots of 5×5 px on the baseline (rows 124..128). */
const contentsLine = (
  blocks: Array<{ x0: number; width: number }>,
  dots: { x0: number; count: number; pitch: number },
): GrayImage =>
  pageWithInk(1200, [
    ...lineGlyphs(blocks),
    ...Array.from({ length: dots.count }, (_, i) => ({
      x0: dots.x0 + i * dots.pitch,
      x1: dots.x0 + i * dots.pitch + 5,
      top: 124,
      bottom: 129,
    })),
  ]);

const piecesOf = (image: GrayImage) => pieceXsOf(image, DPI);

describe('leader dots of a contents line', () => {
  it('are left out: the title and the page number become pieces of their own', () => {
    // three Han glyphs, 40 dots 15 px apart, then a page number 18 px wide
    const title = [
      { x0: 100, width: 28 },
      { x0: 131, width: 28 },
      { x0: 162, width: 28 },
    ];
    expect(piecesOf(contentsLine([...title, { x0: 815, width: 18 }], { x0: 200, count: 40, pitch: 15 }))).toEqual([
      [100, 190],
      [815, 833],
    ]);
  });

  it('a few small marks in a line are text, not a leader (`、` `，` `。`)', () => {
    const glyphs = [
      { x0: 100, width: 28 },
      { x0: 145, width: 28 },
      { x0: 190, width: 28 },
    ];
    // marks after each glyph: 132, 177 and 222 (the last one ends the line)
    expect(piecesOf(contentsLine(glyphs, { x0: 132, count: 3, pitch: 45 }))).toEqual([[100, 227]]);
  });
});
