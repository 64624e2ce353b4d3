import { describe, expect, it } from 'vitest';
import type { FlowBlock, FlowCell, FlowRow, FlowTable } from '../../../src/model/flow.js';
import { blocksToGridTitlesLifted } from '../../../src/stages/segment/gridTitles.js';

const TABLE_X0_PT = 56;
const TABLE_X1_PT = 786;
const ROW_HEIGHT_PT = 20;

function row(index: number, texts: string[]): FlowRow {
  const top = 100 + index * ROW_HEIGHT_PT;
  const width = (TABLE_X1_PT - TABLE_X0_PT) / texts.length;
  const cells: FlowCell[] = texts.map((text, col) => ({
    pageNumber: 3,
    row: index,
    col,
    rowSpan: 1,
    colSpan: texts.length === 1 ? 2 : 1,
    x0: TABLE_X0_PT + col * width,
    x1: TABLE_X0_PT + (col + 1) * width,
    top,
    bottom: top + ROW_HEIGHT_PT,
    lines: [text],
    text,
  }));
  return { pageNumber: 3, top, bottom: top + ROW_HEIGHT_PT, cells };
}

function table(rows: string[][]): FlowTable {
  const flowRows = rows.map((texts, index) => row(index, texts));
  return {
    kind: 'table',
    x0: TABLE_X0_PT,
    x1: TABLE_X1_PT,
    top: flowRows[0]!.top,
    bottom: flowRows[flowRows.length - 1]!.bottom,
    pageFirst: 3,
    pageLast: 3,
    colEdgesPt: [TABLE_X0_PT, 400, TABLE_X1_PT],
    rows: flowRows,
  };
}

const describeBlock = (block: FlowBlock) =>
  block.kind === 'line' ? `line ${block.text}` : `table ${block.rows.map((r) => r.cells[0]!.text).join('/')}`;

describe('blocksToGridTitlesLifted (a title printed in the ruled grid, municipal 项目支出绩效目标表)', () => {
  it("lifts a first-row title out as a line and parts two tables read as one at the second's title row", () => {
    const blocks = blocksToGridTitlesLifted([
      table([
        ['某市项目支出绩效目标表（2022年度）'],
        ['项目名称', '甲'],
        ['一级指标', '二级指标'],
        ['某市项目支出绩效目标表（2022年度）'],
        ['项目名称', '乙'],
      ]),
    ]);
    expect(blocks.map(describeBlock)).toEqual([
      'line 某市项目支出绩效目标表（2022年度）',
      'table 项目名称/一级指标',
      'line 某市项目支出绩效目标表（2022年度）',
      'table 项目名称',
    ]);
    const second = blocks[3] as FlowTable;
    expect([second.top, second.bottom]).toEqual([100 + 4 * ROW_HEIGHT_PT, 100 + 5 * ROW_HEIGHT_PT]);
  });

  it('keeps a table whose one-cell rows are no project-table title, and a title row with nothing after it', () => {
    const ordinary = table([['收支总表'], ['收入', '支出']]);
    const titleLast = table([['项目名称', '甲'], ['某市项目支出绩效目标表（2022年度）']]);
    expect(blocksToGridTitlesLifted([ordinary, titleLast])).toEqual([ordinary, titleLast]);
  });
});
