import { describe, expect, it } from 'vitest';
import type { FlowBlock } from '../../../src/model/flow.js';
import { blocksToToc, tocLineWithoutPageNumberToEntry } from '../../../src/stages/segment/contents.js';

const line = (text: string, pageNumber = 2, top = 100): FlowBlock => ({
  kind: 'line',
  text,
  pageNumber,
  x0: 60,
  top,
  x1: 400,
  bottom: top + 10,
  fontSizePt: 10,
});

describe('contents entries whose page number OCR could not read', () => {
  it('keeps a numbered …绩效目标表 entry whose page number came back as letters, with a null page', () => {
    expect(tocLineWithoutPageNumberToEntry('3.道路养护专项绩效目标表 s', 2, true)).toEqual({
      seq: 3,
      title: '道路养护专项绩效目标表',
      pageNumber: null,
    });
    expect(tocLineWithoutPageNumberToEntry('11.路灯维修经费绩效目标表 lz', 10, true)).toEqual({
      seq: 11,
      title: '路灯维修经费绩效目标表',
      pageNumber: null,
    });
    expect(tocLineWithoutPageNumberToEntry('4.河道清淤专项绩效目标表', 3, true)).toEqual({
      seq: 4,
      title: '河道清淤专项绩效目标表',
      pageNumber: null,
    });
  });

  it('refuses lines that are not a project table entry, are off the contents page, or go back in numbering', () => {
    expect(tocLineWithoutPageNumberToEntry('1.完善创新平台 s', 0, true)).toBeNull();
    expect(tocLineWithoutPageNumberToEntry('3.道路养护专项绩效目标表 s', 2, false)).toBeNull();
    // the body's first project heading right after a contents list of 12 entries
    expect(tocLineWithoutPageNumberToEntry('1.道路养护专项绩效目标表', 12, true)).toBeNull();
    // a trailing token with Han is text, not a page number
    expect(tocLineWithoutPageNumberToEntry('3.道路养护专项绩效目标表 一', 2, true)).toBeNull();
  });

  it('reads every entry of a contents list where some page numbers were misread, in order', () => {
    const blocks = [
      line('目录', 2, 50),
      line('1.道路养护专项绩效目标表 5', 2, 100),
      line('2.路灯维修经费绩效目标表 s', 2, 120),
      line('3.河道清淤专项绩效目标表 l', 2, 140),
      line('4.园林绿化专项绩效目标表 9', 2, 160),
      line('第一部分', 3, 50),
    ];
    const { entries } = blocksToToc(blocks);
    expect(entries.map((entry) => [entry.seq, entry.title.text, entry.pageNumber])).toEqual([
      [1, '道路养护专项绩效目标表', 5],
      [2, '路灯维修经费绩效目标表', null],
      [3, '河道清淤专项绩效目标表', null],
      [4, '园林绿化专项绩效目标表', 9],
    ]);
  });
});
