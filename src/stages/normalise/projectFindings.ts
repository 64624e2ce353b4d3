/** Findings about one project a reader should check: code, amounts, spend plan, goal and indicators. */
import type { Finding, FindingRule, Project } from '../../model/index.js';
import type { DraftProject, RawText } from '../../model/draft.js';
import { LEVEL2_BY_LEVEL1, labelKey } from '../../vocabulary/index.js';
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
export function draftProjectFindings(draft: DraftProject, project: Project, amountUnit: string | null): Finding[] {
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
  if (project.spendPlan.length === 0 && unsupported.length === 0)
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
  return findings;
}

export function projectFindings(project: Project): Finding[] {
  const { findings, add } = findingsOfProject(project);
  if (project.code === null) add('warning', 'code_missing', `项目 ${project.seq} 没有项目编码`);
  else if (project.codeCheckOk === false) add('error', 'check_char_failed', `项目编码 ${project.code} 的校验位不符`);
  else if (project.codeCheckOk === null)
    add('info', 'code_format_unknown', `项目编码 ${project.code} 不是 21 位带校验位的编码，未校验`);
  const pcts = project.spendPlan.map((checkpoint) => checkpoint.cumulativePct);
  if (pcts.length > 0 && Math.max(...pcts) < 100)
    add('warning', 'spend_plan_incomplete', `资金支出计划最高 ${Math.max(...pcts)}%，未达到 100%`);
  if (pcts.some((pct, index) => index > 0 && pct < pcts[index - 1]))
    add('warning', 'spend_plan_decreasing', `资金支出计划累计比例下降：${pcts.join('% → ')}%`);
  const { budgetTotalYuan: total, budgetFiscalYuan: fiscal, budgetOtherYuan: other } = project;
  if (total !== null && (fiscal !== null || other !== null) && (fiscal ?? 0) + (other ?? 0) !== total) {
    add('warning', 'budget_parts_mismatch', `财政资金 ${fiscal ?? 0} + 其他资金 ${other ?? 0} ≠ 预算数 ${total}（元）`);
  }
  for (const indicator of project.indicators) {
    if (indicator.level2 === null) continue;
    const level1 = labelKey(indicator.level1);
    const level2 = labelKey(indicator.level2);
    const owners = Object.entries(LEVEL2_BY_LEVEL1)
      .filter(([, names]) => names.includes(level2))
      .map(([name]) => name);
    if (owners.length > 0 && !owners.includes(level1)) {
      add(
        'warning',
        'level2_under_wrong_level1',
        `${indicator.level2} 列在 ${indicator.level1} 之下（应属 ${owners.join('/')}）`,
        indicator.pageNumber,
      );
    }
  }
  return findings;
}
