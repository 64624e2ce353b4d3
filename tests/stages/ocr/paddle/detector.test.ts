/**
 * PP-OCR text detection for the crops projection cannot split: two rendered lines whose ink rows
 * touch come out of grayCellToLineCrops as one crop, taller than a line; the det model finds two
 * line boxes in it, top to bottom, and the rec model reads each.
 */
import { describe, expect, it } from 'vitest';
import { grayCellToLineCrops } from '../../../../src/stages/ocr/paddle/cellLineCrops.js';
import { probabilityMapToBoxes, withPaddleDetector } from '../../../../src/stages/ocr/paddle/detector.js';
import { PADDLE_MAX_LINE_HEIGHT_PT, imageToPaddleLines } from '../../../../src/stages/ocr/paddle/imageToLines.js';
import { withPaddleRecogniser } from '../../../../src/stages/ocr/paddle/recogniser.js';
import type { GrayImage, PixelBox } from '../../../../src/stages/ocr/raster.js';
import { DEFAULT_FONT_PX, textToGray } from '../../../../support/renderText.js';

const LINES = ['城乡低保及特困人员救助供养', '服务对象满意度指标'];

function grayToWindow(image: GrayImage, box: PixelBox): GrayImage {
  const widthPx = box.x1 - box.x0;
  const heightPx = box.bottom - box.top;
  const gray = new Uint8Array(widthPx * heightPx);
  for (let y = 0; y < heightPx; y++)
    gray.set(
      image.gray.subarray((y + box.top) * image.widthPx + box.x0, (y + box.top) * image.widthPx + box.x1),
      y * widthPx,
    );
  return { widthPx, heightPx, gray };
}

describe('PP-OCR text detection', () => {
  it('finds the two lines of a crop whose lines touch, and each reads as its line', async () => {
    // No gap between the lines: the descenders of the first touch the second's ascenders.
    const cell = textToGray(LINES, { lineGapPx: -Math.round(DEFAULT_FONT_PX * 0.05) });
    const crops = grayCellToLineCrops(cell, { maxLineHeightPx: Math.round(DEFAULT_FONT_PX * 1.3) });
    expect(crops).toHaveLength(1);
    expect(crops[0].tooTall).toBe(true);
    const boxes = await withPaddleDetector((detector) => detector.grayToLineBoxes(crops[0].image));
    expect(boxes).toHaveLength(2);
    expect(boxes[0].bottom).toBeLessThanOrEqual(boxes[1].bottom);
    const texts = await withPaddleRecogniser({}, (recogniser) =>
      recogniser.recogniseLines(boxes.map((box) => grayToWindow(crops[0].image, box))),
    );
    expect(texts.map((reading) => reading.text)).toEqual(LINES);
  });

  it('splits the touching lines of a cell read by the pool (imageToPaddleLines) into two OcrLines, top to bottom', async () => {
    const cell = textToGray(LINES, { lineGapPx: -Math.round(DEFAULT_FONT_PX * 0.05) });
    const maxLineHeightPx = (300 * PADDLE_MAX_LINE_HEIGHT_PT) / 72;
    const [merged, split] = await withPaddleRecogniser({}, (recogniser) =>
      withPaddleDetector((detector) =>
        Promise.all([
          imageToPaddleLines(cell, recogniser),
          imageToPaddleLines(cell, recogniser, { detector, maxLineHeightPx }),
        ]),
      ),
    );
    expect(merged).toHaveLength(1);
    expect(split.map((line) => line.text)).toEqual(LINES);
    expect(split[0].bottom).toBeLessThanOrEqual(split[1].top + DEFAULT_FONT_PX * 0.2);
    for (const line of split) {
      expect(line.top).toBeGreaterThanOrEqual(0);
      expect(line.bottom).toBeLessThanOrEqual(cell.heightPx);
    }
  });

  it('boxes regions above the threshold, drops weak and tiny ones, and grows them by the unclip distance', () => {
    const map = new Float32Array(40 * 20);
    for (let y = 4; y < 8; y++) for (let x = 5; x < 35; x++) map[y * 40 + x] = 0.9;
    for (let y = 12; y < 16; y++) for (let x = 5; x < 35; x++) map[y * 40 + x] = 0.4;
    map[18 * 40 + 2] = 0.95;
    const boxes = probabilityMapToBoxes(map, 40, 20);
    expect(boxes).toHaveLength(1);
    // 30 × 4 px: grown by 30 · 4 · 1.5 / 68 ≈ 2.6 px each side.
    expect(boxes[0]).toMatchObject({ x0: 2, top: 1, x1: 38, bottom: 11 });
  });
});
