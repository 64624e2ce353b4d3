/** Findings about one project a reader should check: code, amounts, spend plan, goal and indicators. */
import type { Finding, FindingRule, Indicator, Project } from '../../model/index.js';
import type { DraftProject, RawText } from '../../model/draft.js';
import { LEVEL2_BY_LEVEL1, labelKey } from '../../vocabulary/index.js';
import type { Template } from '../../vocabulary/templates.js';
import { SPEND_PLAN_MONTHS } from '../../vocabulary/spendPlan.js';
import { valueOrNull } from './fieldText.js';
import { spendCellsToUnsupported } from './spendPlan.js';

/** A project's findings list and the function that adds one (on the project's first page unless told). */
function findingsOfProject(project: Project): {
  findings: Finding[];
  add: (severity: Finding['severity'], rule: FindingRule, message: string, pageNumber?: number | null) => void;
} {
  const findings: Finding[] = [];
  const add = (
    severity: Finding['severity'],
    rule: FindingRule,
    message: string,
    pageNumber: number | null = project.pageFirst,
  ) => {
    findings.push({ projectSeq: project.seq, severity, rule, message, pageNumber });
  };
  return { findings, add };
}

/**
 * Findings that need the printed text: amounts without a unit or unparsed, parts missing, spend months the contract
 * cannot hold.
 */
export function draftProjectFindings(
  draft: DraftProject,
  project: Project,
  amountUnit: string | null,
  template: Template | null = null,
): Finding[] {
  const { findings, add } = findingsOfProject(project);
  const amounts: Array<[string, RawText | null, number | null]> = [
    ['预算数', draft.budgetTotal, project.budgetTotalYuan],
    ['财政资金', draft.budgetFiscal, project.budgetFiscalYuan],
    ['其他资金', draft.budgetOther, project.budgetOtherYuan],
  ];
  const printed = amounts.filter(([, raw]) => valueOrNull(raw) !== null);
  if (printed.length > 0 && amountUnit === null) {
    add(
      'error',
      'amount_unit_missing',
      `项目 ${project.seq} 没有金额单位（单位：万元/元），金额未换算：${printed.map(([label, raw]) => `${label} ${raw!.text}`).join('，')}`,
    );
  } else {
    for (const [label, raw, yuan] of printed) {
      if (yuan === null)
        add(
          'warning',
          'amount_unparsed',
          `${label}“${raw!.text}”不是以 ${amountUnit} 计的金额`,
          raw!.pageNumber ?? project.pageFirst,
        );
    }
  }
  if (valueOrNull(draft.budgetTotal) === null) add('warning', 'budget_missing', `项目 ${project.seq} 没有预算数`);
  const unsupported = spendCellsToUnsupported(draft.spendPlanHeaders, draft.spendPlanValues);
  // Only where the matched template prints a spend plan (the central 项目绩效目标表 has none).
  if (project.spendPlan.length === 0 && unsupported.length === 0 && template?.prints.spendPlan !== false)
    add('warning', 'spend_plan_missing', `项目 ${project.seq} 没有资金支出计划`);
  for (const { month, cumulativePct } of unsupported) {
    add(
      'warning',
      'spend_month_unsupported',
      `资金支出计划 ${month}月底 ${cumulativePct}% 不在 ${SPEND_PLAN_MONTHS.join('/')} 月底之列，未存入`,
    );
  }
  if (project.goal === null) add('warning', 'goal_missing', `项目 ${project.seq} 没有绩效目标`);
  if (project.indicators.length === 0) add('warning', 'indicators_missing', `项目 ${project.seq} 没有绩效指标`);
  for (const label of draft.unknownLabels ?? [])
    add(
      'info',
      'unknown_label',
      `项目 ${project.seq} 的表格有词表未收的标签“${label.text}”（未读入；请报告此模板变体）`,
      label.pageNumber ?? project.pageFirst,
    );
  return findings;
}

/** Weights are compared with the printed total to this precision (printed weights have at most two decimals). */
const WEIGHT_SUM_TOLERANCE = 1e-6;

