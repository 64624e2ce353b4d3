/** The info table above a project's indicator table (项目编码, 预算数, 资金支出计划 …), read by its labels. */
import type { FlowRow } from '../../model/flow.js';
import type { DraftDeptTarget, DraftProject } from '../../model/draft.js';
import {
  infoLabelNearOf,
  infoLabelOf,
  infoLabelVariantOf,
  monthOfHeader,
  type InfoLabel,
} from '../../vocabulary/index.js';
import { headerBlockOf } from '../../vocabulary/tableRows.js';
import { cellsToRaw, toPositioned } from './flowText.js';

type Info = Pick<
  DraftProject,
  | 'code'
  | 'name'
  | 'budgetTotal'
  | 'budgetFiscal'
  | 'budgetOther'
  | 'fundUse'
  | 'spendPlanHeaders'
  | 'spendPlanValues'
  | 'goal'
  | 'budgetCarryover'
  | 'budgetProjectTotal'
  | 'competentDept'
  | 'implementingUnit'
  | 'goalMidTerm'
  | 'labelsSeen'
  | 'unknownLabels'
> &
  /** A 部门整体 table's own fields (labels.ts deptName …), present only where the table prints them. */
  Partial<Pick<DraftDeptTarget, 'deptName' | 'budgetBasic' | 'budgetProjects' | 'duties'>>;

const VALUE_LABELS: Partial<Record<InfoLabel, keyof Info>> = {
  code: 'code',
  name: 'name',
  budgetTotal: 'budgetTotal',
  budgetFiscal: 'budgetFiscal',
  budgetOther: 'budgetOther',
  fundUse: 'fundUse',
  goal: 'goal',
  budgetCarryover: 'budgetCarryover',
  budgetProjectTotal: 'budgetProjectTotal',
  competentDept: 'competentDept',
  implementingUnit: 'implementingUnit',
  goalMidTerm: 'goalMidTerm',
  deptName: 'deptName',
  budgetBasic: 'budgetBasic',
  budgetProjects: 'budgetProjects',
  deptDuties: 'duties',
};
/** Labels that name no value of their own: a block over the amounts, the spend plan, cells read as nothing (执行率). */
const NO_VALUE_LABELS: ReadonlySet<InfoLabel> = new Set(['budgetBlock', 'spendPlan', 'notMoney']);
/** A row's first cell starts at the table's left edge within this (one grid; renderings differ < 1pt). */
const LEFT_EDGE_TOLERANCE_PT = 1.5;
/** A label cell is short: longer text at the left edge is a value (a wrapped goal), never reported as a label. */
const LABEL_MAX_CHARS = 16;

/**
 * The spend plan's month-header row: two month headers or more, or one beside the row's own
 * `资金支出计划` label (OCR that read only `10月底` of `3月底 6月底 10月底`: the others stay for the
 * repair stage to name).
 */
function isMonthHeaderRow(row: FlowRow): boolean {
  const months = row.cells.filter((cell) => monthOfHeader(cell.text) !== null).length;
  return months >= 2 || (months === 1 && row.cells.some((cell) => infoLabelOf(cell.text) === 'spendPlan'));
}

/** The info table (rows above the indicator header), read by its labels. */
export function rowsToInfo(rows: FlowRow[]): Info {
  const info: Info = {
    code: null,
    name: null,
    budgetTotal: null,
    budgetFiscal: null,
    budgetOther: null,
    fundUse: null,
    spendPlanHeaders: [],
    spendPlanValues: [],
    goal: null,
  };
  const header = headerBlockOf(rows);
  const infoRows = header === null ? rows : rows.slice(0, header.first);
  const labelsSeen: string[] = [];
  const unknownLabels: Info['unknownLabels'] & object = [];
  const leftEdge = Math.min(...infoRows.flatMap((row) => row.cells.map((cell) => cell.x0)));
  for (const row of infoRows)
    for (const cell of row.cells) {
      const variant = infoLabelVariantOf(cell.text);
      if (variant && !labelsSeen.includes(variant.text)) labelsSeen.push(variant.text);
    }
  let afterBudgetRow = false;
  for (let index = 0; index < infoRows.length; index++) {
    const row = infoRows[index];
    // A cell read by OCR may be one character off a long label (`每度总体目标`); text-layer cells match exactly.
    const labels = row.cells.map(
      (cell) => infoLabelOf(cell.text) ?? (cell.confidence === undefined ? null : infoLabelNearOf(cell.text)),
    );
    if (isMonthHeaderRow(row)) {
      // Every cell of the row but its label: a header OCR could not read (`明底`) keeps its place for the repair stage.
      info.spendPlanHeaders = row.cells
        .filter(
          (cell, cellIndex) =>
            monthOfHeader(cell.text) !== null || (cell.text.trim() !== '' && labels[cellIndex] === null),
        )
        .map(toPositioned);
      const valueRow = infoRows[index + 1];
      if (valueRow && !isMonthHeaderRow(valueRow) && valueRow.cells.every((cell) => infoLabelOf(cell.text) === null)) {
        info.spendPlanValues = valueRow.cells.filter((cell) => cell.text.trim() !== '').map(toPositioned);
        index++;
      }
      afterBudgetRow = false;
      continue;
    }
    const hasValueLabel = labels.some((label) => label !== null && !NO_VALUE_LABELS.has(label));
    if (!hasValueLabel && afterBudgetRow && info.fundUse === null) {
      info.fundUse = cellsToRaw(row.cells.filter((_, cellIndex) => labels[cellIndex] === null));
      afterBudgetRow = false;
      continue;
    }
    const first = row.cells[0];
    if (
      first &&
      labels[0] === null &&
      first.x0 <= leftEdge + LEFT_EDGE_TOLERANCE_PT &&
      first.text.trim() !== '' &&
      [...first.text.replace(/\s+/gu, '')].length <= LABEL_MAX_CHARS &&
      row.cells.length > 1
    )
      unknownLabels.push(cellsToRaw([first])!);
    afterBudgetRow = labels.includes('budgetTotal');
    labels.forEach((label, cellIndex) => {
      const field = label ? VALUE_LABELS[label] : undefined;
      if (!field) return;
      let end = cellIndex + 1;
      while (end < row.cells.length && labels[end] === null) end++;
      const value = cellsToRaw(row.cells.slice(cellIndex + 1, end));
      if (value && (info[field] ?? null) === null) (info as Record<string, unknown>)[field] = value;
    });
  }
  // Template-specific fields only where the table prints them, so drafts of the seed's template keep their shape.
  if (labelsSeen.length > 0) info.labelsSeen = labelsSeen;
  if (unknownLabels.length > 0) info.unknownLabels = unknownLabels;
  return info;
}
