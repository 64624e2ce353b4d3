import { describe, expect, it } from 'vitest';
import { grayToBinary, type GrayImage } from '../../../src/stages/ocr/raster.js';
import {
  binaryToRules,
  binaryToTextLineBoxes,
  ruleOptionsForDpi,
  rulesToCellBoxes,
} from '../../../src/stages/ocr/rules.js';
import { lineGlyphs, pageWithInk, pieceXsOf } from '../../support/textLineImages.js';

const DPI = 300;
const W = 1200;
const H = 900;
/** A 3×3 grid; the middle row's left two cells merged (no vertical rule there); rules 3px, with breaks and speckle. */
const ROWS = [100, 300, 500, 700];
const COLS = [100, 450, 800, 1100];

function tablePage(): GrayImage {
  const gray = new Uint8Array(W * H).fill(235);
  const dark = (x: number, y: number) => (gray[y * W + x] = 25);
  for (const y of ROWS)
    for (let x = COLS[0]; x <= COLS[3]; x++) for (let t = 0; t < 3; t++) if (x % 97 !== 0 || t > 0) dark(x, y + t); // breaks of 1px every 97px
  for (const x of COLS) {
    for (let y = ROWS[0]; y <= ROWS[3]; y++) {
      const merged = x === COLS[1] && y > ROWS[1] + 3 && y < ROWS[2];
      if (!merged) for (let t = 0; t < 3; t++) dark(x + t, y);
    }
  }
  // Speckle noise and a text-like line above the table.
  for (let i = 0; i < 3000; i++) dark((i * 7919) % W, (i * 104729) % H);
  for (let g = 0; g < 10; g++)
    for (let y = 40; y < 70; y++) for (let x = 120 + g * 40; x < 150 + g * 40; x++) if (x % 4 !== 0) dark(x, y);
  return { widthPx: W, heightPx: H, gray };
}

describe('rule detection', () => {
  const binary = grayToBinary(tablePage());
  const { rules, ruleMask } = binaryToRules(binary, ruleOptionsForDpi(DPI));

  it('finds each horizontal rule at its row, across the table, despite breaks and noise', () => {
    const horizontal = rules.filter((r) => r.orientation === 'horizontal').sort((a, b) => a.top - b.top);
    expect(horizontal.map((r) => r.top)).toEqual(ROWS);
    for (const r of horizontal) {
      expect(r.x0).toBe(COLS[0]);
      expect(r.x1).toBe(COLS[3] + 3);
    }
  });

  it('finds vertical rules, the interrupted one as two pieces', () => {
    const vertical = rules.filter((r) => r.orientation === 'vertical').sort((a, b) => a.x0 - b.x0 || a.top - b.top);
    expect(vertical.map((r) => [r.x0, r.top, r.bottom])).toEqual([
      // Bottoms include the 3px-thick bottom rule (exclusive end: ROWS[3] + 3).
      [COLS[0], ROWS[0], ROWS[3] + 3],
      [COLS[1], ROWS[0], ROWS[1] + 4],
      [COLS[1], ROWS[2], ROWS[3] + 3],
      [COLS[2], ROWS[0], ROWS[3] + 3],
      [COLS[3], ROWS[0], ROWS[3] + 3],
    ]);
  });

  it('closes 8 cells, the merged one spanning two columns', () => {
    const cells = rulesToCellBoxes(rules, W, H, DPI);
    expect(cells).toHaveLength(8);
    const merged = cells.find((c) => c.top > ROWS[1] && c.bottom < ROWS[2] + 3 && c.x0 < COLS[1]);
    expect(merged).toBeDefined();
    expect(merged!.x1).toBeGreaterThan(COLS[2] - 5);
    expect(merged!.x1).toBeLessThanOrEqual(COLS[2]);
  });

  it('finds the text line outside the table and nothing else', () => {
    const cells = rulesToCellBoxes(rules, W, H, DPI);
    const lines = binaryToTextLineBoxes(binary, ruleMask, cells, DPI);
    expect(lines).toHaveLength(1);
    // The glyphs span rows 40..69 from x 121; a speckle touching a glyph may widen the box by a pixel.
    expect(lines[0].top).toBeGreaterThanOrEqual(39);
    expect(lines[0].top).toBeLessThanOrEqual(40);
    expect(lines[0].bottom).toBeGreaterThanOrEqual(70);
    expect(lines[0].bottom).toBeLessThanOrEqual(71);
    expect(lines[0].x0).toBeGreaterThanOrEqual(120);
    expect(lines[0].x0).toBeLessThanOrEqual(121);
  });
});

