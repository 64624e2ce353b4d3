/**
 * A page scanned upside down (issue 13) is turned before OCR (src/stages/ocr/orientation.ts): the scan of pages 5–7 of
 * fixtures/invented/eco-2023.lo-a4.pdf with its second page (a project's table) fed upside down
 * (fixtures/scanned/eco-2023-p5-7.scan200-upsidedown.pdf) imports with the same projects and indicator rows as the
 * upright scan of the same pages (eco-2023-p5-7.scan200.pdf), and only that page is turned; no page of a normal scan is.
 * Both made by `tsx scripts/fixtures/scan.ts <pages 5–7> --dpi 200 [--upside-down 2 --suffix -upsidedown]`. They have no
 * expected.json of their own, so tests/ocr/scannedFixtures.test.ts leaves them out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BudgetDocument } from '../../src/model/index.js';
import { extractPdf } from '../../src/pipeline.js';
import { loadPdf, withPdf } from '../../src/stages/load/index.js';
import { placedImageToPageText } from '../../src/stages/ocr/index.js';
import { withTextOrientationClassifier } from '../../src/stages/ocr/orientation.js';
import { pageToPlacedImage } from '../../src/stages/ocr/pageImage.js';
import type { OcrPool } from '../../src/stages/ocr/pool.js';
import { withOcrPool } from '../../src/stages/ocr/pool.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';
import { characterErrorRate } from '../../support/ocrAccuracy.js';

const UPRIGHT = 'fixtures/scanned/eco-2023-p5-7.scan200.pdf';
const UPSIDE_DOWN = 'fixtures/scanned/eco-2023-p5-7.scan200-upsidedown.pdf';
const NORMAL_SCAN = 'fixtures/scanned/eco-2023.lo-a4.scan300.pdf';
const TIMEOUT_MS = 300_000;

const bytesOf = (path: string) => new Uint8Array(readFileSync(join(REPO_ROOT, path)));

/**
 * A target read from the turned page may differ from the upright scan's by OCR noise of one character in a short target
 * (`≥90%` read `过90%` from the turned 200 dpi JPEG): at most this character error rate.
 */
const TARGET_MAX_CER = 0.25;

/** Projects and their indicator rows (levels, the row's name) as the records give them. */
function projectRows(document: BudgetDocument) {
  return document.projects.map((project) => ({
    code: project.code,
    name: project.name,
    rows: project.indicators.map((row) => [row.level1, row.level2, row.level3].join('|')),
  }));
}

const targetsOf = (document: BudgetDocument) =>
  document.projects.flatMap((project) => project.indicators.map((row) => row.targetText ?? ''));

/** The orientation vote of each OCR'd page of a scan, read without recognising any text. */
async function scanToTurnedPages(path: string): Promise<number[]> {
  const bytes = bytesOf(path);
  const loaded = await loadPdf(bytes.slice(), { sourcePath: path, sha256: '0'.repeat(64) });
  const silentPool: OcrPool = { workerCount: 1, recognise: async () => [] };
  return withPdf(bytes.slice(), path, (doc) =>
    withTextOrientationClassifier(async (classifier) => {
      const turned: number[] = [];
      for (const loadedPage of loaded.pages) {
        const page = await doc.getPage(loadedPage.pageNumber);
        try {
          const placed = await pageToPlacedImage(page, loadedPage);
          const { report } = await placedImageToPageText(placed, loadedPage, silentPool, classifier);
          if (report.orientation?.turnedDeg === 180) turned.push(loadedPage.pageNumber);
        } finally {
          page.cleanup();
        }
      }
      return turned;
    }),
  );
}

describe('a page scanned upside down', () => {
  it('imports with the same projects and rows as the upright scan', { timeout: TIMEOUT_MS }, async () => {
    // The turned page must also be read as well as the upright one: without the turn its table is lost or garbled.
    const [upright, upsideDown] = await withOcrPool({}, async (ocrPool) => [
      await extractPdf(bytesOf(UPRIGHT), { sourcePath: UPRIGHT, ocr: 'auto', ocrPool }),
      await extractPdf(bytesOf(UPSIDE_DOWN), { sourcePath: UPSIDE_DOWN, ocr: 'auto', ocrPool }),
    ]);
    expect(upright.pageTexts.map((page) => page.orientation)).toEqual([undefined, undefined, undefined]);
    expect(upsideDown.pageTexts.map((page) => page.orientation?.turnedDeg)).toEqual([undefined, 180, undefined]);
    expect(projectRows(upright.document).length).toBe(2);
    expect(projectRows(upsideDown.document)).toEqual(projectRows(upright.document));
    const uprightTargets = targetsOf(upright.document);
    for (const [i, target] of targetsOf(upsideDown.document).entries())
      expect(characterErrorRate(uprightTargets[i], target), `${uprightTargets[i]} → ${target}`).toBeLessThanOrEqual(
        TARGET_MAX_CER,
      );
    const turned = upsideDown.document.findings.filter((finding) => finding.rule === 'page_turned');
    expect(turned.map((finding) => finding.pageNumber)).toEqual([2]);
    expect(upright.document.findings.filter((finding) => finding.rule === 'page_turned')).toEqual([]);
  });

  it('no page of a normal scan is turned', { timeout: TIMEOUT_MS }, async () => {
    expect(await scanToTurnedPages(NORMAL_SCAN)).toEqual([]);
  });
});
