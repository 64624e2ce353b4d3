/** A drafted project into a Project record: fields, amounts in yuan, the code's check, spend plan and indicators. */
import type { Finding, Indicator, Project } from '../../model/index.js';
import type { DraftIndicatorRow, DraftProject } from '../../model/draft.js';
import {
  SECTION_WORDS,
  YUAN_PER_AMOUNT_UNIT,
  indicatorExtraFieldOf,
  labelKey,
  weightHeaderToTotal,
} from '../../vocabulary/index.js';
import { fullWidthNumberCharsToAscii } from '../../vocabulary/text.js';
import { codeHasCheckedShape, codePassesCheck } from '../../vocabulary/projectCode.js';
import { textOrNull, valueOrNull } from './fieldText.js';
import { amountTextToUnit, amountToYuan } from './money.js';
import { draftProjectFindings, projectFindings, weightFindings } from './projectFindings.js';
import type { Template } from '../../vocabulary/templates.js';
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
    ...indicatorRowToExtraFields(row),
    ...(row.period === undefined ? {} : { period: row.period }),
  };
}

/** A printed weight (`10`, `7.5`, `10分`) → its number; null for anything else. */
const PRINTED_WEIGHT = /^(\d+(?:\.\d+)?)分?$/u;

/**
 * The further columns a template prints (weight, 指标方向, 计量单位; vocabulary labels.ts), present only where the
 * table has the column, so records of templates without them keep their shape.
 */
function indicatorRowToExtraFields(row: DraftIndicatorRow): Pick<Indicator, 'weight' | 'direction' | 'measureUnit'> {
  const fields: Pick<Indicator, 'weight' | 'direction' | 'measureUnit'> = {};
  for (const [header, raw] of Object.entries(row.extra)) {
    const field = indicatorExtraFieldOf(header);
    const text = valueOrNull(raw);
    if (field === 'weight') {
      const weight = text === null ? null : PRINTED_WEIGHT.exec(fullWidthNumberCharsToAscii(text).replace(/\s+/gu, ''));
      fields.weight ??= weight ? Number(weight[1]) : null;
    } else if (field === 'direction') fields.direction ??= text;
    else if (field === 'measureUnit') fields.measureUnit ??= text;
  }
  return fields;
}

/** `[158]某部`, `［158］某部`, `(433)某厅`, `【433】某厅` → code and name; a name without a code → (null, name). */
const COMPETENT_DEPT_CODE = /^[[［【(（]\s*([0-9A-Za-z]+)\s*[\]］】)）]\s*(.+)$/u;

export function competentDeptToParts(text: string | null): { code: string | null; name: string | null } {
  if (text === null) return { code: null, name: null };
  const match = COMPETENT_DEPT_CODE.exec(text.trim());
  return match ? { code: match[1], name: match[2].trim() } : { code: null, name: text.trim() };
}

/** The fields only some templates print (central, provincial): present when the draft read them. */
function draftToTemplateFields(draft: DraftProject, amountUnit: string | null): Partial<Project> {
  const fields: Partial<Project> = {};
  if (draft.budgetCarryover !== undefined)
    fields.budgetCarryoverYuan = amountToYuan(valueOrNull(draft.budgetCarryover), amountUnit);
  if (draft.budgetProjectTotal !== undefined)
    fields.budgetProjectTotalYuan = amountToYuan(valueOrNull(draft.budgetProjectTotal), amountUnit);
  if (draft.competentDept !== undefined) {
    const parts = competentDeptToParts(valueOrNull(draft.competentDept));
    fields.competentDept = parts.name;
    fields.competentDeptCode = parts.code;
  }
  if (draft.implementingUnit !== undefined) fields.implementingUnit = valueOrNull(draft.implementingUnit);
  if (draft.goalMidTerm !== undefined) fields.goalMidTerm = valueOrNull(draft.goalMidTerm);
  const totals = (draft.indicatorHeaders ?? []).map(weightHeaderToTotal).filter((total) => total !== null);
  if (totals.length > 0) fields.weightTotal = totals[0];
  return fields;
}

function stripTableSuffix(title: string): string {
  return title.replace(new RegExp(`${SECTION_WORDS.tableTitleSuffix}$`, 'u'), '').trim();
}

/** Amount unit stored when the document prints none for the project (amount_unit is NOT NULL in the store). */
export const AMOUNT_UNIT_NOT_PRINTED = '';

/**
 * A project's or department table's amount unit: the one its region prints, else the one its amounts print themselves
 * (`50万元`); null when none.
 */
export function draftToAmountUnit(
  draft: Pick<DraftProject, 'amountUnit' | 'budgetTotal' | 'budgetFiscal' | 'budgetOther'>,
): string | null {
  // A unit the vocabulary does not know (`干元` left unrepaired) is no unit: amounts stay unconverted.
  if (draft.amountUnit !== null && YUAN_PER_AMOUNT_UNIT[labelKey(draft.amountUnit)] !== undefined)
    return labelKey(draft.amountUnit);
  for (const raw of [draft.budgetTotal, draft.budgetFiscal, draft.budgetOther]) {
    const unit = amountTextToUnit(valueOrNull(raw));
    if (unit !== null) return unit;
  }
  return null;
}

export function draftToProject(draft: DraftProject, findings: Finding[], template: Template | null = null): Project {
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
    ...draftToTemplateFields(draft, amountUnit),
    spendPlan,
    spendPlanHeaders: draft.spendPlanHeaders.map((header) => header.text),
    indicators,
    pageFirst: draft.pageFirst,
    pageLast: draft.pageLast,
  };
  findings.push(
    ...projectFindings(project, template),
    ...draftProjectFindings(draft, project, amountUnit, template),
    ...weightFindings(project),
  );
  return project;
}
