import { describe, expect, it } from 'vitest';
import { grayCellToLineCrops } from '../../../../src/stages/ocr/paddle/cellLineCrops.js';
import { paddleReadingToOcrLine } from '../../../../src/stages/ocr/paddle/readingToOcrLine.js';
import { withPaddleRecogniser } from '../../../../src/stages/ocr/paddle/recogniser.js';
import { textToGray } from '../../../../support/renderText.js';

describe('a cell cut into line crops by its ink row profile', () => {
  it('gives one crop per text line, top to bottom, each with a white margin around its ink', () => {
    const cell = textToGray(['涞水县农村饮水', '工程覆盖率≥98%', '2023年'], { fontPx: 40, lineGapPx: 12 });
    const crops = grayCellToLineCrops(cell);
    expect(crops).toHaveLength(3);
    for (const [i, crop] of crops.entries()) {
      if (i > 0) expect(crop.inkBox.top).toBeGreaterThanOrEqual(crops[i - 1].inkBox.bottom);
      expect(crop.originX).toBeLessThan(crop.inkBox.x0);
      expect(crop.originY).toBeLessThan(crop.inkBox.top);
      expect(crop.originX + crop.image.widthPx).toBeGreaterThan(crop.inkBox.x1);
      expect(crop.originY + crop.image.heightPx).toBeGreaterThan(crop.inkBox.bottom);
      // the margin's first and last rows are white
      expect(crop.image.gray.subarray(0, crop.image.widthPx).every((v) => v === 255)).toBe(true);
      expect(crop.image.gray.subarray(-crop.image.widthPx).every((v) => v === 255)).toBe(true);
      expect(crop.tooTall).toBe(false);
    }
  });

  it('adds white beyond the cell where the ink touches its edge', () => {
    const cell = textToGray(['预算数'], { fontPx: 40, marginPx: 0 });
    const [crop] = grayCellToLineCrops(cell);
    expect(crop.originX).toBeLessThan(0);
    expect(crop.image.gray[0]).toBe(255);
  });

  it('finds no line in a blank cell', () => {
    expect(grayCellToLineCrops({ widthPx: 50, heightPx: 30, gray: new Uint8Array(1500).fill(255) })).toEqual([]);
  });

  it('marks a line taller than the caller’s line height: lines the projection could not part', () => {
    const cell = textToGray(['数量指标'], { fontPx: 40 });
    expect(grayCellToLineCrops(cell, { maxLineHeightPx: 20 })[0].tooTall).toBe(true);
    expect(grayCellToLineCrops(cell, { maxLineHeightPx: 60 })[0].tooTall).toBe(false);
  });

  it('reads a two-line cell line by line and gives the characters boxes in the cell’s pixels', async () => {
    const cell = textToGray(['《云溪县特困人员救助供', '养实施细则》'], { fontPx: 44 });
    const crops = grayCellToLineCrops(cell);
    expect(crops).toHaveLength(2);
    await withPaddleRecogniser({}, async (recogniser) => {
      const lines = [];
      for (const crop of crops) lines.push(paddleReadingToOcrLine(await recogniser.recogniseLine(crop.image), crop));
      expect(lines.map((line) => line.text)).toEqual(['《云溪县特困人员救助供', '养实施细则》']);
      const symbols = lines[0].words.flatMap((word) => word.symbols);
      expect(symbols.map((s) => s.text).join('')).toBe('《云溪县特困人员救助供');
      expect(symbols[0].x0).toBe(crops[0].inkBox.x0);
      expect(symbols[symbols.length - 1].x1).toBe(crops[0].inkBox.x1);
      for (const [i, symbol] of symbols.entries()) {
        expect(symbol.confidence).toBeGreaterThan(50); // percent, like tesseract's
        expect(symbol.top).toBe(crops[0].inkBox.top);
        if (i > 0) expect(symbol.x0).toBe(symbols[i - 1].x1);
      }
      // 11 glyphs of 44 px: each symbol about one glyph wide
      const widths = symbols.slice(1, -1).map((s) => s.x1 - s.x0);
      for (const width of widths) {
        expect(width).toBeGreaterThan(30);
        expect(width).toBeLessThan(60);
      }
      expect(lines[1].top).toBeGreaterThan(lines[0].bottom);
    });
  });
});

describe('a PP-OCR reading as an OcrLine', () => {
  it('splits words at the spaces the model read', () => {
    const crop = { originX: 10, originY: 0, inkBox: { x0: 12, top: 2, x1: 60, bottom: 20 } };
    const character = (text: string, x: number) => ({
      text,
      confidence: 0.5,
      x0: x,
      x1: x + 4,
      firstStep: 0,
      lastStep: 0,
    });
    const line = paddleReadingToOcrLine(
      {
        text: 'ab c',
        confidence: 0.5,
        minConfidence: 0.5,
        characters: [character('a', 2), character('b', 12), character(' ', 22), character('c', 32)],
        timeSteps: 10,
        inputWidthPx: 80,
      },
      crop,
    );
    expect(line.text).toBe('ab c');
    expect(line.words.map((word) => word.text)).toEqual(['ab', 'c']);
    expect(line.words[0]).toMatchObject({ x0: 12, x1: 29, confidence: 50 });
    expect(line.words[1]).toMatchObject({ x0: 39, x1: 60 });
    expect(line.confidence).toBe(50);
  });

  it('gives whole-pixel boxes, as tesseract does (the OCR stage indexes pixels with them)', () => {
    const crop = { originX: 3, originY: 0, inkBox: { x0: 4, top: 2, x1: 40, bottom: 20 } };
    const character = (text: string, x: number) => ({
      text,
      confidence: 0.9,
      x0: x,
      x1: x + 3,
      firstStep: 0,
      lastStep: 0,
    });
    const line = paddleReadingToOcrLine(
      {
        text: '一二三',
        confidence: 0.9,
        minConfidence: 0.9,
        characters: [character('一', 1.25), character('二', 12.5), character('三', 24.75)],
        timeSteps: 10,
        inputWidthPx: 80,
      },
      crop,
    );
    const boxes = line.words.flatMap((word) => [word, ...word.symbols]);
    for (const box of boxes)
      for (const value of [box.x0, box.x1, box.top, box.bottom]) expect(Number.isInteger(value)).toBe(true);
    const symbols = line.words[0].symbols;
    expect(symbols[0].x1).toBe(symbols[1].x0);
    expect(symbols[1].x1).toBe(symbols[2].x0);
  });
});
