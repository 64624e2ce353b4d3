import { describe, expect, it } from 'vitest';
import { draftToDocument, titleToDepartment, titleToFiscalYear } from '../../../src/stages/normalise/index.js';
import { amountToYuan } from '../../../src/stages/normalise/money.js';
import { draftToProject } from '../../../src/stages/normalise/project.js';
import { spendCellsToPlan, spendCellsToUnsupported } from '../../../src/stages/normalise/spendPlan.js';
import { indicatorRowToUnitHint, targetTextToTarget } from '../../../src/stages/normalise/targets.js';
import type {
  DocumentDraft,
  DraftIndicatorRow,
  DraftProject,
  PositionedText,
  RawText,
} from '../../../src/model/draft.js';
import type { Finding } from '../../../src/model/index.js';

// Inputs from the review of 2024 (review items 1, 7, 8, 10, 12, 15, 16); expected values written by hand.

const raw = (text: string, pageNumber = 3): RawText => ({ text, lines: [text], pageNumber });
const at = (text: string, x0: number, x1: number): PositionedText => ({ ...raw(text), x0, x1 });

const row: DraftIndicatorRow = {
  pageNumber: 3,
  level1: raw('产出指标'),
  level2: raw('数量指标'),
  level3: raw('培训场次'),
  description: raw('举办培训场次'),
  target: raw('≥5场'),
  basis: raw('工作方案'),
  extra: {},
};

function project(overrides: Partial<DraftProject> = {}): DraftProject {
  return {
    seq: 1,
    tableTitle: raw('1.示例专项绩效目标表'),
    unitCode: '100001',
    unitName: raw('某单位本级'),
    amountUnit: '万元',
    code: raw('13081122P00781510001G'),
    name: raw('示例专项'),
    budgetTotal: raw('50'),
    budgetFiscal: raw('50'),
    budgetOther: raw(''),
    fundUse: raw('支付服务费'),
    spendPlanHeaders: [at('6月底', 100, 200), at('12月底', 200, 300)],
    spendPlanValues: [at('50%', 100, 200), at('100%', 200, 300)],
    goal: raw('完成任务'),
    indicators: [row],
    pageFirst: 3,
    pageLast: 3,
    ...overrides,
  };
}

function normalised(overrides: Partial<DraftProject>): {
  rules: string[];
  findings: Finding[];
  project: ReturnType<typeof draftToProject>;
} {
  const findings: Finding[] = [];
  const result = draftToProject(project(overrides), findings);
  return { rules: findings.map((finding) => finding.rule).sort(), findings, project: result };
}

describe('a project without a printed amount unit', () => {
  it('keeps its budgets unconverted (null) with an amount_unit_missing error instead of reading 50 as 50 yuan', () => {
    const { project: result, findings } = normalised({ amountUnit: null });
    expect(result.budgetTotalYuan).toBeNull();
    expect(result.budgetFiscalYuan).toBeNull();
    expect(result.amountUnit).toBe('');
    expect(
      findings.filter((finding) => finding.rule === 'amount_unit_missing').map((finding) => finding.severity),
    ).toEqual(['error']);
  });

  it('takes the unit its amounts print themselves (`50万元`) when the table prints none', () => {
    const { project: result, rules } = normalised({
      amountUnit: null,
      budgetTotal: raw('50万元'),
      budgetFiscal: raw('50万元'),
    });
    expect(result.amountUnit).toBe('万元');
    expect(result.budgetTotalYuan).toBe(500000);
    expect(rules).not.toContain('amount_unit_missing');
  });

  it('gives no amount-unit error when no amount is printed, but budget_missing', () => {
    const { rules } = normalised({ amountUnit: null, budgetTotal: null, budgetFiscal: raw('—'), budgetOther: null });
    expect(rules).toContain('budget_missing');
    expect(rules).not.toContain('amount_unit_missing');
  });
});

