/** A drafted 部门整体 table into its record (src/stages/normalise/deptTargets.ts), and the findings a reviewer needs. */
import { describe, expect, it } from 'vitest';
import { draftToDocument } from '../../../src/stages/normalise/index.js';
import type { DocumentDraft, DraftDeptTarget, DraftIndicatorRow, RawText } from '../../../src/model/draft.js';

const raw = (text: string, pageNumber = 3): RawText => ({ text, lines: [text], pageNumber });
const indicator = (level3: string, weight: string): DraftIndicatorRow => ({
  pageNumber: 3,
  level1: raw('产出指标'),
  level2: raw('数量指标'),
  level3: raw(level3),
  description: null,
  target: raw('≥3个'),
  basis: null,
  extra: { '分值（100）': raw(weight) },
});

function deptTarget(overrides: Partial<DraftDeptTarget> = {}): DraftDeptTarget {
  return {
    seq: 1,
    tableTitle: raw('部门整体支出绩效目标表'),
    amountUnit: '万元',
    deptName: raw('某县某局'),
    competentDept: raw('(301)某县某局'),
    budgetTotal: raw('1,000.00'),
    budgetFiscal: raw('900.00'),
    budgetOther: raw('100.00'),
    budgetCarryover: null,
    budgetBasic: null,
    budgetProjects: null,
    duties: null,
    goal: raw('完成年度任务。'),
    goalMidTerm: null,
    tasks: [{ name: raw('甲任务'), content: raw('甲的内容'), budget: raw('400.50') }],
    indicatorHeaders: ['一级指标', '二级指标', '三级指标', '指标值', '分值（100）'],
    indicators: [indicator('甲', '60'), indicator('乙', '40')],
    pageFirst: 3,
    pageLast: 3,
    ...overrides,
  };
}

function documentOf(deptTargets: DraftDeptTarget[], toc: DocumentDraft['toc'] = []) {
  const draft: DocumentDraft = {
    cover: { title: raw('某县某局2025年部门预算绩效目标', 1), preparedBy: null },
    toc,
    overallGoal: null,
    subGoals: [],
    measures: [],
    projects: [],
    deptTargets,
  };
  return draftToDocument(draft, {
    sha256: 'd'.repeat(64),
    sourcePath: 'd.pdf',
    pageCount: 3,
    pageSources: ['text'],
    repairs: [],
  });
}
const rulesOf = (document: ReturnType<typeof documentOf>) => document.findings.map((finding) => finding.rule).sort();

describe('a 部门整体 table as a record', () => {
  it('converts its amounts and tasks to yuan, parts the 主管部门 code and reads weights and their printed total', () => {
    const document = documentOf([deptTarget()]);
    expect(document.projects).toEqual([]);
    expect(document.template).toBeNull();
    expect(document.deptTargets?.[0]).toMatchObject({
      seq: 1,
      deptName: '某县某局',
      competentDept: '某县某局',
      competentDeptCode: '301',
      amountUnit: '万元',
      budgetTotalYuan: 10000000,
      budgetFiscalYuan: 9000000,
      budgetOtherYuan: 1000000,
      budgetBasicYuan: null,
      tasks: [{ seq: 1, name: '甲任务', content: '甲的内容', budgetYuan: 4005000 }],
      weightTotal: 100,
    });
    expect(document.deptTargets?.[0].indicators.map((row) => [row.seq, row.weight, row.targetValue])).toEqual([
      [1, 60, 3],
      [2, 40, 3],
    ]);
    expect(document.findings).toEqual([]);
  });

  it('flags weights off the header total and parts off the total, naming no project', () => {
    const document = documentOf([
      deptTarget({
        budgetFiscal: null,
        budgetOther: null,
        budgetBasic: raw('300.00'),
        budgetProjects: raw('600.00'),
        indicators: [indicator('甲', '60'), indicator('乙', '30')],
      }),
    ]);
    expect(rulesOf(document)).toEqual(['budget_parts_mismatch', 'weights_do_not_add_up']);
    expect(document.findings.every((finding) => finding.projectSeq === null)).toBe(true);
    expect(document.findings.find((finding) => finding.rule === 'weights_do_not_add_up')?.message).toBe(
      '部门整体绩效目标表 1（某县某局） 指标分值合计 90，表头为 100',
    );
  });

  it('flags amounts without a unit, a missing goal and missing indicators', () => {
    const document = documentOf([deptTarget({ amountUnit: null, goal: null, indicators: [] })]);
    expect(rulesOf(document)).toEqual(['amount_unit_missing', 'goal_missing', 'indicators_missing']);
    expect(document.deptTargets?.[0]).toMatchObject({ amountUnit: '', budgetTotalYuan: null });
  });

  it('does not take a contents entry naming the department table for a missing project', () => {
    const toc = [{ seq: 1, title: raw('部门整体支出绩效目标表', 2), pageNumber: 3 }];
    expect(rulesOf(documentOf([deptTarget()], toc))).toEqual([]);
  });

  it('reports a department field read by OCR with low confidence (ocr_low_confidence), naming no project', () => {
    const document = documentOf([deptTarget({ goal: { ...raw('完成年度任务。'), confidence: 20 } })]);
    expect(document.findings.map((finding) => [finding.rule, finding.projectSeq])).toEqual([
      ['ocr_low_confidence', null],
    ]);
    expect(document.findings[0].message).toContain('deptTargets[0].goal');
  });

  it('leaves the record out of a document without a department table', () => {
    expect('deptTargets' in documentOf([])).toBe(false);
  });
});
