import { describe, expect, it } from 'vitest';
import type { BudgetDocument, Finding, Indicator, Project } from '../../src/model/index.js';
import {
  compareFindings,
  compareWithExpected,
  formatMismatches,
  printedAmountToYuan,
  projectCodeCheckPasses,
} from '../../support/expected.js';

// A small document written twice by hand: once as expected.json records, once as the pipeline's output.

const expectedIndicatorRows = [
  {
    level1: '产出指标',
    level2: '数量指标',
    level3: '监测站点数',
    description: '运维监测站点数',
    target_text: '≥12个',
    target_op: '>=',
    target_value: 12,
    target_unit: '个',
    basis: '运维合同',
  },
  {
    level1: '满意度指标',
    level2: '服务对象满意度指标',
    level3: null,
    description: null,
    target_text: null,
    target_op: null,
    target_value: null,
    target_unit: null,
    basis: { any_of: [null, '运维合同'] },
  },
];

function expectedRecords(): Record<string, unknown> {
  return {
    id: 'hand-made',
    title: '某市某局2023年部门预算绩效文本',
    department: '某市某局',
    fiscal_year: 2023,
    is_draft: false,
    toc: [{ seq: 1, title: { any_of: ['监测运维专项绩效目标表', '监测运维专项 绩效目标表'] }, page: 4 }],
    overall_goal: '总体目标正文',
    sub_goals: [{ title: '分项一', body: '分项一正文' }],
    measures: ['措施一正文', '措施二正文'],
    projects: [
      {
        seq: 1,
        table_title: { any_of: ['监测运维专项绩效目标表', '监测运维专项 绩效目标表'] },
        unit_code: '215002',
        unit_name: '某市某监测站',
        amount_unit: '万元',
        code: '37092423P004103100010',
        name: '监测运维专项',
        budget_total: '1010.07',
        budget_fiscal: '1000.00',
        budget_other: '10.07',
        fund_use: '运维费用',
        spend_plan: { '3': null, '6': 40, '10': null, '12': 100 },
        spend_plan_headers: ['3月底', '6月底', '10月底', '12月底'],
        goal: '保障站点稳定运行。',
        indicators: expectedIndicatorRows,
      },
    ],
  };
}

function actualIndicators(): Indicator[] {
  return [
    {
      seq: 1,
      level1: '产出指标',
      level2: '数量指标',
      level3: '监测站点数',
      description: '运维监测站点数',
      targetText: '≥12个',
      targetOp: '>=',
      targetValue: 12,
      targetUnit: '个',
      basis: '运维合同',
      pageNumber: 4,
    },
    {
      seq: 2,
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      level3: null,
      description: null,
      targetText: null,
      targetOp: null,
      targetValue: null,
      targetUnit: null,
      basis: '运维合同',
      pageNumber: 4,
    },
  ];
}

function actualProject(overrides: Partial<Project> = {}): Project {
  return {
    seq: 1,
    tableTitle: '监测运维专项绩效目标表',
    code: '37092423P004103100010',
    codeCheckOk: true,
    name: '监测运维专项',
    unitCode: '215002',
    unitName: '某市某监测站',
    amountUnit: '万元',
    budgetTotalYuan: 10_100_700,
    budgetFiscalYuan: 10_000_000,
    budgetOtherYuan: 100_700,
    fundUse: '运维费用',
    goal: '保障站点稳定运行。',
    spendPlan: [
      { month: 6, cumulativePct: 40 },
      { month: 12, cumulativePct: 100 },
    ],
    spendPlanHeaders: ['3月底', '6月底', '10月底', '12月底'],
    indicators: actualIndicators(),
    pageFirst: 4,
    pageLast: 4,
    ...overrides,
  };
}

