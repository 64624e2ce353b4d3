import { describe, expect, it } from 'vitest';
import {
  draftToDocument,
  pageSourcesToTextSource,
  titleToDepartment,
  titleToFiscalYear,
} from '../../../src/stages/normalise/index.js';
import { amountToYuan } from '../../../src/stages/normalise/money.js';
import { spendCellsToPlan } from '../../../src/stages/normalise/spendPlan.js';
import { targetTextToTarget, targetWithColumnHints } from '../../../src/stages/normalise/targets.js';
import type {
  DocumentDraft,
  DraftIndicatorRow,
  DraftProject,
  PositionedText,
  RawText,
} from '../../../src/model/draft.js';

const raw = (text: string, pageNumber = 3): RawText => ({ text, lines: [text], pageNumber });
const at = (text: string, x0: number, x1: number): PositionedText => ({ ...raw(text), x0, x1 });

describe('amountToYuan', () => {
  it('converts 万元 by string arithmetic to integer yuan', () => {
    expect(amountToYuan('1010.07', '万元')).toBe(10100700);
    expect(amountToYuan('0.01', '万元')).toBe(100);
    expect(amountToYuan('303.48', '万元')).toBe(3034800);
    expect(amountToYuan('2.00', '万元')).toBe(20000);
  });
  it('takes 元 amounts as printed, commas allowed, and rounds fen half up', () => {
    expect(amountToYuan('1,200,000', '元')).toBe(1200000);
    expect(amountToYuan('1234.50', '元')).toBe(1235);
    expect(amountToYuan('1234.49', '元')).toBe(1234);
  });
  it('gives null for empty or non-numeric text', () => {
    expect(amountToYuan(null, '万元')).toBeNull();
    expect(amountToYuan('约100', '万元')).toBeNull();
  });
});

describe('targetTextToTarget', () => {
  it.each([
    ['≥50家', '>=', 50, '家'],
    ['90%', '=', 90, '%'],
    ['≤5.22%', '<=', 5.22, '%'],
    ['不低于95%', '>=', 95, '%'],
    ['不少于3次', '>=', 3, '次'],
    ['不高于10天', '<=', 10, '天'],
    ['不超过200万元', '<=', 200, '万元'],
    ['15家以上', '>=', 15, '家'],
    ['5%以内', '<=', 5, '%'],
    ['>80分', '>', 80, '分'],
    ['<2小时', '<', 2, '小时'],
    ['550元/每平方米', '=', 550, '元/每平方米'],
    ['租金每平650元', '=', 650, '元'],
    ['604m2', '=', 604, 'm2'],
    ['100', '=', 100, null],
  ] as const)('%s → (%s, %s, %s)', (text, op, value, unit) => {
    expect(targetTextToTarget(text)).toEqual({ op, value, unit });
  });
  it.each(['资金到位后及时兑现', '无', '没有', '—', '/', '2022年完成1次', '11月底前完成', '3日后开展'])(
    '%s has no parsed target',
    (text) => {
      expect(targetTextToTarget(text)).toEqual({ op: null, value: null, unit: null });
    },
  );
});

describe('spendCellsToPlan', () => {
  const headers = [at('3月底', 100, 200), at('6月底', 200, 300), at('10月底', 300, 400)];
  it('puts each value under the month header it overlaps', () => {
    expect(spendCellsToPlan(headers, [at('20%', 100, 200), at('100%', 300, 400)])).toEqual([
      { month: 3, cumulativePct: 20 },
      { month: 10, cumulativePct: 100 },
    ]);
  });
  it('takes the month a value cell names itself (`12月底100%`) over the column it stands in', () => {
    expect(spendCellsToPlan(headers, [at('12月底100%', 300, 400)])).toEqual([{ month: 12, cumulativePct: 100 }]);
  });
});

describe('cover fields', () => {
  it('takes the department before the year and the fiscal year from `20xx年`', () => {
    expect(titleToDepartment('某市生态环境局2023年部门预算绩效文本')).toBe('某市生态环境局');
    expect(titleToFiscalYear('某市生态环境局2023年部门预算绩效文本')).toBe(2023);
    expect(titleToFiscalYear('部门预算绩效文本')).toBeNull();
  });
  it('derives the text source from the pages', () => {
    expect(pageSourcesToTextSource(['text', 'text'])).toBe('text');
    expect(pageSourcesToTextSource(['ocr'])).toBe('ocr');
    expect(pageSourcesToTextSource(['text', 'ocr'])).toBe('mixed');
  });
});

function indicator(level1: string, level2: string, cells: [string, string, string, string]): DraftIndicatorRow {
  return {
    pageNumber: 4,
    level1: raw(level1, 4),
    level2: raw(level2, 4),
    level3: raw(cells[0], 4),
    description: raw(cells[1], 4),
    target: raw(cells[2], 4),
    basis: raw(cells[3], 4),
    extra: {},
  };
}

function project(seq: number, overrides: Partial<DraftProject> = {}): DraftProject {
  return {
    seq,
    tableTitle: raw(`示例专项${seq}绩效目标表`),
    unitCode: '100001',
    unitName: raw('某单位本级'),
    amountUnit: '万元',
    code: raw('13081122P00781510001G'),
    name: raw(`示例专项${seq}`),
    budgetTotal: raw('100.00'),
    budgetFiscal: raw('100.00'),
    budgetOther: raw(''),
    fundUse: raw('支付服务费'),
    spendPlanHeaders: [at('6月底', 100, 200), at('12月底', 200, 300)],
    spendPlanValues: [at('50%', 100, 200), at('100%', 200, 300)],
    goal: raw('完成任务'),
    indicators: [indicator('产出指标', '数量指标', ['场次', '培训场次', '≥3场', '方案'])],
    pageFirst: 3,
    pageLast: 4,
    ...overrides,
  };
}

