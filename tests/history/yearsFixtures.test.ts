/**
 * fixtures/years (issue 19): every rendering of the department's three years and its draft imports to exactly its
 * hand-written records, before anything is linked across them (tests/history/links.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/pipeline.js';
import { compareFindings, compareWithExpected, formatMismatches } from '../../support/expected.js';
import { listFixturePdfs, readJson, REPO_ROOT } from '../../support/fixtureFiles.js';

/** The text-layer renderings; the scan of 2023 is read by OCR in tests/ocr/scannedYears.test.ts. */
const yearFixtures = listFixturePdfs(['years']).filter((fixture) => !/\.scan\d+\.pdf$/.test(fixture.pdfPath));

describe('fixtures/years import to exactly their expected records', () => {
  it('has four documents in two renderings each', () => {
    expect(yearFixtures.map((fixture) => fixture.pdfPath).sort()).toEqual(
      ['water-2022', 'water-2023', 'water-2023-draft', 'water-2024']
        .flatMap((name) => [`fixtures/years/${name}.direct.pdf`, `fixtures/years/${name}.lo-a4.pdf`])
        .sort(),
    );
  });

  for (const fixture of yearFixtures) {
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