function actualDocument(overrides: Partial<BudgetDocument> = {}): BudgetDocument {
  return {
    sha256: 'a'.repeat(64),
    sourcePath: 'fixtures/invented/hand-made.pdf',
    title: '某市某局2023年部门预算绩效文本',
    department: '某市某局',
    fiscalYear: 2023,
    isDraft: false,
    pageCount: 5,
    textSource: 'text',
    toc: [{ seq: 1, title: '监测运维专项 绩效目标表', pageNumber: 4 }],
    deptGoals: [
      { kind: 'overall', seq: 0, title: null, body: '总体目标正文' },
      { kind: 'sub', seq: 1, title: '分项一', body: '分项一正文' },
    ],
    measures: [
      { seq: 1, body: '措施一正文' },
      { seq: 2, body: '措施二正文' },
    ],
    projects: [actualProject()],
    repairs: [],
    findings: [],
    ...overrides,
  };
}

function finding(rule: Finding['rule'], projectSeq: number | null): Finding {
  return { rule, projectSeq, severity: 'warning', message: `${rule} (hand-made)` };
}

describe('compareWithExpected', () => {
  it('finds nothing when every field matches, any_of alternatives included', () => {
    expect(compareWithExpected(actualDocument(), expectedRecords())).toEqual([]);
  });

  it('reports a money value that differs, converted to yuan on the expected side', () => {
    const actual = actualDocument({ projects: [actualProject({ budgetTotalYuan: 1_010_070 })] });
    expect(compareWithExpected(actual, expectedRecords())).toEqual([
      { path: 'projects[seq=1].budget_total', expected: 10_100_700, actual: 1_010_070 },
    ]);
  });

  it('accepts the first and the last value of an any_of and rejects any other', () => {
    const withFirst = actualDocument({ projects: [actualProject({ tableTitle: '监测运维专项 绩效目标表' })] });
    expect(compareWithExpected(withFirst, expectedRecords())).toEqual([]);

    const withOther = actualDocument({ projects: [actualProject({ tableTitle: '监测运维绩效目标表' })] });
    expect(compareWithExpected(withOther, expectedRecords())).toEqual([
      {
        path: 'projects[seq=1].table_title',
        expected: { any_of: ['监测运维专项绩效目标表', '监测运维专项 绩效目标表'] },
        actual: '监测运维绩效目标表',
      },
    ]);
  });

  it('reports a missing indicator row at its printed position', () => {
    const actual = actualDocument({ projects: [actualProject({ indicators: actualIndicators().slice(0, 1) })] });
    expect(compareWithExpected(actual, expectedRecords())).toEqual([
      { path: 'projects[seq=1].indicators[1]', expected: expectedIndicatorRows[1], actual: undefined },
    ]);
  });

  it('reports an extra project and a missing one by seq', () => {
    const extra = actualProject({ seq: 2, name: '多出的项目' });
    expect(compareWithExpected(actualDocument({ projects: [actualProject(), extra] }), expectedRecords())).toEqual([
      { path: 'projects[seq=2]', expected: undefined, actual: { seq: 2, name: '多出的项目' } },
    ]);
    expect(compareWithExpected(actualDocument({ projects: [] }), expectedRecords())).toEqual([
      { path: 'projects[seq=1]', expected: { seq: 1, name: '监测运维专项' }, actual: undefined },
    ]);
  });

  it('compares spend plans month by month, absent checkpoints as null', () => {
    const actual = actualDocument({
      projects: [
        actualProject({
          spendPlan: [
            { month: 10, cumulativePct: 40 },
            { month: 12, cumulativePct: 100 },
          ],
        }),
      ],
    });
    expect(compareWithExpected(actual, expectedRecords())).toEqual([
      { path: 'projects[seq=1].spend_plan.6', expected: 40, actual: null },
      { path: 'projects[seq=1].spend_plan.10', expected: null, actual: 40 },
    ]);
  });

  it('derives code_check_ok from the expected code and compares it', () => {
    const actual = actualDocument({ projects: [actualProject({ codeCheckOk: false })] });
    expect(compareWithExpected(actual, expectedRecords())).toEqual([
      { path: 'projects[seq=1].code_check_ok', expected: true, actual: false },
    ]);
  });

  it('reports document fields, goals and measures by name', () => {
    const actual = actualDocument({
      fiscalYear: 2022,
      isDraft: true,
      deptGoals: [{ kind: 'sub', seq: 1, title: '分项一', body: '分项一正文' }],
      measures: [{ seq: 1, body: '措施一正文' }],
    });
    expect(compareWithExpected(actual, expectedRecords())).toEqual([
      { path: 'fiscal_year', expected: 2023, actual: 2022 },
      { path: 'is_draft', expected: false, actual: true },
      { path: 'overall_goal', expected: '总体目标正文', actual: null },
      { path: 'measures[1]', expected: '措施二正文', actual: undefined },
    ]);
  });

  it('rejects expected records that are not in the fixture format', () => {
    const broken = { ...expectedRecords(), projects: [{ seq: 1 }] };
    expect(() => compareWithExpected(actualDocument(), broken)).toThrow(/malformed/);
  });
});

