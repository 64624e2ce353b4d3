import { describe, expect, it } from 'vitest';
import { stitchPages } from '../../../src/stages/stitch/index.js';
import { flowToDraft } from '../../../src/stages/segment/index.js';
import { sectionTitleToPartOneSection } from '../../../src/stages/segment/partOne.js';
import type { DocumentDraft } from '../../../src/model/draft.js';
import { buildPage } from '../support/layoutBuilder.js';

function partOneOf(lines: string[]): Pick<DocumentDraft, 'overallGoal' | 'subGoals' | 'measures'> {
  const draft = flowToDraft(stitchPages([buildPage(3, lines)]).flow);
  return { overallGoal: draft.overallGoal, subGoals: draft.subGoals, measures: draft.measures };
}

const texts = (part: Pick<DocumentDraft, 'overallGoal' | 'subGoals' | 'measures'>) => ({
  overallGoal: part.overallGoal?.text ?? null,
  subGoals: part.subGoals.map((goal) => [goal.seq, goal.title.text, goal.body.text]),
  measures: part.measures.map((measure) => [measure.seq, measure.body.text]),
});

describe('sectionTitleToPartOneSection', () => {
  it('names the section by keyword, whatever word the department uses', () => {
    expect(sectionTitleToPartOneSection('部门整体绩效目标')).toBe('overallGoal');
    expect(sectionTitleToPartOneSection('年度绩效目标')).toBe('overallGoal');
    expect(sectionTitleToPartOneSection('总 体 绩 效 目 标')).toBe('overallGoal');
    expect(sectionTitleToPartOneSection('分项绩效目标')).toBe('subGoals');
    expect(sectionTitleToPartOneSection('保障措施')).toBe('measures');
    expect(sectionTitleToPartOneSection('其他说明')).toBeNull();
  });
});

describe("part one's sections", () => {
  it('reads 部门整体绩效目标 / 分项绩效目标 / 保障措施 headings numbered 一、', () => {
    const part = partOneOf([
      '第一部分 部门整体绩效目标',
      '一、部门整体绩效目标',
      '做好民政兜底保障。',
      '二、分项绩效目标',
      '1、低保救助',
      '绩效目标：按时足额发放。',
      '三、保障措施',
      '1.加强组织领导。',
      '2.强化监督检查。',
    ]);
    expect(texts(part)).toEqual({
      overallGoal: '做好民政兜底保障。',
      subGoals: [[1, '低保救助', '按时足额发放。']],
      measures: [
        [1, '加强组织领导。'],
        [2, '强化监督检查。'],
      ],
    });
  });

  it('reads （一） section headings, with 年度绩效目标 as the overall goal', () => {
    const part = partOneOf([
      '第一部分',
      '（一）年度绩效目标',
      '全年完成道路养护任务。',
      '（二）分项绩效目标',
      '1.道路养护',
      '绩效目标：养护里程达标。',
      '（三）工作保障措施',
      '1、完善制度。',
    ]);
    expect(texts(part)).toEqual({
      overallGoal: '全年完成道路养护任务。',
      subGoals: [[1, '道路养护', '养护里程达标。']],
      measures: [[1, '完善制度。']],
    });
  });

  it('ends the last measure at a following `四、其他说明` section', () => {
    const part = partOneOf([
      '一、总体绩效目标',
      '提升服务水平。',
      '二、分项绩效目标',
      '1、服务',
      '绩效目标：提升服务。',
      '三、工作保障措施',
      '1、加强预算管理。',
      '2、强化绩效监控。',
      '四、其他说明',
      '本文本金额单位为万元。',
    ]);
    expect(texts(part).measures).toEqual([
      [1, '加强预算管理。'],
      [2, '强化绩效监控。'],
    ]);
  });

  it('ends the overall goal at an unrelated section between it and the sub-goals', () => {
    const part = partOneOf([
      '一、总体绩效目标',
      '提升服务水平。',
      '二、部门职责',
      '负责全县民政工作。',
      '三、分项绩效目标',
      '1、服务',
      '绩效目标：提升服务。',
    ]);
    expect(texts(part).overallGoal).toBe('提升服务水平。');
    expect(texts(part).subGoals).toEqual([[1, '服务', '提升服务。']]);
  });

  it('keeps sub-goals numbered （一） inside sections numbered 一、', () => {
    const part = partOneOf([
      '一、总体绩效目标',
      '保障道路畅通。',
      '二、分项绩效目标',
      '（一）道路养护',
      '绩效目标：完成养护。',
      '（二）客运服务',
      '绩效目标：保障运营。',
      '三、工作保障措施',
      '1、加强管理。',
    ]);
    expect(texts(part).subGoals).toEqual([
      [1, '道路养护', '完成养护。'],
      [2, '客运服务', '保障运营。'],
    ]);
    expect(texts(part).measures).toEqual([[1, '加强管理。']]);
  });
});
