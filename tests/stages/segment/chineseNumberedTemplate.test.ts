import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { tocLineToEntry } from '../../../src/stages/segment/contents.js';
import { lineToProjectHeading } from '../../../src/stages/segment/headings.js';
import { rowsToUnit } from '../../../src/stages/segment/unitLines.js';
import type { FlowRow } from '../../../src/model/flow.js';
import { buildPage, buildTable } from '../support/layoutBuilder.js';

const INDEXED_HEADER = [
  '序号',
  '一级指标',
  '二级指标',
  '三级指标',
  '指标方向',
  '计量单位',
  '年度指标值',
  '分值',
  '指标值确定依据',
];
const INDEXED_WIDTHS_PT = [24, 44, 54, 80, 34, 38, 60, 28, 110];
const INFO_WIDTHS_PT = [60, 70, 70, 70, 70, 70];
const PLAN_WIDTHS_PT = [110, 75, 75, 75, 75];
const UNIT_WIDTHS_PT = [80, 330];

function rowsOf(rows: string[][], widthsPt: number[]): FlowRow[] {
  const table = buildTable(3, { rows, colWidthsPt: widthsPt });
  return rows.map((_, rowIndex) => ({
    pageNumber: 3,
    top: table.rowEdgesPt[rowIndex],
    bottom: table.rowEdgesPt[rowIndex + 1],
    cells: table.cells.filter((cell) => cell.row === rowIndex),
  }));
}

describe('lineToProjectHeading', () => {
  it('reads Arabic and Chinese numbering alike', () => {
    expect(lineToProjectHeading('3.某某专项绩效目标表')).toEqual({ seq: 3, rest: '某某专项绩效目标表' });
    expect(lineToProjectHeading('（十二）某某专项绩效目标表')).toEqual({ seq: 12, rest: '某某专项绩效目标表' });
    expect(lineToProjectHeading('二十一、某某专项绩效目标表')).toEqual({ seq: 21, rest: '某某专项绩效目标表' });
  });
  it('takes no unnumbered line for a heading', () => {
    expect(lineToProjectHeading('单位：千元')).toBeNull();
  });
});

describe('tocLineToEntry', () => {
  it('reads a `（五）title … 7` entry under 第二部分', () => {
    expect(tocLineToEntry('（五）婚丧服务专项绩效目标表 7', true)).toEqual({
      seq: 5,
      title: '婚丧服务专项绩效目标表',
      pageNumber: 7,
    });
  });
  it("does not take part one's `一、总体绩效目标 1` for a project entry, but does take a `…绩效目标表` numbered so", () => {
    expect(tocLineToEntry('一、总体绩效目标 1', false)).toBeNull();
    expect(tocLineToEntry('二、低保救助专项绩效目标表 4', false)).toEqual({
      seq: 2,
      title: '低保救助专项绩效目标表',
      pageNumber: 4,
    });
  });
});

describe('rowsToUnit', () => {
  it('reads a one-row `单位名称 | <code> <name>` table', () => {
    expect(rowsToUnit(rowsOf([['单位名称', '512002 某县社会福利院']], UNIT_WIDTHS_PT))).toEqual({
      code: '512002',
      name: '某县社会福利院',
      pageNumber: 3,
    });
  });
  it('takes no info table for a unit table', () => {
    expect(rowsToUnit(rowsOf([['项目编码', 'X', '项目名称', 'Y', '', '']], INFO_WIDTHS_PT))).toBeNull();
  });
});

describe('flowToDraft on a template with （一） headings, a unit table, a separate spend-plan table and a 序号 column', () => {
  const page = buildPage(5, [
    '第二部分 预算项目绩效目标',
    '（一）低保救助专项绩效目标表',
    '单位：千元',
    { colWidthsPt: UNIT_WIDTHS_PT, rows: [['单位名称', '512001 某县民政局本级']] },
    {
      colWidthsPt: INFO_WIDTHS_PT,
      rows: [
        ['项目编码', '53272920P0012011000\n1J', '项目名称', { text: '低保救助专项', colSpan: 3 }],
        ['预算数', '8650.00', '其中：财政拨款', '8650.00', '其他资金', ''],
        ['年度绩效目标', { text: '目标1：按时发放。\n目标2：动态核查。', colSpan: 5 }],
      ],
    },
    {
      colWidthsPt: PLAN_WIDTHS_PT,
      rows: [
        ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'],
        ['', '25%', '50%', '80%', '100%'],
      ],
    },
    {
      colWidthsPt: INDEXED_WIDTHS_PT,
      rows: [
        INDEXED_HEADER,
        ['1', '产出指标', '数量指标', '保障人数', '正向', '人', '4200', '15', '低保台账'],
        ['2', '', '质量指标', '发放率', '正向', '%', '100%', '15', '救助办法'],
      ],
    },
    '（二）临时救助专项绩效目标表',
    { colWidthsPt: UNIT_WIDTHS_PT, rows: [['单位名称', '512002 某县社会福利院']] },
    {
      colWidthsPt: INFO_WIDTHS_PT,
      rows: [['项目编码', '53272920P0034061000\n1K', '项目名称', { text: '临时救助专项', colSpan: 3 }]],
    },
  ]);
  const draft = flowToDraft(stitchPages([page]).flow);

  it('opens one project per （N） heading, two on one page, each with the unit of its own unit table', () => {
    expect(
      draft.projects.map((project) => [
        project.seq,
        project.tableTitle.text,
        project.unitCode,
        project.unitName?.text,
        project.amountUnit,
      ]),
    ).toEqual([
      [1, '低保救助专项绩效目标表', '512001', '某县民政局本级', '千元'],
      [2, '临时救助专项绩效目标表', '512002', '某县社会福利院', '千元'],
    ]);
  });
  it('reads the goal lines, the spend plan of the separate table and the indicators under the 序号 column', () => {
    const [project] = draft.projects;
    expect(project.goal?.text).toBe('目标1：按时发放。目标2：动态核查。');
    expect(project.spendPlanHeaders.map((header) => header.text)).toEqual(['3月底', '6月底', '10月底', '12月底']);
    expect(project.spendPlanValues.map((value) => value.text)).toEqual(['25%', '50%', '80%', '100%']);
    expect(
      project.indicators.map((row) => [
        row.level1?.text,
        row.level2?.text,
        row.level3?.text,
        row.target?.text,
        row.basis?.text,
        row.extra.序号?.text,
      ]),
    ).toEqual([
      ['产出指标', '数量指标', '保障人数', '4200', '低保台账', '1'],
      ['产出指标', '质量指标', '发放率', '100%', '救助办法', '2'],
    ]);
  });
});
