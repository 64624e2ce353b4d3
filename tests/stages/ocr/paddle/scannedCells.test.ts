/**
 * Real cell crops: page 4 of a scanned fixture (civil-2020, 300 and 200 dpi) cut into cells by the
 * existing rule finder, each cell into lines by grayCellToLineCrops, read by PP-OCRv4. The cell
 * texts the expected records hold for the page's project (code, name, amounts, indicator names,
 * targets and bases) must be among the cells read (lines of a cell joined without a space).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPaddleRecogniser } from '../../../../src/stages/ocr/paddle/recogniser.js';
import { REPO_ROOT } from '../../../../support/fixtureFiles.js';
import { scannedPageToCellLineCrops } from '../../../../support/scannedCellCrops.js';

/** The cells of a scanned page read by PP-OCR: one string per cell, its lines joined. */
async function scannedPageToCellTexts(path: string, pageNumber: number): Promise<string[]> {
  const { cells } = await scannedPageToCellLineCrops(path, pageNumber);
  return withPaddleRecogniser({}, async (recogniser) => {
    const texts: string[] = [];
    for (const lines of cells) {
      const read = [];
      for (const line of lines) read.push((await recogniser.recogniseLine(line.image)).text);
      texts.push(read.join(''));
    }
    return texts;
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

const expected = JSON.parse(
  readFileSync(join(REPO_ROOT, 'fixtures/scanned/civil-2020.expected.json'), 'utf8'),
) as Expected;
const project = expected.projects[0];
/** Texts of page 4's cells that the records hold verbatim. */
const expectedCellTexts = [
  `${project.unit_code}${project.unit_name}`,
  project.code,
  project.name,
  ...project.indicators
    .slice(0, 6)
    .flatMap((indicator) => [indicator.level3, indicator.target_text, ...(indicator.basis ? [indicator.basis] : [])]),
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
