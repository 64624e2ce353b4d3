/**
 * A lone `。` wrapped onto a cell's last line, read by PP-OCR (the real model from npm) on cells rendered in the
 * machine's CJK font at the sizes of 200 and 300 dpi scans of 10.5pt print: its line is cut apart (cellLines.ts), its
 * crop is read as `。`, and the cell's text ends with it.
 */
import { describe, expect, it } from 'vitest';
import { joinCellLines } from '../../../src/stages/layout/text.js';
import { ocrTextToRunText } from '../../../src/stages/ocr/cellCrops.js';
import { grayCellToLineCrops } from '../../../src/stages/ocr/paddle/cellLineCrops.js';
import { imageToPaddleLines } from '../../../src/stages/ocr/paddle/imageToLines.js';
import { withPaddleRecogniser } from '../../../src/stages/ocr/paddle/recogniser.js';
import { textToGray } from '../../../support/renderText.js';

const LINE = '提升群众满意度和知名度';
/** 10.5pt at 200 and at 300 dpi; loosely and tightly set lines. */
const CELLS = [{ fontPx: 29 }, { fontPx: 29, lineGapPx: 3 }, { fontPx: 44 }, { fontPx: 44, lineGapPx: 4 }];

describe('a lone `。` on the last line of a cell read by PP-OCR', () => {
  it('is cut as a crop of its own, a line high, with the ring at its bottom', () => {
    for (const options of CELLS) {
      const crops = grayCellToLineCrops(textToGray([LINE, '。'], options));
      expect(crops).toHaveLength(2);
      const [line, ring] = crops;
      expect(ring.image.heightPx).toBeGreaterThanOrEqual(line.inkBox.bottom - line.inkBox.top);
      expect(ring.inkBox.bottom - ring.inkBox.top).toBeLessThan((line.inkBox.bottom - line.inkBox.top) / 3);
      expect(ring.originY + ring.image.heightPx - ring.inkBox.bottom).toBeLessThan(ring.inkBox.top - ring.originY);
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

  it('reads a short last line `等。` as before', async () => {
    await withPaddleRecogniser({}, async (recogniser) => {
      const lines = await imageToPaddleLines(textToGray([LINE, '等。'], { fontPx: 44 }), recogniser);
      expect(joinCellLines(lines.map((line) => ocrTextToRunText(line.text)))).toBe(`${LINE}等。`);
    });
  });
});
