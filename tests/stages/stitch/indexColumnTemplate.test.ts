import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import type { FlowTable } from '../../../src/model/flow.js';
import { buildPage } from '../support/layoutBuilder.js';

/** The 序号 template of variant fixture civil-2020: 序号 left of the extended 8 columns. */
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

function tablesOf(pages: Parameters<typeof stitchPages>[0]): {
  tables: FlowTable[];
  repairs: ReturnType<typeof stitchPages>['repairs'];
} {
  const { flow, repairs } = stitchPages(pages);
  return { tables: flow.blocks.filter((block): block is FlowTable => block.kind === 'table'), repairs };
}

describe('stitchPages on the 序号 template', () => {
  it('merges a row cut inside its level-1 and level-2 names (`效益指`/`社会效益` ⏎ `标`/`指标`) under the repeated header, 序号 empty on the new page', () => {
    const first = buildPage(5, [
      {
        colWidthsPt: INDEXED_WIDTHS_PT,
        rows: [
          INDEXED_HEADER,
          ['4', '效益指', '社会效益', '安全责任事故', '反向', '起', '0起', '20', '安全生产责任书'],
        ],
      },
    ]);
    const second = buildPage(6, [
      {
        colWidthsPt: INDEXED_WIDTHS_PT,
        top: 60,
        rows: [
          INDEXED_HEADER,
          ['', '标', '指标', '', '', '', '', '', ''],
          ['5', '满意度指标', '服务对象满意度指标', '院民满意度', '正向', '%', '≥95%', '10', '问卷调查'],
        ],
      },
    ]);
    const { tables, repairs } = tablesOf([first, second]);
    expect(tables).toHaveLength(1);
    expect(tables[0].rows.map((row) => row.cells.map((cell) => cell.text).slice(0, 4))).toEqual([
      INDEXED_HEADER.slice(0, 4),
      ['4', '效益指标', '社会效益指标', '安全责任事故'],
      ['5', '满意度指标', '服务对象满意度指标', '院民满意度'],
    ]);
    expect(repairs.map((repair) => repair.after)).toEqual(['效益指标', '社会效益指标']);
  });

  it('keeps a spend-plan table that opens a page apart from the info table that ended the page before', () => {
    const first = buildPage(5, [
      {
        colWidthsPt: INFO_WIDTHS_PT,
        top: 600,
        rows: [
          ['项目编码', 'X', '项目名称', 'Y', '', ''],
          ['年度绩效目标', { text: '目标1：甲。', colSpan: 5 }],
        ],
      },
    ]);
    const second = buildPage(6, [
      {
        colWidthsPt: PLAN_WIDTHS_PT,
        top: 60,
        rows: [
          ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'],
          ['', '25%', '50%', '75%', '100%'],
        ],
      },
    ]);
    const { tables, repairs } = tablesOf([first, second]);
    expect(tables.map((table) => [table.pageFirst, table.rows.length])).toEqual([
      [5, 2],
      [6, 2],
    ]);
    expect(repairs).toEqual([]);
  });
});
