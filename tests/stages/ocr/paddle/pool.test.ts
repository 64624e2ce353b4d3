/**
 * The paddle OCR engine end to end, with the real models (PP-OCRv4 from npm, tesseract.js for the
 * re-reads): which requests PP-OCR reads, a two-line cell given back as tesseract's OcrLine shape,
 * and a scanned fixture page through extractPdf with ocrEngine 'paddle'.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OCR_SMALL_TABLE_CELLS, OCR_SMALL_TABLE_UNIT_CELL } from '../../../../support/ocrSmallTable.js';
import { extractPdf } from '../../../../src/pipeline.js';
import { OcrEngineName } from '../../../../src/model/index.js';
import { withOcrEnginePool } from '../../../../src/stages/ocr/enginePool.js';
import { imageToPaddleLines } from '../../../../src/stages/ocr/paddle/imageToLines.js';
import { isPaddleRequest } from '../../../../src/stages/ocr/paddle/pool.js';
import { withPaddleRecogniser } from '../../../../src/stages/ocr/paddle/recogniser.js';
import { linesWithoutBlankSymbols } from '../../../../src/stages/ocr/cellCrops.js';
import { OcrLine } from '../../../../src/stages/ocr/pool.js';
import { otsuThreshold } from '../../../../src/stages/ocr/raster.js';
import { textToGray } from '../../../../support/renderText.js';

describe('OcrEngineName', () => {
  it('names the three engines, tesseract first', () => {
    expect(OcrEngineName.options).toEqual(['tesseract', 'paddle', 'hybrid']);
    expect(OcrEngineName.safeParse('easyocr').success).toBe(false);
  });
});

describe('isPaddleRequest', () => {
  it('sends the first reading of Han text to PP-OCR and every restricted re-read to tesseract', () => {
    expect(isPaddleRequest({})).toBe(true);
    expect(isPaddleRequest({ language: 'chi_sim' })).toBe(true);
    expect(isPaddleRequest({ language: 'chi_sim', charWhitelist: '' })).toBe(true);
    expect(isPaddleRequest({ language: 'eng' })).toBe(false);
    expect(isPaddleRequest({ charWhitelist: '0123456789' })).toBe(false);
    expect(isPaddleRequest({ language: 'eng', charWhitelist: '0123456789.,' })).toBe(false);
  });

  it('leaves the lines outside the tables to tesseract under the hybrid engine', () => {
    expect(isPaddleRequest({ region: 'line' })).toBe(true);
    expect(isPaddleRequest({ region: 'line' }, 'tesseract')).toBe(false);
    expect(isPaddleRequest({ region: 'cell' }, 'tesseract')).toBe(true);
    expect(isPaddleRequest({}, 'tesseract')).toBe(true);
  });
});

describe('imageToPaddleLines', () => {
  it('reads a two-line cell as two OcrLines with boxes in the crop, top to bottom', { timeout: 60_000 }, async () => {
    const image = textToGray(['项目绩效目标表', '其中：财政拨款']);
    const lines = await withPaddleRecogniser({}, (recogniser) => imageToPaddleLines(image, recogniser));
    expect(lines.map((line) => line.text)).toEqual(['项目绩效目标表', '其中：财政拨款']);
    for (const line of lines) {
      expect(OcrLine.safeParse(line).success).toBe(true);
      expect(line.confidence).toBeGreaterThan(50); // percent, as tesseract's
      expect(line.x0).toBeGreaterThanOrEqual(0);
      expect(line.x1).toBeLessThanOrEqual(image.widthPx);
      expect(line.bottom).toBeLessThanOrEqual(image.heightPx);
      expect(
        line.words
          .flatMap((word) => word.symbols)
          .map((symbol) => symbol.text)
          .join(''),
      ).toBe(line.text.replace(/ /g, ''));
    }
    expect(lines[0].bottom).toBeLessThanOrEqual(lines[1].top);
    // Every symbol keeps its ink: none is dropped as blank paper by the OCR stage.
    expect(linesWithoutBlankSymbols(lines, image, otsuThreshold(image))).toEqual(lines);
  });

  it('gives no line for a blank crop', { timeout: 60_000 }, async () => {
    const blank = { widthPx: 200, heightPx: 40, gray: new Uint8Array(200 * 40).fill(255) };
    expect(await withPaddleRecogniser({}, (recogniser) => imageToPaddleLines(blank, recogniser))).toEqual([]);
  });
});

describe('withOcrEnginePool paddle', () => {
  it('reads Han text with PP-OCR and whitelisted digits with tesseract', { timeout: 120_000 }, async () => {
    const han = textToGray(['园林绿化养护']);
    const digits = textToGray(['205003']);
    const [hanLines, digitLines] = await withOcrEnginePool({ engine: 'paddle', workers: 1 }, (pool) =>
      Promise.all([
        pool.recognise({ image: han, pageSegMode: '7', dpi: 300 }),
        pool.recognise({ image: digits, pageSegMode: '7', dpi: 300, charWhitelist: '0123456789', language: 'eng' }),
      ]),
    );
    expect(hanLines.map((line) => line.text)).toEqual(['园林绿化养护']);
    expect(digitLines.map((line) => line.text).join('')).toBe('205003');
  });
});

/** The small table's cells that PP-OCR reads exactly from the 300 dpi scan: all but the code-and-name unit cell. */
const EXPECTED_EXACT_RUNS = OCR_SMALL_TABLE_CELLS.filter((cell) => cell !== OCR_SMALL_TABLE_UNIT_CELL);

describe('extractPdf with the PP-OCR engines', () => {
  // hybrid: the same PP-OCR readings in the table cells (the lines outside tables go to tesseract).
  it.each(['paddle', 'hybrid'] as const)(
    '%s reads the cells of a scanned page',
    { timeout: 300_000 },
    async (engine) => {
      const name = 'ocr-small-table.scan300.pdf';
      const bytes = new Uint8Array(readFileSync(new URL(`../../../../fixtures/scanned/${name}`, import.meta.url)));
      const extraction = await extractPdf(bytes, { sourcePath: name, ocr: 'auto', ocrEngine: engine });
      const [page] = extraction.pageTexts;
      expect(page.source).toBe('ocr');
      const texts = page.runs.map((run) => run.text);
      for (const expected of EXPECTED_EXACT_RUNS) expect(texts).toContain(expected);
      expect(page.rulings.filter((r) => r.orientation === 'horizontal')).toHaveLength(5);
      for (const run of page.runs) expect(run.confidence).toBeGreaterThanOrEqual(0);
    },
  );
});
