import { describe, expect, it } from 'vitest';
import {
  cellCropToImage,
  deskewedToPageRaster,
  linesToRuns,
  linesWithPrintedForms,
  ocrTextToPrintedForms,
  ocrTextToRunText,
  ocrTextToUnifiedBrackets,
  type CellCrop,
} from '../../../src/stages/ocr/cellCrops.js';
import type { OcrLine } from '../../../src/stages/ocr/pool.js';
import { grayToBinary, type GrayImage } from '../../../src/stages/ocr/raster.js';

/** A white 100×60 px page with a vertical rule at x 50..51 and a block of ink at x 20..29, rows 20..39. */
function pageImage(): GrayImage {
  const widthPx = 100;
  const heightPx = 60;
  const gray = new Uint8Array(widthPx * heightPx).fill(250);
  for (let y = 0; y < heightPx; y++) for (let x = 50; x < 52; x++) gray[y * widthPx + x] = 10;
  for (let y = 20; y < 40; y++) for (let x = 20; x < 30; x++) gray[y * widthPx + x] = 20;
  return { widthPx, heightPx, gray };
}

function cropOf(dpi: number, box: CellCrop['box']): CellCrop {
  const gray = pageImage();
  const binary = grayToBinary(gray, 128);
  const ruleMask = new Uint8Array(gray.widthPx * gray.heightPx);
  for (let y = 0; y < gray.heightPx; y++) for (let x = 50; x < 52; x++) ruleMask[y * gray.widthPx + x] = 1;
  // The page image fills a box of 100×60 pt at (10, 20).
  const raster = deskewedToPageRaster(
    { gray, binary, ruleMask, inkThreshold: 128 },
    { boxPt: { x0: 10, top: 20, x1: 110, bottom: 80 }, dpi },
  );
  return { ...raster, box };
}

describe('the crops of a page', () => {
  it('are padded by 3 pt and upscaled to 300 dpi only below 270 dpi', () => {
    const at = (dpi: number) => cropOf(dpi, { x0: 0, top: 0, x1: 10, bottom: 10 });
    expect([at(300).paddingPx, at(300).scale]).toEqual([13, 1]);
    expect([at(200).paddingPx, at(200).scale]).toEqual([8, 1.5]);
    expect(at(280).scale).toBe(1);
  });

  it('show the cell with its rule pixels (and their fringe) painted white, inside a white border', () => {
    const crop = cropOf(300, { x0: 15, top: 10, x1: 60, bottom: 50 });
    const image = cellCropToImage(crop);
    expect([image.widthPx, image.heightPx]).toEqual([45 + 2 * 13, 40 + 2 * 13]);
    const at = (x: number, y: number) => image.gray[(y - 10 + 13) * image.widthPx + (x - 15 + 13)];
    expect(at(25, 30)).toBe(20); // the ink
    expect([at(49, 30), at(50, 30), at(51, 30), at(52, 30)]).toEqual([255, 255, 255, 255]); // rule and 1 px fringe
    expect(at(55, 30)).toBe(250); // paper
    expect(image.gray[0]).toBe(255); // the border
  });
});

describe('a cell’s reading placed on the page', () => {
  const line = (text: string, box: [number, number, number, number], confidences: number[]): OcrLine => ({
    text,
    confidence: 50,
    x0: box[0],
    top: box[1],
    x1: box[2],
    bottom: box[3],
    words: confidences.map((confidence) => ({ text: 'x', confidence, x0: 0, top: 0, x1: 1, bottom: 1, symbols: [] })),
  });

  it('is one run per line in page points, at its words’ lowest confidence, from the upscaled padded crop', () => {
    const crop = cropOf(200, { x0: 20, top: 10, x1: 60, bottom: 50 });
    // In the crop (padding 8 px, upscaled 1.5×) a line at x 18..63, rows 22.5..67.5 is at x 12..42, rows 15..45 of the
    // padded crop at scale 1: page pixels x 20+12-8 = 24..54, rows 10+15-8 = 17..47; one pixel is one point, from (10,
    // 20).
    const [run] = linesToRuns([line('项 目', [18, 22.5, 63, 67.5], [90, 70])], crop);
    expect(run.text).toBe('项目');
    expect(run.confidence).toBe(70);
    expect([run.x0, run.top, run.x1, run.bottom]).toEqual([34, 37, 64, 67]);
    expect(run.fontSizePt).toBeCloseTo((30 * 72) / 200);
  });

  it('drops lines without text and keeps spaces next to ASCII', () => {
    const crop = cropOf(300, { x0: 0, top: 0, x1: 10, bottom: 10 });
    expect(linesToRuns([line('  ', [0, 0, 5, 5], [])], crop)).toEqual([]);
    expect(ocrTextToRunText('205003 单 位 名')).toBe('205003 单位名');
  });
});

