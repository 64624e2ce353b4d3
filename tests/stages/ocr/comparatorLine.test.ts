import { describe, expect, it } from 'vitest';
import { comparatorLineJoined } from '../../../src/stages/ocr/comparatorLine.js';
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
