import { describe, expect, it } from 'vitest';
import { grayToBinary, type GrayImage } from '../../../src/stages/ocr/raster.js';
import { binaryToTextLineBoxes } from '../../../src/stages/ocr/rules.js';

const DPI = 300;

/** A white page with one text line, rows 100..129 (30 px): glyph blocks, and dots of 5×5 px on the baseline. */
function contentsLine(blocks: Array<{ x0: number; width: number }>, dots: { x0: number; count: number; pitch: number }): GrayImage {
  const widthPx = 1200;
  const heightPx = 240;
  const gray = new Uint8Array(widthPx * heightPx).fill(250);
  const paint = (x0: number, x1: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) gray[y * widthPx + x] = 20;
  };
  for (const { x0, width } of blocks) paint(x0, x0 + width, 100, 130);
  for (let i = 0; i < dots.count; i++) paint(dots.x0 + i * dots.pitch, dots.x0 + i * dots.pitch + 5, 124, 129);
  return { widthPx, heightPx, gray };
}

const piecesOf = (image: GrayImage) => {
  const binary = grayToBinary(image);
  return binaryToTextLineBoxes(binary, new Uint8Array(binary.ink.length), [], DPI).map((box) => [box.x0, box.x1]);
};

describe('leader dots of a contents line', () => {
  it('are left out: the title and the page number become pieces of their own', () => {
    // three Han glyphs, 40 dots 15 px apart, then a page number 18 px wide
    const title = [{ x0: 100, width: 28 }, { x0: 131, width: 28 }, { x0: 162, width: 28 }];
    expect(piecesOf(contentsLine([...title, { x0: 815, width: 18 }], { x0: 200, count: 40, pitch: 15 }))).toEqual([[100, 190], [815, 833]]);
  });

  it('a few small marks in a line are text, not a leader (`、` `，` `。`)', () => {
    const glyphs = [{ x0: 100, width: 28 }, { x0: 145, width: 28 }, { x0: 190, width: 28 }];
    // marks after each glyph: 132, 177 and 222 (the last one ends the line)
    expect(piecesOf(contentsLine(glyphs, { x0: 132, count: 3, pitch: 45 }))).toEqual([[100, 227]]);
  });
});
