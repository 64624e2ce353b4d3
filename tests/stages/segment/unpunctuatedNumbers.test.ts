import { describe, expect, it } from 'vitest';
import type { FlowLine } from '../../../src/model/flow.js';
import { unpunctuatedTocLineToEntry } from '../../../src/stages/segment/contents.js';
import { linesToItems } from '../../../src/stages/segment/partOne.js';

const line = (text: string, confidence?: number): FlowLine => ({
  kind: 'line',
  x0: 70,
  top: 0,
  x1: 500,
  bottom: 11,
  pageNumber: 3,
  text,
  fontSizePt: 11,
  confidence,
});

describe('item numbers whose punctuation OCR lost', () => {
  it('takes `1 加强…` for item 1 when item 2 is printed `2.`', () => {
    const items = linesToItems([
      line('1 加强组织领导。成立领导小组。', 80),
      line('2. 健全制度体系。完善内部管理制度。', 85),
    ]);
    expect(items.map((item) => [item.seq, item.firstText])).toEqual([
      [1, '加强组织领导。成立领导小组。'],
      [2, '健全制度体系。完善内部管理制度。'],
    ]);
  });

  it('does not take a wrapped `3 万元的事项…` for item 3 when item 3 is printed', () => {
    const items = linesToItems([
      line('1. 加强组织领导。', 80),
      line('2. 规范资金管理。支出超过', 80),
      line('3 万元的事项须经会议研究决定。', 80),
      line('3. 做好绩效评价。', 80),
    ]);
    expect(items.map((item) => [item.seq, item.lines.length, item.firstText])).toEqual([
      [1, 1, '加强组织领导。'],
      [2, 2, '规范资金管理。支出超过'],
      [3, 1, '做好绩效评价。'],
    ]);
  });

  it('leaves text-layer lines alone (they carry no confidence)', () => {
    expect(linesToItems([line('1 加强组织领导。'), line('2. 健全制度体系。')]).map((item) => item.seq)).toEqual([]);
  });
});

describe('contents entries whose punctuation OCR lost', () => {
  it('reads `1 …绩效目标表 4` as entry 1 on page 4 when it follows on', () => {
    expect(unpunctuatedTocLineToEntry('1 大气污染防治专项绩效目标表 4', 0)).toEqual({
      seq: 1,
      title: '大气污染防治专项绩效目标表',
      pageNumber: 4,
    });
  });

  it('refuses other titles and numbers that do not follow on', () => {
    expect(unpunctuatedTocLineToEntry('1 总体绩效目标 1', 0)).toBeNull();
    expect(unpunctuatedTocLineToEntry('3 大气污染防治专项绩效目标表 4', 0)).toBeNull();
  });
});