describe('amountToYuan on amounts that print more than digits', () => {
  it('strips a trailing unit that agrees with the amount unit: 1010.07万元 → 10100700', () => {
    expect(amountToYuan('1010.07万元', '万元')).toBe(10100700);
    expect(amountToYuan('50万', '万元')).toBe(500000);
    expect(amountToYuan('1,200.5元', '元')).toBe(1201);
  });

  it('reads full-width digits: １０１０.０７ in 万元 → 10100700', () => {
    expect(amountToYuan('１０１０.０７', '万元')).toBe(10100700);
  });

  it('refuses a trailing unit that contradicts the amount unit, and an unknown unit', () => {
    expect(amountToYuan('50元', '万元')).toBeNull();
    expect(amountToYuan('50', null)).toBeNull();
    expect(amountToYuan('50', '美元')).toBeNull();
  });

  it('reports an amount it cannot read as amount_unparsed, naming the text', () => {
    const { project: result, findings } = normalised({ budgetTotal: raw('约50') });
    expect(result.budgetTotalYuan).toBeNull();
    const unparsed = findings.filter((finding) => finding.rule === 'amount_unparsed');
    expect(unparsed).toHaveLength(1);
    expect(unparsed[0].message).toContain('约50');
  });
});

describe('targets the reviewer found misread', () => {
  it('keeps the sign of a negative value: -5% → (=, -5, %)', () => {
    expect(targetTextToTarget('-5%')).toEqual({ op: '=', value: -5, unit: '%' });
  });

  it('gives nulls for a change or a tolerance instead of dropping its prefix', () => {
    expect(targetTextToTarget('较上年增长10%')).toEqual({ op: null, value: null, unit: null });
    expect(targetTextToTarget('±5%')).toEqual({ op: null, value: null, unit: null });
    expect(targetTextToTarget('同比下降3%')).toEqual({ op: null, value: null, unit: null });
  });

  it('reads full-width digits and ％: ≥９０％ → (>=, 90, %)', () => {
    expect(targetTextToTarget('≥９０％')).toEqual({ op: '>=', value: 90, unit: '%' });
  });

  it('still reads a label before the number as the seed prints it: 租金每平650元 → (=, 650, 元)', () => {
    expect(targetTextToTarget('租金每平650元')).toEqual({ op: '=', value: 650, unit: '元' });
    expect(targetTextToTarget('资金拨付比例100%')).toEqual({ op: '=', value: 100, unit: '%' });
  });
});

describe('spend plans of other regions', () => {
  it('reads a full-width percentage: ３０％ under 3月底 → 30', () => {
    expect(
      spendCellsToPlan([at('3月底', 0, 100), at('12月底', 100, 200)], [at('３０％', 0, 100), at('100％', 100, 200)]),
    ).toEqual([
      { month: 3, cumulativePct: 30 },
      { month: 12, cumulativePct: 100 },
    ]);
  });

  it('reads month headers printed with their unit: 3月底（%）', () => {
    expect(
      spendCellsToPlan([at('3月底（%）', 0, 100), at('6月底(%)', 100, 200)], [at('20', 0, 100), at('60', 100, 200)]),
    ).toEqual([
      { month: 3, cumulativePct: 20 },
      { month: 6, cumulativePct: 60 },
    ]);
  });

  it('reports a 9月底 checkpoint as spend_month_unsupported with its month and value instead of dropping it silently', () => {
    const headers = [at('3月底', 0, 100), at('6月底', 100, 200), at('9月底', 200, 300), at('12月底', 300, 400)];
    const values = [at('10%', 0, 100), at('40%', 100, 200), at('70%', 200, 300), at('100%', 300, 400)];
    expect(spendCellsToUnsupported(headers, values)).toEqual([{ month: 9, cumulativePct: 70 }]);
    const { findings, project: result } = normalised({ spendPlanHeaders: headers, spendPlanValues: values });
    expect(result.spendPlan.map((checkpoint) => checkpoint.month)).toEqual([3, 6, 12]);
    const unsupported = findings.filter((finding) => finding.rule === 'spend_month_unsupported');
    expect(unsupported).toHaveLength(1);
    expect(unsupported[0].message).toContain('9月底');
    expect(unsupported[0].message).toContain('70%');
  });
});

