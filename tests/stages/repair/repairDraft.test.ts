import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT_PROJECT_FIELDS } from '../../support/emptyDraft.js';
import { repairDraft } from '../../../src/stages/repair/index.js';
import type { DocumentDraft, DraftProject, RawText } from '../../../src/model/draft.js';
import { removeCjkSpaces, joinWrappedLines } from '../../../src/vocabulary/text.js';

const raw = (lines: string[], pageNumber = 3): RawText => ({ text: lines.join(' '), lines, pageNumber });

function draftWith(project: Partial<DraftProject>, title: RawText | null = null): DocumentDraft {
  return {
    cover: { title, preparedBy: null },
    toc: [],
    overallGoal: null,
    subGoals: [],
    measures: [],
    projects: [
      {
        seq: 4,
        tableTitle: raw(['4.示例专项绩效目标表']),
        ...EMPTY_DRAFT_PROJECT_FIELDS,
        indicators: [],
        pageFirst: 3,
        pageLast: 3,
        ...project,
      },
    ],
  };
}

describe('repairDraft', () => {
  it('joins the fragments of a wrapped project code and logs split_code', () => {
    const { draft, repairs } = repairDraft(draftWith({ code: raw(['13081122P00781510001', 'G']) }));
    expect(draft.projects[0].code?.text).toBe('13081122P00781510001G');
    expect(repairs).toEqual([
      {
        pageNumber: 3,
        projectSeq: 4,
        kind: 'split_code',
        field: 'code',
        before: '13081122P00781510001\nG',
        after: '13081122P00781510001G',
      },
    ]);
  });

  it('joins a wrapped cell without spaces between CJK characters and logs wrapped_cell', () => {
    const { draft, repairs } = repairDraft(draftWith({ fundUse: raw(['到企业走访', '调研、提供', '服务次数']) }));
    expect(draft.projects[0].fundUse?.text).toBe('到企业走访调研、提供服务次数');
    expect(repairs.map((repair) => [repair.kind, repair.field, repair.after])).toEqual([
      ['wrapped_cell', 'fundUse', '到企业走访调研、提供服务次数'],
    ]);
  });

  it('removes spaces touching CJK characters in indicator cells (`≥50 家`) and logs cjk_space with the row index', () => {
    const row = {
      pageNumber: 5,
      level1: raw(['产出指标'], 5),
      level2: raw(['数量指标'], 5),
      level3: raw(['企业数'], 5),
      description: raw(['企业数'], 5),
      target: raw(['≥50 家'], 5),
      basis: raw(['《办法》'], 5),
      extra: {},
    };
    const { draft, repairs } = repairDraft(draftWith({ indicators: [row, { ...row, target: raw(['3 月底'], 5) }] }));
    expect(draft.projects[0].indicators.map((indicator) => indicator.target?.text)).toEqual(['≥50家', '3月底']);
    expect(repairs).toEqual([
      {
        pageNumber: 5,
        projectSeq: 4,
        kind: 'cjk_space',
        field: 'indicators[0].target',
        before: '≥50 家',
        after: '≥50家',
      },
      {
        pageNumber: 5,
        projectSeq: 4,
        kind: 'cjk_space',
        field: 'indicators[1].target',
        before: '3 月底',
        after: '3月底',
      },
    ]);
  });

  it('keeps a space between two ASCII tokens and changes nothing else', () => {
    const { draft, repairs } = repairDraft(draftWith({ goal: raw(['LED display 2 sets']) }));
    expect(draft.projects[0].goal?.text).toBe('LED display 2 sets');
    expect(repairs).toEqual([]);
  });

  it('sets a draft mark printed in ASCII parentheses full-width and removes the year space in the title', () => {
    const { draft, repairs } = repairDraft(
      draftWith(
        {},
        { text: '某局2022 年部门预算绩效文本(草案)', lines: ['某局2022 年部门预算绩效文本(草案)'], pageNumber: 1 },
      ),
    );
    expect(draft.cover.title?.text).toBe('某局2022年部门预算绩效文本（草案）');
    expect(repairs.map((repair) => repair.kind)).toEqual(['cjk_space', 'fullwidth_paren']);
  });

  it('joins a number cut by a wrap without a space and removes a space before ASCII punctuation', () => {
    const { draft } = repairDraft(
      draftWith({
        basis: raw(['《工作规范（2', '023年版）》']),
        goal: raw(['1.建设；2 .运营']),
      } as Partial<DraftProject>),
    );
    expect(draft.projects[0].goal?.text).toBe('1.建设；2.运营');
    const { draft: wrapped } = repairDraft(draftWith({ fundUse: raw(['《工作规范（2', '023年版）》']) }));
    expect(wrapped.projects[0].fundUse?.text).toBe('《工作规范（2023年版）》');
  });

  it('repairs a merged level-1 cell shared by several rows once', () => {
    const level1 = raw(['产出', '指标'], 5);
    const row = {
      pageNumber: 5,
      level1,
      level2: raw(['数量指标'], 5),
      level3: null,
      description: null,
      target: null,
      basis: null,
      extra: {},
    };
    const { draft, repairs } = repairDraft(draftWith({ indicators: [row, { ...row }] }));
    expect(draft.projects[0].indicators.map((indicator) => indicator.level1?.text)).toEqual(['产出指标', '产出指标']);
    expect(repairs.filter((repair) => repair.kind === 'wrapped_cell')).toHaveLength(1);
  });
});

describe('text helpers', () => {
  it('removeCjkSpaces removes spaces next to CJK, full-width punctuation and curly quotes, keeps ASCII-to-ASCII spaces', () => {
    expect(removeCjkSpaces('工程。 工程范围 “一站式” 服务 550 元/平方米 and more')).toBe(
      '工程。工程范围“一站式”服务550元/平方米and more',
    );
    expect(removeCjkSpaces('ISO 9001 认证')).toBe('ISO 9001认证');
  });

  it('makes full-width digits and ％ ASCII in text-layer amounts, targets and spend-plan cells, logged as fullwidth_digits, and leaves prose as printed', () => {
    const row = {
      pageNumber: 5,
      level1: raw(['产出指标'], 5),
      level2: raw(['质量指标'], 5),
      level3: raw(['合格率'], 5),
      description: raw(['验收合格率'], 5),
      target: raw(['≥９０％'], 5),
      basis: raw(['２０２２年方案'], 5),
      extra: {},
    };
    const { draft, repairs } = repairDraft(
      draftWith({
        budgetTotal: raw(['１０１０.０７']),
        spendPlanValues: [{ ...raw(['３０％']), x0: 0, x1: 100 }],
        indicators: [row],
      }),
    );
    expect(draft.projects[0].budgetTotal?.text).toBe('1010.07');
    expect(draft.projects[0].spendPlanValues[0].text).toBe('30%');
    expect(draft.projects[0].indicators[0].target?.text).toBe('≥90%');
    expect(draft.projects[0].indicators[0].basis?.text).toBe('２０２２年方案');
    expect(repairs.map((repair) => [repair.kind, repair.field, repair.before, repair.after])).toEqual([
      ['fullwidth_digits', 'indicators[0].target', '≥９０％', '≥90%'],
      ['fullwidth_digits', 'budgetTotal', '１０１０.０７', '1010.07'],
      ['fullwidth_digits', 'spendPlanValues[0]', '３０％', '30%'],
    ]);
  });

  it('joinWrappedLines puts one space between ASCII words and none at CJK boundaries', () => {
    expect(joinWrappedLines(['Smart', 'city 建设', '方案'])).toBe('Smart city 建设方案');
  });
});
