import { describe, expect, it } from 'vitest';
import type { PageLayout } from '../../../src/model/index.js';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { draftToDocument } from '../../../src/stages/normalise/index.js';
import {
  INDICATOR_HEADER,
  INDICATOR_WIDTHS_PT,
  buildPage,
  type LineSpec,
  type TableSpec,
} from '../support/layoutBuilder.js';

const INFO_WIDTHS_PT = [60, 70, 70, 70, 70, 70];

function infoTable(code: string, name: string, total: string): TableSpec {
  return {
    colWidthsPt: INFO_WIDTHS_PT,
    rows: [
      ['项目编码', { text: code, colSpan: 2 }, '项目名称', { text: name, colSpan: 2 }],
      ['预算规模及资金用途', '预算数', total, '其中：财政资金', total, '其他资金'],
    ],
  };
}

function indicatorTable(level3: string): TableSpec {
  return {
    colWidthsPt: INDICATOR_WIDTHS_PT,
    rows: [INDICATOR_HEADER, ['产出指标', '数量指标', level3, '说明', '≥1个', '计划']],
  };
}

function project(heading: string, name: string, total: string): (string | LineSpec | TableSpec)[] {
  return [heading, infoTable('C1', name, total), indicatorTable(`${name}指标`)];
}

const draftOf = (pages: PageLayout[]) => flowToDraft(stitchPages(pages).flow);

describe('projects of two budget units', () => {
  it("reads each project's unit and amount unit from the lines printed above its own heading, not the next project's", () => {
    const draft = draftOf([
      buildPage(1, [
        '第二部分 预算项目绩效目标',
        '112001 甲单位本级',
        '单位：万元',
        ...project('1.甲项目绩效目标表', '甲项目', '50'),
        '113001 乙单位',
        '单位：元',
        ...project('2.乙项目绩效目标表', '乙项目', '800'),
      ]),
    ]);
    expect(draft.projects.map((p) => [p.seq, p.unitCode, p.unitName?.text, p.amountUnit])).toEqual([
      [1, '112001', '甲单位本级', '万元'],
      [2, '113001', '乙单位', '元'],
    ]);
  });

  it('prefers the unit lines between heading and table, and carries them to a following project that prints none', () => {
    const draft = draftOf([
      buildPage(1, [
        '第二部分 预算项目绩效目标',
        '1.甲项目绩效目标表',
        '112001 甲单位本级',
        '单位：万元',
        infoTable('C1', '甲项目', '50'),
        indicatorTable('甲指标'),
        '2.乙项目绩效目标表',
        infoTable('C2', '乙项目', '60'),
        indicatorTable('乙指标'),
      ]),
    ]);
    expect(draft.projects.map((p) => [p.seq, p.unitCode, p.amountUnit])).toEqual([
      [1, '112001', '万元'],
      [2, '112001', '万元'],
    ]);
  });

  it('numbers projects through the document when each unit restarts at 1, keeping the printed number, and matches the contents the same way', () => {
    const pages = [
      buildPage(1, [
        '目录',
        '第二部分 预算项目绩效目标',
        '1.甲一项目绩效目标表 2',
        '2.甲二项目绩效目标表 2',
        '1.乙一项目绩效目标表 3',
      ]),
      buildPage(2, [
        '第二部分 预算项目绩效目标',
        '112001 甲单位',
        '单位：万元',
        ...project('1.甲一项目绩效目标表', '甲一项目', '10'),
        ...project('2.甲二项目绩效目标表', '甲二项目', '20'),
      ]),
      buildPage(3, ['113001 乙单位', '单位：万元', ...project('1.乙一项目绩效目标表', '乙一项目', '30')]),
    ];
    const draft = draftOf(pages);
    expect(draft.projects.map((p) => [p.seq, p.printedSeq, p.name?.text, p.unitCode])).toEqual([
      [1, 1, '甲一项目', '112001'],
      [2, 2, '甲二项目', '112001'],
      [3, 1, '乙一项目', '113001'],
    ]);
    expect(draft.toc.map((entry) => [entry.seq, entry.printedSeq, entry.title.text])).toEqual([
      [1, 1, '甲一项目绩效目标表'],
      [2, 2, '甲二项目绩效目标表'],
      [3, 1, '乙一项目绩效目标表'],
    ]);
    const doc = draftToDocument(draft, {
      sha256: 'b'.repeat(64),
      sourcePath: 'x.pdf',
      pageCount: 3,
      pageSources: ['text', 'text', 'text'],
      repairs: [],
    });
    expect(doc.projects.map((p) => [p.seq, p.printedSeq])).toEqual([
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    const rules = doc.findings.map((finding) => finding.rule);
    expect(rules).toContain('project_numbering_restarts');
    expect(rules.filter((rule) => rule.startsWith('toc_') || rule === 'project_not_in_toc')).toEqual([]);
  });

  it('keeps the printed numbers as seq, without printedSeq, when they do not restart', () => {
    const draft = draftOf([
      buildPage(1, [
        '第二部分',
        '112001 甲单位',
        '单位：万元',
        ...project('1.甲项目绩效目标表', '甲项目', '1'),
        ...project('2.乙项目绩效目标表', '乙项目', '2'),
      ]),
    ]);
    expect(draft.projects.map((p) => [p.seq, p.printedSeq])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
  });
});

describe('contents', () => {
  it("leaves part one's numbered items out of the project entries when the contents print 第二部分", () => {
    const draft = draftOf([
      buildPage(1, [
        '目录',
        '第一部分 部门整体绩效目标 2',
        '1.完善创新平台 2',
        '2.强化服务 2',
        '第二部分 预算项目绩效目标 3',
        '1.科技创新券项目绩效目标表 3',
      ]),
      buildPage(3, [
        '第二部分',
        '112001 甲单位',
        '单位：万元',
        ...project('1.科技创新券项目绩效目标表', '科技创新券项目', '10'),
      ]),
    ]);
    expect(draft.toc.map((entry) => [entry.seq, entry.title.text, entry.pageNumber])).toEqual([
      [1, '科技创新券项目绩效目标表', 3],
    ]);
    expect(draft.projects.map((p) => [p.seq, p.printedSeq])).toEqual([[1, undefined]]);
  });
});

describe('the amount-unit line', () => {
  it('is read when OCR misread its colon as another glyph (单位于万元), but not from a unit-name line', () => {
    const draft = draftOf([
      buildPage(1, [
        '第二部分 预算项目绩效目标',
        '1.甲项目绩效目标表',
        '112001 甲单位本级',
        '单位于万元',
        ...project('', '甲项目', '50').slice(1),
      ]),
      buildPage(2, [
        '2.乙项目绩效目标表',
        '单位名称：113001 乙单位',
        '单位：元',
        ...project('', '乙项目', '800').slice(1),
      ]),
    ]);
    expect(draft.projects.map((p) => [p.seq, p.amountUnit, p.unitCode])).toEqual([
      [1, '万元', '112001'],
      [2, '元', '113001'],
    ]);
  });
});
