import type { DraftProject } from '../../src/model/draft.js';

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