describe('completeness findings', () => {
  it('reports a missing budget, spend plan, goal and indicators as warnings', () => {
    const { findings } = normalised({
      budgetTotal: null,
      budgetFiscal: null,
      spendPlanHeaders: [],
      spendPlanValues: [],
      goal: raw('无'),
      indicators: [],
    });
    expect(findings.map((finding) => [finding.rule, finding.severity]).sort()).toEqual([
      ['budget_missing', 'warning'],
      ['goal_missing', 'warning'],
      ['indicators_missing', 'warning'],
      ['spend_plan_missing', 'warning'],
    ]);
  });

  it('raises none of them for a complete project', () => {
    expect(normalised({}).rules).toEqual([]);
  });
});

describe('project codes of other schemes', () => {
  it('leaves a code that is not 21 characters of the check alphabet unchecked, with an info code_format_unknown', () => {
    const { project: result, findings } = normalised({ code: raw('2022-KJ-0001') });
    expect(result.codeCheckOk).toBeNull();
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([['code_format_unknown', 'info']]);
  });

  it('still reports a 21-character code whose check fails as check_char_failed', () => {
    const { project: result, rules } = normalised({ code: raw('13081122P00781510001H') });
    expect(result.codeCheckOk).toBe(false);
    expect(rules).toEqual(['check_char_failed']);
  });
});

describe('titles of other shapes', () => {
  it('takes the department of a year-first title: 2022年某局部门预算绩效文本 → 某局', () => {
    expect(titleToDepartment('2022年某局部门预算绩效文本')).toBe('某局');
    expect(titleToDepartment('2022年度某区教育局单位预算项目绩效目标')).toBe('某区教育局');
    expect(titleToFiscalYear('2022年某局部门预算绩效文本')).toBe(2022);
  });

  it('keeps the department before the year', () => {
    expect(titleToDepartment('某市某局2023年部门预算绩效文本（草案）')).toBe('某市某局');
  });

  it('reports a document without a title as title_missing', () => {
    const draft: DocumentDraft = {
      cover: { title: null, preparedBy: null },
      toc: [],
      overallGoal: null,
      subGoals: [],
      measures: [],
      projects: [project()],
    };
    const document = draftToDocument(draft, {
      sha256: 'b'.repeat(64),
      sourcePath: 'x.pdf',
      pageCount: 3,
      pageSources: ['text'],
      repairs: [],
    });
    expect(document.department).toBeNull();
    expect(document.findings.filter((finding) => finding.rule === 'title_missing')).toHaveLength(1);
  });
});

describe('a dash inside a target', () => {
  it('is a sign only directly before the number: A-5级 and 2021-2023 are not targets', () => {
    expect(targetTextToTarget('≥-5%')).toEqual({ op: '>=', value: -5, unit: '%' });
    expect(targetTextToTarget('A-5级')).toEqual({ op: null, value: null, unit: null });
    expect(targetTextToTarget('2021-2023年')).toEqual({ op: null, value: null, unit: null });
  });
});

describe('indicatorRowToUnitHint', () => {
  it('takes the unit of a 计量单位 or 度量单位 column and none from a placeholder', () => {
    expect(indicatorRowToUnitHint({ ...row, extra: { 计量单位: raw('元/公里') } })).toEqual({ unit: '元/公里' });
    expect(indicatorRowToUnitHint({ ...row, extra: { 度量单位: raw('—'), 指标方向: raw('正向') } })).toEqual({
      unit: null,
    });
    expect(indicatorRowToUnitHint(row)).toEqual({ unit: null });
  });
});
