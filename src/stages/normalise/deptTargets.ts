/**
 * A drafted 部门整体支出绩效目标表 into a DeptTargetTable record: the same money, target and weight rules as a project's
 * (project.ts), and the findings a reviewer needs. Its findings name no project (projectSeq null); their messages say
 * which department table.
 */
import type { DeptTargetTable, Finding, FindingRule } from '../../model/index.js';
import type { DraftDeptTarget, RawText } from '../../model/draft.js';
import { weightHeaderToTotal } from '../../vocabulary/index.js';
import { textOrNull, valueOrNull } from './fieldText.js';
import { amountToYuan } from './money.js';
import { AMOUNT_UNIT_NOT_PRINTED, competentDeptToParts, draftToAmountUnit, draftToIndicator } from './project.js';
import { weightSumMismatch, wrongLevel2s } from './projectFindings.js';

export function draftToDeptTarget(draft: DraftDeptTarget, findings: Finding[]): DeptTargetTable {
  const amountUnit = draftToAmountUnit(draft);
  const yuan = (raw: RawText | null | undefined) => amountToYuan(valueOrNull(raw ?? null), amountUnit);
  const competent = competentDeptToParts(valueOrNull(draft.competentDept ?? null));
  const totals = (draft.indicatorHeaders ?? []).map(weightHeaderToTotal).filter((total) => total !== null);
  const target: DeptTargetTable = {
    seq: draft.seq,
    tableTitle: draft.tableTitle.text,
    deptName: valueOrNull(draft.deptName),
    competentDept: competent.name,
    competentDeptCode: competent.code,
    amountUnit: amountUnit ?? AMOUNT_UNIT_NOT_PRINTED,
    budgetTotalYuan: yuan(draft.budgetTotal),
    budgetFiscalYuan: yuan(draft.budgetFiscal),
    budgetOtherYuan: yuan(draft.budgetOther),
    budgetCarryoverYuan: yuan(draft.budgetCarryover),
    budgetBasicYuan: yuan(draft.budgetBasic),
    budgetProjectsYuan: yuan(draft.budgetProjects),
    duties: valueOrNull(draft.duties),
    goal: valueOrNull(draft.goal),
    goalMidTerm: valueOrNull(draft.goalMidTerm ?? null),
    tasks: draft.tasks.map((task, index) => ({
      seq: index + 1,
      name: textOrNull(task.name) ?? '',
      content: valueOrNull(task.content),
      budgetYuan: yuan(task.budget),
    })),
    weightTotal: totals[0] ?? null,
    indicators: draft.indicators.map((row, index) => draftToIndicator(row, index + 1)),
    pageFirst: draft.pageFirst,
    pageLast: draft.pageLast,
  };
  findings.push(...deptTargetFindings(draft, target, amountUnit));
  return target;
}

/**
 * What a reviewer checks in a department's table, by the projects' rules: amounts without a unit, parts that do not
 * add up (财政拨款 + 上年结转 + 其他资金, or 基本支出 + 项目支出, against 资金总额), no goal, no indicators, weights against the header's total, level-2 names under another level 1, labels the
 * vocabulary does not know.
 */
export function deptTargetFindings(
  draft: DraftDeptTarget,
  target: DeptTargetTable,
  amountUnit: string | null,
): Finding[] {
  const findings: Finding[] = [];
  const name = `部门整体绩效目标表 ${target.seq}${target.deptName === null ? '' : `（${target.deptName}）`}`;
  const add = (
    severity: Finding['severity'],
    rule: FindingRule,
    message: string,
    pageNumber: number | null = target.pageFirst,
  ) => findings.push({ projectSeq: null, severity, rule, message, pageNumber });
  const printed = [draft.budgetTotal, draft.budgetFiscal, draft.budgetOther, draft.budgetBasic, draft.budgetProjects]
    .map((raw) => valueOrNull(raw ?? null))
    .filter((text) => text !== null);
  if (printed.length > 0 && amountUnit === null)
    add('error', 'amount_unit_missing', `${name} 没有金额单位（单位：万元/元），金额未换算：${printed.join('，')}`);
  const total = target.budgetTotalYuan;
  const { budgetFiscalYuan: fiscal, budgetOtherYuan: other, budgetCarryoverYuan: carryover } = target;
  if (
    total !== null &&
    (fiscal !== null || other !== null) &&
    (fiscal ?? 0) + (carryover ?? 0) + (other ?? 0) !== total
  )
    add(
      'warning',
      'budget_parts_mismatch',
      `${name}：财政拨款 ${fiscal ?? 0}${carryover === null ? '' : ` + 上年结转资金 ${carryover}`} + 其他资金 ${other ?? 0} ≠ 资金总额 ${total}（元）`,
    );
  const { budgetBasicYuan: basic, budgetProjectsYuan: projects } = target;
  if (total !== null && (basic !== null || projects !== null) && (basic ?? 0) + (projects ?? 0) !== total)
    add(
      'warning',
      'budget_parts_mismatch',
      `${name}：基本支出 ${basic ?? 0} + 项目支出 ${projects ?? 0} ≠ 资金总额 ${total}（元）`,
    );
  if (target.goal === null) add('warning', 'goal_missing', `${name} 没有年度总体目标`);
  if (target.indicators.length === 0) add('warning', 'indicators_missing', `${name} 没有绩效指标`);
  const sum = weightSumMismatch(target.indicators, target.weightTotal);
  if (sum !== null)
    add('warning', 'weights_do_not_add_up', `${name} 指标分值合计 ${sum}，表头为 ${target.weightTotal}`);
  for (const { indicator, owners } of wrongLevel2s(target.indicators))
    add(
      'warning',
      'level2_under_wrong_level1',
      `${name}：${indicator.level2} 列在 ${indicator.level1} 之下（应属 ${owners.join('/')}）`,
      indicator.pageNumber,
    );
  for (const label of draft.unknownLabels ?? [])
    add(
      'info',
      'unknown_label',
      `${name} 有词表未收的标签“${label.text}”（未读入；请报告此模板变体）`,
      label.pageNumber ?? target.pageFirst,
    );
  return findings;
}
