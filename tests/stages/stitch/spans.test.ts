import { describe, expect, it } from 'vitest';
import type { FlowCell, FlowRow, FlowTable } from '../../../src/model/flow.js';
import { continueTable } from '../../../src/stages/stitch/index.js';
import { spanLinksAtBreak, tableWithSpanLabels } from '../../../src/stages/stitch/spans.js';
import { rowsToIndicators } from '../../../src/stages/segment/indicatorTable.js';

/** Columns 一级 | 二级 | 三级 | 描述 | 指标值 | 依据, 60pt wide from x=40. */
const COLUMN_X = [40, 100, 160, 220, 280, 340, 400];
const HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'];
const ROW_HEIGHT_PT = 20;

function cell(pageNumber: number, col: number, rowTop: number, rows: number, text: string): FlowCell {
  return {
    pageNumber,
    row: 0,
    col,
    rowSpan: rows,
    colSpan: 1,
    x0: COLUMN_X[col]!,
    x1: COLUMN_X[col + 1]!,
    top: rowTop,
    bottom: rowTop + rows * ROW_HEIGHT_PT,
    lines: text === '' ? [] : [text],
    text,
  };
}

/** A row at grid row `index` of a page whose table starts at y=100; `cells` are [col, rows spanned, text]. */
function row(pageNumber: number, index: number, cells: Array<[number, number, string]>): FlowRow {
  const top = 100 + index * ROW_HEIGHT_PT;
  return {
    pageNumber,
    top,
    bottom: top + ROW_HEIGHT_PT,
    cells: cells.map(([col, rows, text]) => cell(pageNumber, col, top, rows, text)),
  };
}

const header = (pageNumber: number) =>
  row(
    pageNumber,
    0,
    HEADER.map((text, col) => [col, 1, text]),
  );

function table(rows: FlowRow[]): FlowTable {
  const pages = rows.map((r) => r.pageNumber);
  return {
    kind: 'table',
    x0: COLUMN_X[0]!,
    x1: COLUMN_X[6]!,
    top: 100,
    bottom: Math.max(...rows.map((r) => r.bottom)),
    pageFirst: Math.min(...pages),
    pageLast: Math.max(...pages),
    colEdgesPt: COLUMN_X,
    rows,
  };
}

const rest = (name: string, target = '≥1'): Array<[number, number, string]> => [
  [2, 1, name],
  [3, 1, name],
  [4, 1, target],
];

