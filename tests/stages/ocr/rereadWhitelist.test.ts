import { describe, expect, it } from 'vitest';
import { CODE_CHARACTERS, DIGIT_CHARACTERS, NUMBER_CHARACTERS, rereadWhitelist } from '../../../src/stages/ocr/index.js';
import type { OcrLine } from '../../../src/stages/ocr/pool.js';

const reading = (confidence: number, ...texts: string[]): OcrLine[] =>
  texts.map((text) => ({ text, confidence, x0: 0, top: 0, x1: 10, bottom: 10, words: [{ text, confidence, x0: 0, top: 0, x1: 10, bottom: 10, symbols: [] }] }));

describe('which OCR readings are read again with a restricted alphabet', () => {
  it('re-reads a wrapped project code, also with a Han misreading of a digit', () => {
    expect(rereadWhitelist(reading(80, '13081122P00781510', '001G'), false)).toBe(CODE_CHARACTERS);
    expect(rereadWhitelist(reading(40, '13081122P0078191000和'), false)).toBe(CODE_CHARACTERS);
  });
  it('re-reads amounts and percentages as digits', () => {
    expect(rereadWhitelist(reading(70, '1O10.07'), false)).toBe(NUMBER_CHARACTERS);
    expect(rereadWhitelist(reading(70, '100%'), false)).toBe(NUMBER_CHARACTERS);
    expect(rereadWhitelist(reading(49, '7O%'), false)).toBe(NUMBER_CHARACTERS); // 70% with its 0 read as O
  });
  it('keeps targets whose comparator was read as Han, and prose', () => {
    expect(rereadWhitelist(reading(30, '二 90%'), false)).toBeNull();
    expect(rereadWhitelist(reading(90, '申报奖励企业数'), false)).toBeNull();
    expect(rereadWhitelist(reading(90, '12月底 100%'), false)).toBeNull();
  });
  it('re-reads a short doubtful piece of a text line as digits (contents page numbers)', () => {
    expect(rereadWhitelist(reading(28, '于'), true)).toBe(DIGIT_CHARACTERS);
    expect(rereadWhitelist(reading(96, '5'), true)).toBeNull();
    expect(rereadWhitelist(reading(90, '第一部分'), true)).toBeNull();
  });
});