describe('formatMismatches', () => {
  it('names each field with both values', () => {
    const text = formatMismatches([
      { path: 'projects[seq=1].budget_total', expected: 10_100_700, actual: 1_010_070 },
      { path: 'projects[seq=1].indicators[1]', expected: { any_of: ['a', 'b'] }, actual: undefined },
    ]);
    expect(text).toContain('projects[seq=1].budget_total\n    expected 10100700\n    actual   1010070');
    expect(text).toContain('projects[seq=1].indicators[1]\n    expected any of "a" | "b"\n    actual   (absent)');
    expect(text.startsWith('2 field(s) differ')).toBe(true);
  });
});

describe('compareFindings', () => {
  const expectedFindings = [
    { rule: 'check_char_failed', project_seq: 3 },
    { rule: 'toc_project_missing', project_seq: 5 },
  ];

  it('accepts exactly the expected findings, ignoring rule kinds it does not check', () => {
    const actual = actualDocument({
      findings: [
        finding('check_char_failed', 3),
        finding('toc_project_missing', 5),
        finding('ocr_low_confidence', null),
      ],
    });
    expect(compareFindings(actual, expectedFindings)).toEqual([]);
  });

  it('reports expected findings not raised and checked findings not expected', () => {
    const actual = actualDocument({
      findings: [finding('check_char_failed', 4), finding('check_char_failed', 4), finding('toc_project_missing', 5)],
    });
    expect(compareFindings(actual, expectedFindings)).toEqual([
      { problem: 'missing', rule: 'check_char_failed', project_seq: 3 },
      { problem: 'unexpected', rule: 'check_char_failed', project_seq: 4 },
    ]);
  });

  it('rejects a rule name outside the fixture format', () => {
    expect(() => compareFindings(actualDocument(), [{ rule: 'made_up_rule', project_seq: 1 }])).toThrow();
  });
});

describe('printedAmountToYuan', () => {
  it('shifts 万元 by four places and keeps 元 as printed, by string arithmetic', () => {
    expect(printedAmountToYuan('1010.07', '万元')).toBe(10_100_700);
    expect(printedAmountToYuan('24.86', '万元')).toBe(248_600);
    expect(printedAmountToYuan('0.5', '万元')).toBe(5_000);
    expect(printedAmountToYuan('152000.00', '元')).toBe(152_000);
    expect(printedAmountToYuan('1268.4', '万元')).toBe(12_684_000);
    expect(printedAmountToYuan(null, '万元')).toBeNull();
  });

  it('refuses amounts that are not whole yuan and unknown units', () => {
    expect(() => printedAmountToYuan('12.345678', '万元')).toThrow(/whole number of yuan/);
    expect(() => printedAmountToYuan('10', '美元')).toThrow(/unknown amount unit/);
  });
});

describe('projectCodeCheckPasses', () => {
  it('accepts codes whose last character is the check character and rejects a changed one', () => {
    // Codes printed in the seed document (docs/contract.md), valid by docs/design.md §3.
    expect(projectCodeCheckPasses('13081122P00781510001G')).toBe(true);
    expect(projectCodeCheckPasses('13081122P007819100017')).toBe(true);
    expect(projectCodeCheckPasses('13081122P00781510001H')).toBe(false);
    expect(projectCodeCheckPasses('13081122P00781510001')).toBe(false);
  });
});
