/** The 部门整体支出绩效目标表 (src/stages/segment/deptTargets.ts): its own record kind, never a project. */
import { describe, expect, it } from 'vitest';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { isDeptTargetTitle } from '../../../src/stages/segment/deptTargets.js';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import type { TableSpec } from '../support/layoutBuilder.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, buildPage } from '../support/layoutBuilder.js';

const WIDTHS_PT = [60, 70, 70, 70, 70, 70];

/** A department's table: 部门名称, 主管部门, the money row, a task block, the goal. */
const deptInfo: TableSpec = {
  colWidthsPt: WIDTHS_PT,
  rows: [
    ['部门（单位）名称', { text: '某县某局', colSpan: 5 }],
    ['主管部门', { text: '(301)某县某局', colSpan: 5 }],
    ['年度预算资金（万元）', '资金总额', '300.00', '其中：财政拨款', '250.00', '其他资金'],
    ['年度主要任务', '任务名称', { text: '主要内容', colSpan: 2 }, { text: '预算金额（万元）', colSpan: 2 }],
    ['', '甲任务', { text: '甲的内容', colSpan: 2 }, { text: '120.00', colSpan: 2 }],
    ['', '乙任务', { text: '乙的内容', colSpan: 2 }, { text: '180.00', colSpan: 2 }],
    ['年度总体目标', { text: '完成甲乙两项任务。', colSpan: 5 }],
  ],
};

const indicatorTable: TableSpec = {
  colWidthsPt: INDICATOR_WIDTHS_PT,
  rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '完成任务数', '完成任务数', '≥2项', '工作计划']],
};

const projectInfo: TableSpec = {
  colWidthsPt: WIDTHS_PT,
  rows: [
    ['项目编码', { text: '13000021R000000000001', colSpan: 2 }, '项目名称', { text: '丙项目', colSpan: 2 }],
    ['预算规模及资金用途', '预算数', '10.00', '其中：财政资金', '10.00', '其他资金'],
  ],
};

const draftOf = (pages: ReturnType<typeof buildPage>[]) => flowToDraft(stitchPages(pages).flow);

describe('isDeptTargetTitle: the titles of a department table', () => {
  it.each([
    '部门整体支出绩效目标表',
    '部门整体绩效目标表',
    '2024年度部门整体支出绩效目标申报表',
    '部门整体支出绩效目标申报表（2025年度）',
    '单位整体支出绩效目标表',
    '1.部门（单位）整体支出绩效目标表',
  ])('%s is one', (title) => {
    expect(isDeptTargetTitle(title)).toBe(true);
  });

  it.each(['项目支出绩效目标表', '第一部分 部门整体绩效目标', '一、部门整体绩效目标', '项目绩效目标表（2023年度）'])(
    '%s is not',
    (title) => {
      expect(isDeptTargetTitle(title)).toBe(false);
    },
  );
});

describe('flowToDraft with a 部门整体 table', () => {
  it('reads it as a department table, not a project: labels, money, tasks and indicators', () => {
    const draft = draftOf([buildPage(1, ['部门整体支出绩效目标表', deptInfo, indicatorTable])]);
    expect(draft.projects).toEqual([]);
    expect(draft.deptTargets).toHaveLength(1);
    const [target] = draft.deptTargets!;
    expect(target.tableTitle.text).toBe('部门整体支出绩效目标表');
    expect(target.deptName?.text).toBe('某县某局');
    expect(target.competentDept?.text).toBe('(301)某县某局');
    expect([target.budgetTotal?.text, target.budgetFiscal?.text, target.budgetOther]).toEqual([
      '300.00',
      '250.00',
      null,
    ]);
    expect(target.amountUnit).toBe('万元');
    expect(target.tasks.map((task) => [task.name.text, task.content?.text, task.budget?.text])).toEqual([
      ['甲任务', '甲的内容', '120.00'],
      ['乙任务', '乙的内容', '180.00'],
    ]);
    expect(target.goal?.text).toBe('完成甲乙两项任务。');
    expect(target.indicators.map((row) => row.level3?.text)).toEqual(['完成任务数']);
    expect(target.unknownLabels).toBeUndefined();
  });

  it('keeps the projects after it numbered from 1 when the titles print no number', () => {
    const draft = draftOf([
      buildPage(1, ['部门整体支出绩效目标表', deptInfo, indicatorTable]),
      buildPage(2, ['项目支出绩效目标表', projectInfo, indicatorTable]),
      buildPage(3, ['项目支出绩效目标表', projectInfo, indicatorTable]),
    ]);
    expect(draft.deptTargets?.map((target) => [target.seq, target.pageFirst, target.pageLast])).toEqual([[1, 1, 1]]);
    expect(draft.projects.map((project) => [project.seq, project.pageFirst])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it('opens a department table printed after the projects (its 部门名称 names it)', () => {
    const draft = draftOf([
      buildPage(1, ['项目支出绩效目标表', projectInfo, indicatorTable]),
      buildPage(2, ['部门整体绩效目标表', deptInfo, indicatorTable]),
    ]);
    expect(draft.projects.map((project) => [project.seq, project.pageLast])).toEqual([[1, 1]]);
    expect(draft.deptTargets?.map((target) => [target.seq, target.pageFirst])).toEqual([[1, 2]]);
  });

  it('gives documents without a department table no deptTargets field (their drafts keep their shape)', () => {
    const draft = draftOf([buildPage(1, ['1.丙项目绩效目标表', projectInfo, indicatorTable])]);
    expect(draft.projects).toHaveLength(1);
    expect('deptTargets' in draft).toBe(false);
  });
});
