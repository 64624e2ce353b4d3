import { describe, expect, it } from 'vitest';
import { draftToDocument } from '../../../src/stages/normalise/index.js';
import { titleToComparisonKey } from '../../../src/stages/normalise/documentFindings.js';
import type { DocumentDraft, DraftProject, RawText } from '../../../src/model/draft.js';

const raw = (text: string, pageNumber = 3): RawText => ({ text, lines: [text], pageNumber });

function project(seq: number, title: string, name: string, overrides: Partial<DraftProject> = {}): DraftProject {
  return {
    seq,
    tableTitle: raw(title),
    unitCode: '100001',
    unitName: raw('某单位本级'),
    amountUnit: '万元',
    code: raw('13081122P00781510001G'),
    name: raw(name),
    budgetTotal: raw('10.00'),
    budgetFiscal: raw('10.00'),
    budgetOther: raw(''),
    fundUse: raw('支付服务费'),
    spendPlanHeaders: [{ ...raw('12月底'), x0: 100, x1: 200 }],
    spendPlanValues: [{ ...raw('100%'), x0: 100, x1: 200 }],
    goal: raw('完成任务'),
    indicators: [
      {
        pageNumber: 4,
        level1: raw('产出指标'),
        level2: raw('数量指标'),
        level3: raw('场次'),
        description: null,
        target: raw('≥3场'),
        basis: null,
        extra: {},
      },
    ],
    pageFirst: 2 + seq,
    pageLast: 2 + seq,
    ...overrides,
  };
}

function findingsOf(projects: DraftProject[], toc: Array<[number, string]>) {
  const draft: DocumentDraft = {
    cover: { title: raw('某县某局2023年部门预算绩效文本', 1), preparedBy: null },
    toc: toc.map(([seq, title]) => ({ seq, title: raw(title, 2), pageNumber: seq + 2 })),
    overallGoal: raw('总体目标'),
    subGoals: [],
    measures: [],
    projects,
  };
  const document = draftToDocument(draft, {
    sha256: 'b'.repeat(64),
    sourcePath: 'x.pdf',
    pageCount: 6,
    pageSources: ['text'],
    repairs: [],
  });
  return document.findings.map((finding) => [finding.rule, finding.projectSeq, finding.severity]);
}

describe('titleToComparisonKey', () => {
  it('ignores spaces, punctuation, full-width digits and the 绩效目标表 suffix', () => {
    expect(titleToComparisonKey('2022 年科技创新奖励专项绩效目标表')).toBe('2022年科技创新奖励专项');
    expect(titleToComparisonKey('２０２２年科技创新奖励专项')).toBe('2022年科技创新奖励专项');
    expect(titleToComparisonKey('“双创”服务（一期）项目绩效目标表')).toBe('双创服务一期项目');
  });
});

describe('contents checked against the project tables', () => {
  it('accepts titles that differ only in spacing and punctuation', () => {
    const projects = [
      project(1, '2022 年道路养护专项绩效目标表', '2022年道路养护专项'),
      project(2, '“智慧”交通项目绩效目标表', '“智慧”交通项目'),
    ];
    expect(
      findingsOf(projects, [
        [1, '2022年道路养护专项绩效目标表'],
        [2, '智慧交通项目绩效目标表'],
      ]),
    ).toEqual([]);
  });

  it('warns toc_title_mismatch where the number agrees but the title does not', () => {
    const projects = [
      project(1, '道路养护专项绩效目标表', '道路养护专项'),
      project(2, '客运补助专项绩效目标表', '客运补助专项'),
    ];
    expect(
      findingsOf(projects, [
        [1, '道路养护专项绩效目标表'],
        [2, '桥梁检测专项绩效目标表'],
      ]),
    ).toEqual([['toc_title_mismatch', 2, 'warning']]);
  });

  it("matches a contents title against the table's 项目名称 when the heading is generic", () => {
    const projects = [
      project(1, '项目支出绩效目标表', '低保救助项目', { unnumbered: true }),
      project(2, '项目支出绩效目标表', '临时救助项目', { unnumbered: true }),
    ];
    expect(
      findingsOf(projects, [
        [1, '低保救助项目'],
        [2, '临时救助项目绩效目标表'],
      ]),
    ).toEqual([['project_unnumbered', null, 'info']]);
  });

  it('still reports a missing table and a table not in the contents by number, without a title finding', () => {
    const projects = [project(1, '甲专项绩效目标表', '甲专项'), project(3, '丙专项绩效目标表', '丙专项')];
    expect(
      findingsOf(projects, [
        [1, '甲专项绩效目标表'],
        [2, '乙专项绩效目标表'],
      ]),
    ).toEqual([
      ['toc_project_missing', 2, 'error'],
      ['project_not_in_toc', 3, 'warning'],
    ]);
  });
});
