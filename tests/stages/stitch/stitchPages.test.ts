import { describe, expect, it } from 'vitest';
import { stitchPages, hasUnclosedBracket } from '../../../src/stages/stitch/index.js';
import type { FlowTable } from '../../../src/model/flow.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, buildPage } from '../support/layoutBuilder.js';

function onlyTable(blocks: ReturnType<typeof stitchPages>['flow']['blocks']): FlowTable {
  const tables = blocks.filter((block): block is FlowTable => block.kind === 'table');
  expect(tables).toHaveLength(1);
  return tables[0];
}

const rowTexts = (table: FlowTable): string[][] => table.rows.map((row) => row.cells.map((cell) => cell.text));

describe('stitchPages', () => {
  it('drops the header row repeated at the top of the next page and keeps the rows after it', () => {
    const first = buildPage(1, [
      '1.示例专项绩效目标表',
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '培训场次', '培训场次', '≥3场', '工作方案']],
      },
    ]);
    const second = buildPage(2, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        top: 60,
        rows: [INDICATOR_HEADER, ['', '质量指标', '合格率', '合格率', '100%', '工作方案']],
      },
    ]);
    const { flow, repairs } = stitchPages([second, first]);
    const table = onlyTable(flow.blocks);
    expect(rowTexts(table)).toEqual([
      INDICATOR_HEADER,
      ['产出指标', '数量指标', '培训场次', '培训场次', '≥3场', '工作方案'],
      ['', '质量指标', '合格率', '合格率', '100%', '工作方案'],
    ]);
    expect(table.pageFirst).toBe(1);
    expect(table.pageLast).toBe(2);
    expect(repairs).toEqual([]);
  });

  it('merges a row the page break cut when the next page completes a level-2 name (经济效益指 + 标)', () => {
    const first = buildPage(3, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['效益指标', '经济效益指', '带动就业', '带动周边', '≥10人', '实施方案']],
      },
    ]);
    const second = buildPage(4, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        top: 60,
        rows: [
          INDICATOR_HEADER,
          ['', '标', '', '群众就业', '', ''],
          ['', '社会效益指标', '提升服务', '提升服务', '有所提升', '实施方案'],
        ],
      },
    ]);
    const { flow, repairs } = stitchPages([first, second]);
    const table = onlyTable(flow.blocks);
    expect(rowTexts(table).slice(1)).toEqual([
      ['效益指标', '经济效益指标', '带动就业', '带动周边群众就业', '≥10人', '实施方案'],
      ['', '社会效益指标', '提升服务', '提升服务', '有所提升', '实施方案'],
    ]);
    expect(repairs.map((repair) => [repair.kind, repair.pageNumber, repair.after])).toEqual([
      ['page_continuation', 4, '经济效益指标'],
      ['page_continuation', 4, '带动周边群众就业'],
    ]);
    expect(repairs[0].before).toContain('经济效益指');
  });

  it('merges a row whose basis left a 《 open before the break and whose level-2 cell is empty', () => {
    const first = buildPage(5, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['效益指标', '经济效益指标', '无', '无', '无', '《关于加快推进创']],
      },
    ]);
    const second = buildPage(6, [
      { colWidthsPt: INDICATOR_WIDTHS_PT, top: 60, rows: [INDICATOR_HEADER, ['', '', '', '', '', '新发展的意见》']] },
    ]);
    const table = onlyTable(stitchPages([first, second]).flow.blocks);
    expect(rowTexts(table)[1][5]).toBe('《关于加快推进创新发展的意见》');
    expect(table.rows).toHaveLength(2);
  });

  it('keeps the first row of the next page as a new row when it starts with a full level-2 name', () => {
    const first = buildPage(1, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['效益指标', '经济效益指标', '增加收入', '增加收入', '有所增加', '《实施意见》']],
      },
    ]);
    const second = buildPage(2, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        top: 60,
        rows: [INDICATOR_HEADER, ['', '社会效益指标', '改善民生', '改善民生', '有所改善', '《实施意见》']],
      },
    ]);
    const { flow, repairs } = stitchPages([first, second]);
    expect(onlyTable(flow.blocks).rows).toHaveLength(3);
    expect(repairs).toHaveLength(0);
  });

  it('joins a table continued on the next page without a repeated header when the column grid is the same', () => {
    const first = buildPage(1, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '场次', '场次', '2场', '方案']],
      },
    ]);
    const second = buildPage(2, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        top: 60,
        rows: [['满意度指标', '服务对象满意度指标', '满意度', '满意度', '≥90%', '问卷']],
      },
    ]);
    const table = onlyTable(stitchPages([first, second]).flow.blocks);
    expect(rowTexts(table)[2][0]).toBe('满意度指标');
  });

  it('keeps a next-page table with another column grid as a table of its own', () => {
    const first = buildPage(1, [{ colWidthsPt: INDICATOR_WIDTHS_PT, rows: [INDICATOR_HEADER] }]);
    const second = buildPage(2, [{ colWidthsPt: [100, 300], top: 60, rows: [['项目编码', 'X1']] }]);
    const tables = stitchPages([first, second]).flow.blocks.filter((block) => block.kind === 'table');
    expect(tables).toHaveLength(2);
  });

  it('does not join tables when a line of text stands between them', () => {
    const first = buildPage(1, [
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '场次', '场次', '2场', '方案']],
      },
    ]);
    const second = buildPage(2, [
      '2.另一专项绩效目标表',
      { colWidthsPt: INDICATOR_WIDTHS_PT, rows: [INDICATOR_HEADER] },
    ]);
    expect(stitchPages([first, second]).flow.blocks.filter((block) => block.kind === 'table')).toHaveLength(2);
  });

  it('leaves page numbers in the margins out of the flow but keeps numbered text', () => {
    const page = buildPage(1, ['一、总体绩效目标 1', { text: '- 5 -', top: 800 }, { text: '12', top: 10 }]);
    const texts = stitchPages([page]).flow.blocks.map((block) => (block.kind === 'line' ? block.text : 'table'));
    expect(texts).toEqual(['一、总体绩效目标 1']);
  });
});

describe('hasUnclosedBracket', () => {
  it('sees 《 and （ left open and ignores closed pairs', () => {
    expect(hasUnclosedBracket('《关于（试行）的通知')).toBe(true);
    expect(hasUnclosedBracket('《关于（试行）的通知》')).toBe(false);
    expect(hasUnclosedBracket('共建“河北')).toBe(true);
  });
});
