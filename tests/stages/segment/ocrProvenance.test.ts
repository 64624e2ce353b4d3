/**
 * Issue 13 "confidence everywhere" through stitch and segment: a document whose every line and cell was read by OCR
 * gives a draft whose every text — found by walking the draft — carries the engine, the confidence and the decision,
 * also where segment cuts or joins text (contents entries, sub-goals, headings, unit lines) and where stitch joins a cell
 * cut by a page break; a text joined from several sources has the lowest confidence, the engines of all and the decision
 * that is not a plain read.
 */
import { describe, expect, it } from 'vitest';
import type { PageLayout } from '../../../src/model/index.js';
import type { OcrProvenance } from '../../../src/model/ocrReading.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { draftToTexts } from '../../support/draftTexts.js';
import { INDICATOR_HEADER, INDICATOR_WIDTHS_PT, buildPage } from '../support/layoutBuilder.js';

const INFO_WIDTHS_PT = [60, 70, 70, 70, 70, 70];

/** Confidences given to lines and cells by their text (others read at DEFAULT_CONFIDENCE by tesseract). */
const DEFAULT_CONFIDENCE = 90;
const READ: Record<string, OcrProvenance> = {
  '2.客运站运营补助专项': { confidence: 71 },
  '绩效目标表 4': { confidence: 64, engine: 'paddle' },
  '（一）道路养护': { confidence: 55 },
  '绩效目标：完成养护里程': { confidence: 83, decision: 'reread:strip' },
  '100 公里。': { confidence: 47 },
  '1.道路养护': { confidence: 77 },
  专项绩效目标表: { confidence: 66, decision: 'engines_agree', engine: 'paddle+tesseract' },
  '220301 某某市交通运输局本级': { confidence: 58 },
  带动周边: { confidence: 81 },
  群众就业: { confidence: 42, engine: 'paddle' },
};

const provenanceOf = (text: string): Required<OcrProvenance> => ({
  confidence: DEFAULT_CONFIDENCE,
  engine: 'tesseract',
  decision: 'read',
  ...READ[text],
});

/** The page as OCR would give it: every line and cell with its provenance (empty cells read nothing). */
function readByOcr(page: PageLayout): PageLayout {
  return {
    ...page,
    source: 'ocr',
    lines: page.lines.map((line) => ({ ...line, ...provenanceOf(line.text) })),
    tables: page.tables.map((table) => ({
      ...table,
      cells: table.cells.map((cell) => (cell.text === '' ? cell : { ...cell, ...provenanceOf(cell.text) })),
    })),
  };
}

const pages = [
  buildPage(1, [
    { text: '某某市交通运输局', fontSizePt: 26 },
    { text: '2024 年部门预算绩效文本', fontSizePt: 26 },
    { text: '某某市交通运输局编制', fontSizePt: 16 },
  ]),
  buildPage(2, [
    '目 录',
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
    '三、工作保障措施',
    '1、加强预算管理。',
    '第二部分',
    '1.道路养护',
    '专项绩效目标表',
    '220301 某某市交通运输局本级',
    '单位：元',
    {
      colWidthsPt: INFO_WIDTHS_PT,
      rows: [
        ['项目编码', { text: '22030124P00001234567X', colSpan: 2 }, '项目名称', { text: '道路养护专项', colSpan: 2 }],
        ['预算规模及资金用途', '预算数', '1,200,000', '其中：财政拨款', '1,000,000', '其他资金'],
        ['绩效目标', { text: '完成养护任务', colSpan: 5 }],
      ],
    },
    {
      colWidthsPt: INDICATOR_WIDTHS_PT,
      top: 600,
      rows: [INDICATOR_HEADER, ['效益指标', '经济效益指标', '带动就业', '带动周边', '≥10人', '实施方案']],
    },
  ]),
  buildPage(4, [
    {
      colWidthsPt: INDICATOR_WIDTHS_PT,
      top: 60,
      rows: [
        INDICATOR_HEADER,
        ['', '', '', '群众就业', '', ''],
        ['', '社会效益指标', '提升服务', '提升服务', '有所提升', '实施方案'],
      ],
    },
  ]),
].map(readByOcr);

describe('OCR provenance through stitch and segment', () => {
  const draft = flowToDraft(stitchPages(pages).flow);
  const texts = draftToTexts(draft);

  it('every text of the draft carries engine, confidence and decision', () => {
    expect(texts.length).toBeGreaterThan(20);
    expect(
      texts.filter(({ raw }) => raw.engine === undefined || raw.confidence === undefined || raw.decision === undefined),
    ).toEqual([]);
  });

  it('a contents entry wrapped over two lines has the lower confidence and both engines', () => {
    expect(draft.toc[1].title).toMatchObject({
      text: '客运站运营补助专项绩效目标表',
      confidence: 64,
      engine: 'paddle+tesseract',
      decision: 'read',
    });
  });

  it("a sub-goal's title is its title line's, its body its body lines' (a re-read decision kept)", () => {
    expect(draft.subGoals[0].title).toMatchObject({ text: '道路养护', confidence: 55, decision: 'read' });
    expect(draft.subGoals[0].body).toMatchObject({ confidence: 47, engine: 'tesseract', decision: 'reread:strip' });
  });

  it("a project's title is its heading lines', its unit name its unit line's", () => {
    expect(draft.projects[0].tableTitle).toMatchObject({
      text: '道路养护专项绩效目标表',
      confidence: 66,
      engine: 'paddle+tesseract',
      decision: 'engines_agree',
    });
    expect(draft.projects[0].unitName).toMatchObject({ text: '某某市交通运输局本级', confidence: 58 });
  });

  it('a cell cut by the page break and joined by stitch has both parts’ provenance', () => {
    expect(draft.projects[0].indicators[0].description).toMatchObject({
      text: '带动周边群众就业',
      confidence: 42,
      engine: 'paddle+tesseract',
    });
  });
});