describe('rules and rows of digits', () => {
  it('does not take the aligned bottoms of a row of digits for a rule, but keeps a rule broken by noise', () => {
    const widthPx = 600;
    const heightPx = 120;
    const gray = new Uint8Array(widthPx * heightPx).fill(235);
    // twelve digit bottoms 18px wide every 21px, each inked 3px in 5 (no gap over the 5px a rule may have), on rows
    // 40..41
    for (let d = 0; d < 12; d++)
      for (let x = 50 + d * 21; x < 68 + d * 21; x++)
        if ((x - 50 - d * 21) % 5 < 3) for (let y = 40; y < 42; y++) gray[y * widthPx + x] = 20;
    // a rule with a 1px break every 40px on rows 90..91
    for (let x = 50; x < 550; x++) if (x % 40 !== 0) for (let y = 90; y < 92; y++) gray[y * widthPx + x] = 20;
    const { rules } = binaryToRules(grayToBinary({ widthPx, heightPx, gray }), ruleOptionsForDpi(DPI));
    expect(
      rules.filter((rule) => rule.orientation === 'horizontal').map((rule) => [rule.top, rule.x0, rule.x1]),
    ).toEqual([[90, 50, 550]]);
  });
});

describe('rules and digits with flat feet', () => {
  it('does not take a solid run under the bodies of digits for a rule', () => {
    const widthPx = 600;
    const heightPx = 120;
    const gray = new Uint8Array(widthPx * heightPx).fill(235);
    // a solid 2px run (the feet of 2s and the bowls of 0s blurred together) under digit bodies: two 3px strokes per
    // 18px digit
    for (let x = 50; x < 300; x++) for (let y = 60; y < 62; y++) gray[y * widthPx + x] = 20;
    for (let d = 0; d < 13; d++)
      for (const stroke of [0, 12])
        for (let x = 52 + d * 19 + stroke; x < 55 + d * 19 + stroke; x++)
          for (let y = 30; y < 60; y++) gray[y * widthPx + x] = 20;
    // a real rule, its cells white on both sides
    for (let x = 50; x < 550; x++) for (let y = 100; y < 102; y++) gray[y * widthPx + x] = 20;
    const { rules } = binaryToRules(grayToBinary({ widthPx, heightPx, gray }), ruleOptionsForDpi(DPI));
    expect(
      rules.filter((rule) => rule.orientation === 'horizontal').map((rule) => [rule.top, rule.x0, rule.x1]),
    ).toEqual([[100, 50, 550]]);
  });
});

/** A white page with solid glyph blocks on one text line (rows 100..129, 30px tall). */
const lineOfBlocks = (blocks: Array<{ x0: number; width: number }>): GrayImage => pageWithInk(800, lineGlyphs(blocks));

const piecesOf = (image: GrayImage) => pieceXsOf(image, DPI);

describe('line pieces of letter-spaced headings', () => {
  it('splits two full-width glyphs set 0.8 line heights apart (`目 录`)', () => {
    // glyphs 28px wide in a 30px line, gap 24px = 0.8 line heights
    expect(
      piecesOf(
        lineOfBlocks([
          { x0: 100, width: 28 },
          { x0: 152, width: 28 },
        ]),
      ),
    ).toEqual([
      [100, 128],
      [152, 180],
    ]);
  });

  it('keeps the same gap after a narrow punctuation-sized glyph in one piece (`二、分项…`)', () => {
    // 二 (28px), 、 (8px) 2px after it, then 24px of white before 分
    expect(
      piecesOf(
        lineOfBlocks([
          { x0: 100, width: 28 },
          { x0: 130, width: 8 },
          { x0: 162, width: 28 },
        ]),
      ),
    ).toEqual([[100, 190]]);
  });

  it('keeps Han characters set close together in one piece', () => {
    expect(
      piecesOf(
        lineOfBlocks([
          { x0: 100, width: 28 },
          { x0: 131, width: 28 },
          { x0: 162, width: 28 },
        ]),
      ),
    ).toEqual([[100, 190]]);
  });
});
