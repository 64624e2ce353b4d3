/**
 * Test and bench helper: the line crops of the cells of a scanned fixture page, cut as the OCR stage
 * cuts cells (deskew, rule finder, rules painted white) and split by grayCellToLineCrops.
 */
import { readFileSync } from 'node:fs';
import { pdfPageToLoadedPage, withPdf } from '../src/stages/load/index.js';
import { pageToPlacedImage } from '../src/stages/ocr/pageImage.js';
import { type CellLineCrop, grayCellToLineCrops } from '../src/stages/ocr/paddle/cellLineCrops.js';
import { binaryToSkewDeg, grayToBinary, grayToCrop, grayToDeskewed, otsuThreshold } from '../src/stages/ocr/raster.js';
import { binaryToRules, ruleOptionsForDpi, rulesToCellBoxes } from '../src/stages/ocr/rules.js';

/** Pixels trimmed inside each cell (the blurred fringe of its rules). */
const CELL_INSET_PX = 2;

export type ScannedCellLines = { dpi: number; cells: CellLineCrop[][] };

/** Each non-empty cell of the page as its line crops, cells in the rule finder's order. */
export async function scannedPageToCellLineCrops(path: string, pageNumber: number): Promise<ScannedCellLines> {
  return withPdf(new Uint8Array(readFileSync(path)), path, async (doc) => {
    const page = await doc.getPage(pageNumber);
    const placed = await pageToPlacedImage(page, await pdfPageToLoadedPage(page));
    const threshold = otsuThreshold(placed.image);
    const gray = grayToDeskewed(placed.image, binaryToSkewDeg(grayToBinary(placed.image, threshold)));
    const binary = grayToBinary(gray, threshold);
    const { rules, ruleMask } = binaryToRules(binary, ruleOptionsForDpi(placed.dpi));
    const cells: CellLineCrop[][] = [];
    for (const cell of rulesToCellBoxes(rules, binary.widthPx, binary.heightPx, placed.dpi)) {
      const box = {
        x0: cell.x0 + CELL_INSET_PX,
        top: cell.top + CELL_INSET_PX,
        x1: cell.x1 - CELL_INSET_PX,
        bottom: cell.bottom - CELL_INSET_PX,
      };
      const crop = grayToCrop(gray, box);
      // Rule pixels and their 1 px fringe painted white, as the tesseract path does.
      for (let y = 0; y < crop.heightPx; y++) {
        for (let x = 0; x < crop.widthPx; x++) {
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              if (ruleMask[(y + box.top + dy) * gray.widthPx + x + box.x0 + dx] === 1)
                crop.gray[y * crop.widthPx + x] = 255;
            }
          }
        }
      }
      const lines = grayCellToLineCrops(crop, { inkThreshold: threshold });
      if (lines.length > 0) cells.push(lines);
    }
    return { dpi: placed.dpi, cells };
  });
}
