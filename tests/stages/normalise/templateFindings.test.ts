/** Findings per template (issue 15): what a template does not print is no finding; weights against 分值（90）. */
import { describe, expect, it } from 'vitest';
import { draftToDocument } from '../../../src/stages/normalise/index.js';
import { competentDeptToParts } from '../../../src/stages/normalise/project.js';
import { targetTextToTarget } from '../../../src/stages/normalise/targets.js';
import type { DocumentDraft, DraftIndicatorRow, DraftProject, RawText } from '../../../src/model/draft.js';
import { EMPTY_DRAFT_PROJECT_FIELDS } from '../../support/emptyDraft.js';

const raw = (text: string, pageNumber = 5): RawText => ({ text, lines: [text], pageNumber });
const indicator = (level3: string, weight: string, header = '分值（90）'): DraftIndicatorRow => ({
  pageNumber: 5,
  level1: raw('产出指标'),
  level2: raw('数量指标'),
  level3: raw(level3),
  description: null,
  target: raw('≥3个'),
  basis: null,
  extra: { [header]: raw(weight) },
});

/** A central 项目绩效目标表 as segment drafts it: no code, no spend plan, a weight column headed 分值（90）. */
function centralProject(overrides: Partial<DraftProject> = {}): DraftProject {
  return {
    ...EMPTY_DRAFT_PROJECT_FIELDS,
    seq: 1,
    unnumbered: true,
    tableTitle: raw('项目绩效目标表（2023年度）'),
    name: raw('系统升级'),
    budgetTotal: raw('1,200.00'),
    budgetFiscal: raw('1,000.00'),
    budgetCarryover: raw('200.00'),
    budgetOther: raw('0.00'),
    competentDept: raw('[101]某部'),
    implementingUnit: raw('某部信息中心'),
    goal: raw('完成系统升级。'),
    labelsSeen: ['项目名称', '主管部门及代码', '实施单位', '年度资金总额', '上年结转资金', '年度总体目标', '分值'],
    indicatorHeaders: ['一级指标', '二级指标', '三级指标', '指标值', '分值（90）'],
    indicators: [indicator('升级系统数', '50'), indicator('服务用户数', '40')],
    pageFirst: 5,
    pageLast: 5,
    ...overrides,
  };
}

function documentOf(projects: DraftProject[]) {
  const draft: DocumentDraft = {
    cover: { title: raw('某部2023年部门预算', 1), preparedBy: null },
    toc: [],
    overallGoal: null,
    subGoals: [],
    measures: [],
    projects,
  };
  return draftToDocument(draft, {
    sha256: 'c'.repeat(64),
    sourcePath: 'c.pdf',
    pageCount: 5,
    pageSources: ['text'],
    repairs: [],
  });
}
const rulesOf = (document: ReturnType<typeof documentOf>) => document.findings.map((finding) => finding.rule).sort();

describe('findings per template', () => {
  it('raises no code_missing, spend_plan_missing or budget_parts_mismatch for a central table that adds up with its carry-over', () => {
    const document = documentOf([centralProject()]);
    expect(document.template).toBe('central-project');
    expect(rulesOf(document)).toEqual(['project_unnumbered']);
    expect(document.projects[0]).toMatchObject({
      budgetTotalYuan: 12000000,
      budgetFiscalYuan: 10000000,
      budgetCarryoverYuan: 2000000,
      budgetOtherYuan: 0,
      competentDept: '某部',
      competentDeptCode: '101',
      implementingUnit: '某部信息中心',
      weightTotal: 90,
    });
    expect(document.projects[0].indicators.map((row) => row.weight)).toEqual([50, 40]);
  });

  it('still raises code_missing and spend_plan_missing where no template is matched (the behaviour before templates)', () => {
    const document = documentOf([centralProject({ labelsSeen: undefined })]);
    expect(document.template).toBeNull();
    expect(rulesOf(document)).toEqual(['code_missing', 'project_unnumbered', 'spend_plan_missing']);
  });

  it('raises weights_do_not_add_up when the rows do not add up to the printed 分值（90）, and none without a printed total', () => {
    const short = documentOf([
      centralProject({ indicators: [indicator('升级系统数', '50'), indicator('服务用户数', '35')] }),
    ]);
    expect(
      short.findings.filter((finding) => finding.rule === 'weights_do_not_add_up').map((finding) => finding.message),
    ).toEqual(['项目 1 指标分值合计 85，表头为 90']);
    const noTotal = documentOf([
      centralProject({
        indicatorHeaders: ['一级指标', '二级指标', '三级指标', '指标值', '权重'],
        indicators: [indicator('升级系统数', '50', '权重'), indicator('服务用户数', '35', '权重')],
      }),
    ]);
    expect(rulesOf(noTotal)).not.toContain('weights_do_not_add_up');
    expect(noTotal.projects[0].weightTotal).toBeUndefined();
  });

  it('counts the carry-over in budget_parts_mismatch', () => {
    const document = documentOf([centralProject({ budgetCarryover: raw('100.00') })]);
    expect(rulesOf(document)).toContain('budget_parts_mismatch');
  });

  it('reports a label the vocabulary does not know as unknown_label, quoting it', () => {
    const document = documentOf([centralProject({ unknownLabels: [raw('项目负责人', 5)] })]);
    const unknown = document.findings.filter((finding) => finding.rule === 'unknown_label');
    expect(
      unknown.map((finding) => [finding.severity, finding.pageNumber, finding.message.includes('“项目负责人”')]),
    ).toEqual([['info', 5, true]]);
  });
});

describe('central values as printed', () => {
  it('splits the code printed before the 主管部门: [158], ［158］, (433), none', () => {
    expect(['[158]某部', '［158］某部', '(433)某厅', '某厅'].map(competentDeptToParts)).toEqual([
      { code: '158', name: '某部' },
      { code: '158', name: '某部' },
      { code: '433', name: '某厅' },
      { code: null, name: '某厅' },
    ]);
  });

  it('reads a unit printed in brackets after the number (=100.00(%), ≥90.00(%)) as the unit, but keeps 台（套）', () => {
    expect(targetTextToTarget('=100.00(%)')).toEqual({ op: '=', value: 100, unit: '%' });
    expect(targetTextToTarget('≥90.00（%）')).toEqual({ op: '>=', value: 90, unit: '%' });
    expect(targetTextToTarget('≥8台（套）')).toEqual({ op: '>=', value: 8, unit: '台（套）' });
    expect(targetTextToTarget('≧90%')).toEqual({ op: '>=', value: 90, unit: '%' });
  });
});
