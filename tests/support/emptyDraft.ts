import type { DocumentDraft, DraftIndicatorRow, DraftProject, RawText } from '../../src/model/draft.js';

/** The fields of a draft project that a table left empty (no unit, amounts, plan, goal or indicators), in 万元. */
export const EMPTY_DRAFT_PROJECT_FIELDS = {
  unitCode: null,
  unitName: null,
  amountUnit: '万元',
  code: null,
  name: null,
  budgetTotal: null,
  budgetFiscal: null,
  budgetOther: null,
  fundUse: null,
  spendPlanHeaders: [],
  spendPlanValues: [],
  goal: null,
  indicators: [],
} satisfies Partial<DraftProject>;

/** A draft indicator row on `pageNumber` with only `cells` filled, every other cell empty. */
export function draftIndicatorRow(pageNumber: number, cells: Partial<DraftIndicatorRow> = {}): DraftIndicatorRow {
  return {
    pageNumber,
    level1: null,
    level2: null,
    level3: null,
    description: null,
    target: null,
    basis: null,
    extra: {},
    ...cells,
  };
}

/** A draft of only `projects` (and the overall goal when given): no cover, contents, sub-goals or measures. */
export function draftOfProjects(projects: DraftProject[], overallGoal: RawText | null = null): DocumentDraft {
  return {
    cover: { title: null, preparedBy: null },
    toc: [],
    overallGoal,
    subGoals: [],
    measures: [],
    projects,
  };
}
