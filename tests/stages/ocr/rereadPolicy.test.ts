import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../../src/stages/ocr/pool.js';
import type { GrayImage } from '../../../src/stages/ocr/raster.js';
import {
  betterReading,
  CODE_CHARACTERS,
  DIGIT_CHARACTERS,
  inkWidthInDigits,
  isPercentSignReadAsHan,
  isUnsureShortAmount,
  NUMBER_CHARACTERS,
  rereadWhitelist,
  shortNumberMissPattern,
} from '../../../src/stages/ocr/rereadPolicy.js';
import { DEFAULT_FONT_PX, textToGray } from '../../../support/renderText.js';

const readingAt = (confidence: number, ...texts: string[]): OcrLine[] =>
  texts.map((text) => ({
    text,
    confidence,
    x0: 0,
    top: 0,
    x1: 10,
    bottom: 10,
    words: [{ text, confidence, x0: 0, top: 0, x1: 10, bottom: 10, symbols: [] }],
  }));

describe('which OCR readings are read again with a restricted alphabet', () => {
  it('re-reads a wrapped project code, also with a Han misreading of a digit', () => {
    expect(rereadWhitelist(readingAt(80, '13081122P00781510', '001G'), false)).toBe(CODE_CHARACTERS);
    expect(rereadWhitelist(readingAt(40, '13081122P0078191000和'), false)).toBe(CODE_CHARACTERS);
  });
  it('re-reads amounts and percentages as digits', () => {
    expect(rereadWhitelist(readingAt(70, '1O10.07'), false)).toBe(NUMBER_CHARACTERS);
    expect(rereadWhitelist(readingAt(70, '100%'), false)).toBe(NUMBER_CHARACTERS);
    expect(rereadWhitelist(readingAt(49, '7O%'), false)).toBe(NUMBER_CHARACTERS); // 70% with its 0 read as O
  });
  it('keeps targets whose comparator was read as Han, and prose', () => {
    expect(rereadWhitelist(readingAt(30, '二 90%'), false)).toBeNull();
    expect(rereadWhitelist(readingAt(90, '申报奖励企业数'), false)).toBeNull();
    expect(rereadWhitelist(readingAt(90, '12月底 100%'), false)).toBeNull();
  });
  it('re-reads a short doubtful piece of a text line as digits (contents page numbers)', () => {
    expect(rereadWhitelist(readingAt(28, '于'), true)).toBe(DIGIT_CHARACTERS);
    expect(rereadWhitelist(readingAt(96, '5'), true)).toBeNull();
    expect(rereadWhitelist(readingAt(90, '第一部分'), true)).toBeNull();
  });
});

const oneLine = (text: string, confidence: number): OcrLine[] => [
  {
    text,
    confidence,
    x0: 0,
    top: 0,
    x1: 10,
    bottom: 10,
    words: [{ text, confidence, x0: 0, top: 0, x1: 10, bottom: 10, symbols: [] }],
  },
];
const noComparator = () => false;

describe('a small amount chi_sim could not read', () => {
  it('is suspected in unsure readings that end in a digit or are Latin letters (seed direct writer at 200 dpi)', () => {
    expect(isUnsureShortAmount(oneLine('伍 .00', 0), noComparator)).toBe(true);
    expect(isUnsureShortAmount(oneLine('1 工 00', 0), noComparator)).toBe(true);
    expect(isUnsureShortAmount(oneLine('荆 00', 0), noComparator)).toBe(true);
    expect(isUnsureShortAmount(oneLine('di', 25), noComparator)).toBe(true);
  });

  it('is not suspected in confident readings, units, percentages or long text', () => {
    expect(isUnsureShortAmount(oneLine('15.00', 82), noComparator)).toBe(false);
    expect(isUnsureShortAmount(oneLine('10 人', 30), noComparator)).toBe(false);
    expect(isUnsureShortAmount(oneLine('9O%', 20), noComparator)).toBe(false);
    expect(isUnsureShortAmount(oneLine('按计划完成项目建设任务2', 20), noComparator)).toBe(false);
  });

  it('is not suspected where the image shows a comparator before the number (≥90 read as 之90)', () => {
    expect(isUnsureShortAmount(oneLine('之90', 30), () => true)).toBe(false);
  });
});

const reading = (...texts: string[]): OcrLine[] =>
  texts.map((text) => ({
    text,
    confidence: 80,
    x0: 0,
    top: 0,
    x1: 10,
    bottom: 10,
    words: [{ text, confidence: 80, x0: 0, top: 0, x1: 10, bottom: 10, symbols: [] }],
  }));

/** A white crop with dark blocks standing on one baseline (row 60): [x0, width, height]. */
function cropOfBlocks(blocks: Array<[number, number, number]>): GrayImage {
  const widthPx = 300;
  const heightPx = 90;
  const gray = new Uint8Array(widthPx * heightPx).fill(245);
  for (const [x0, width, height] of blocks)
    for (let y = 60 - height; y < 60; y++) for (let x = x0; x < x0 + width; x++) gray[y * widthPx + x] = 30;
  return { widthPx, heightPx, gray };
}