describe('merged cells cut by a page break are spans', () => {
  it('gives the rows before the break the level-1 label printed only on the next page, and keeps the last row', () => {
    const page1 = table([
      header(1),
      row(1, 1, [[0, 1, '产出指标'], [1, 1, '数量指标'], ...rest('甲'), [5, 1, '方案']]),
      // 效益指标's merged cell starts here; its label is centred into the next page's part.
      row(1, 2, [[0, 2, ''], [1, 1, '经济效益指标'], ...rest('乙'), [5, 1, '方案']]),
      row(1, 3, [[1, 1, '社会效益指标'], ...rest('丙'), [5, 1, '方案']]),
    ]);
    const page2 = table([
      header(2),
      row(2, 1, [[0, 2, '效益指标'], [1, 1, '生态效益指标'], ...rest('丁'), [5, 1, '方案']]),
      row(2, 2, [[1, 1, '可持续影响指标'], ...rest('戊'), [5, 1, '方案']]),
    ]);
    const joined = continueTable(page1, page2);
    expect(joined?.table.rows).toHaveLength(6);
    const indicators = rowsToIndicators(joined!.table.rows);
    expect(
      indicators.map((indicator) => [indicator.level1?.text, indicator.level2?.text, indicator.level3?.text]),
    ).toEqual([
      ['产出指标', '数量指标', '甲'],
      ['效益指标', '经济效益指标', '乙'],
      ['效益指标', '社会效益指标', '丙'],
      ['效益指标', '生态效益指标', '丁'],
      ['效益指标', '可持续影响指标', '戊'],
    ]);
  });

  it('gives the next page rows a level-2 label and a merged basis printed before the break', () => {
    const page1 = table([
      header(1),
      row(1, 1, [[0, 3, '产出指标'], [1, 3, '数量指标'], ...rest('甲'), [5, 3, '《办法》']]),
      row(1, 2, rest('乙')),
      row(1, 3, rest('丙', '≥3')),
    ]);
    const page2 = table([
      header(2),
      row(2, 1, [[0, 2, ''], [1, 2, ''], ...rest('丁', '≥4'), [5, 2, '']]),
      row(2, 2, rest('戊')),
    ]);
    const joined = continueTable(page1, page2)!;
    const indicators = rowsToIndicators(joined.table.rows);
    expect(
      indicators.map((indicator) => [indicator.level2?.text, indicator.level3?.text, indicator.basis?.text]),
    ).toEqual([
      ['数量指标', '甲', '《办法》'],
      ['数量指标', '乙', '《办法》'],
      ['数量指标', '丙', '《办法》'],
      ['数量指标', '丁', '《办法》'],
      ['数量指标', '戊', '《办法》'],
    ]);
    const spanIds = new Set(joined.table.rows.flatMap((r) => r.cells.flatMap((c) => (c.span ? [c.span.id] : []))));
    expect(spanIds.size).toBe(3);
  });

  it('does not join two one-row cells of an ordinary column when one is empty (an empty target stays empty)', () => {
    const before = [
      header(1),
      row(1, 1, [
        [0, 1, '产出指标'],
        [1, 1, '数量指标'],
        [2, 1, '甲'],
        [3, 1, '甲'],
        [4, 1, ''],
        [5, 1, '方案'],
      ]),
    ];
    const after = [
      row(2, 1, [
        [0, 1, ''],
        [1, 1, '质量指标'],
        [2, 1, '乙'],
        [3, 1, '乙'],
        [4, 1, '100%'],
        [5, 1, '方案'],
      ]),
    ];
    const links = spanLinksAtBreak(before, after, [header(1)]);
    // 一级指标 (a label column, one part empty) and 指标值确定依据 (the same label) are spans; 指标值 is not.
    expect(links.map((link) => link.after.col).sort()).toEqual([0, 5]);
  });

  it('keeps a document that files a level-2 under another level-1 as printed (the finding stays)', () => {
    const rows = [header(1), row(1, 1, [[0, 1, '效益指标'], [1, 1, '时效指标'], ...rest('甲'), [5, 1, '方案']])];
    expect(rowsToIndicators(rows).map((indicator) => [indicator.level1?.text, indicator.level2?.text])).toEqual([
      ['效益指标', '时效指标'],
    ]);
  });

  it('joins the shares of a label cut by the break when the edge at the break is open (Calc clips each part)', () => {
    const before = [
      header(1),
      row(1, 1, [
        [0, 1, '效益指标'],
        [1, 1, '生态效益指标'],
        ...rest('甲'),
        [5, 1, '《生态环境监测方案》及《临江市“十四'],
      ]),
    ];
    before[1]!.cells[5] = { ...before[1]!.cells[5]!, openBottom: true };
    const after = [
      row(2, 1, [[0, 1, ''], [1, 1, '可持续影响指标'], ...rest('乙'), [5, 1, '五”规划》']]),
      row(2, 2, [[0, 1, '满意度指标'], [1, 1, '服务对象满意度指标'], ...rest('丙'), [5, 1, '问卷']]),
    ];
    const joined = continueTable(table(before), table([header(2), ...after]))!;
    expect(rowsToIndicators(joined.table.rows).map((indicator) => indicator.basis?.text)).toEqual([
      '《生态环境监测方案》及《临江市“十四五”规划》',
      '《生态环境监测方案》及《临江市“十四五”规划》',
      '问卷',
    ]);
  });

  it('does not join two different printed labels when the edge is ruled', () => {
    const before = [
      header(1),
      row(1, 1, [[0, 1, '效益指标'], [1, 1, '生态效益指标'], ...rest('甲'), [5, 1, '甲方案']]),
    ];
    const after = [row(2, 1, [[0, 1, ''], [1, 1, '可持续影响指标'], ...rest('乙'), [5, 1, '乙方案']])];
    expect(spanLinksAtBreak(before, after, [header(1)]).map((link) => link.after.col)).not.toContain(5);
  });

  it('gives an empty part after the break the basis printed pushed toward the break in a one-row part before it', () => {
    const before = [
      header(1),
      row(1, 1, [[0, 1, '效益指标'], [1, 1, '生态效益指标'], ...rest('甲'), [5, 1, '《方案》']]),
    ];
    const after = [row(2, 1, [[0, 1, ''], [1, 1, '可持续影响指标'], ...rest('乙'), [5, 1, '']])];
    // Centred in its part, the basis is an ordinary cell: the empty one after the break stays empty.
    expect(spanLinksAtBreak(before, after, [header(1)]).map((link) => link.after.col)).not.toContain(5);
    before[1]!.cells[5] = { ...before[1]!.cells[5]!, textShiftPt: 6 };
    const joined = continueTable(table(before), table([header(2), ...after]))!;
    expect(rowsToIndicators(joined.table.rows).map((indicator) => indicator.basis?.text)).toEqual([
      '《方案》',
      '《方案》',
    ]);
  });

  it('starts a new level-1 cell after the break when the span before it already printed another label', () => {
    const page1 = table([
      header(1),
      row(1, 1, [[0, 1, '产出指标'], [1, 1, '数量指标'], ...rest('甲'), [5, 1, '方案']]),
    ]);
    const page2 = table([header(2), row(2, 1, [[0, 2, ''], [1, 1, '数量指标'], ...rest('乙'), [5, 1, '方案']])]);
    const page3 = table([
      header(3),
      row(3, 1, [[0, 1, '成本指标'], [1, 1, '经济成本指标'], ...rest('丙'), [5, 1, '方案']]),
    ]);
    const twoPages = continueTable(page1, page2)!.table;
    const labelled = tableWithSpanLabels(twoPages);
    const joined = continueTable(labelled, page3)!;
    expect(rowsToIndicators(tableWithSpanLabels(joined.table).rows).map((indicator) => indicator.level1?.text)).toEqual(
      ['产出指标', '产出指标', '成本指标'],
    );
  });

  it('joins a row cut by the break whose 二级指标 part before the break prints empty (its label centred after it)', () => {
    const page1 = table([
      header(1),
      row(1, 1, [[0, 1, '产出指标'], [1, 1, '数量指标'], ...rest('甲'), [5, 1, '方案']]),
      // 数量指标 merged over this row and the next page's two: its label is printed after the break.
      row(1, 2, [
        [0, 1, ''],
        [1, 1, ''],
        [2, 1, '乙'],
        [3, 1, '乙的描述前半'],
        [4, 1, '≥2'],
        [5, 1, '方案'],
      ]),
    ]);
    const page2 = table([
      header(2),
      row(2, 1, [
        [0, 2, '产出指标'],
        [1, 2, '质量指标'],
        [2, 1, ''],
        [3, 1, '后半'],
        [4, 1, ''],
        [5, 1, ''],
      ]),
      row(2, 2, rest('丙').concat([[5, 1, '方案']])),
    ]);
    const joined = continueTable(page1, page2)!;
    expect(joined.repairs.map((repair) => repair.after)).toEqual(['乙的描述前半后半']);
    const indicators = rowsToIndicators(tableWithSpanLabels(joined.table).rows);
    expect(
      indicators.map((indicator) => [indicator.level2?.text, indicator.level3?.text, indicator.description?.text]),
    ).toEqual([
      ['数量指标', '甲', '甲'],
      ['质量指标', '乙', '乙的描述前半后半'],
      ['质量指标', '丙', '丙'],
    ]);
  });
});
