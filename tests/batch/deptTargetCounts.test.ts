/**
 * The import summary counts the 部门整体支出绩效目标表 (issue 15): a document of only a department table has zero
 * projects and must not look empty, on its first import and when skipped as unchanged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { importSummary, resultLine } from '../../src/cli/importOutput.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

const DEPT_ONLY = join(REPO_ROOT, 'fixtures/templates/dept-only-2024.lo-b5.pdf');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-dept-counts-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the import summary of a document of only a 部门整体 table', () => {
  it('counts its department table and indicators, imported and unchanged alike', async () => {
    const dbPath = join(dir, 'budget.sqlite');
    const [first] = await importPdfs([DEPT_ONLY], { dbPath, ocr: 'never', jobs: 1 });
    const [again] = await importPdfs([DEPT_ONLY], { dbPath, ocr: 'never', jobs: 1 });
    expect(first).toMatchObject({ status: 'imported', projectCount: 0, deptTargetCount: 1 });
    expect(first?.deptIndicatorCount).toBeGreaterThan(0);
    expect(again).toMatchObject({
      status: 'unchanged',
      projectCount: 0,
      deptTargetCount: 1,
      deptIndicatorCount: first?.deptIndicatorCount,
    });
    const n = first?.deptIndicatorCount;
    expect(resultLine(first!)).toContain(`(0 projects, 0 indicators, 部门整体表 1 (${n} indicators), `);
    expect(importSummary([first!], dbPath)).toContain(`0 projects, 0 indicators, 部门整体表 1 (${n} indicators), `);
  });
});
