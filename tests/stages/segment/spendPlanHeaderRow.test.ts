import { describe, expect, it } from 'vitest';
import type { FlowRow } from '../../../src/model/flow.js';
import { rowsToInfo } from '../../../src/stages/segment/infoTable.js';

/** One table row of the info table; cells given as [x0, x1, text], confidence marks OCR. */
function row(top: number, cells: Array<[number, number, string]>, confidence?: number): FlowRow {
  return {
    pageNumber: 8,
    top,
    bottom: top + 20,
    cells: cells.map(([x0, x1, text], col) => ({
      x0,
      x1,
      top,
      bottom: top + 20,
      pageNumber: 8,
      row: 0,
      col,
      rowSpan: 1,
      colSpan: 1,
      lines: [text],
      text,
      confidence,
    })),
  };
}

describe('the spend plan header row', () => {
  it('is found by its label when OCR read only one month header (`拥底 明底 10 月底`)', () => {
    const info = rowsToInfo([
      row(
        180,
        [
          [48, 140, '资金支出计划 (%'],
          [140, 254, '拥底'],
          [254, 464, '明底'],
          [464, 574, '10 月底'],
          [574, 794, ''],
        ],
        0,
      ),
      row(
        200,
        [
          [140, 254, ''],
          [254, 464, ''],
          [464, 574, '100%'],
          [574, 794, ''],
        ],
        96,
      ),
    ]);
    expect(info.spendPlanHeaders.map((header) => header.text)).toEqual(['拥底', '明底', '10 月底']);
    expect(info.spendPlanValues.map((value) => [value.text, value.x0])).toEqual([['100%', 464]]);
  });

  it('is found without a label when two month headers are read', () => {
    const info = rowsToInfo([
      row(180, [
        [140, 254, '3月底'],
        [254, 464, '6月底'],
      ]),
      row(200, [
        [140, 254, '20%'],
        [254, 464, '50%'],
      ]),
    ]);
    expect(info.spendPlanHeaders.map((header) => header.text)).toEqual(['3月底', '6月底']);
    expect(info.spendPlanValues.map((value) => value.text)).toEqual(['20%', '50%']);
  });

  it('is not a row that names one month in a text cell without the label', () => {
    const info = rowsToInfo([
      row(180, [
        [48, 140, '备注'],
        [140, 794, '12月底'],
      ]),
    ]);
    expect(info.spendPlanHeaders).toEqual([]);
  });
});
