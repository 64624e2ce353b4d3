import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import type { FlowTable } from '../../../src/model/flow.js';
import { buildPage } from '../support/layoutBuilder.js';

/** The extended template (fixtures/variants): 一级 | 二级 | 三级 | 指标方向 | 计量单位 | 年度指标值 | 分值 | 指标值确定依据. */
const EXTENDED_HEADER = [
  '一级指标',
  '二级指标',
  '三级指标',
  '指标方向',
  '计量单位',
  '年度指标值',
  '分值',
  '指标值确定依据',
];
const EXTENDED_WIDTHS_PT = [50, 60, 80, 36, 40, 70, 30, 120];

function onlyTable(pages: Parameters<typeof stitchPages>[0]): {
  table: FlowTable;
  repairs: ReturnType<typeof stitchPages>['repairs'];
} {
  const { flow, repairs } = stitchPages(pages);
  const tables = flow.blocks.filter((block): block is FlowTable => block.kind === 'table');
  expect(tables).toHaveLength(1);
  return { table: tables[0], repairs };
}

describe('stitchPages on the extended indicator template', () => {
  it('merges a row cut inside 服务对象满意度指标 although the rest (满意度指标) is also a level-1 name', () => {
    const first = buildPage(6, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        rows: [
          EXTENDED_HEADER,
          ['满意度指标', '服务对象', '乘客满意度', '正向', '%', '≥90%', '10', '乘客满意度问卷调查及12328服务热'],
        ],
      },
    ]);
    const second = buildPage(7, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        top: 60,
        rows: [EXTENDED_HEADER, ['', '满意度指标', '', '', '', '', '', '线投诉统计']],
      },
    ]);
    const { table, repairs } = onlyTable([first, second]);
    expect(table.rows.map((row) => row.cells.map((cell) => cell.text))).toEqual([
      EXTENDED_HEADER,
      [
        '满意度指标',
        '服务对象满意度指标',
        '乘客满意度',
        '正向',
        '%',
        '≥90%',
        '10',
        '乘客满意度问卷调查及12328服务热线投诉统计',
      ],
    ]);
    expect(repairs.map((repair) => [repair.kind, repair.pageNumber, repair.after])).toEqual([
      ['page_continuation', 7, '服务对象满意度指标'],
      ['page_continuation', 7, '乘客满意度问卷调查及12328服务热线投诉统计'],
    ]);
  });

  it('keeps a next-page row that opens the 满意度指标 level-1 group as a row of its own', () => {
    const first = buildPage(2, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        rows: [EXTENDED_HEADER, ['效益指标', '社会效益指标', '出行条件', '正向', '', '明显改善', '20', '行业发展规划']],
      },
    ]);
    const second = buildPage(3, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        top: 60,
        rows: [
          EXTENDED_HEADER,
          ['满意度指标', '服务对象满意度指标', '群众满意度', '正向', '%', '≥90%', '10', '问卷调查'],
        ],
      },
    ]);
    const { table, repairs } = onlyTable([first, second]);
    expect(table.rows.map((row) => row.cells[0].text)).toEqual(['一级指标', '效益指标', '满意度指标']);
    expect(repairs).toEqual([]);
  });

  it('keeps a next-page row under a 二级指标 cut by the break as a row of its own (no 描述 column: 三级指标 and 指标值 start afresh)', () => {
    const first = buildPage(8, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        rows: [
          EXTENDED_HEADER,
          ['产出指标', '时效指标', '仪器设备采购完成时间', '正向', '', '按采购计划完成', '10', '建设方案'],
        ],
      },
    ]);
    const second = buildPage(9, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        top: 60,
        rows: [EXTENDED_HEADER, ['', '', '应急监测到达现场时间', '正向', '', '≤2小时', '10', '应急监测技术规范']],
      },
    ]);
    const { table, repairs } = onlyTable([first, second]);
    expect(table.rows.map((row) => row.cells[2].text)).toEqual([
      '三级指标',
      '仪器设备采购完成时间',
      '应急监测到达现场时间',
    ]);
    expect(repairs).toEqual([]);
  });

  it('merges a cut row whose 三级指标 and 指标值 both run on: its 指标方向 and 分值 cells are left empty', () => {
    const first = buildPage(8, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        rows: [
          EXTENDED_HEADER,
          ['效益指标', '生态效益指标', '楼体亮化提升了高新', '正向', '', '楼体亮化提', '10', '货物采购项目合同'],
        ],
      },
    ]);
    const second = buildPage(9, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        top: 60,
        rows: [EXTENDED_HEADER, ['', '', '区形象', '', '', '升了高新区形象', '', '']],
      },
    ]);
    const { table } = onlyTable([first, second]);
    expect(table.rows.map((row) => [row.cells[2].text, row.cells[5].text])).toEqual([
      ['三级指标', '年度指标值'],
      ['楼体亮化提升了高新区形象', '楼体亮化提升了高新区形象'],
    ]);
  });

  it('keeps a row that fills 指标方向 and 分值 again as a row of its own although its 二级指标 completes a cut word', () => {
    const first = buildPage(8, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        rows: [
          EXTENDED_HEADER,
          ['效益指标', '社会效益', '为环境执法提供技术支撑', '正向', '', '有力支撑', '10', '监测条例'],
        ],
      },
    ]);
    const second = buildPage(9, [
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        top: 60,
        rows: [EXTENDED_HEADER, ['', '指标', '监测信息公开', '正向', '', '按月公开', '10', '信息披露方案']],
      },
    ]);
    const { table } = onlyTable([first, second]);
    expect(table.rows.map((row) => row.cells[2].text)).toEqual(['三级指标', '为环境执法提供技术支撑', '监测信息公开']);
  });
});
