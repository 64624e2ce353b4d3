import { describe, expect, it } from 'vitest';
import type { FlowBlock } from '../../../src/model/flow.js';
import { blocksToPartOne, partTwoHeadingIndex } from '../../../src/stages/segment/partOne.js';

let top = 0;
const line = (text: string, pageNumber = 3): FlowBlock => ({
  kind: 'line',
  text,
  pageNumber,
  x0: 50,
  top: (top += 20),
  x1: 500,
  bottom: top + 10,
  fontSizePt: 10,
});

describe('part headings misread by OCR', () => {
  it('does not take part one for part two when OCR read 第一部分 as 第二部分: the title tells', () => {
    const blocks = [
      line('第二部分'),
      line('部门整体绩效目标'),
      line('一、总体绩效目标'),
      line('第二部分 预算项目绩效目标', 4),
    ];
    expect(partTwoHeadingIndex(blocks, 0)).toBe(3);
    expect(partTwoHeadingIndex([line('第二部分部门整体绩效目标'), line('第二部分'), line('预算项目绩效目标')], 0)).toBe(
      1,
    );
  });

  it('still finds a part two printed without its title', () => {
    expect(partTwoHeadingIndex([line('一、总体绩效目标'), line('第二部分'), line('1.道路养护专项绩效目标表')], 0)).toBe(
      1,
    );
  });

  it('reads part-one sections whose 、 OCR dropped (`三工作保障措施`)', () => {
    const blocks = [
      line('一、总体绩效目标'),
      line('全面提升道路通行能力。'),
      line('二分项绩效目标'),
      line('（一）畅通路网'),
      line('绩效目标：完成干线公路养护。'),
      line('三工作保障措施'),
      line('（一）强化组织保障。明确责任分工。'),
      line('（二）加强执行监控。按季度分析进度。'),
    ];
    const partOne = blocksToPartOne(blocks, 0, blocks.length);
    expect(partOne.overallGoal?.text).toBe('全面提升道路通行能力。');
    expect(partOne.subGoals.map((goal) => goal.title.text)).toEqual(['畅通路网']);
    expect(partOne.measures.map((measure) => measure.body.text)).toEqual([
      '强化组织保障。明确责任分工。',
      '加强执行监控。按季度分析进度。',
    ]);
  });

  it('does not take a prose line starting with a numeral for a section heading', () => {
    const blocks = [
      line('一、总体绩效目标'),
      line('一年内完成全部工作保障措施的落实与检查。'),
      line('三、工作保障措施'),
      line('1.强化组织。'),
    ];
    expect(blocksToPartOne(blocks, 0, blocks.length).overallGoal?.text).toBe(
      '一年内完成全部工作保障措施的落实与检查。',
    );
  });
});

describe('part-one items read by OCR', () => {
  it('keeps an item whose closing bracket OCR lost, when it is the next number', () => {
    const blocks = [
      line('三、工作保障措施'),
      line('（一）强化组织保障。明确责任。'),
      line('（二）细化绩效目标。指标可量化。'),
      line('(三加强执行监控。每季度分析进度。'),
      line('（四）严格资金监管。专款专用。'),
    ];
    expect(blocksToPartOne(blocks, 0, blocks.length).measures.map((measure) => measure.body.text)).toEqual([
      '强化组织保障。明确责任。',
      '细化绩效目标。指标可量化。',
      '加强执行监控。每季度分析进度。',
      '严格资金监管。专款专用。',
    ]);
  });

  it('strips a sub-goal body’s 绩效目标 label whose colon OCR lost, but never from the title line', () => {
    const blocks = [
      line('二、分项绩效目标'),
      line('（一）绩效目标管理全覆盖'),
      line('绩效目标落实国家基本公共卫生服务项目。'),
      line('三、工作保障措施'),
    ];
    const [goal] = blocksToPartOne(blocks, 0, blocks.length).subGoals;
    expect(goal.title.text).toBe('绩效目标管理全覆盖');
    expect(goal.body.text).toBe('落实国家基本公共卫生服务项目。');
  });
});
