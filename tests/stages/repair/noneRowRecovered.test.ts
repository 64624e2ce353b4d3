import { describe, expect, it } from 'vitest';
import { noneRowRecovered, type Context } from '../../../src/stages/repair/index.js';
import type { DraftIndicatorRow, RawText } from '../../../src/model/draft.js';
import { draftIndicatorRow } from '../../support/emptyDraft.js';

const ocr = (text: string, confidence = 40): RawText => ({ text, lines: [text], pageNumber: 7, confidence });
const printed = (text: string): RawText => ({ text, lines: [text], pageNumber: 7 });

function row(cells: Partial<DraftIndicatorRow>): DraftIndicatorRow {
  return draftIndicatorRow(7, { level1: ocr('效益指标', 90), level2: ocr('生态效益指标', 90), ...cells });
}

describe('noneRowRecovered', () => {
  it('snaps lone OCR glyphs in a 无-row to 无 and logs each as ocr_vocabulary', () => {
    const context: Context = { projectSeq: 3, repairs: [] };
    const repaired = noneRowRecovered(
      row({ level3: ocr('3'), description: ocr('天'), target: ocr('无', 80), basis: ocr('无', 80) }),
      4,
      context,
    );
    expect([repaired.level3?.text, repaired.description?.text, repaired.target?.text, repaired.basis?.text]).toEqual([
      '无',
      '无',
      '无',
      '无',
    ]);
    expect(
      context.repairs.map((repair) => [
        repair.kind,
        repair.field,
        repair.before,
        repair.after,
        repair.projectSeq,
        repair.confidence,
      ]),
    ).toEqual([
      ['ocr_vocabulary', 'indicators[4].level3', '3', '无', 3, 40],
      ['ocr_vocabulary', 'indicators[4].description', '天', '无', 3, 40],
    ]);
  });

  it('snaps a row whose every placeholder was misread, when two or more cells are lone glyphs', () => {
    const context: Context = { projectSeq: 1, repairs: [] };
    const repaired = noneRowRecovered(row({ level3: ocr('大'), description: ocr('沪'), target: ocr('2') }), 0, context);
    expect([repaired.level3?.text, repaired.description?.text, repaired.target?.text]).toEqual(['无', '无', '无']);
  });

  it('leaves a real row alone, even with one short target', () => {
    const context: Context = { projectSeq: 1, repairs: [] };
    const real = row({
      level3: ocr('开展活动次数'),
      description: ocr('开展专题科普活动次数'),
      target: ocr('5'),
      basis: ocr('实施方案'),
    });
    expect(noneRowRecovered(real, 0, context)).toEqual(real);
    expect(context.repairs).toEqual([]);
  });

  it('never touches text-layer cells', () => {
    const context: Context = { projectSeq: 1, repairs: [] };
    const textLayer = row({
      level3: printed('3'),
      description: printed('天'),
      target: printed('无'),
      basis: printed('无'),
    });
    expect(noneRowRecovered(textLayer, 0, context)).toEqual(textLayer);
  });
});
