import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, buildPage } from '../support/layoutBuilder.js';

const INFO_WIDTHS_PT = [60, 70, 70, 70, 70, 70];

const pages = [
  buildPage(1, [
    { text: '某某市交通运输局', fontSizePt: 26 },
    { text: '2024 年部门预算绩效文本', fontSizePt: 26 },
    { text: '（草案）', fontSizePt: 26 },
    { text: '某某市交通运输局编制', fontSizePt: 16 },
  ]),
  buildPage(2, [
    '目 录',
    '第一部分 部门整体绩效目标',
    '一、总体绩效目标 1',
    '第二部分 预算项目绩效目标',
    '1.道路养护专项绩效目标表 ........ 3',
    '2.客运站运营补助专项',
    '绩效目标表 4',
  ]),
  buildPage(3, [
    '第一部分',
    '一、总体绩效目标',
    '保障道路畅通，提升',
    '运输服务水平',
    '二、分项绩效目标',
    '（一）道路养护',
    '绩效目标：完成养护里程',
    '100 公里。',
    '（二）客运服务',
    '绩效目标：保障客运站运营。',
    '三、工作保障措施',
    '1、加强预算管理。严格执行',
    '预算。',
    '2.强化绩效监控。',
    '第二部分',
    '1.道路养护专项绩效目标表',
    '220301 某某市交通运输局本级',
    '单位：元',
    {
      colWidthsPt: INFO_WIDTHS_PT,
      rows: [
        ['项目编码', { text: '22030124P0000\n1234567X', colSpan: 2 }, '项目名称', { text: '道路养护专项', colSpan: 2 }],
        ['预算规模及资金用途', '预算数', '1,200,000', '其中：财政拨款', '1,000,000', '其他资金'],
        ['', { text: '日常养护及\n应急抢修', colSpan: 5 }],
        ['资金支出计划（%）', '3月底', '6 月底', '', '10月底', '12月底'],
        ['', '', '40%', '', '', '100%'],
        ['绩效目标', { text: '完成养护任务', colSpan: 5 }],
      ],
    },
  ]),
  buildPage(4, [
    {
      colWidthsPt: INDICATOR_WIDTHS_PT,
      top: 60,
      rows: [
        INDICATOR_HEADER,
        ['产出指标', '数量指标', '养护里程', '养护里程', '≥100 公里', '年度计划'],
        ['', '质量指标', '优良率', '优良率', '≥90%', '年度计划'],
        ['满意度指标', '服务对象满意度指标', '无', '无', '无', '无'],
      ],
    },
  ]),
];

