/**
 * The templates a document may match (docs/templates.md), as data: what each prints, so that a finding
 * about a missing thing (code_missing, spend_plan_missing) fires only where the matched template has it.
 * A document matches the template its info-table labels vote for (labels.ts lists the templates each
 * label text was seen in); the indicator header's labels only break a tie.
 */
import {
  INDICATOR_HEADER_VARIANTS,
  INFO_LABEL_VARIANTS,
  TEMPLATE_IDS,
  type LabelVariant,
  type TemplateId,
} from './labels.js';

export type Template = {
  id: TemplateId;
  /** What the template is, in the documents' words. */
  name: string;
  /** Where and when it was seen (TEMPLATES.md, fixtures). */
  seen: readonly string[];
  /** Whether its project tables print a 项目编码, a 资金支出计划, a 资金用途 row, a weight column. */
  prints: { code: boolean; spendPlan: boolean; fundUse: boolean; weights: boolean };
};

export const TEMPLATES: readonly Template[] = [
  {
    id: 'hebei-text',
    name: '部门预算绩效文本（项目编码、单位行、资金支出计划 3/6/10/12 月底）',
    seen: ['河北 2022', 'other departments and regions 2020–2024 (same layout)'],
    prints: { code: true, spendPlan: true, fundUse: true, weights: false },
  },
  {
    id: 'central-project',
    name: '中央部门预算 附表 项目绩效目标表（主管部门及代码、年度资金总额/上年结转资金、年度总体目标、分值（90））',
    seen: ['中央部门 2023'],
    prints: { code: false, spendPlan: false, fundUse: false, weights: true },
  },
  {
    id: 'provincial-application',
    name: '省市 项目支出绩效目标申报表/审批表（主管部门、实施单位、指标方向/计量单位/分值）',
    seen: ['湖南, 湖北, 重庆, 内蒙古, 宁夏 2020–2026'],
    prints: { code: false, spendPlan: false, fundUse: false, weights: true },
  },
  {
    id: 'municipal-project',
    name: '市 项目支出绩效目标表（表名在表格首行；项目资金（元）：项目资金总额/年度资金申请总额/当年财政拨款/上年结转资金；备注）',
    seen: ['市级公开的项目支出绩效目标表 (TEMPLATES.md: 项目资金（元） block, title inside the grid)'],
    prints: { code: false, spendPlan: false, fundUse: false, weights: false },
  },
];

/** Each template's votes from the label texts seen: a label seen in n templates gives each of them 1/n. */
function votes(labelsSeen: readonly string[], variants: readonly LabelVariant<string>[]): Map<TemplateId, number> {
  const tally = new Map<TemplateId, number>(TEMPLATE_IDS.map((id) => [id, 0]));
  for (const text of new Set(labelsSeen)) {
    const variant = variants.find((candidate) => candidate.text === text);
    if (!variant) continue;
    for (const id of variant.templates) tally.set(id, (tally.get(id) ?? 0) + 1 / variant.templates.length);
  }
  return tally;
}

/** The template a document's labels vote for (info labels first, header labels to break a tie); null without votes. */
export function labelsToTemplate(labelsSeen: readonly string[]): Template | null {
  const info = votes(labelsSeen, INFO_LABEL_VARIANTS);
  const header = votes(labelsSeen, INDICATOR_HEADER_VARIANTS);
  let best: Template | null = null;
  let bestScore: [number, number] = [0, 0];
  for (const template of TEMPLATES) {
    const score: [number, number] = [info.get(template.id) ?? 0, header.get(template.id) ?? 0];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = template;
      bestScore = score;
    }
  }
  return best;
}
