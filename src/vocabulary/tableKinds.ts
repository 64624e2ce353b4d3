/**
 * Kinds of table beside the project's target table, as data (issue 15, TEMPLATES.md "Kinds of table", "Goals"):
 *
 * - the self-evaluation (自评表 / 绩效自评表), printed after the year: what was done and scored, never targets. Its
 *   header carries columns no target table prints (实际完成值, 得分, 全年执行数 …); a page may be titled
 *   …绩效目标表 and still hold one.
 * - the period of an indicator table: templates printing a 长期目标 (实施期目标) and a 年度目标 give each its own
 *   indicator table, opened by a sub-heading row (`长期指标`, `年度指标`) or a row-header cell (`实施期绩效指标`,
 *   `年度绩效指标`).
 */
import { labelCore } from './index.js';
import type { TemplateId } from './labels.js';

/** An indicator table's period: the year's targets (the default) or the project's whole implementation period. */
export const INDICATOR_PERIODS = ['annual', 'mid_term'] as const;
export type IndicatorPeriodName = (typeof INDICATOR_PERIODS)[number];

export type PeriodMarker = {
  /** As printed (whitespace and a trailing bracket ignored when matching). */
  text: string;
  period: IndicatorPeriodName;
  templates: readonly TemplateId[];
};

const PROVINCIAL: readonly TemplateId[] = ['provincial-application'];

/** Cells that open an indicator table of a period: a sub-heading row or a row-header cell left of 一级指标. */
export const INDICATOR_PERIOD_MARKERS: readonly PeriodMarker[] = [
  { text: '长期指标', period: 'mid_term', templates: PROVINCIAL },
  { text: '长期绩效指标', period: 'mid_term', templates: PROVINCIAL },
  { text: '中长期绩效指标', period: 'mid_term', templates: PROVINCIAL },
  { text: '实施期指标', period: 'mid_term', templates: PROVINCIAL },
  { text: '实施期绩效指标', period: 'mid_term', templates: PROVINCIAL },
  { text: '年度指标', period: 'annual', templates: PROVINCIAL },
  { text: '年度绩效指标', period: 'annual', templates: PROVINCIAL },
  { text: '本年度绩效指标', period: 'annual', templates: PROVINCIAL },
  { text: '项目年度绩效指标', period: 'annual', templates: PROVINCIAL },
];

/** The period a cell opens (`长期指标`, `年度绩效指标（2024年）`), or null for any other cell. */
export function cellToIndicatorPeriod(text: string): IndicatorPeriodName | null {
  const core = labelCore(text);
  if (core === '') return null;
  return PERIOD_BY_MARKER_CORE.get(core) ?? null;
}

/** The markers by their label core, built once (every table cell is looked up). */
const PERIOD_BY_MARKER_CORE: ReadonlyMap<string, IndicatorPeriodName> = new Map(
  INDICATOR_PERIOD_MARKERS.map((marker) => [labelCore(marker.text), marker.period]),
);

/**
 * Cells only a self-evaluation prints (its money block and indicator columns); 年度指标值, 分值 and 执行率 are printed
 * by target tables too and are not here.
 */
export const SELF_EVALUATION_LABELS: readonly string[] = [
  '全年执行数',
  '实际完成值',
  '全年实际完成值',
  '得分',
  '偏差原因分析及改进措施',
  '未完成原因分析',
];

/** Title endings naming a self-evaluation (`…项目支出绩效自评表`, `…自评表（2023年度）`). */
export const SELF_EVALUATION_TITLE_ENDINGS: readonly string[] = ['自评表', '自评结果表'];

/** Whether a cell is a label only self-evaluations print (`得分`, `得分（10）`, `实际完成值`). */
export function isSelfEvaluationLabel(text: string): boolean {
  const core = labelCore(text);
  return core !== '' && SELF_EVALUATION_LABELS.includes(core);
}

/** Whether a title names a self-evaluation (year brackets and a trailing `：` ignored). */
export function isSelfEvaluationTitle(text: string): boolean {
  let key = labelCore(text);
  while (/（[^（）]*）$/u.test(key)) key = key.replace(/（[^（）]*）$/u, '');
  return SELF_EVALUATION_TITLE_ENDINGS.some((ending) => key.endsWith(ending));
}
