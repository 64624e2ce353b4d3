/**
 * A lone `。` wrapped onto a cell's last line, read by PP-OCR (the real model from npm) on cells rendered in the
 * machine's CJK font at the sizes of 200 and 300 dpi scans of 10.5pt print: its line is cut apart (cellLines.ts), its
 * crop is read as `。`, and the cell's text ends with it.
 */
import { describe, expect, it } from 'vitest';
import { joinCellLines } from '../../../src/stages/layout/text.js';
import { ocrTextToRunText } from '../../../src/stages/ocr/cellCrops.js';
import { withOcrEnginePool } from '../../../src/stages/ocr/enginePool.js';
import { placedImageToPageText } from '../../../src/stages/ocr/index.js';
import { grayCellToLineCrops } from '../../../src/stages/ocr/paddle/cellLineCrops.js';
import { imageToPaddleLines } from '../../../src/stages/ocr/paddle/imageToLines.js';
import { withPaddleRecogniser } from '../../../src/stages/ocr/paddle/recogniser.js';
import type { GrayImage } from '../../../src/stages/ocr/raster.js';
import { textToGray } from '../../../support/renderText.js';

const LINE = '提升群众满意度和知名度';
/** 10.5pt at 200 and at 300 dpi; loosely and tightly set lines. */
const CELLS = [{ fontPx: 29 }, { fontPx: 29, lineGapPx: 3 }, { fontPx: 44 }, { fontPx: 44, lineGapPx: 4 }];

describe('a lone `。` on the last line of a cell read by PP-OCR', () => {
  it('is cut as a crop of its own, a line high and a glyph wide, with the ring at its bottom left', () => {
    for (const options of CELLS) {
      const crops = grayCellToLineCrops(textToGray([LINE, '。'], options));
      expect(crops).toHaveLength(2);
      const [line, ring] = crops;
      expect(ring.image.heightPx).toBeGreaterThanOrEqual(line.inkBox.bottom - line.inkBox.top);
      expect(ring.inkBox.bottom - ring.inkBox.top).toBeLessThan((line.inkBox.bottom - line.inkBox.top) / 3);
      expect(ring.originY + ring.image.heightPx - ring.inkBox.bottom).toBeLessThan(ring.inkBox.top - ring.originY);
      expect(ring.image.widthPx).toBeGreaterThanOrEqual(line.inkBox.bottom - line.inkBox.top);
      expect(ring.inkBox.x0 - ring.originX).toBeLessThan(ring.originX + ring.image.widthPx - ring.inkBox.x1);
    }
  });

  it('is read as `。` and ends the cell’s text, joined without a space', async () => {
    await withPaddleRecogniser({}, async (recogniser) => {
      for (const options of CELLS) {
        const lines = await imageToPaddleLines(textToGray([LINE, '。'], options), recogniser);
        const texts = lines.map((line) => ocrTextToRunText(line.text));
        expect(texts, JSON.stringify(options)).toEqual([LINE, '。']);
        expect(joinCellLines(texts)).toBe(`${LINE}。`);
      }
    });
  });

  it('is read as `。` or not at all when blurred as a scanner blurs it, never as a letter or a digit', async () => {
    // a box blur of radius 1 and 2 px: clean renders cut without the width of a glyph were read `0`, `6`, `o`
    const blurred = (image: GrayImage, radiusPx: number): GrayImage => {
      const { widthPx, heightPx } = image;
      const gray = new Uint8Array(widthPx * heightPx);
      for (let y = 0; y < heightPx; y++)
        for (let x = 0; x < widthPx; x++) {
          let sum = 0;
          let count = 0;
          for (let dy = -radiusPx; dy <= radiusPx; dy++)
            for (let dx = -radiusPx; dx <= radiusPx; dx++) {
              const [yy, xx] = [y + dy, x + dx];
              if (yy < 0 || yy >= heightPx || xx < 0 || xx >= widthPx) continue;
              sum += image.gray[yy * widthPx + xx];
              count++;
            }
          gray[y * widthPx + x] = Math.round(sum / count);
        }
      return { widthPx, heightPx, gray };
    };
    await withPaddleRecogniser({}, async (recogniser) => {
      for (const options of CELLS)
        for (const radiusPx of [1, 2]) {
          const lines = await imageToPaddleLines(blurred(textToGray([LINE, '。'], options), radiusPx), recogniser);
          const text = joinCellLines(lines.map((line) => ocrTextToRunText(line.text)));
          expect([LINE, `${LINE}。`], JSON.stringify({ ...options, radiusPx })).toContain(text);
        }
    });
  });

  it('reads a short last line `等。` as before', async () => {
    await withPaddleRecogniser({}, async (recogniser) => {
      const lines = await imageToPaddleLines(textToGray([LINE, '等。'], { fontPx: 44 }), recogniser);
      expect(joinCellLines(lines.map((line) => ocrTextToRunText(line.text)))).toBe(`${LINE}等。`);
    });
  });
});