/**
 * The sum of an indicator table's printed weights when it differs from the total its weight header prints
 * (`分值（90）`); null when they agree, or when no total or no weight is printed.
 */
export function weightSumMismatch(indicators: readonly Indicator[], total: number | null): number | null {
  const weights = indicators.map((indicator) => indicator.weight ?? null).filter((weight) => weight !== null);
  if (total === null || weights.length === 0) return null;
  const sum = weights.reduce((a, b) => a + b, 0);
  return Math.abs(sum - total) > WEIGHT_SUM_TOLERANCE ? Number(sum.toFixed(6)) : null;
}

/** `weights_do_not_add_up`: the weight column's rows against the total its header prints (`分值（90）`). */
export function weightFindings(project: Project): Finding[] {
  const { findings, add } = findingsOfProject(project);
  const total = project.weightTotal ?? null;
  const sum = weightSumMismatch(project.indicators, total);
  if (sum !== null) add('warning', 'weights_do_not_add_up', `项目 ${project.seq} 指标分值合计 ${sum}，表头为 ${total}`);
  return findings;
}

export function projectFindings(project: Project, template: Template | null = null): Finding[] {
  const { findings, add } = findingsOfProject(project);
  // Only where the matched template prints a code (the central 项目绩效目标表 has none).
  if (project.code === null) {
    if (template?.prints.code !== false) add('warning', 'code_missing', `项目 ${project.seq} 没有项目编码`);
  } else if (project.codeCheckOk === false) add('error', 'check_char_failed', `项目编码 ${project.code} 的校验位不符`);
  else if (project.codeCheckOk === null)
    add('info', 'code_format_unknown', `项目编码 ${project.code} 不是 21 位带校验位的编码，未校验`);
  const pcts = project.spendPlan.map((checkpoint) => checkpoint.cumulativePct);
  if (pcts.length > 0 && Math.max(...pcts) < 100)
    add('warning', 'spend_plan_incomplete', `资金支出计划最高 ${Math.max(...pcts)}%，未达到 100%`);
  if (pcts.some((pct, index) => index > 0 && pct < pcts[index - 1]))
    add('warning', 'spend_plan_decreasing', `资金支出计划累计比例下降：${pcts.join('% → ')}%`);
  const { budgetTotalYuan: total, budgetFiscalYuan: fiscal, budgetOtherYuan: other } = project;
  const carryover = project.budgetCarryoverYuan ?? null;
  if (
    total !== null &&
    (fiscal !== null || other !== null || carryover !== null) &&
    (fiscal ?? 0) + (carryover ?? 0) + (other ?? 0) !== total
  ) {
    const parts = `财政资金 ${fiscal ?? 0}${carryover === null ? '' : ` + 上年结转资金 ${carryover}`} + 其他资金 ${other ?? 0}`;
    add('warning', 'budget_parts_mismatch', `${parts} ≠ 预算数 ${total}（元）`);
  }
  for (const { indicator, owners } of wrongLevel2s(project.indicators))
    add(
      'warning',
      'level2_under_wrong_level1',
      `${indicator.level2} 列在 ${indicator.level1} 之下（应属 ${owners.join('/')}）`,
      indicator.pageNumber,
    );
  return findings;
}

/** The indicators whose level-2 name belongs under other level-1 names (LEVEL2_BY_LEVEL1), with those names. */
export function wrongLevel2s(indicators: readonly Indicator[]): { indicator: Indicator; owners: string[] }[] {
  return indicators.flatMap((indicator) => {
    if (indicator.level2 === null) return [];
    const level1 = labelKey(indicator.level1);
    const level2 = labelKey(indicator.level2);
    const owners = Object.entries(LEVEL2_BY_LEVEL1)
      .filter(([, names]) => names.includes(level2))
      .map(([name]) => name);
    return owners.length > 0 && !owners.includes(level1) ? [{ indicator, owners }] : [];
  });
}