describe('flowToDraft', () => {
  const draft = flowToDraft(stitchPages(pages).flow);

  it('joins the cover title lines through the draft mark and finds the 编制 line', () => {
    expect(draft.cover.title?.text).toBe('某某市交通运输局2024 年部门预算绩效文本（草案）');
    expect(draft.cover.preparedBy?.text).toBe('某某市交通运输局编制');
  });

  it('reads numbered contents entries with their page numbers, a wrapped entry joined', () => {
    expect(draft.toc.map((entry) => [entry.seq, entry.title.text, entry.pageNumber])).toEqual([
      [1, '道路养护专项绩效目标表', 3],
      [2, '客运站运营补助专项绩效目标表', 4],
    ]);
  });

  it('reads the overall goal, （一）-numbered sub goals and 1、/1.-numbered measures', () => {
    expect(draft.overallGoal?.text).toBe('保障道路畅通，提升运输服务水平');
    expect(draft.subGoals.map((goal) => [goal.seq, goal.title.text, goal.body.text])).toEqual([
      [1, '道路养护', '完成养护里程100 公里。'],
      [2, '客运服务', '保障客运站运营。'],
    ]);
    expect(draft.measures.map((measure) => [measure.seq, measure.body.text])).toEqual([
      [1, '加强预算管理。严格执行预算。'],
      [2, '强化绩效监控。'],
    ]);
  });

  it('opens a project at a numbered heading followed by a table, with its unit line and amount unit', () => {
    expect(draft.projects).toHaveLength(1);
    const project = draft.projects[0];
    expect([
      project.seq,
      project.tableTitle.text,
      project.unitCode,
      project.unitName?.text,
      project.amountUnit,
    ]).toEqual([1, '道路养护专项绩效目标表', '220301', '某某市交通运输局本级', '元']);
    expect([project.pageFirst, project.pageLast]).toEqual([3, 4]);
  });

  it('reads the info table by its labels (财政拨款 for 财政资金) and keeps the code fragments as lines', () => {
    const project = draft.projects[0];
    expect(project.code?.lines).toEqual(['22030124P0000', '1234567X']);
    expect(project.name?.text).toBe('道路养护专项');
    expect([project.budgetTotal?.text, project.budgetFiscal?.text, project.budgetOther]).toEqual([
      '1,200,000',
      '1,000,000',
      null,
    ]);
    expect(project.fundUse?.lines).toEqual(['日常养护及', '应急抢修']);
    expect(project.goal?.text).toBe('完成养护任务');
  });

  it('keeps spend-plan headers and values with their x positions', () => {
    const project = draft.projects[0];
    expect(project.spendPlanHeaders.map((header) => header.text)).toEqual(['3月底', '6 月底', '10月底', '12月底']);
    const sixHeader = project.spendPlanHeaders[1];
    const forty = project.spendPlanValues.find((value) => value.text === '40%')!;
    expect(forty.x0).toBe(sixHeader.x0);
    expect(project.spendPlanValues.map((value) => value.text)).toEqual(['40%', '100%']);
  });

  it('maps indicator cells to the header columns and fills level 1 down', () => {
    const rows = draft.projects[0].indicators.map((row) => [
      row.pageNumber,
      row.level1?.text,
      row.level2?.text,
      row.level3?.text,
      row.target?.text,
      row.basis?.text,
    ]);
    expect(rows).toEqual([
      [4, '产出指标', '数量指标', '养护里程', '≥100 公里', '年度计划'],
      [4, '产出指标', '质量指标', '优良率', '≥90%', '年度计划'],
      [4, '满意度指标', '服务对象满意度指标', '无', '无', '无'],
    ]);
  });
});

describe('flowToDraft on irregular indicator tables', () => {
  it('ignores an extra empty column and does not shift fields', () => {
    const header = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '', '指标值', '指标值确定依据'];
    const widths = [50, 60, 80, 90, 20, 70, 110];
    const page = buildPage(1, [
      '1.示例专项绩效目标表',
      { colWidthsPt: widths, rows: [header, ['产出指标', '数量指标', '户数', '受益户数', '', '15户', '协议']] },
    ]);
    const [row] = flowToDraft(stitchPages([page]).flow).projects[0].indicators;
    expect([row.level3?.text, row.description?.text, row.target?.text, row.basis?.text]).toEqual([
      '户数',
      '受益户数',
      '15户',
      '协议',
    ]);
  });

  it('keeps extra header columns (计量单位) apart from the six standard fields', () => {
    const header = ['一级指标', '二级指标', '三级指标', '计量单位', '指标值', '指标值确定依据'];
    const page = buildPage(1, [
      '1.示例专项绩效目标表',
      { colWidthsPt: INDICATOR_WIDTHS_PT, rows: [header, ['产出指标', '数量指标', '户数', '户', '15', '协议']] },
    ]);
    const [row] = flowToDraft(stitchPages([page]).flow).projects[0].indicators;
    expect(row.extra.计量单位?.text).toBe('户');
    expect(row.target?.text).toBe('15');
  });
});

describe('flowToDraft headings', () => {
  it('does not take a numbered line followed by a table without project labels for a project heading', () => {
    const page = buildPage(1, [
      '1.部门收支总表',
      {
        colWidthsPt: [100, 100],
        rows: [
          ['收入', '支出'],
          ['100', '100'],
        ],
      },
      '1.示例专项绩效目标表',
      {
        colWidthsPt: INDICATOR_WIDTHS_PT,
        rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '户数', '户数', '15户', '协议']],
      },
    ]);
    const projects = flowToDraft(stitchPages([page]).flow).projects;
    expect(projects.map((project) => project.tableTitle.text)).toEqual(['示例专项绩效目标表']);
  });
});
