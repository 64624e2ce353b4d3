import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../src/pipeline.js';
import { compareFindings, compareWithExpected, formatMismatches } from '../support/expected.js';
import { listFixturePdfs, readJson, REPO_ROOT } from '../support/fixtureFiles.js';

/** fixtures/tuning also holds scans of its documents (read by scripts/ocr/accuracyReport.ts); its text-layer renderings are tested here. */
const SCAN_RENDERING = /\.scan\d+[^/]*\.pdf$/u;
const textLayerFixtures = listFixturePdfs(['seed', 'invented', 'phenomena', 'variants', 'templates', 'tuning']).filter(
  (fixture) => !SCAN_RENDERING.test(fixture.pdfPath),
);

describe('text-layer fixtures import to exactly their expected records', () => {
  it('has fixtures to check (seed renderings, invented documents, phenomena)', () => {
    const groups = new Set(textLayerFixtures.map((fixture) => fixture.group));
    expect([...groups].sort()).toEqual(['invented', 'phenomena', 'seed', 'templates', 'tuning', 'variants']);
    expect(textLayerFixtures.filter((fixture) => fixture.group === 'seed').length).toBeGreaterThanOrEqual(2);
  });

  for (const fixture of textLayerFixtures) {
    it(`${fixture.pdfPath} matches ${fixture.expectedPath}`, async () => {
      const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, fixture.pdfPath)));
      const { document } = await extractPdf(bytes, { sourcePath: fixture.pdfPath, ocr: 'never' });
      const expected = readJson(fixture.expectedPath) as { expected_findings?: unknown };
      const mismatches = compareWithExpected(document, expected);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
      const findingProblems = compareFindings(document, expected.expected_findings ?? []);
      expect(findingProblems, JSON.stringify(findingProblems, null, 1)).toEqual([]);
    });
  }
});

describe('the seed fixture records', () => {
  it('are the hand-checked records of ../shared/expected/seed-2022.json, plus the findings the seed must raise', () => {
    const shared = JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'expected', 'seed-2022.json'), 'utf8'));
    const { expected_findings: findings, ...records } = readJson('fixtures/seed/seed-2022.expected.json') as Record<
      string,
      unknown
    >;
    expect(records).toEqual(shared);
    expect(findings).toEqual([{ rule: 'spend_plan_incomplete', project_seq: 14 }]);
  });
});

describe('extractPdf on a damaged file (the library API, not the batch)', () => {
  it('throws BudgetPdfError corrupt_pdf naming the file when pdf.js fails inside a page, not a raw pdf.js error', async () => {
    const { BudgetPdfError, isBudgetPdfError } = await import('../src/errors.js');
    const { withPdfjsRejectionsContained } = await import('../src/batch/pdfjsRejections.js');
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, 'fixtures/bad/corrupt.pdf')));
    // pdf.js also leaves the page's FormatError unhandled in its in-thread worker (fixtures/bad/README.md).
    const error = await withPdfjsRejectionsContained(() =>
      extractPdf(bytes, { sourcePath: 'corrupt.pdf', ocr: 'never' }).then(
        () => null,
        (thrown: unknown) => thrown,
      ),
    );
    expect(error).toBeInstanceOf(BudgetPdfError);
    expect(isBudgetPdfError(error) && [error.code, error.file]).toEqual(['corrupt_pdf', 'corrupt.pdf']);
    expect((error as Error).message).toMatch(/^corrupt\.pdf: /);
  });
});
