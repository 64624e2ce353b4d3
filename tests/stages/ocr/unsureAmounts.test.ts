import { describe, expect, it } from 'vitest';
import { isUnsureShortAmount } from '../../../src/stages/ocr/index.js';
import type { OcrLine } from '../../../src/stages/ocr/pool.js';

const reading = (text: string, confidence: number): OcrLine[] => [
  { text, confidence, x0: 0, top: 0, x1: 10, bottom: 10, words: [{ text, confidence, x0: 0, top: 0, x1: 10, bottom: 10, symbols: [] }] },
];
const noComparator = () => false;

describe('a small amount chi_sim could not read', () => {
  it('is suspected in unsure readings that end in a digit or are Latin letters (seed direct writer at 200 dpi)', () => {
    expect(isUnsureShortAmount(reading('伍 .00', 0), noComparator)).toBe(true);
    expect(isUnsureShortAmount(reading('1 工 00', 0), noComparator)).toBe(true);
    expect(isUnsureShortAmount(reading('荆 00', 0), noComparator)).toBe(true);
    expect(isUnsureShortAmount(reading('di', 25), noComparator)).toBe(true);
  });

  it('is not suspected in confident readings, units, percentages or long text', () => {
    expect(isUnsureShortAmount(reading('15.00', 82), noComparator)).toBe(false);
    expect(isUnsureShortAmount(reading('10 人', 30), noComparator)).toBe(false);
    expect(isUnsureShortAmount(reading('9O%', 20), noComparator)).toBe(false);
    expect(isUnsureShortAmount(reading('按计划完成项目建设任务2', 20), noComparator)).toBe(false);
  });

  it('is not suspected where the image shows a comparator before the number (≥90 read as 之90)', () => {
    expect(isUnsureShortAmount(reading('之90', 30), () => true)).toBe(false);
  });
});
