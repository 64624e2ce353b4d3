/**
 * Scanned fixtures (fixtures/scanned/*.scan300.pdf, *.scan200.pdf: image-only renderings of the
 * text-layer fixtures, made by scripts/fixtures/scan.ts) read by OCR into the records of their
 * source document (issue 3, acceptance). Each scan is held to the records of its source, with the
 * issue's figures and no exception per fixture:
 * - every project found, indicator rows with recall and precision ≥ 99 % (rows neither lost nor invented);
 * - codes, money, spend plans and level-1/level-2 names exactly right (records are summed and joined
 *   on these, so a near miss is a wrong value);
 * - mean character error rate of the other text (titles, goals, measures, indicator names, targets,
 *   bases) under a bound by scan resolution.
 * Measures are those of support/ocrAccuracy.ts. One OCR pool serves every fixture of this file, and
 * each fixture is extracted once for its three tests. The pool is of the default engine, or of the one
 * the environment variable BUDGETPDF_TEST_OCR_ENGINE names (`tesseract`, `paddle`, `hybrid`; anything else fails).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/pipeline.js';
import { DEFAULT_OCR_ENGINE, OcrEngineName } from '../../src/model/index.js';
import { withOcrEnginePool } from '../../src/stages/ocr/enginePool.js';
import type { OcrPool } from '../../src/stages/ocr/pool.js';
import { listFixturePdfs, readJson, REPO_ROOT } from '../../support/fixtureFiles.js';
import { formatAccuracyRow, measureOcrAccuracy, type OcrAccuracy } from '../../support/ocrAccuracy.js';

/** Acceptance of issue 3: indicator rows found and not invented. */
const MIN_ROW_RECALL = 0.99;
const MIN_ROW_PRECISION = 0.99;
/** Mean character error rate of the other text fields, by scan resolution. */
const MAX_MEAN_CER_BY_DPI: Record<number, number> = { 300: 0.02, 200: 0.04 };
/** A full 25-page seed scan takes ~80 s on 2 cores. */
const FIXTURE_TIMEOUT_MS = 400_000;

/** The engine the scans are read with (see the file's comment). */
const OCR_ENGINE = OcrEngineName.parse(process.env.BUDGETPDF_TEST_OCR_ENGINE ?? DEFAULT_OCR_ENGINE);

const scannedFixtures = listFixturePdfs(['scanned']).filter((fixture) => /\.scan\d+\.pdf$/.test(fixture.pdfPath));
const dpiOf = (pdfPath: string) => Number(/\.scan(\d+)\.pdf$/.exec(pdfPath)![1]);

/** Starts a pool for the whole file: withOcrPool's callback stays open until afterAll releases it. */
function openSharedPool(): { ready: Promise<OcrPool>; close: () => Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let resolvePool!: (pool: OcrPool) => void;
  const ready = new Promise<OcrPool>((resolve) => (resolvePool = resolve));
  const done = withOcrEnginePool({ engine: OCR_ENGINE }, async (pool) => {
    resolvePool(pool);
    await released;
  });
  return {
    ready: Promise.race([ready, done.then(() => Promise.reject(new Error('OCR pool closed before use')))]),
    close: async () => {
      release();
      await done;
    },
  };
}

describe('scanned fixtures import by OCR to the records of their source', () => {
  let shared: ReturnType<typeof openSharedPool>;
  const report: string[] = [];
  beforeAll(() => {
    shared = openSharedPool();
  });
  afterAll(async () => {
    await shared.close();
    console.log(`OCR accuracy per scanned fixture (${OCR_ENGINE}):\n${report.join('\n')}`);
  });

  it('has a full seed scan at 300 dpi and one at 200 dpi', () => {
    const names = scannedFixtures.map((fixture) => fixture.pdfPath);
    expect(names.some((name) => /seed-2022\.[^/]*\.scan300\.pdf$/.test(name))).toBe(true);
    expect(names.some((name) => /\.scan200\.pdf$/.test(name))).toBe(true);
  });

  const accuracyOf = new Map<string, Promise<OcrAccuracy>>();
  /** One OCR run per fixture, shared by the tests that measure it. */
  function measured(fixture: (typeof scannedFixtures)[number]): Promise<OcrAccuracy> {
    if (!accuracyOf.has(fixture.pdfPath)) {
      accuracyOf.set(
        fixture.pdfPath,
        (async () => {
          const ocrPool = await shared.ready;
          const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, fixture.pdfPath)));
          const started = performance.now();
          const { document, loaded } = await extractPdf(bytes, { sourcePath: fixture.pdfPath, ocr: 'auto', ocrPool });
          const secondsPerPage = (performance.now() - started) / 1000 / loaded.pageCount;
          expect(document.textSource).toBe('ocr');
          const accuracy = measureOcrAccuracy(document, readJson(fixture.expectedPath));
          report.push(formatAccuracyRow(fixture.pdfPath.replace(/^fixtures\/scanned\//, ''), accuracy, secondsPerPage));
          return accuracy;
        })(),
      );
    }
    return accuracyOf.get(fixture.pdfPath)!;
  }
  const detail = (accuracy: OcrAccuracy) =>
    JSON.stringify({ exactMisses: accuracy.exactMisses.slice(0, 20), worstFields: accuracy.worstFields }, null, 1);

  for (const fixture of scannedFixtures) {
    const dpi = dpiOf(fixture.pdfPath);
    const name = `${fixture.pdfPath} (${dpi} dpi)`;
    it(`${name}: every project found, indicator rows with recall and precision ≥ 99 %`, {
      timeout: FIXTURE_TIMEOUT_MS,
    }, async () => {
      const accuracy = await measured(fixture);
      expect(accuracy.projectsFound, detail(accuracy)).toBe(accuracy.projectsExpected);
      expect(accuracy.recall, detail(accuracy)).toBeGreaterThanOrEqual(MIN_ROW_RECALL);
      expect(accuracy.precision, detail(accuracy)).toBeGreaterThanOrEqual(MIN_ROW_PRECISION);
    });
    it(`${name}: codes, money, spend plans, level-1 and level-2 names exactly right`, {
      timeout: FIXTURE_TIMEOUT_MS,
    }, async () => {
      const accuracy = await measured(fixture);
      expect(accuracy.exactMisses, detail(accuracy)).toEqual([]);
    });
    it(`${name}: mean character error rate of the other text ≤ ${MAX_MEAN_CER_BY_DPI[dpi] * 100} %`, {
      timeout: FIXTURE_TIMEOUT_MS,
    }, async () => {
      const accuracy = await measured(fixture);
      expect(accuracy.meanCer, detail(accuracy)).toBeLessThanOrEqual(MAX_MEAN_CER_BY_DPI[dpi]);
    });
  }
});
