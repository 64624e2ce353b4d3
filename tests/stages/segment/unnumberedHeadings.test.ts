import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import type { TableSpec } from '../support/layoutBuilder.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, buildPage } from '../support/layoutBuilder.js';

const INFO_WIDTHS_PT = [60, 70, 70, 70, 70, 70];

function projectTable(name: string, code: string): TableSpec {
  return {
    colWidthsPt: INFO_WIDTHS_PT,
    rows: [
      ['项目编码', { text: code, colSpan: 2 }, '项目名称', { text: name, colSpan: 2 }],
      ['预算规模及资金用途', '预算数', '10.00', '其中：财政资金', '10.00', '其他资金'],
    ],
  };
}

const indicatorTable: TableSpec = {
  colWidthsPt: INDICATOR_WIDTHS_PT,
  rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '救助人数', '救助人数', '≥100人', '工作计划']],
};

const summary = (pages: ReturnType<typeof buildPage>[]) =>
  flowToDraft(stitchPages(pages).flow).projects.map((project) => [
    project.seq,
    project.unnumbered ?? false,
    project.tableTitle.text,
    project.name?.text ?? null,
    project.indicators.length,
  ]);

describe('project headings printed without numbers', () => {
  it('numbers repeated `项目支出绩效目标表` headings in their order and marks them unnumbered', () => {
    const pages = [
      buildPage(3, [
        '第二部分 预算项目绩效目标',
        '项目支出绩效目标表',
        '单位：万元',
        projectTable('低保救助项目', 'A01'),
        indicatorTable,
      ]),
      buildPage(4, ['项目支出绩效目标表', '单位：万元', projectTable('临时救助项目', 'A02'), indicatorTable]),
      buildPage(5, ['项目支出绩效目标表', '单位：万元', projectTable('医疗救助项目', 'A03'), indicatorTable]),
    ];
    expect(summary(pages)).toEqual([
      [1, true, '项目支出绩效目标表', '低保救助项目', 1],
      [2, true, '项目支出绩效目标表', '临时救助项目', 1],
      [3, true, '项目支出绩效目标表', '医疗救助项目', 1],
    ]);
  });

  it('does not take the second line of a wrapped numbered heading for an unnumbered heading', () => {
    const pages = [
      buildPage(3, [
        '1.某县二〇二三年城乡低保救助专项资金',
        '绩效目标表',
        '单位：万元',
        projectTable('低保救助项目', 'A01'),
        indicatorTable,
      ]),
      buildPage(4, ['2.临时救助专项', '绩效目标表', projectTable('临时救助项目', 'A02'), indicatorTable]),
    ];
    expect(summary(pages)).toEqual([
      [1, false, '某县二〇二三年城乡低保救助专项资金绩效目标表', '低保救助项目', 1],
      [2, false, '临时救助专项绩效目标表', '临时救助项目', 1],
    ]);
  });

  it('joins a wrapped unnumbered heading, but not a sentence or unit line above it', () => {
    const pages = [
      buildPage(3, [
        '某县城乡低保救助专项资金',
        '绩效目标表',
        '单位：万元',
        projectTable('低保救助项目', 'A01'),
        indicatorTable,
      ]),
      buildPage(4, [
        '以下为本单位项目。',
        '临时救助项目绩效目标表',
        projectTable('临时救助项目', 'A02'),
        indicatorTable,
      ]),
    ];
    expect(summary(pages)).toEqual([
      [1, true, '某县城乡低保救助专项资金绩效目标表', '低保救助项目', 1],
      [2, true, '临时救助项目绩效目标表', '临时救助项目', 1],
    ]);
  });

  it('takes no `…绩效目标表` line that no project table follows for a heading', () => {
    const pages = [
      buildPage(3, [
        '部门项目支出绩效目标表',
        '说明：本部分列示全部项目。',
        '1.低保救助专项绩效目标表',
        projectTable('低保救助项目', 'A01'),
        indicatorTable,
      ]),
    ];
    expect(summary(pages)).toEqual([[1, false, '低保救助专项绩效目标表', '低保救助项目', 1]]);
  });
});
