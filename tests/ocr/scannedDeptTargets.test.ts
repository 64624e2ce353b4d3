/**
 * The scan of the department-only fixture (fixtures/scanned-templates/dept-only-2024.direct.scan300.pdf, made by
 * `tsx scripts/fixtures/scan.ts fixtures/templates/dept-only-2024.direct.pdf --dpi 300 --out fixtures/scanned-templates`)
 * read by OCR: a 部门整体绩效目标表 and no project table. The table is found and read as the department's (never a
 * project), the document is ours (zero projects), and its records stay within the measured baseline of fields that
 * differ from the hand-written ones (support/expected.ts compareWithExpected).
 *
 * First run (issue 15, 部门整体): the structure is read whole — the table, its labels, both tasks, all five indicator
 * rows and every amount — and 5 fields differ: two Han misreadings (`清淤` → `清浴`, `以上` → `4(闵上`) and three of
 * the 分值 column's short numbers (`25` read `9`, two cells read as nothing). The weight column is an extra column read
 * as text, without the number repairs targets and amounts get: work for the OCR stage's owners; the baseline below is
 * the measured figure, so that a regression shows and an improvement can tighten it.
 *
 * Issue 13: short numbers chi_sim misses (`25` read `9`, `15` read `全`, `25` read `为`) are re-read with the number
 * alphabet when their ink is one line of digit height and width (rereadPolicy.ts shortNumberMissPattern): the three
 * weights now read right, and the 2 Han misreadings are what differs.
 */
import { describe, expect, it } from 'vitest';
import { documentToAccepted } from '../../src/batch/extractDocument.js';
import { compareWithExpected, formatMismatches } from '../../support/expected.js';
import { readJson } from '../../support/fixtureFiles.js';
import { scanToDocument } from '../support/scannedDocument.js';

const SCAN = 'fixtures/scanned-templates/dept-only-2024.direct.scan300.pdf';
const EXPECTED = 'fixtures/scanned-templates/dept-only-2024.expected.json';
/** The measured baseline: fields of the records OCR reads differently from the printed ones (5 before issue 13's re-read). */
const MAX_MISMATCHED_FIELDS = 2;
const TIMEOUT_MS = 400_000;

describe('the department-only scan (300 dpi) read by OCR', () => {
  it('finds the 部门整体 table with its tasks and indicators, no project, and stays within the measured baseline', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const document = await scanToDocument(SCAN);
    expect(document.textSource).toBe('ocr');
    expect(document.projects).toEqual([]);
    expect(documentToAccepted(document)).toBe(document);
    expect(document.deptTargets?.map((target) => [target.tasks.length, target.indicators.length])).toEqual([[2, 5]]);
    const mismatches = compareWithExpected(document, readJson(EXPECTED));
    console.log(`dept-only-2024.direct.scan300: ${mismatches.length} field(s) differ\n${formatMismatches(mismatches)}`);
    expect(mismatches.length, formatMismatches(mismatches)).toBeLessThanOrEqual(MAX_MISMATCHED_FIELDS);
  });
});
