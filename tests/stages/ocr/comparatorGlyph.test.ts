import { describe, expect, it } from 'vitest';
import {
  leadingComparatorGlyph,
  leadingGlyphGapShare,
  MISREAD_COMPARATOR_BEFORE_NUMBER,
} from '../../../src/stages/ocr/comparatorGlyph.js';
import type { BinaryImage } from '../../../src/stages/ocr/raster.js';

/**
 * A 60×40 px cell with one glyph drawn by `paint(x, y)` in its 24×30 box at (8, 5), and a digit-like block after it.
 */
function cellWith(paint: (x: number, y: number) => boolean): BinaryImage {
  const widthPx = 60;
  const heightPx = 40;
  const ink = new Uint8Array(widthPx * heightPx);
  for (let y = 0; y < 30; y++) for (let x = 0; x < 24; x++) if (paint(x, y)) ink[(y + 5) * widthPx + x + 8] = 1;
  for (let y = 5; y < 35; y++)
    for (let x = 40; x < 52; x++) if (x < 43 || x > 48 || y < 8 || y > 31) ink[y * widthPx + x] = 1; // a `0` after a gap
  return { widthPx, heightPx, ink };
}
const box = { x0: 0, top: 0, x1: 60, bottom: 40 };
const noRules = new Uint8Array(60 * 40);

/** Arms of a chevron 2 px thick over rows 0..21, vertex at row 11: right (`>`) or left (`<`). */
const chevron = (pointsRight: boolean) => (x: number, y: number) => {
  if (y > 21) return false;
  const along = y <= 11 ? y : 22 - y; // 0 at the arms' ends, 11 at the vertex
  const armX = pointsRight ? Math.round((along * 23) / 11) : 23 - Math.round((along * 23) / 11);
  return Math.abs(x - armX) <= 1;
};
const bar = (_x: number, y: number) => y >= 26 && y <= 28;

describe('a comparator told from its glyph', () => {
  it('reads a right-pointing chevron over a bar as ≥ and a left-pointing one as ≤', () => {
    expect(
      leadingComparatorGlyph(
        cellWith((x, y) => chevron(true)(x, y) || bar(x, y)),
        noRules,
        box,
      ),
    ).toBe('≥');
    expect(
      leadingComparatorGlyph(
        cellWith((x, y) => chevron(false)(x, y) || bar(x, y)),
        noRules,
        box,
      ),
    ).toBe('≤');
  });

  it('reads a chevron with a slanted bar under its lower arm (⩾, as AR PL UMing draws ≥) as ≥', () => {
    // the lower arm runs from the vertex (23, 11) to (0, 22); the bar parallel to it, 6 px lower, from (23, 17) to (6,
    // 28)
    const slantedBar = (x: number, y: number) =>
      y >= 17 && y <= 28 && Math.abs(x - Math.round(23 - ((y - 17) * 17) / 11)) <= 1;
    expect(
      leadingComparatorGlyph(
        cellWith((x, y) => chevron(true)(x, y) || slantedBar(x, y)),
        noRules,
        box,
      ),
    ).toBe('≥');
  });

  it('leaves a plain < or > without a bar alone', () => {
    expect(leadingComparatorGlyph(cellWith(chevron(false)), noRules, box)).toBeNull();
    expect(leadingComparatorGlyph(cellWith(chevron(true)), noRules, box)).toBeNull();
  });

  it('does not take a digit-like glyph with a bottom bar but no chevron (a 2 drawn as a hook over a bar) for a comparator', () => {
    // top arch across the whole width, a diagonal down to the bottom left, a bar
    const two = (x: number, y: number) =>
      (y <= 2 && x >= 2 && x <= 21) ||
      (x >= 21 && y <= 10) ||
      (y > 10 && y < 26 && Math.abs(x - Math.round(21 - ((y - 10) * 21) / 16)) <= 1) ||
      bar(x, y);
    expect(leadingComparatorGlyph(cellWith(two), noRules, box)).toBeNull();
  });

  it('looks only at readings that open with a known misreading before a number', () => {
    for (const text of ['<120万元', '>6场', '之90%', '全 5个', '二 90%'])
      expect(MISREAD_COMPARATOR_BEFORE_NUMBER.test(text), text).toBe(true);
    for (const text of ['250户', '按合同约定', '人均5元', '≥90%'])
      expect(MISREAD_COMPARATOR_BEFORE_NUMBER.test(text), text).toBe(false);
  });
});

describe('the blank after the first glyph of a line', () => {
  it('is measured from the glyph to the next ink, as a share of the line ink height', () => {
    // The chevron inks x 8..31, the `0` starts at x 40 (8 blank columns); the ink spans rows 5..34.
    expect(leadingGlyphGapShare(cellWith(chevron(true)), noRules, box)).toBeCloseTo(8 / 30, 5);
  });

  it('is null for a line of one glyph', () => {
    const ink = new Uint8Array(60 * 40);
    for (let y = 5; y < 35; y++) ink[y * 60 + 10] = 1;
    expect(leadingGlyphGapShare({ widthPx: 60, heightPx: 40, ink }, noRules, box)).toBeNull();
  });
});
