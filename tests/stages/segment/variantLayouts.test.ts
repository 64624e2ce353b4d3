import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { linesToParagraph } from '../../../src/stages/segment/flowText.js';
import { lineToUnit } from '../../../src/stages/segment/unitLines.js';
import type { FlowLine } from '../../../src/model/flow.js';
import { buildPage } from '../support/layoutBuilder.js';

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
const INFO_WIDTHS_PT = [60, 70, 70, 70, 70, 70];

describe('lineToUnit', () => {
  it('reads the bare `<code> <name>` line of the seed layout', () => {
    expect(lineToUnit('112001 某某局本级')).toEqual({ code: '112001', name: '某某局本级' });
  });
  it('reads a unit line labelled 单位名称：, with or without a code', () => {
    expect(lineToUnit('单位名称：308002 青山县公路养护中心')).toEqual({ code: '308002', name: '青山县公路养护中心' });
    expect(lineToUnit('预算单位: 某某县农业农村局本级')).toEqual({ code: null, name: '某某县农业农村局本级' });
  });
  it('takes neither a table heading nor the amount-unit line for a unit', () => {
    expect(lineToUnit('1、道路养护专项绩效目标表')).toBeNull();
    expect(lineToUnit('单位：元')).toBeNull();
  });
});

describe('flowToDraft on a WPS-style project page', () => {
  it('reads `1、` headings, a labelled unit line sharing its line with 单位：元, and the info and indicator tables printed apart', () => {
    const page = buildPage(4, [
      '1、农村公路养护工程绩效目标表',
      '单位名称：308001 某县交通运输局本级 单位：元',
      {
        colWidthsPt: INFO_WIDTHS_PT,
        rows: [
          ['项目编码', '52112621P0056011000\n1E', '项目名称', { text: '农村公路养护工程', colSpan: 3 }],
          ['预算数', '1,850,000.00', '其中：财政拨款', '1,850,000.00', '其他资金', ''],
          ['绩效目标', { text: '完成养护任务', colSpan: 5 }],
        ],
      },
      {
        colWidthsPt: EXTENDED_WIDTHS_PT,
        top: 220,
        rows: [EXTENDED_HEADER, ['产出指标', '数量指标', '养护里程', '正向', '公里', '≥1260公里', '15', '养护办法']],
      },
    ]);
    const draft = flowToDraft(stitchPages([page]).flow);
    expect(draft.projects).toHaveLength(1);
    const [project] = draft.projects;
    expect([
      project.seq,
      project.tableTitle.text,
      project.unitCode,
      project.unitName?.text,
      project.amountUnit,
    ]).toEqual([1, '农村公路养护工程绩效目标表', '308001', '某县交通运输局本级', '元']);
    expect(project.code?.lines).toEqual(['52112621P0056011000', '1E']);
    expect(project.budgetTotal?.text).toBe('1,850,000.00');
    expect(project.budgetFiscal?.text).toBe('1,850,000.00');
    const [indicator] = project.indicators;
    expect([
      indicator.level1?.text,
      indicator.level2?.text,
      indicator.level3?.text,
      indicator.description,
      indicator.target?.text,
      indicator.basis?.text,
    ]).toEqual(['产出指标', '数量指标', '养护里程', null, '≥1260公里', '养护办法']);
    expect(Object.fromEntries(Object.entries(indicator.extra).map(([key, raw]) => [key, raw.text]))).toEqual({
      指标方向: '正向',
      计量单位: '公里',
      分值: '15',
    });
  });
});

describe('linesToParagraph', () => {
  const line = (text: string): FlowLine => ({
    kind: 'line',
    text,
    pageNumber: 1,
    x0: 0,
    top: 0,
    x1: 100,
    bottom: 10,
    fontSizePt: 10,
  });
  it('joins a token wrapped after a hyphen or slash without a space, and ASCII words with one', () => {
    expect(linesToParagraph([line('《公路桥涵养护规范》（JTG 5120-'), line('2021）')])?.text).toBe(
      '《公路桥涵养护规范》（JTG 5120-2021）',
    );
    expect(linesToParagraph([line('≤1468元/'), line('公里')])?.text).toBe('≤1468元/公里');
    expect(linesToParagraph([line('JTG'), line('5120')])?.text).toBe('JTG 5120');
  });
});
