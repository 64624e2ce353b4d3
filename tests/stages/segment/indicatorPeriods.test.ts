/**
 * Two indicator tables in one project (长期指标 + 年度指标): each row gets its period, level 1 is never filled down from
 * one table into the other, and the markers are read as neither info labels nor indicators.
 */
import { describe, expect, it } from 'vitest';
import type { FlowCell, FlowRow } from '../../../src/model/flow.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { rowsToPeriodIndicators } from '../../../src/stages/segment/indicatorPeriods.js';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { buildPage } from '../support/layoutBuilder.js';

const HEADER = ['一级指标', '二级指标', '三级指标', '指标方向', '目标值', '计量单位', '分值'];
const WIDTHS_PT = [60, 60, 90, 50, 60, 50, 40];
const info = [
  ['项目名称', { text: '城乡供水保障', colSpan: 6 }],
  ['长期目标', { text: '三年内农村自来水普及率达到95%。', colSpan: 6 }],
  ['年度目标', { text: '年内新建供水管网120公里。', colSpan: 6 }],
];
const full = (text: string) => [{ text, colSpan: 7 }];

const summary = (rows: ReturnType<typeof rowsToPeriodIndicators>) =>
  rows.map((row) => [row.period ?? null, row.level1?.text ?? null, row.level3?.text ?? null, row.target?.text ?? null]);

const draftOf = (rows: (string | { text: string; colSpan: number })[][]) =>
  flowToDraft(
    stitchPages([buildPage(1, ['项目支出绩效目标申报表（2024年度）', { colWidthsPt: WIDTHS_PT, rows }])]).flow,
  );

describe('rowsToPeriodIndicators', () => {
  it('reads sub-heading rows 长期指标 / 年度指标, each over its own header', () => {
    const draft = draftOf([
      ...info,
      full('长期指标'),
      HEADER,
      ['产出指标', '数量指标', '新建管网长度', '正向', '≥360', '公里', '50'],
      ['效益指标', '社会效益指标', '自来水普及率', '正向', '≥95', '%', '50'],
      full('年度指标'),
      HEADER,
      ['', '数量指标', '年度新建管网', '正向', '≥120', '公里', '60'],
      ['满意度指标', '服务对象满意度指标', '用水户满意度', '正向', '≥90', '%', '40'],
    ]);
    const [project] = draft.projects;
    expect(summary(project.indicators)).toEqual([
      ['mid_term', '产出指标', '新建管网长度', '≥360'],
      ['mid_term', '效益指标', '自来水普及率', '≥95'],
      // No level 1 printed: not filled down from the other table's 效益指标.
      ['annual', null, '年度新建管网', '≥120'],
      ['annual', '满意度指标', '用水户满意度', '≥90'],
    ]);
    expect(project.goal?.text).toBe('年内新建供水管网120公里。');
    expect(project.goalMidTerm?.text).toBe('三年内农村自来水普及率达到95%。');
    expect(project.unknownLabels).toBeUndefined();
  });

  it('reads markers under one header printed once (实施期绩效指标 / 年度绩效指标)', () => {
    const draft = draftOf([
      ...info,
      HEADER,
      full('实施期绩效指标'),
      ['产出指标', '数量指标', '新建管网长度', '正向', '≥360', '公里', '50'],
      full('年度绩效指标'),
      ['产出指标', '数量指标', '年度新建管网', '正向', '≥120', '公里', '60'],
    ]);
    expect(summary(draft.projects[0].indicators)).toEqual([
      ['mid_term', '产出指标', '新建管网长度', '≥360'],
      ['annual', '产出指标', '年度新建管网', '≥120'],
    ]);
  });

  it('reads a row-header cell left of 一级指标 that spans its table', () => {
    const cell = (text: string, x0: number, x1: number, top: number, bottom: number): FlowCell => ({
      pageNumber: 1,
      row: 0,
      col: 0,
      rowSpan: 1,
      colSpan: 1,
      x0,
      x1,
      top,
      bottom,
      lines: [text],
      text,
    });
    const edges = [40, 100, 160, 250, 310, 370];
    const names = ['一级指标', '二级指标', '三级指标', '指标值', '分值'];
    const row = (top: number, texts: string[], marker?: string): FlowRow => ({
      pageNumber: 1,
      top,
      bottom: top + 20,
      cells: [
        ...(marker ? [cell(marker, 0, 40, top, top + 60)] : []),
        ...texts.map((text, index) => cell(text, edges[index], edges[index + 1], top, top + 20)),
      ],
    });
    const rows = [
      row(0, names, '实施期绩效指标'),
      row(20, ['产出指标', '数量指标', '新建管网长度', '≥360公里', '50']),
      row(40, ['效益指标', '社会效益指标', '自来水普及率', '≥95%', '50']),
      row(60, names, '年度绩效指标'),
      row(80, ['产出指标', '数量指标', '年度新建管网', '≥120公里', '100']),
    ];
    expect(summary(rowsToPeriodIndicators(rows))).toEqual([
      ['mid_term', '产出指标', '新建管网长度', '≥360公里'],
      ['mid_term', '效益指标', '自来水普及率', '≥95%'],
      ['annual', '产出指标', '年度新建管网', '≥120公里'],
    ]);
  });

  it('gives no period to the rows of a project with one indicator table', () => {
    const draft = draftOf([...info, HEADER, ['产出指标', '数量指标', '年度新建管网', '正向', '≥120', '公里', '60']]);
    expect(summary(draft.projects[0].indicators)).toEqual([[null, '产出指标', '年度新建管网', '≥120']]);
  });
});
