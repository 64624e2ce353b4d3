/**
 * Real cell crops: page 4 of a scanned fixture (civil-2020, 300 and 200 dpi) cut into cells by the
 * existing rule finder, each cell into lines by grayCellToLineCrops, read by PP-OCRv4. The cell
 * texts the expected records hold for the page's project (code, name, amounts, indicator names,
 * targets and bases) must be among the cells read (lines of a cell joined without a space).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfPageToLoadedPage, withPdf } from '../../../../src/stages/load/index.js';
import { pageToPlacedImage } from '../../../../src/stages/ocr/pageImage.js';
import { grayCellToLineCrops } from '../../../../src/stages/ocr/paddle/cellLineCrops.js';
import { withPaddleRecogniser } from '../../../../src/stages/ocr/paddle/recogniser.js';
import { binaryToSkewDeg, grayToBinary, grayToCrop, grayToDeskewed, otsuThreshold } from '../../../../src/stages/ocr/raster.js';
import { binaryToRules, ruleOptionsForDpi, rulesToCellBoxes } from '../../../../src/stages/ocr/rules.js';
import { REPO_ROOT } from '../../../support/fixtureFiles.js';

/** Pixels trimmed inside each cell (the blurred fringe of its rules). */
const CELL_INSET_PX = 2;

/** The cells of a scanned page read by PP-OCR: one string per cell, its lines joined. */
async function scannedPageToCellTexts(path: string, pageNumber: number): Promise<string[]> {
  return withPdf(new Uint8Array(readFileSync(path)), path, async (doc) => {
    const page = await doc.getPage(pageNumber);
    const placed = await pageToPlacedImage(page, await pdfPageToLoadedPage(page));
    const threshold = otsuThreshold(placed.image);
    const gray = grayToDeskewed(placed.image, binaryToSkewDeg(grayToBinary(placed.image, threshold)));
    const binary = grayToBinary(gray, threshold);
    const { rules, ruleMask } = binaryToRules(binary, ruleOptionsForDpi(placed.dpi));
    const cells = rulesToCellBoxes(rules, binary.widthPx, binary.heightPx, placed.dpi);
    return withPaddleRecogniser({}, async (recogniser) => {
      const texts: string[] = [];
      for (const cell of cells) {
        const box = { x0: cell.x0 + CELL_INSET_PX, top: cell.top + CELL_INSET_PX, x1: cell.x1 - CELL_INSET_PX, bottom: cell.bottom - CELL_INSET_PX };
        const crop = grayToCrop(gray, box);
        // Rule pixels and their 1 px fringe painted white, as the tesseract path does.
        for (let y = 0; y < crop.heightPx; y++) {
          for (let x = 0; x < crop.widthPx; x++) {
            for (let dy = -1; dy <= 1; dy++) {
              for (let dx = -1; dx <= 1; dx++) {
                if (ruleMask[(y + box.top + dy) * gray.widthPx + x + box.x0 + dx] === 1) crop.gray[y * crop.widthPx + x] = 255;
              }
            }
          }
        }
        const lines = [];
        for (const line of grayCellToLineCrops(crop, { inkThreshold: threshold })) lines.push((await recogniser.recogniseLine(line.image)).text);
        if (lines.length > 0) texts.push(lines.join(''));
      }
      return texts;
    });
  });
}

type Expected = {
  projects: Array<{
    code: string;
    name: string;
    unit_code: string;
    unit_name: string;
    indicators: Array<{ level3: string; target_text: string; basis: string | null }>;
  }>;
};

const expected = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/scanned/civil-2020.expected.json'), 'utf8')) as Expected;
const project = expected.projects[0];
/** Texts of page 4's cells that the records hold verbatim. */
const expectedCellTexts = [
  `${project.unit_code}${project.unit_name}`,
  project.code,
  project.name,
  ...project.indicators.slice(0, 6).flatMap((indicator) => [indicator.level3, indicator.target_text, ...(indicator.basis ? [indicator.basis] : [])]),
];

describe('PP-OCR on the cells of a scanned page', () => {
  it.each([
    ['civil-2020.lo-a4.scan300.pdf', 0],
    // 200 dpi: one miss tolerated (measured: the target `≤620元/人`, wrapped after `/`).
    ['civil-2020-yuan.lo-b5.scan200.pdf', 1],
  ])('reads the project’s cells of page 4 of %s', async (file, allowedMisses) => {
    const texts = new Set(await scannedPageToCellTexts(join(REPO_ROOT, 'fixtures/scanned', file), 4));
    const missed = expectedCellTexts.filter((text) => !texts.has(text));
    expect(missed.length, `missed: ${missed.join(' | ')}`).toBeLessThanOrEqual(allowedMisses);
  });
});
