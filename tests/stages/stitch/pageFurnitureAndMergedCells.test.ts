import { describe, expect, it } from 'vitest';
import type { PageLayout, TextLine } from '../../../src/model/index.js';
import { isPageFurniture, stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, PAGE_HEIGHT_PT, buildPage } from '../support/layoutBuilder.js';

const RUNNING_HEADER = { text: '某局2022年部门预算绩效文本', top: 40 };
const footer = (text: string): TextLine => ({ pageNumber: 1, x0: 280, x1: 320, top: 800, bottom: 812, text, fontSizePt: 10 });

function twoPages(lastRowPage1: string[], firstRowPage2: string[], withRunningHeader: boolean): PageLayout[] {
  const header = withRunningHeader ? [RUNNING_HEADER] : [];
  return [
    buildPage(1, [...header, { text: '第二部分', top: 80 }, '1.甲项目绩效目标表', '112001 甲单位', '单位：万元', {
      colWidthsPt: INDICATOR_WIDTHS_PT,
      rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '合格率', '合格', '100%', '标准'], lastRowPage1],
    }]),
    buildPage(2, [...header, { colWidthsPt: INDICATOR_WIDTHS_PT, top: 80, rows: [INDICATOR_HEADER, firstRowPage2] }]),
  ];
}

const rowsOf = (pages: PageLayout[]) =>
  flowToDraft(stitchPages(pages).flow).projects[0].indicators.map((row) => [row.level2?.text ?? null, row.level3?.text ?? null, row.target?.text ?? null]);

describe('page furniture', () => {
  it('recognises page numbers printed as ·3·, －3－, 第1页 共5页, P3 and - 5 - in the margin', () => {
    for (const text of ['·3·', '－3－', '第1页 共5页', '共5页 第1页', 'P3', 'Page 3', '- 5 -', '5/21', '7']) {
      expect(isPageFurniture(footer(text), PAGE_HEIGHT_PT), text).toBe(true);
    }
    expect(isPageFurniture(footer('2022年'), PAGE_HEIGHT_PT)).toBe(false);
    expect(isPageFurniture({ ...footer('3'), top: 400, bottom: 412 }, PAGE_HEIGHT_PT)).toBe(false);
  });

  it('joins a table continued under a running header line and merges the row the break cut', () => {
    const pages = twoPages(['', '时效指标', '完成时间', '按时', '12月底前', '《某某科技创'], ['', '', '', '', '', '新的十条措施》'], true);
    const { flow } = stitchPages(pages);
    expect(flow.blocks.filter((block) => block.kind === 'table')).toHaveLength(1);
    expect(flow.blocks.some((block) => block.kind === 'line' && block.text === RUNNING_HEADER.text)).toBe(false);
    const draft = flowToDraft(flow);
    expect(draft.projects[0].indicators.map((row) => row.basis?.text)).toEqual(['标准', '《某某科技创新的十条措施》']);
  });
});

describe('a merged 二级指标 cell cut by a page break', () => {
  it('starts a new row when 三级指标, 描述 and 指标值 start afresh under the empty level-2 cell, and fills level 2 down', () => {
    expect(rowsOf(twoPages(['', '数量指标', '走访企业', '走访数', '≥50家', '计划'], ['', '', '举办培训', '培训场次', '≥5场', '计划'], false))).toEqual([
      ['数量指标', '合格率', '100%'],
      ['数量指标', '走访企业', '≥50家'],
      ['数量指标', '举办培训', '≥5场'],
    ]);
  });

  it('still merges a row cut mid-cell when only some of those cells go on', () => {
    const { flow, repairs } = stitchPages(twoPages(['', '数量指标', '走访企业', '到企业走访', '≥50家', '计划'], ['', '', '', '调研次数', '', ''], false));
    const rows = flowToDraft(flow).projects[0].indicators;
    expect(rows.map((row) => row.description?.text)).toEqual(['合格', '到企业走访调研次数']);
    expect(repairs.map((repair) => repair.kind)).toEqual(['page_continuation']);
  });
});
