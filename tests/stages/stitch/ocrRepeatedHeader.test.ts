import { describe, expect, it } from 'vitest';
import type { FlowRow } from '../../../src/model/flow.js';
import { repeatsHeaderRow } from '../../../src/stages/stitch/index.js';

const HEADER = ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'];

function rowOf(texts: string[], confidence?: number, pageNumber = 7): FlowRow {
  return {
    pageNumber,
    top: 100,
    bottom: 120,
    cells: texts.map((text, col) => ({
      pageNumber,
      row: 0,
      col,
      rowSpan: 1,
      colSpan: 1,
      lines: [text],
      text,
      x0: col * 80,
      x1: col * 80 + 80,
      top: 100,
      bottom: 120,
      ...(confidence === undefined ? {} : { confidence }),
    })),
  };
}

describe('a header row repeated on the next page', () => {
  it('is recognised when it is the same text', () => {
    expect(repeatsHeaderRow(rowOf(HEADER), [rowOf(HEADER, undefined, 6)])).toBe(true);
  });

  it('is recognised when OCR misread a character of it', () => {
    const misread = ['一级指标', '二级指标', '三级指杯', '指标值', '指标值确定依据'];
    expect(repeatsHeaderRow(rowOf(misread, 90), [rowOf(HEADER, 92, 6)])).toBe(true);
  });

  it('is not recognised from a near match in a text layer, nor from an indicator row read by OCR', () => {
    const misread = ['一级指标', '二级指标', '三级指杯', '指标值', '指标值确定依据'];
    expect(repeatsHeaderRow(rowOf(misread), [rowOf(HEADER, undefined, 6)])).toBe(false);
    expect(
      repeatsHeaderRow(rowOf(['满意度指标', '服务对象满意度指标', '群众满意度', '≥95%', '问卷调查'], 90), [
        rowOf(HEADER, 92, 6),
      ]),
    ).toBe(false);
  });
});
