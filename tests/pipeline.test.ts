import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../src/pipeline.js';
import { compareFindings, compareWithExpected, formatMismatches } from './support/expected.js';
import { listFixturePdfs, readJson, REPO_ROOT } from './support/fixtureFiles.js';

const textLayerFixtures = listFixturePdfs(['seed', 'invented', 'phenomena', 'variants']);

describe('text-layer fixtures import to exactly their expected records', () => {
  it('has fixtures to check (seed renderings, invented documents, phenomena)', () => {
    const groups = new Set(textLayerFixtures.map((fixture) => fixture.group));
    expect([...groups].sort()).toEqual(['invented', 'phenomena', 'seed', 'variants']);
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
    const { expected_findings: findings, ...records } = readJson('fixtures/seed/seed-2022.expected.json') as Record<string, unknown>;
    expect(records).toEqual(shared);
    expect(findings).toEqual([{ rule: 'spend_plan_incomplete', project_seq: 14 }]);
  });
});