describe('a % that chi_sim read as a Han glyph', () => {
  // Digits 24 px tall; a % is a slash as tall as they are between two lower rings; a Han unit stands a full em (34 px).
  const digitsThenPercent = cropOfBlocks([
    [20, 14, 24],
    [40, 14, 24],
    [62, 5, 9],
    [70, 4, 24],
    [78, 5, 9],
  ]);
  const digitsThenHan = cropOfBlocks([
    [20, 14, 24],
    [40, 14, 24],
    [62, 30, 34],
  ]);
  const comparatorDigitsThenHan = cropOfBlocks([
    [5, 12, 30],
    [20, 14, 24],
    [40, 14, 24],
    [62, 30, 34],
  ]);

  it('is told by a glyph no taller than the digits', () => {
    expect(isPercentSignReadAsHan(reading('40多'), digitsThenPercent, 128)).toBe(true);
    expect(isPercentSignReadAsHan(reading('43 鸭'), digitsThenPercent, 128)).toBe(true);
  });

  it('is not a Han unit standing taller than the digits, also after an unread ≥', () => {
    expect(isPercentSignReadAsHan(reading('12座'), digitsThenHan, 128)).toBe(false);
    expect(isPercentSignReadAsHan(reading('150人'), comparatorDigitsThenHan, 128)).toBe(false);
  });

  it('applies only to a number and one Han glyph', () => {
    expect(isPercentSignReadAsHan(reading('40%'), digitsThenPercent, 128)).toBe(false);
    expect(isPercentSignReadAsHan(reading('不低于'), digitsThenPercent, 128)).toBe(false);
    expect(isPercentSignReadAsHan(reading('40多多'), digitsThenPercent, 128)).toBe(false);
  });
});

describe('choosing between a cell’s first reading and its restricted re-reading', () => {
  const confident = (text: string, confidence: number): OcrLine[] =>
    reading(text).map((line) => ({ ...line, confidence, words: line.words.map((word) => ({ ...word, confidence })) }));

  it('keeps a confident plain number when the re-reading has fewer digits (eng dropped the 2 of a tight `20%`)', () => {
    expect(betterReading(confident('20%', 89), confident('0%', 94), false).map((l) => l.text)).toEqual(['20%']);
  });

  it('takes the re-reading of an unsure first reading with a digit too many (`25%` read `235%`)', () => {
    expect(betterReading(confident('235%', 20), confident('25%', 90), false).map((l) => l.text)).toEqual(['25%']);
  });

  it('takes the re-reading when it has as many digits, and when the first was no plain number', () => {
    expect(betterReading(confident('20%', 89), confident('25%', 90), false).map((l) => l.text)).toEqual(['25%']);
    expect(betterReading(confident('7O%', 95), confident('70%', 90), false).map((l) => l.text)).toEqual(['70%']);
  });
});

describe('a short number the first reading missed (a weight `25` read `9`, `为` or as nothing)', () => {
  const DPI = 300;
  const cell = (text: string) => textToGray([text], { fontPx: DEFAULT_FONT_PX });

  it('measures the ink of one to three digits of table print in digit widths', () => {
    expect(inkWidthInDigits(cell('25'), 128, DPI)).toBeCloseTo(2, 0);
    expect(inkWidthInDigits(cell('100'), 128, DPI)).toBeCloseTo(3, 0);
    expect(inkWidthInDigits(cell('5'), 128, DPI)).toBeCloseTo(1, 0);
  });

  it('measures nothing in Han of the same print (a full em tall), in longer numbers, in print too small or too large', () => {
    expect(inkWidthInDigits(cell('是'), 128, DPI)).toBeNull();
    expect(inkWidthInDigits(cell('为'), 128, DPI)).toBeNull();
    expect(inkWidthInDigits(cell('123456'), 128, DPI)).toBeNull();
    expect(inkWidthInDigits(textToGray(['25'], { fontPx: 12 }), 128, DPI)).toBeNull();
    expect(inkWidthInDigits(textToGray(['25'], { fontPx: 120 }), 128, DPI)).toBeNull();
  });

  it('asks for as many digits as the ink is wide when the reading is empty, fewer digits or one or two Han', () => {
    expect(shortNumberMissPattern([], cell('25'), 128, DPI)?.source).toBe('^\\d{2,2}$');
    expect(shortNumberMissPattern(oneLine('9', 21), cell('25'), 128, DPI)?.source).toBe('^\\d{2,2}$');
    expect(shortNumberMissPattern(oneLine('为', 91), cell('25'), 128, DPI)?.source).toBe('^\\d{2,2}$');
    expect(shortNumberMissPattern(oneLine('', 0), cell('5'), 128, DPI)?.source).toBe('^\\d{1,1}$');
  });

  it('leaves a reading with as many digits, with other characters, or of Han print, as it is', () => {
    expect(shortNumberMissPattern(oneLine('25', 90), cell('25'), 128, DPI)).toBeNull();
    expect(shortNumberMissPattern(oneLine('%', 30), cell('25'), 128, DPI)).toBeNull();
    expect(shortNumberMissPattern(oneLine('是', 30), cell('是'), 128, DPI)).toBeNull();
    expect(shortNumberMissPattern([], cell('是'), 128, DPI)).toBeNull();
    expect(shortNumberMissPattern(oneLine('个人', 30), cell('个人'), 128, DPI)).toBeNull();
  });
});
