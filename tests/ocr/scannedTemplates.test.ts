/**
 * The scan of the central-government fixture (fixtures/scanned-templates/central-2023.direct.scan300.pdf, made
 * by `tsx scripts/fixtures/scan.ts fixtures/templates/central-2023.direct.pdf --dpi 300`) read by OCR.
 *
 * Kept apart from fixtures/scanned, whose test holds every scan to issue 3's figures with no exception: this
 * scan does not meet them yet. What it shows (first run, session of issue 15): the structure is read — every
 * project, every indicator row, the template, the vertical 年度总体目标 label (one character off by OCR,
 * `每度总体目标`, matched as a label) — but the OCR misreads targets this template prints: `(%)` after the
 * number (`≥90. 00(史`), `=` read as `≥`, `≤` as `三`/`入`, `≧` as `2`, and a lone `0` amount as `U`
 * (the ocr_money repair does not take `U` for 0). Those are OCR repairs for the OCR stage's owners; the
 * figures below are the measured baseline, so that a regression shows and an improvement can tighten them.
 */
import { describe, expect, it } from 'vitest';
import { readJson } from '../../support/fixtureFiles.js';
import { measureOcrAccuracy } from '../../support/ocrAccuracy.js';
import { scanToDocument } from '../support/scannedDocument.js';

const SCAN = 'fixtures/scanned-templates/central-2023.direct.scan300.pdf';
const EXPECTED = 'fixtures/scanned-templates/central-2023.expected.json';
/** Issue 3's row figures, which this scan meets. */
const MIN_ROW_RECALL = 0.99;
const MIN_ROW_PRECISION = 0.99;
/** The measured baseline (see above): 1 exact miss (the `U` read for 0), mean CER 3.55 % (targets with `(%)`). */
const MAX_EXACT_MISSES = 1;
const MAX_MEAN_CER = 0.04;
const TIMEOUT_MS = 400_000;

describe('the central-government scan (300 dpi) read by OCR', () => {
  it('finds every project and indicator row, matches central-project, and stays within the measured baseline', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const document = await scanToDocument(SCAN);
    expect(document.textSource).toBe('ocr');
    expect(document.template).toBe('central-project');
    const accuracy = measureOcrAccuracy(document, readJson(EXPECTED));
    const detail = JSON.stringify({ exactMisses: accuracy.exactMisses, worstFields: accuracy.worstFields }, null, 1);
    expect(accuracy.projectsFound, detail).toBe(accuracy.projectsExpected);
    expect(accuracy.recall, detail).toBeGreaterThanOrEqual(MIN_ROW_RECALL);
    expect(accuracy.precision, detail).toBeGreaterThanOrEqual(MIN_ROW_PRECISION);
    expect(accuracy.exactMisses.length, detail).toBeLessThanOrEqual(MAX_EXACT_MISSES);
    expect(accuracy.meanCer, detail).toBeLessThanOrEqual(MAX_MEAN_CER);
    console.log(
      `central-2023.direct.scan300: exact misses ${accuracy.exactMisses.length}, recall ${accuracy.recall}, precision ${accuracy.precision}, mean CER ${accuracy.meanCer}`,
    );
  });
});
