/**
 * `budgetpdf compare` and the 部门整体支出绩效目标表: a department's table of two years side by side, its indicators
 * matched by level path and name as a continuing project's, a year of only a department table (no project) on record.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseToCompareReport, deptTablesToPairs } from '../../src/history/compare.js';
import { compareReportToCsv, compareReportToHtml, compareReportToText } from '../../src/history/compareReport.js';
import type { BudgetDocument } from '../../src/model/index.js';
import { extractPdf } from '../../src/pipeline.js';
import { type Db, openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

const DEPT_ONLY = join(REPO_ROOT, 'fixtures/templates/dept-only-2024.lo-b5.pdf');

let dir: string;
let db: Db;
let later: BudgetDocument;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-compare-dept-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
  later = (await extractPdf(new Uint8Array(readFileSync(DEPT_ONLY)), { sourcePath: DEPT_ONLY, ocr: 'never' })).document;
  const table = later.deptTargets![0]!;
  // The year before: the first indicator's target lower (≥ raised since: tightened), the last one not printed yet.
  const first = table.indicators[0]!;
  expect(first.targetOp).toBe('>=');
  const earlierTable = {
    ...table,
    budgetTotalYuan: (table.budgetTotalYuan ?? 0) - 1_000_000,
    indicators: [
      {
        ...first,
        targetValue: first.targetValue! / 2,
        targetText: `≥${first.targetValue! / 2}${first.targetUnit ?? ''}`,
      },
      ...table.indicators.slice(1, -1),
    ],
  };
  const year = later.fiscalYear!;
  storeDocument(
    db,
    {
      ...later,
      sha256: 'e'.repeat(64),
      sourcePath: 'earlier.pdf',
      fiscalYear: year - 1,
      title: later.title?.replace(String(year), String(year - 1)) ?? null,
      deptTargets: [earlierTable],
      findings: [],
    },
    { pipelineVersion: 't' },
  );
  storeDocument(db, later, { pipelineVersion: 't' });
}, 60_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('compare: the 部门整体支出绩效目标表 across years', () => {
  it("pairs the two years' tables and gives each indicator's change; years of no project are on record", async () => {
    const year = later.fiscalYear!;
    const table = later.deptTargets![0]!;
    const report = databaseToCompareReport(db, { department: later.department!, fromYear: year - 1, toYear: year });
    expect(report.continuing).toEqual([]);
    expect(report.budgetByYear.map((row) => [row.fiscalYear, row.projectCount])).toEqual([
      [year - 1, 0],
      [year, 0],
    ]);
    expect(report.deptTargets).toHaveLength(1);
    expect(report.deptTargets[0]!.to.budgetTotalYuan! - report.deptTargets[0]!.from.budgetTotalYuan!).toBe(1_000_000);
    const changes = Object.fromEntries(report.deptTargetChanges.map((row) => [row.level3, row.change]));
    const first = table.indicators[0]!;
    const last = table.indicators.at(-1)!;
    expect(changes[first.level3!]).toBe('tightened');
    expect(changes[last.level3!]).toBe('new');
    expect(report.deptTargetChanges.filter((row) => row.change === 'unchanged')).toHaveLength(
      table.indicators.length - 2,
    );

    const text = compareReportToText(report);
    expect(text).toContain('部门整体表 (department table): 1');
    expect(text).toContain(`tightened 部门整体表 1 ${table.deptName} › ${first.level3}`);
    const csv = await compareReportToCsv(report);
    expect(csv).toContain(`dept_target_indicator`);
    expect(csv.split('\n').filter((line) => line.includes(',dept_target,'))).toHaveLength(1);
    const html = compareReportToHtml(report);
    expect(html).toContain('部门整体表指标值变化');
    expect(html).not.toMatch(/<script/);
  });

  it('pairs tables by 部门名称, else the only one of each year', () => {
    const table = (seq: number, deptName: string | null) => ({
      fiscalYear: 2024,
      documentId: 1,
      sha256: 'a'.repeat(64),
      seq,
      deptName,
      budgetTotalYuan: null,
    });
    expect(
      deptTablesToPairs([table(1, '甲 局'), table(2, '乙局')], [table(1, '乙局'), table(2, '甲局')]).map((pair) => [
        pair.from.seq,
        pair.to.seq,
      ]),
    ).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(deptTablesToPairs([table(1, null)], [table(1, '丙局')])).toHaveLength(1);
    expect(deptTablesToPairs([table(1, '甲局'), table(2, '乙局')], [table(1, '丙局'), table(2, '丁局')])).toEqual([]);
  });
});
