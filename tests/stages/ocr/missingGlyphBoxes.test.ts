import { describe, expect, it } from 'vitest';
import { type InkBlock, lineGlyphs, pageWithInk, pieceXsOf } from '../../support/textLineImages.js';

const DPI = 300;

/** A hollow rectangle of ink on the text line (rows 100..129), strokes `stroke` px wide. */
const hollowBox = (x0: number, width: number, stroke = 2, top = 100, bottom = 130): InkBlock[] => [
  { x0, x1: x0 + width, top, bottom: top + stroke },
  { x0, x1: x0 + width, top: bottom - stroke, bottom },
  { x0, x1: x0 + stroke, top, bottom },
  { x0: x0 + width - stroke, x1: x0 + width, top, bottom },
];

describe('missing-glyph boxes (tofu) in a text line', () => {
  it('are left out: the characters around them become pieces of their own (`目□□□□录`)', () => {
    const boxes = [140, 160, 180, 200].flatMap((x0) => hollowBox(x0, 16));
    const glyphs = lineGlyphs([
      { x0: 100, width: 28 },
      { x0: 228, width: 28 },
    ]);
    expect(pieceXsOf(pageWithInk(600, [...glyphs, ...boxes]), DPI)).toEqual([
      [100, 128],
      [228, 256],
    ]);
  });

  it('a hollow glyph as wide as tall (口) is text', () => {
    const glyphs = lineGlyphs([
      { x0: 100, width: 28 },
      { x0: 148, width: 28 },
    ]);
    expect(pieceXsOf(pageWithInk(600, [...glyphs, ...hollowBox(132, 28, 2, 101, 129)]), DPI)).toEqual([[100, 176]]);
  });

  it('are left out when a speck of scan noise touches a box above it (dark-toned 300 dpi scan)', () => {
    const specks = [140, 160, 180, 200].map((x0) => ({ x0: x0 + 12, x1: x0 + 13, top: 99, bottom: 100 }));
    const boxes = [140, 160, 180, 200].flatMap((x0) => hollowBox(x0, 16));
    const glyphs = lineGlyphs([
      { x0: 100, width: 28 },
      { x0: 228, width: 28 },
    ]);
    expect(pieceXsOf(pageWithInk(600, [...glyphs, ...boxes, ...specks]), DPI)).toEqual([
      [100, 128],
      [228, 256],
    ]);
  });
});
