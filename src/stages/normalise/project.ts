/** A drafted project into a Project record: fields, amounts in yuan, the code's check, spend plan and indicators. */
import type { Finding, Indicator, Project } from '../../model/index.js';
import type { DraftIndicatorRow, DraftProject } from '../../model/draft.js';
import { SECTION_WORDS, YUAN_PER_AMOUNT_UNIT, labelKey } from '../../vocabulary/index.js';
import { codeHasCheckedShape, codePassesCheck } from '../../vocabulary/projectCode.js';
import { textOrNull, valueOrNull } from './fieldText.js';
import { amountTextToUnit, amountToYuan } from './money.js';
import { draftProjectFindings, projectFindings } from './projectFindings.js';
import { spendCellsToPlan } from './spendPlan.js';
import { indicatorRowToUnitHint, targetTextToTarget, targetWithColumnHints } from './targets.js';

export function draftToIndicator(row: DraftIndicatorRow, seq: number): Indicator {
  const target = valueOrNull(row.target);
  const level3 = valueOrNull(row.level3);
  const description = valueOrNull(row.description);
  // A 无 row (nothing under level 3, description or value): its basis says nothing about an indicator.
  const placeholderRow = level3 === null && description === null && target === null;
  const parsed = targetWithColumnHints(targetTextToTarget(target), indicatorRowToUnitHint(row));
  return {
    seq,
    level1: textOrNull(row.level1) ?? '',
    level2: textOrNull(row.level2),
    level3,
    description,
    targetText: target,
    targetOp: parsed.op,
    targetValue: parsed.value,
    targetUnit: parsed.unit,
    basis: placeholderRow ? null : valueOrNull(row.basis),
    pageNumber: row.pageNumber,
  };
}

function stripTableSuffix(title: string): string {
  return title.replace(new RegExp(`${SECTION_WORDS.tableTitleSuffix}$`, 'u'), '').trim();
}

/** Amount unit stored when the document prints none for the project (amount_unit is NOT NULL in the store). */
export const AMOUNT_UNIT_NOT_PRINTED = '';

/**
 * The project's amount unit: the one its region prints, else the one its amounts print themselves (`50万元`); null when
 * none.
 */
export function draftToAmountUnit(draft: DraftProject): string | null {
  // A unit the vocabulary does not know (`干元` left unrepaired) is no unit: amounts stay unconverted.
  if (draft.amountUnit !== null && YUAN_PER_AMOUNT_UNIT[labelKey(draft.amountUnit)] !== undefined)
    return labelKey(draft.amountUnit);
  for (const raw of [draft.budgetTotal, draft.budgetFiscal, draft.budgetOther]) {
    const unit = amountTextToUnit(valueOrNull(raw));
    if (unit !== null) return unit;
  }
  return null;
}

export function draftToProject(draft: DraftProject, findings: Finding[]): Project {
  const amountUnit = draftToAmountUnit(draft);
  const code = textOrNull(draft.code);
  const codeCheckOk = code === null ? null : codeHasCheckedShape(code) ? codePassesCheck(code) : null;
  const indicators = draft.indicators.map((row, index) => draftToIndicator(row, index + 1));
  const spendPlan = spendCellsToPlan(draft.spendPlanHeaders, draft.spendPlanValues);
  const project: Project = {
    seq: draft.seq,
    ...(draft.printedSeq === undefined ? {} : { printedSeq: draft.printedSeq }),
    tableTitle: draft.tableTitle.text,
    code,
    codeCheckOk,
    name: textOrNull(draft.name) ?? stripTableSuffix(draft.tableTitle.text),
    unitCode: draft.unitCode,
    unitName: textOrNull(draft.unitName),
    amountUnit: amountUnit ?? AMOUNT_UNIT_NOT_PRINTED,
    budgetTotalYuan: amountToYuan(valueOrNull(draft.budgetTotal), amountUnit),
    budgetFiscalYuan: amountToYuan(valueOrNull(draft.budgetFiscal), amountUnit),
    budgetOtherYuan: amountToYuan(valueOrNull(draft.budgetOther), amountUnit),
    fundUse: valueOrNull(draft.fundUse),
    goal: valueOrNull(draft.goal),
    spendPlan,
    spendPlanHeaders: draft.spendPlanHeaders.map((header) => header.text),
    indicators,
    pageFirst: draft.pageFirst,
    pageLast: draft.pageLast,
  };
  findings.push(...projectFindings(project), ...draftProjectFindings(draft, project, amountUnit));
  return project;
}