function documentOf(projects: DraftProject[], tocSeqs: number[] = projects.map((p) => p.seq)) {
  const draft: DocumentDraft = {
    cover: { title: raw('某市某局2023年部门预算绩效文本（草案）', 1), preparedBy: null },
    toc: tocSeqs.map((seq) => ({ seq, title: raw(`示例专项${seq}绩效目标表`), pageNumber: seq + 2 })),
    overallGoal: raw('总体目标'),
    subGoals: [{ seq: 1, title: raw('分项一'), body: raw('分项目标') }],
    measures: [{ seq: 1, body: raw('措施一') }],
    projects,
  };
  const repairs = [
    {
      pageNumber: 4,
      projectSeq: null,
      kind: 'page_continuation' as const,
      field: 'cell',
      before: 'a ⏎ b',
      after: 'ab',
    },
  ];
  return draftToDocument(draft, {
    sha256: 'a'.repeat(64),
    sourcePath: 'x.pdf',
    pageCount: 5,
    pageSources: ['text', 'text'],
    repairs,
  });
}

describe('draftToDocument', () => {
  it('builds a valid document with cover fields, goals, money in yuan and parsed indicators', () => {
    const document = documentOf([project(1)]);
    expect([document.title, document.department, document.fiscalYear, document.isDraft, document.textSource]).toEqual([
      '某市某局2023年部门预算绩效文本（草案）',
      '某市某局',
      2023,
      true,
      'text',
    ]);
    expect(document.deptGoals).toEqual([
      { kind: 'overall', seq: 0, title: null, body: '总体目标' },
      { kind: 'sub', seq: 1, title: '分项一', body: '分项目标' },
    ]);
    const [first] = document.projects;
    expect([first.budgetTotalYuan, first.budgetFiscalYuan, first.budgetOtherYuan, first.codeCheckOk]).toEqual([
      1000000,
      1000000,
      null,
      true,
    ]);
    expect(first.spendPlan).toEqual([
      { month: 6, cumulativePct: 50 },
      { month: 12, cumulativePct: 100 },
    ]);
    expect(first.indicators[0]).toMatchObject({
      seq: 1,
      targetText: '≥3场',
      targetOp: '>=',
      targetValue: 3,
      targetUnit: '场',
      pageNumber: 4,
    });
    expect(document.findings).toEqual([]);
  });

  it('gives stitch repairs the project whose pages hold them', () => {
    expect(documentOf([project(1)]).repairs[0].projectSeq).toBe(1);
  });

  it('keeps 无 rows with level 1 and 2 and nulls everything else', () => {
    const document = documentOf([
      project(1, { indicators: [indicator('满意度指标', '服务对象满意度指标', ['无', '没有', '无', '无'])] }),
    ]);
    expect(document.projects[0].indicators[0]).toEqual({
      seq: 1,
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      level3: null,
      description: null,
      targetText: null,
      targetOp: null,
      targetValue: null,
      targetUnit: null,
      basis: null,
      pageNumber: 4,
    });
  });

  it('reports each document problem under its fixed rule name', () => {
    const document = documentOf(
      [
        project(1, { code: raw('13081122P00781510001H') }),
        project(2, { code: null }),
        project(3, { spendPlanValues: [at('50%', 100, 200)] }),
        project(4, { spendPlanValues: [at('100%', 100, 200), at('90%', 200, 300)] }),
        project(5, { budgetFiscal: raw('80.00'), budgetOther: raw('10.00') }),
        project(6, { indicators: [indicator('效益指标', '数量指标', ['a', 'b', 'c', 'd'])] }),
        project(8),
      ],
      [1, 2, 3, 4, 5, 6, 7],
    );
    const rules = document.findings.map((finding) => [finding.rule, finding.projectSeq, finding.severity]);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['check_char_failed', 1, 'error'],
        ['code_missing', 2, 'warning'],
        ['spend_plan_incomplete', 3, 'warning'],
        ['spend_plan_decreasing', 4, 'warning'],
        ['budget_parts_mismatch', 5, 'warning'],
        ['level2_under_wrong_level1', 6, 'warning'],
        ['toc_project_missing', 7, 'error'],
        ['project_not_in_toc', 8, 'warning'],
      ]),
    );
    expect(rules).toHaveLength(8);
  });
});

describe('targetWithColumnHints', () => {
  it('takes the unit from 计量单位 only where the value prints none, and never the operator', () => {
    expect(targetWithColumnHints(targetTextToTarget('95'), { unit: '%' })).toEqual({ op: '=', value: 95, unit: '%' });
    expect(targetWithColumnHints(targetTextToTarget('≤30天'), { unit: '日' })).toEqual({
      op: '<=',
      value: 30,
      unit: '天',
    });
    expect(targetWithColumnHints(targetTextToTarget('按时完成'), { unit: '%' })).toEqual({
      op: null,
      value: null,
      unit: null,
    });
  });
});
