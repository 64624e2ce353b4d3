import { describe, expect, it } from 'vitest';
import { comparatorLineJoined, comparatorWidthAndSpacing } from '../../../src/stages/ocr/comparatorLine.js';
import type { OcrLine } from '../../../src/stages/ocr/pool.js';

/** A line of a cell crop: text, box [x0, top, x1, bottom] in pixels, confidence. */
const line = (text: string, [x0, top, x1, bottom]: [number, number, number, number], confidence = 90): OcrLine => ({
  text,
  confidence,
  x0,
  top,
  x1,
  bottom,
  words: [{ text, confidence, x0, top, x1, bottom, symbols: [] }],
});

describe('a comparator tesseract set apart as a line of its own', () => {
  // `≥1500 人⏎次` in a 2.2° scan with JPEG artefacts: the ≥ sits a little lower than the digits.
  const lines = [
    line('1500 人', [40, 20, 200, 60], 93),
    line('=-', [8, 30, 36, 62], 63),
    line('次', [8, 80, 50, 120], 96),
  ];

  it('is joined to the number level with it, as its first character', () => {
    const joined = comparatorLineJoined(lines)!;
    expect(joined.map((l) => l.text)).toEqual(['=1500 人', '次']);
    expect([joined[0].x0, joined[0].top, joined[0].bottom, joined[0].confidence]).toEqual([8, 20, 62, 63]);
  });

  it('keeps a real comparator as read', () => {
    expect(
      comparatorLineJoined([line('90%', [40, 20, 120, 60]), line('≥', [8, 24, 34, 60])])!.map((l) => l.text),
    ).toEqual(['≥90%']);
  });

  it('leaves marks that are not level with a number, and cells without marks', () => {
    expect(comparatorLineJoined([line('1500 人', [40, 20, 200, 60]), line('=', [8, 80, 36, 110])])).toBeNull();
    expect(comparatorLineJoined([line('=', [8, 20, 36, 60]), line('人次', [40, 20, 200, 60])])).toBeNull();
    expect(comparatorLineJoined([line('≥1500 人', [8, 20, 200, 60]), line('次', [8, 80, 50, 120])])).toBeNull();
  });
});

describe('the width of a comparator and the space after it, from the blank after its glyph', () => {
  // Blanks measured on the extended template's scans (share of the line's ink height): `＞18%` 0.48–0.50,
  // `＜5%` 0.41–0.44, `＝100%` 0.56; `≥95%` (no space printed) 0.21–0.48, which PP-OCR read as `≥ 95%` from 0.36 on.
  it('gives <, > and = with a wide blank after them their full-width form', () => {
    expect(comparatorWidthAndSpacing('>18%', 0.5)).toBe('＞18%');
    expect(comparatorWidthAndSpacing('> 18%', 0.48)).toBe('＞18%');
    expect(comparatorWidthAndSpacing('<5%', 0.41)).toBe('＜5%');
    expect(comparatorWidthAndSpacing('=100%', 0.56)).toBe('＝100%');
  });

  it('gives a comparator close to its number the half-width form', () => {
    expect(comparatorWidthAndSpacing('＞6', 0.15)).toBe('>6');
    expect(comparatorWidthAndSpacing('=100', 0.2)).toBe('=100');
  });

  it('drops a space PP-OCR read in the square advance of ≥ and keeps one a wide blank holds', () => {
    expect(comparatorWidthAndSpacing('≥ 95%', 0.48)).toBe('≥95%');
    expect(comparatorWidthAndSpacing('≤ 24小时', 0.36)).toBe('≤24小时');
    expect(comparatorWidthAndSpacing('≤ 12万元', 0.8)).toBe('≤ 12万元');
  });

  it('leaves a text with no comparator before a number, or no blank measured', () => {
    expect(comparatorWidthAndSpacing('≥ 95%', null)).toBe('≥ 95%');
    expect(comparatorWidthAndSpacing('不低于90%', 0.5)).toBe('不低于90%');
    expect(comparatorWidthAndSpacing('>= 5', 0.5)).toBe('>= 5');
  });
});
