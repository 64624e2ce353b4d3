/**
 * Issue 13 "confidence everywhere" in the OCR stage: each reading is tagged with its engine, runs keep it, and an
 * alphabet re-read says how the text was decided — compared across engines under paddle, replaced or kept otherwise.
 */
import { describe, expect, it } from 'vitest';
import { deskewedToPageRaster, linesToRuns, type CellCrop } from '../../../src/stages/ocr/cellCrops.js';
import { alphabetRereadDecision, readingEngine } from '../../../src/stages/ocr/index.js';
import { paddleReadingToOcrLine } from '../../../src/stages/ocr/paddle/readingToOcrLine.js';
import type { OcrLine } from '../../../src/stages/ocr/pool.js';
import { grayToBinary } from '../../../src/stages/ocr/raster.js';

const reading = (text: string, engine?: OcrLine['engine'], confidence = 80): OcrLine[] => [
  {
    text,
    confidence,
    x0: 0,
    top: 0,
    x1: 10,
    bottom: 10,
    words: [{ text, confidence, x0: 0, top: 0, x1: 10, bottom: 10, symbols: [] }],
    ...(engine ? { engine } : {}),
  },
];

function crop(): CellCrop {
  const gray = { widthPx: 40, heightPx: 40, gray: new Uint8Array(1600).fill(250) };
  const raster = deskewedToPageRaster(
    { gray, binary: grayToBinary(gray, 128), ruleMask: new Uint8Array(1600), inkThreshold: 128 },
    { boxPt: { x0: 0, top: 0, x1: 40, bottom: 40 }, dpi: 300 },
  );
  return { ...raster, box: { x0: 0, top: 0, x1: 40, bottom: 40 } };
}

describe('engine of a reading', () => {
  it('PP-OCR readings are tagged paddle', () => {
    const line = paddleReadingToOcrLine(
      {
        text: '养护',
        confidence: 0.9,
        minConfidence: 0.9,
        characters: [
          { text: '养', confidence: 0.9, x0: 0, x1: 4, firstStep: 0, lastStep: 0 },
          { text: '护', confidence: 0.9, x0: 10, x1: 14, firstStep: 0, lastStep: 0 },
        ],
        timeSteps: 10,
        inputWidthPx: 20,
      },
      { originX: 0, originY: 0, inkBox: { x0: 0, top: 0, x1: 20, bottom: 10 } },
    );
    expect(line.engine).toBe('paddle');
  });

  it('runs keep the engine of their line, and none when the reader did not say', () => {
    expect(linesToRuns(reading('养护', 'tesseract'), crop())[0].engine).toBe('tesseract');
    expect(linesToRuns(reading('养护'), crop())[0]).not.toHaveProperty('engine');
    expect(readingEngine([...reading('', undefined), ...reading('1', 'paddle')])).toBe('paddle');
  });
});

describe('alphabetRereadDecision', () => {
  it('PP-OCR and tesseract reading the same text agree; reading different texts, the policy voted', () => {
    const first = reading('95%', 'paddle');
    const same = reading('95%', 'tesseract');
    expect(alphabetRereadDecision(first, same, same, 'read')).toBe('engines_agree');
    const other = reading('96%', 'tesseract');
    expect(alphabetRereadDecision(first, other, other, 'read')).toBe('engine_vote');
    expect(alphabetRereadDecision(first, other, first, 'read')).toBe('engine_vote');
  });

  it('one engine: the re-reading replaced the first one, or the earlier decision stands', () => {
    const first = reading('235%', 'tesseract', 20);
    const reread = reading('25%', 'tesseract');
    expect(alphabetRereadDecision(first, reread, reread, 'read')).toBe('reread:alphabet');
    expect(alphabetRereadDecision(first, reread, first, 'reread:strip')).toBe('reread:strip');
  });

  it('an empty re-reading compares nothing', () => {
    expect(alphabetRereadDecision(reading('95%', 'paddle'), reading('', 'tesseract'), reading('95%'), 'read')).toBe(
      'read',
    );
  });
});
