/**
 * Self-evaluations (自评表) are never targets: a region holding one opens no project and is listed as skipped, a
 * 自评表 after a project's targets ends the project's region, and a document of nothing else is refused.
 */
import { describe, expect, it } from 'vitest';
import type { FlowRow } from '../../../src/model/flow.js';
import { documentToAccepted } from '../../../src/batch/extractDocument.js';
import { isBudgetPdfError } from '../../../src/errors.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { regionIsProjectTable } from '../../../src/stages/segment/projectTables.js';
import { isSelfEvaluationTable, regionIsSelfEvaluation } from '../../../src/stages/segment/selfEvaluation.js';
import { draftToDocument } from '../../../src/stages/normalise/index.js';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import type { TableSpec } from '../support/layoutBuilder.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, buildPage } from '../support/layoutBuilder.js';

const infoTable = (name: string): TableSpec => ({
  colWidthsPt: [60, 70, 70, 70, 70, 70],
  rows: [
    ['项目编码', { text: 'A01', colSpan: 2 }, '项目名称', { text: name, colSpan: 2 }],
    ['预算规模及资金用途', '预算数', '10.00', '其中：财政资金', '10.00', '其他资金'],
  ],
});
const indicatorTable: TableSpec = {
  colWidthsPt: INDICATOR_WIDTHS_PT,
  rows: [INDICATOR_HEADER, ['产出指标', '数量指标', '救助人数', '救助人数', '≥100人', '工作计划']],
};

/** A 绩效自评表 in one grid: money block with 全年执行数 / 得分, indicator columns 实际完成值 / 得分. */
const selfEvaluationTable = (name: string): TableSpec => ({
  colWidthsPt: [50, 50, 60, 60, 50, 50, 50, 50, 75],
  rows: [
    ['项目名称', { text: name, colSpan: 8 }],
    ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''],
    ['', '年度资金总额', '10.00', '10.00', '9.80', '10', '98%', '9.8', ''],
    [
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      { text: '偏差原因分析及改进措施', colSpan: 2 },
    ],
    ['产出指标', '数量指标', '救助人数', '≥100人', '104人', '20', '20', { text: '无', colSpan: 2 }],
  ],
});

const rowsOf = (...texts: string[][]): FlowRow[] =>
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

const draftOf = (pages: ReturnType<typeof buildPage>[]) => flowToDraft(stitchPages(pages).flow);

describe('regionIsSelfEvaluation', () => {
  const selfEvaluationRows = rowsOf(
    ['项目名称', '救助'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
  );
  it('takes a 自评表 title, or a self-evaluation table before any indicator header', () => {
    expect(regionIsSelfEvaluation('1.救助项目绩效自评表', [{ rows: rowsOf(['项目名称', '救助']) }])).toBe(true);
    expect(regionIsSelfEvaluation('1.救助项目绩效目标表', [{ rows: selfEvaluationRows }])).toBe(true);
  });
  it('leaves a target table alone, and a region whose self-evaluation follows its targets', () => {
    const targets = rowsOf(['项目名称', '救助'], [...INDICATOR_HEADER], ['产出指标', '数量指标', 'a', 'b', 'c', 'd']);
    expect(regionIsSelfEvaluation('1.救助项目绩效目标表', [{ rows: targets }])).toBe(false);
    expect(regionIsSelfEvaluation('1.救助项目绩效目标表', [{ rows: targets }, { rows: selfEvaluationRows }])).toBe(
      false,
    );
  });
  it('makes a region titled …绩效目标表 that holds a 自评表 no project table', () => {
    expect(regionIsProjectTable('1.救助项目绩效目标表', [{ rows: selfEvaluationRows }])).toBe(false);
  });
});

describe('flowToDraft with self-evaluations', () => {
  it('imports the targets, skips a 自评表 titled …绩效目标表, and lists it', () => {
    const draft = draftOf([
      buildPage(1, ['1.低保救助项目绩效目标表', '单位：万元', infoTable('低保救助项目'), indicatorTable]),
      buildPage(2, ['2.临时救助项目绩效目标表', '单位：万元', selfEvaluationTable('临时救助项目')]),
    ]);
    expect(draft.projects.map((project) => [project.seq, project.name?.text, project.indicators.length])).toEqual([
      [1, '低保救助项目', 1],
    ]);
    expect(draft.skippedTables).toEqual([
      { kind: 'self_evaluation', title: '2.临时救助项目绩效目标表', pageNumber: 2 },
    ]);
  });

  it('ends a project at a 自评表 printed after its targets under no heading of its own', () => {
    const draft = draftOf([
      buildPage(1, ['1.低保救助项目绩效目标表', '单位：万元', infoTable('低保救助项目'), indicatorTable]),
      buildPage(2, ['低保救助项目绩效自评表', selfEvaluationTable('低保救助项目')]),
    ]);
    expect(draft.projects.map((project) => [project.seq, project.indicators.length, project.pageLast])).toEqual([
      [1, 1, 1],
    ]);
    expect(draft.projects[0].indicators[0].target?.text).toBe('≥100人');
    expect(draft.skippedTables).toEqual([{ kind: 'self_evaluation', title: '低保救助项目绩效自评表', pageNumber: 2 }]);
  });

  it('lists nothing for a document without self-evaluations', () => {
    const draft = draftOf([
      buildPage(1, ['1.低保救助项目绩效目标表', '单位：万元', infoTable('低保救助项目'), indicatorTable]),
    ]);
    expect(draft.skippedTables).toBeUndefined();
  });

  it('refuses a document of nothing but self-evaluations as no_budget_tables, naming 自评表', () => {
    const draft = draftOf([
      buildPage(1, ['1.低保救助项目绩效自评表', selfEvaluationTable('低保救助项目')]),
      buildPage(2, ['2.临时救助项目绩效目标表', selfEvaluationTable('临时救助项目')]),
    ]);
    expect(draft.projects).toEqual([]);
    const document = draftToDocument(draft, {
      sha256: 'c'.repeat(64),
      sourcePath: 'selfeval.pdf',
      pageCount: 2,
      pageSources: ['text', 'text'],
      repairs: [],
    });
    expect(
      document.findings.filter((finding) => finding.rule === 'self_evaluation_skipped').map((f) => f.pageNumber),
    ).toEqual([1, 2]);
    let error: unknown = null;
    try {
      documentToAccepted(document);
    } catch (thrown) {
      error = thrown;
    }
    expect(isBudgetPdfError(error) && [error.code, error.file]).toEqual(['no_budget_tables', 'selfeval.pdf']);
    expect((error as Error).message).toMatch(/自评表/);
  });
});

describe('isSelfEvaluationTable', () => {
  it('reads a 自评表 title in the grid only in its first row, a self-evaluation label in any row', () => {
    expect(isSelfEvaluationTable({ rows: rowsOf(['项目支出绩效自评表（2022年度）'], ['项目名称', '救助']) })).toBe(
      true,
    );
    expect(isSelfEvaluationTable({ rows: rowsOf(['项目名称', '救助'], ['资金用途', '年底前填报绩效自评表']) })).toBe(
      false,
    );
    expect(isSelfEvaluationTable({ rows: rowsOf(['项目名称', '救助'], ['实际完成值', '得分（10）']) })).toBe(true);
  });
});
