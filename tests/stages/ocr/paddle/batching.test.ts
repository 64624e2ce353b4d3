/**
 * Batched recognition (issue 13): the line crops of a scanned page and rendered lines read with
 * every queued line of a width in one onnxruntime run give the readings one line a run gives — text,
 * character confidences and positions — and the resize into the model's input is the one it was.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grayCellToLineCrops } from '../../../../src/stages/ocr/paddle/cellLineCrops.js';
import {
  type PaddleLineReading,
  type PaddleRecogniserOptions,
  REC_MIN_WIDTH_PX,
  grayLineToRecInput,
  lineToResizedWidthPx,
  resizedWidthToInputWidthPx,
  withPaddleRecogniser,
} from '../../../../src/stages/ocr/paddle/recogniser.js';
import type { GrayImage } from '../../../../src/stages/ocr/raster.js';
import { REPO_ROOT } from '../../../../support/fixtureFiles.js';
import { DEFAULT_FONT_PX, textToGray } from '../../../../support/renderText.js';
import { scannedPageToCellLineCrops } from '../../../../support/scannedCellCrops.js';

const TEXTS = ['项目绩效目标表', '≥98%', '13062425Q00337120005K', '1,850,000.00', '其中：财政拨款', '≤620元/人'];
/** Confidences of a batched run may differ from a single run's in the last bits of a float (another GEMM blocking). */
const CONFIDENCE_DIGITS = 5;

async function linesToReadings(lines: GrayImage[], options: PaddleRecogniserOptions): Promise<PaddleLineReading[]> {
  return withPaddleRecogniser(options, (recogniser) => recogniser.recogniseLines(lines));
}

/** Each reading's text and character steps exactly, its confidences to CONFIDENCE_DIGITS. */
function expectSameReadings(batched: PaddleLineReading[], single: PaddleLineReading[]): void {
  expect(batched.map((r) => r.text)).toEqual(single.map((r) => r.text));
  for (const [i, reading] of batched.entries()) {
    expect(reading.inputWidthPx).toBe(single[i].inputWidthPx);
    expect(reading.characters.map((c) => [c.firstStep, c.lastStep, c.x0, c.x1])).toEqual(
      single[i].characters.map((c) => [c.firstStep, c.lastStep, c.x0, c.x1]),
    );
    expect(reading.confidence).toBeCloseTo(single[i].confidence, CONFIDENCE_DIGITS);
    for (const [j, character] of reading.characters.entries())
      expect(character.confidence).toBeCloseTo(single[i].characters[j].confidence, CONFIDENCE_DIGITS);
  }
}

describe('batched PP-OCR recognition', () => {
  it('reads the line crops of a scanned page as one line a run does, batches of up to 8 lines', async () => {
    const { cells } = await scannedPageToCellLineCrops(
      join(REPO_ROOT, 'fixtures/scanned/civil-2020.lo-a4.scan300.pdf'),
      4,
    );
    const lines = cells.flat().map((crop) => crop.image);
    for (const fontPx of [DEFAULT_FONT_PX, Math.round((10.5 * 200) / 72)])
      for (const text of TEXTS) lines.push(grayCellToLineCrops(textToGray([text], { fontPx }))[0].image);
    const single = await linesToReadings(lines, { maxBatchLines: 1 });
    const batched = await linesToReadings(lines, { maxBatchLines: 8 });
    expectSameReadings(batched, single);
    expect(single.slice(-2 * TEXTS.length).map((r) => r.text)).toEqual([...TEXTS, ...TEXTS]);
  });

  it('batches lines of the same input width only, so that no line is padded beyond its own input', async () => {
    const lines = TEXTS.map((text) => grayCellToLineCrops(textToGray([text], { fontPx: DEFAULT_FONT_PX }))[0].image);
    const widths = lines.map((line) =>
      resizedWidthToInputWidthPx(lineToResizedWidthPx(line, 48), { minWidthPx: REC_MIN_WIDTH_PX }),
    );
    expect(new Set(widths).size).toBeGreaterThan(1);
    const readings = await linesToReadings(lines, { maxBatchLines: 8 });
    expect(readings.map((r) => r.inputWidthPx)).toEqual(widths);
  });
});

describe('recognition input padding', () => {
  it('rounds the input width up to the step and to the minimum', () => {
    expect(resizedWidthToInputWidthPx(100, { minWidthPx: 320 })).toBe(320);
    expect(resizedWidthToInputWidthPx(333, { minWidthPx: 320 })).toBe(333);
    expect(resizedWidthToInputWidthPx(333, { minWidthPx: 320, widthStepPx: 32 })).toBe(352);
    expect(resizedWidthToInputWidthPx(100, { minWidthPx: 96, widthStepPx: 32 })).toBe(128);
  });

  it('pads a short line to the minimum given, leaving the resized ink as it is', () => {
    const line = { widthPx: 40, heightPx: 40, gray: new Uint8Array(40 * 40).fill(0) };
    const wide = grayLineToRecInput(line, 48);
    const narrow = grayLineToRecInput(line, 48, { minWidthPx: 96 });
    expect([wide.widthPx, narrow.widthPx]).toEqual([320, 96]);
    for (let y = 0; y < 48; y++)
      expect(narrow.data.subarray(y * 96, y * 96 + 48)).toEqual(wide.data.subarray(y * 320, y * 320 + 48));
    expect(narrow.data[60]).toBe(0);
  });
});
