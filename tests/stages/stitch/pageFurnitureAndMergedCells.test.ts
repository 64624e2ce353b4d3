import { describe, expect, it } from 'vitest';
import type { PageLayout, TextLine } from '../../../src/model/index.js';
import { isPageFurniture, ocrLinesAtRunningPlaces, stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, PAGE_HEIGHT_PT, buildPage } from '../support/layoutBuilder.js';

const RUNNING_HEADER = { text: '某局2022年部门预算绩效文本', top: 40 };
const footer = (text: string): TextLine => ({
  pageNumber: 1,
  x0: 280,
  x1: 320,
  top: 800,
  bottom: 812,
  text,
  fontSizePt: 10,
});

function twoPages(lastRowPage1: string[], firstRowPage2: string[], withRunningHeader: boolean): PageLayout[] {
  const header = withRunningHeader ? [RUNNING_HEADER] : [];
  return [
    buildPage(1, [
      ...header,
      { text: '第二部分', top: 80 },
      '1.甲项目绩效目标表',
      '112001 甲单位',
      '单位：万元',
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '合格率', '合格', '100%', '标准'], lastRowPage1],
      },
    ]),
    buildPage(2, [...header, { colWidthsPt: INDICATOR_WIDTHS_PT, top: 80, rows: [INDICATOR_HEADER, firstRowPage2] }]),
  ];
}

const rowsOf = (pages: PageLayout[]) =>
  flowToDraft(stitchPages(pages).flow).projects[0].indicators.map((row) => [
    row.level2?.text ?? null,
    row.level3?.text ?? null,
    row.target?.text ?? null,
  ]);

describe('page furniture', () => {
  it('recognises page numbers printed as ·3·, －3－, 第1页 共5页, P3 and - 5 - in the margin', () => {
    for (const text of ['·3·', '－3－', '第1页 共5页', '共5页 第1页', 'P3', 'Page 3', '- 5 -', '5/21', '7']) {
      expect(isPageFurniture(footer(text), PAGE_HEIGHT_PT), text).toBe(true);
    }
    expect(isPageFurniture(footer('2022年'), PAGE_HEIGHT_PT)).toBe(false);
    expect(isPageFurniture({ ...footer('3'), top: 400, bottom: 412 }, PAGE_HEIGHT_PT)).toBe(false);
  });

  it('joins a table continued under a running header line and merges the row the break cut', () => {
    const pages = twoPages(
      ['', '时效指标', '完成时间', '按时', '12月底前', '《某某科技创'],
      ['', '', '', '', '', '新的十条措施》'],
      true,
    );
    const { flow } = stitchPages(pages);
    expect(flow.blocks.filter((block) => block.kind === 'table')).toHaveLength(1);
    expect(flow.blocks.some((block) => block.kind === 'line' && block.text === RUNNING_HEADER.text)).toBe(false);
    const draft = flowToDraft(flow);
    expect(draft.projects[0].indicators.map((row) => row.basis?.text)).toEqual(['标准', '《某某科技创新的十条措施》']);
  });
});

describe('page numbers misread by OCR', () => {
  // The WPS writer prints `- □5□ -` (missing-glyph boxes around the number): OCR reads anything there.
  const ocrFooter = (pageNumber: number, text: string, x0 = 284, x1 = 307): TextLine => ({
    pageNumber,
    x0,
    x1,
    top: 807.5,
    bottom: 816,
    text,
    fontSizePt: 10,
    confidence: 0,
  });
  const withFooter = (page: PageLayout, footerLine: TextLine): PageLayout => ({
    ...page,
    lines: [...page.lines, footerLine],
  });

  it('are furniture when short OCR lines stand at the same place in the margin of several pages', () => {
    const pages = twoPages(
      ['', '时效指标', '完成时间', '按时', '12月底前', '《某某科技创'],
      ['', '', '', '', '', '新的十条措施》'],
      false,
    );
    const [first, second] = [
      withFooter(pages[0], ocrFooter(1, '-0 怠 -')),
      withFooter(pages[1], ocrFooter(2, '-060-', 284.5, 307.5)),
    ];
    expect([...ocrLinesAtRunningPlaces([first, second])].map((line) => line.text)).toEqual(['-0 怠 -', '-060-']);
    // …so the table continued past the misread footer is joined and its cut row merged.
    const draft = flowToDraft(stitchPages([first, second]).flow);
    expect(draft.projects[0].indicators.map((row) => row.basis?.text)).toEqual(['标准', '《某某科技创新的十条措施》']);
  });

  it('are not text-layer lines, long lines, lines on one page only or lines at different places', () => {
    const [first, second] = twoPages(
      ['', '数量指标', '走访企业', '走访数', '≥50家', '计划'],
      ['', '', '举办培训', '培训场次', '≥5场', '计划'],
      false,
    );
    const { confidence: _, ...printedFooter } = ocrFooter(1, '某某');
    const cases: Array<[TextLine, TextLine]> = [
      [printedFooter, { ...printedFooter, pageNumber: 2 }],
      [ocrFooter(1, '这是一行很长的正文文字内容'), ocrFooter(2, '这是一行很长的正文文字内容')],
      [ocrFooter(1, '-0 怠 -'), { ...ocrFooter(2, '-060-'), top: 790 }],
      [ocrFooter(1, '-0 怠 -'), ocrFooter(2, '-060-', 200, 223)],
    ];
    for (const [a, b] of cases)
      expect(ocrLinesAtRunningPlaces([withFooter(first, a), withFooter(second, b)]).size, a.text).toBe(0);
    expect(ocrLinesAtRunningPlaces([withFooter(first, ocrFooter(1, '-0 怠 -')), second]).size).toBe(0);
  });
});

describe('a merged 二级指标 cell cut by a page break', () => {
  it('starts a new row when 三级指标, 描述 and 指标值 start afresh under the empty level-2 cell, and fills level 2 down', () => {
    expect(
      rowsOf(
        twoPages(
          ['', '数量指标', '走访企业', '走访数', '≥50家', '计划'],
          ['', '', '举办培训', '培训场次', '≥5场', '计划'],
          false,
        ),
      ),
    ).toEqual([
      ['数量指标', '合格率', '100%'],
      ['数量指标', '走访企业', '≥50家'],
      ['数量指标', '举办培训', '≥5场'],
    ]);
  });

  it('still merges a row cut mid-cell when only some of those cells go on', () => {
    const { flow, repairs } = stitchPages(
      twoPages(['', '数量指标', '走访企业', '到企业走访', '≥50家', '计划'], ['', '', '', '调研次数', '', ''], false),
    );
    const rows = flowToDraft(flow).projects[0].indicators;
    expect(rows.map((row) => row.description?.text)).toEqual(['合格', '到企业走访调研次数']);
    expect(repairs.map((repair) => repair.kind)).toEqual(['page_continuation']);
  });
});
