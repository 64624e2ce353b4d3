import { describe, expect, it } from 'vitest';
import type { FlowRow } from '../../../src/model/flow.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { isProjectTableTitle, regionIsProjectTable } from '../../../src/stages/segment/projectTables.js';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import type { TableSpec } from '../support/layoutBuilder.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, buildPage } from '../support/layoutBuilder.js';

const INFO_WIDTHS_PT = [60, 70, 70, 70, 70, 70];

const infoTable = (name: string, code: string): TableSpec => ({
  colWidthsPt: INFO_WIDTHS_PT,
  rows: [
    ['项目编码', { text: code, colSpan: 2 }, '项目名称', { text: name, colSpan: 2 }],
    ['预算规模及资金用途', '预算数', '10.00', '其中：财政资金', '10.00', '其他资金'],
  ],
});

const indicatorTable: TableSpec = {
  colWidthsPt: INDICATOR_WIDTHS_PT,
  rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '救助人数', '救助人数', '≥100人', '工作计划']],
};

/** A 收支总表: 项目 / 预算数 columns (预算数 is an info label, which made it a project table before the rule). */
const incomeExpenditureTable: TableSpec = {
  colWidthsPt: [120, 80, 120, 80],
  rows: [
    [
      { text: '收入', colSpan: 2 },
      { text: '支出', colSpan: 2 },
    ],
    ['项目', '预算数', '项目', '预算数'],
    ['一般公共预算拨款收入', '5,342.60', '节能环保支出', '4,810.30'],
  ],
};

/** A 项目支出表 listing projects: 项目名称 and 预算数 columns, no indicator, no family title. */
const projectListTable: TableSpec = {
  colWidthsPt: [160, 80, 80, 80],
  rows: [
    ['项目名称', '预算数', '其中：财政资金', '其他资金'],
    ['低保救助项目', '10.00', '10.00', '0.00'],
  ],
};

const rows = (...texts: string[][]): FlowRow[] =>
  texts.map((cells, index) => ({
    pageNumber: 1,
    top: index * 20,
    bottom: index * 20 + 20,
    cells: cells.map((text, col) => ({
      pageNumber: 1,
      row: index,
      col,
      rowSpan: 1,
      colSpan: 1,
      x0: col * 50,
      x1: col * 50 + 50,
      top: index * 20,
      bottom: index * 20 + 20,
      lines: [text],
      text,
    })),
  }));

const projectsOf = (pages: ReturnType<typeof buildPage>[]) =>
  flowToDraft(stitchPages(pages).flow).projects.map((project) => [
    project.seq,
    project.tableTitle.text,
    project.name?.text ?? null,
    project.indicators.length,
  ]);

describe('isProjectTableTitle: the national family of titles', () => {
  it.each([
    '1.低保救助项目绩效目标表',
    '项目支出绩效目标表',
    '项目绩效目标表（2023年度）',
    '项目绩效目标表 (2023 年度)',
    '财政项目支出绩效目标申报表（2026年度）',
    '2020年项目申报表',
    '（三）专项资金绩效目标审批表',
    '部门项目支出目标表：',
  ])('%s is a project table title', (title) => {
    expect(isProjectTableTitle(title)).toBe(true);
  });

  it.each([
    '2.收支总表',
    '收入总表',
    '（四）财政拨款收支总表',
    '一般公共预算支出表',
    '一般公共预算基本支出表',
    '政府性基金预算支出表',
    '三公经费支出表',
    '7.项目支出表',
    '2024年项目支出预算表',
    '一、部门主要职责',
    '项目绩效目标详见项目绩效目标表。',
  ])('%s is not', (title) => {
    expect(isProjectTableTitle(title)).toBe(false);
  });
});

describe('regionIsProjectTable: an indicator block or a family title', () => {
  const header = [...INDICATOR_HEADER];
  it('takes a region with an indicator header row, whatever its title', () => {
    expect(
      regionIsProjectTable('3.低保救助', [{ rows: rows(header, ['产出指标', '数量指标', 'a', 'b', 'c', 'd']) }]),
    ).toBe(true);
  });
  it('takes a region titled as the family above the table', () => {
    expect(regionIsProjectTable('1.低保救助项目绩效目标表', [{ rows: rows(['项目名称', '低保救助']) }])).toBe(true);
  });
  it('takes a region whose title is printed in the first row inside the grid', () => {
    expect(regionIsProjectTable('1.低保救助', [{ rows: rows(['2020年项目申报表'], ['项目名称', '低保救助']) }])).toBe(
      true,
    );
  });
  it('refuses an ordinary table with info-like labels, its title above or in the grid', () => {
    expect(regionIsProjectTable('7.项目支出表', [{ rows: rows(['项目名称', '预算数'], ['低保救助', '10.00']) }])).toBe(
      false,
    );
    expect(
      regionIsProjectTable('二、部门预算公开表', [{ rows: rows(['2024年项目支出预算表'], ['项目名称', '预算金额']) }]),
    ).toBe(false);
  });
});

describe('flowToDraft with ordinary budget tables', () => {
  it('opens no project for 收支总表 or 项目支出表 after numbered headings', () => {
    const pages = [
      buildPage(1, [
        '一、部门主要职责',
        '负责全市生态环境保护工作。',
        '2.收支总表',
        '单位：万元',
        incomeExpenditureTable,
      ]),
      buildPage(2, ['3.项目支出表', '单位：万元', projectListTable]),
    ];
    expect(projectsOf(pages)).toEqual([]);
  });

  it('keeps the projects of a document that also prints ordinary tables, and invents none', () => {
    const pages = [
      buildPage(1, ['1.收支总表', '单位：万元', incomeExpenditureTable]),
      buildPage(2, ['2.项目支出表', '单位：万元', projectListTable]),
      buildPage(3, ['1.低保救助项目绩效目标表', '单位：万元', infoTable('低保救助项目', 'A01'), indicatorTable]),
      buildPage(4, ['2.临时救助项目绩效目标表', '单位：万元', infoTable('临时救助项目', 'A02'), indicatorTable]),
    ];
    expect(projectsOf(pages)).toEqual([
      [1, '低保救助项目绩效目标表', '低保救助项目', 1],
      [2, '临时救助项目绩效目标表', '临时救助项目', 1],
    ]);
  });

  it('does not let a dropped ordinary table run into the project before it', () => {
    const pages = [
      buildPage(1, ['1.低保救助项目绩效目标表', '单位：万元', infoTable('低保救助项目', 'A01'), indicatorTable]),
      buildPage(2, ['2.项目支出表', '单位：元', projectListTable]),
    ];
    const [project] = flowToDraft(stitchPages(pages).flow).projects;
    expect([project.name?.text, project.indicators.length, project.amountUnit, project.pageLast]).toEqual([
      '低保救助项目',
      1,
      '万元',
      1,
    ]);
  });

  it('keeps a project whose heading does not name the family but whose table holds the indicator header', () => {
    const pages = [buildPage(1, ['1.低保救助项目', '单位：万元', infoTable('低保救助项目', 'A01'), indicatorTable])];
    expect(projectsOf(pages)).toEqual([[1, '低保救助项目', '低保救助项目', 1]]);
  });
});