describe('ocrTextToPrintedForms', () => {
  it('makes full-width digits and Latin letters ASCII and the radical 丶 the enumeration comma', () => {
    expect(ocrTextToPrintedForms('目录１１４５')).toBe('目录1145');
    expect(ocrTextToPrintedForms('Ｐ００７ａ')).toBe('P007a');
    expect(ocrTextToPrintedForms('4丶夯实创新基础')).toBe('4、夯实创新基础');
  });

  it('keeps full-width punctuation and ％ (the repair stage decides on those)', () => {
    expect(ocrTextToPrintedForms('（一）≥９０％，')).toBe('（一）≥90％，');
  });
});

describe('ocrTextToUnifiedBrackets', () => {
  it('gives a pair of mixed widths the full-width form around Han or after Chinese text', () => {
    expect(ocrTextToUnifiedBrackets('关于印发《新的十条措施(试行）》的通知')).toBe(
      '关于印发《新的十条措施（试行）》的通知',
    );
    expect(ocrTextToUnifiedBrackets('申报表（2023年度)')).toBe('申报表（2023年度）');
    expect(ocrTextToUnifiedBrackets('分值(10）')).toBe('分值（10）');
    expect(ocrTextToUnifiedBrackets('（一)适龄儿童')).toBe('（一）适龄儿童');
  });

  it('gives a pair of mixed widths the ASCII form around ASCII after ASCII or at the start', () => {
    expect(ocrTextToUnifiedBrackets('=100.00(%）')).toBe('=100.00(%)');
    expect(ocrTextToUnifiedBrackets('≥90.00（%)')).toBe('≥90.00(%)');
    expect(ocrTextToUnifiedBrackets('（433001)单位')).toBe('(433001)单位');
  });

  it('leaves pairs of one width and unpaired brackets as read, and pairs each closing bracket with the nearest opening', () => {
    expect(ocrTextToUnifiedBrackets('年初安排金额(万元)')).toBe('年初安排金额(万元)');
    expect(ocrTextToUnifiedBrackets('100.00（%）')).toBe('100.00（%）');
    expect(ocrTextToUnifiedBrackets('覆盖率(')).toBe('覆盖率(');
    expect(ocrTextToUnifiedBrackets('试行）》')).toBe('试行）》');
    expect(ocrTextToUnifiedBrackets('规划(2024（第二版)年）')).toBe('规划（2024（第二版）年）');
  });
});

describe('linesWithPrintedForms', () => {
  const symbol = (text: string, x0: number) => ({ text, confidence: 90, x0, top: 0, x1: x0 + 10, bottom: 10 });
  const word = (text: string, x0: number) => ({
    ...symbol(text, x0),
    x1: x0 + 10 * Array.from(text).length,
    symbols: Array.from(text).map((char, i) => symbol(char, x0 + 10 * i)),
  });

  it('unifies a bracket pair split over two words in the line, its words and its symbols', () => {
    const words = [word('措施(试行', 0), word('）》', 50)];
    const line: OcrLine = { ...symbol('措施(试行 ）》', 0), x1: 70, words };
    const [folded] = linesWithPrintedForms([line]);
    expect(folded.text).toBe('措施（试行 ）》');
    expect(folded.words.map((w) => w.text)).toEqual(['措施（试行', '）》']);
    expect(folded.words.flatMap((w) => w.symbols.map((s) => s.text)).join('')).toBe('措施（试行）》');
    expect(folded.words[0].symbols[2].x0).toBe(20);
  });

  it('folds full-width digits before it unifies the brackets', () => {
    const line: OcrLine = { ...symbol('=１００(%）', 0), x1: 70, words: [word('=１００(%）', 0)] };
    const [folded] = linesWithPrintedForms([line]);
    expect(folded.text).toBe('=100(%)');
    expect(folded.words[0].symbols.map((s) => s.text).join('')).toBe('=100(%)');
  });
});