/** A page of a two-column table ruled in black at dpi, with `cells` (lines of text) in its second row. */
function tablePage(dpi: number, cells: [string[], string[]]): GrayImage {
  const fontPx = Math.round((10.5 * dpi) / 72);
  const widthPx = Math.round(dpi * 6);
  const heightPx = Math.round(dpi * 1.8);
  const gray = new Uint8Array(widthPx * heightPx).fill(255);
  const ink = (x0: number, top: number, x1: number, bottom: number) => {
    for (let y = top; y < bottom; y++) gray.fill(0, y * widthPx + x0, y * widthPx + x1);
  };
  const cols = [0.5, 2, 5.5].map((inch) => Math.round(dpi * inch));
  const rows = [0.3, 0.8, 1.6].map((inch) => Math.round(dpi * inch));
  const rulePx = Math.max(2, Math.round(dpi / 150));
  for (const x of cols) ink(x, rows[0], x + rulePx, rows[2] + rulePx);
  for (const y of rows) ink(cols[0], y, cols[2] + rulePx, y + rulePx);
  const texts: Array<[string[], number, number]> = [
    [['指标名称'], cols[0], rows[0]],
    [['目标值'], cols[1], rows[0]],
    [cells[0], cols[0], rows[1]],
    [cells[1], cols[1], rows[1]],
  ];
  for (const [lines, x0, top] of texts) {
    const text = textToGray(lines, { fontPx, marginPx: 4, lineGapPx: Math.round(fontPx * 0.3) });
    for (let y = 0; y < text.heightPx; y++)
      gray.set(text.gray.subarray(y * text.widthPx, (y + 1) * text.widthPx), (top + 20 + y) * widthPx + x0 + 20);
  }
  return { widthPx, heightPx, gray };
}

describe('a lone `。` on the last line of a table cell on a page read by the paddle engine', () => {
  it('is a run of its own, under the cell’s lines, at 300 and 200 dpi', async () => {
    const cell = ['提升群众对公共服务的满意度和知', '名度，做好宣传和群众沟通工作'];
    await withOcrEnginePool({ engine: 'paddle', workers: 1 }, async (pool) => {
      for (const dpi of [300, 200]) {
        const image = tablePage(dpi, [['服务对象满意度'], [...cell, '。']]);
        const boxPt = { x0: 0, top: 0, x1: (image.widthPx * 72) / dpi, bottom: (image.heightPx * 72) / dpi };
        const { pageText } = await placedImageToPageText(
          { image, boxPt, dpi, origin: 'rendered' },
          { pageNumber: 1, widthPt: boxPt.x1, heightPt: boxPt.bottom },
          pool,
        );
        const runs = pageText.runs.slice(3);
        expect(runs.map((run) => run.text)).toEqual([...cell, '。']);
        expect(runs[2].top).toBeGreaterThan(runs[1].bottom);
        expect(joinCellLines(runs.map((run) => run.text))).toBe(`${cell.join('')}。`);
      }
    });
  });
});
