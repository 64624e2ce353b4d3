/** The central 项目绩效目标表 (docs/templates.md `central-project`), read through the label vocabulary. */
import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import type { TableSpec } from '../support/layoutBuilder.js';
import { buildPage } from '../support/layoutBuilder.js';

const WIDTHS_PT = [70, 80, 70, 60, 50, 60, 50];
const HEADER = ['一级指标', '二级指标', { text: '三级指标', colSpan: 2 }, { text: '指标值', colSpan: 2 }, '分值（90）'];
const row = (level1: string, level2: string, level3: string, target: string, weight: string) => [
  level1,
  level2,
  { text: level3, colSpan: 2 },
  { text: target, colSpan: 2 },
  weight,
];

function centralTable(name: string, extraRows: TableSpec['rows'] = []): TableSpec {
  return {
    colWidthsPt: WIDTHS_PT,
    rows: [
      ['项目名称', { text: name, colSpan: 6 }],
      ['主管部门及代码', { text: '[101]某部', colSpan: 2 }, '实施单位', { text: '某部信息中心', colSpan: 3 }],
      ['项目资金（万元）', '年度资金总额', '1,200.00', '执行率', '', '分值（10）', ''],
      ['', '其中：财政拨款', '1,000.00', '', '', '', ''],
      ['', '上年结转资金', '200.00', '', '', '', ''],
      ['', '其他资金', '0.00', '', '', '', ''],
      ['年\n度\n总\n体\n目\n标', { text: '完成系统升级。', colSpan: 6 }],
      ...extraRows,
      HEADER,
      row('产出指标', '数量指标', '升级系统数', '≥3个', '50'),
    ],
  };
}

describe('the central 项目绩效目标表', () => {
  it('reads 主管部门及代码, 实施单位, the money block beside 执行率/分值（10）, the vertical 年度总体目标 and the weight header', () => {
    const page = buildPage(3, ['项目绩效目标表（2023年度）', centralTable('系统升级')]);
    const [project] = flowToDraft(stitchPages([page]).flow).projects;
    expect([
      project.tableTitle.text,
      project.name?.text,
      project.competentDept?.text,
      project.implementingUnit?.text,
      project.budgetTotal?.text,
      project.budgetFiscal?.text,
      project.budgetCarryover?.text,
      project.budgetOther?.text,
      project.goal?.text,
      project.amountUnit,
      project.indicatorHeaders,
      project.unknownLabels,
    ]).toEqual([
      '项目绩效目标表（2023年度）',
      '系统升级',
      '[101]某部',
      '某部信息中心',
      '1,200.00',
      '1,000.00',
      '200.00',
      '0.00',
      '完成系统升级。',
      '万元',
      ['一级指标', '二级指标', '三级指标', '指标值', '分值（90）'],
      undefined,
    ]);
    expect(project.labelsSeen).toEqual(
      expect.arrayContaining(['主管部门及代码', '年度资金总额', '上年结转资金', '年度总体目标', '分值']),
    );
  });

  it('opens one project per table although its title is printed again on the page the table continues', () => {
    const pages = [
      buildPage(3, ['项目绩效目标表（2023年度）', centralTable('系统升级')]),
      buildPage(4, [
        '项目绩效目标表（2023年度）',
        { colWidthsPt: WIDTHS_PT, rows: [HEADER, row('效益指标', '社会效益指标', '服务用户数', '≥100户', '40')] },
        '项目绩效目标表（2023年度）',
        centralTable('数据共享'),
      ]),
    ];
    const projects = flowToDraft(stitchPages(pages).flow).projects;
    expect(projects.map((project) => [project.seq, project.name?.text, project.indicators.length])).toEqual([
      [1, '系统升级', 2],
      [2, '数据共享', 1],
    ]);
  });

  it('keeps a label the vocabulary does not know, for the unknown_label finding', () => {
    const page = buildPage(3, [
      '项目绩效目标表（2023年度）',
      centralTable('系统升级', [['项目负责人', { text: '张三', colSpan: 6 }]]),
    ]);
    const [project] = flowToDraft(stitchPages([page]).flow).projects;
    expect(project.unknownLabels?.map((label) => label.text)).toEqual(['项目负责人']);
  });
});
