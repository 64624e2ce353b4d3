import { describe, expect, it } from 'vitest';
import type { PageLayout, Table } from '../../../src/model/index.js';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import {
  INDICATOR_HEADER,
  INDICATOR_WIDTHS_PT,
  buildPage,
  buildTable,
  type TableSpec,
} from '../support/layoutBuilder.js';

/**
 * Makes the cell at (row, col) a merged cell over `rowCount` grid rows, as a ruled table with a missing interior rule
 * gives it.
 */
function mergeDown(table: Table, row: number, col: number, rowCount: number): Table {
  const cells = table.cells
    .filter((cell) => !(cell.col === col && cell.row > row && cell.row < row + rowCount))
    .map((cell) =>
      cell.col === col && cell.row === row
        ? { ...cell, rowSpan: rowCount, bottom: table.rowEdgesPt[row + rowCount] }
        : cell,
    );
  return { ...table, cells };
}

function _pageWithTable(pageNumber: number, lines: string[], table: Table): PageLayout {
  const page = buildPage(pageNumber, lines);
  return { ...page, tables: [table] };
}

const INFO: TableSpec = {
  colWidthsPt: [60, 70, 70, 70, 70, 70],
  rows: [['项目编码', { text: 'C1', colSpan: 2 }, '项目名称', { text: '甲项目', colSpan: 2 }]],
};

function projectPages(indicators: Table, continued?: Table): PageLayout[] {
  const first = buildPage(1, ['第二部分', '1.甲项目绩效目标表', '112001 甲单位', '单位：万元', INFO]);
  first.tables.push(indicators);
  const pages = [first];
  if (continued) pages.push({ ...buildPage(2, []), tables: [continued] });
  return pages;
}

const indicatorsOf = (pages: PageLayout[]) =>
  flowToDraft(stitchPages(pages).flow).projects[0].indicators.map((row) => [
    row.level1?.text ?? null,
    row.level2?.text ?? null,
    row.level3?.text ?? null,
    row.target?.text ?? null,
    row.basis?.text ?? null,
  ]);

describe('indicator tables of other shapes', () => {
  it('fills a 二级指标 cell merged over three rows down to each of them', () => {
    let table = buildTable(1, {
      colWidthsPt: INDICATOR_WIDTHS_PT,
      top: 300,
      rows: [
        INDICATOR_HEADER,
        ['产出指标', '数量指标', '走访企业', '走访数', '≥50家', '计划'],
        ['', '', '举办培训', '培训场次', '≥5场', '计划'],
        ['', '', '发放券', '发放数', '≥10张', '计划'],
        ['', '质量指标', '合格率', '合格', '100%', '标准'],
      ],
    });
    table = mergeDown(mergeDown(table, 1, 0, 4), 1, 1, 3);
    expect(indicatorsOf(projectPages(table))).toEqual([
      ['产出指标', '数量指标', '走访企业', '≥50家', '计划'],
      ['产出指标', '数量指标', '举办培训', '≥5场', '计划'],
      ['产出指标', '数量指标', '发放券', '≥10张', '计划'],
      ['产出指标', '质量指标', '合格率', '100%', '标准'],
    ]);
  });

  it('leaves 二级指标 empty in a row that has its own empty, unmerged level-2 cell', () => {
    const table = buildTable(1, {
      colWidthsPt: INDICATOR_WIDTHS_PT,
      top: 300,
      rows: [
        INDICATOR_HEADER,
        ['产出指标', '数量指标', '走访企业', '走访数', '≥50家', '计划'],
        ['', '', '举办培训', '培训场次', '≥5场', '计划'],
        ['', '质量指标', '合格率', '合格', '100%', '标准'],
      ],
    });
    expect(indicatorsOf(projectPages(table)).map((row) => row[1])).toEqual(['数量指标', null, '质量指标']);
  });

  it('takes the columns from both rows of a two-row header (绩效指标 over 一级/二级/三级; 指标值 and 依据 spanning both rows)', () => {
    const build = (pageNumber: number, top: number, dataRows: string[][]): Table => {
      let table = buildTable(pageNumber, {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        top,
        rows: [
          [{ text: '绩效指标', colSpan: 4 }, '指标值', '指标值确定依据'],
          ['一级指标', '二级指标', '三级指标', '绩效指标描述', '', ''],
          ...dataRows,
        ],
      });
      table = mergeDown(table, 0, 4, 2);
      return mergeDown(table, 0, 5, 2);
    };
    const page1 = build(1, 300, [['产出指标', '数量指标', '走访企业', '走访数', '≥50家', '计划']]);
    const page2 = build(2, 60, [['效益指标', '社会效益指标', '带动就业', '就业人数', '≥20人', '统计']]);
    expect(indicatorsOf(projectPages(page1, page2))).toEqual([
      ['产出指标', '数量指标', '走访企业', '≥50家', '计划'],
      ['效益指标', '社会效益指标', '带动就业', '≥20人', '统计'],
    ]);
  });
});
