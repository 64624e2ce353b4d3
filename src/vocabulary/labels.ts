/**
 * Templates as data (issue 15, docs/templates.md): every label text a project table prints, the field it
 * fills and the templates (and years) it was seen in. Segmentation reads info tables and indicator headers
 * through these entries only, so a new province's variant is an entry here (and a fixture), not code; the
 * templates a document's labels vote for decide which template it matched (templates.ts).
 *
 * Facts from what real documents of the national family print (docs/templates.md) and the fixtures. Order matters
 * where two entries share a comparison core (labelCore): the first entry of a core wins.
 */
import type { IndicatorColumn } from '../model/draft.js';

/** Templates the vocabulary knows (docs/templates.md describes each). */
export const TEMPLATE_IDS = [
  /** The seed's 部门预算绩效文本 (Hebei style): 项目编码, unit line, 资金支出计划 at 3/6/10/12 months. */
  'hebei-text',
  /** 中央部门预算 项目绩效目标表: unnumbered title per page, 主管部门及代码, 年度资金总额/上年结转资金, 分值（90）. */
  'central-project',
  /** Provincial and municipal 申报表/审批表/目标表: 主管部门/实施单位, 指标方向/计量单位/分值 columns. */
  'provincial-application',
  /** Municipal 项目支出绩效目标表: title in the grid, 项目资金（元） with 项目资金总额/年度资金申请总额/当年财政拨款, 备注 column. */
  'municipal-project',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Fields an info-table label fills; `notMoney` marks printed cells that are read as nothing (执行率, 分值（10）). */
export const INFO_FIELDS = [
  'code',
  'name',
  'budgetBlock',
  'budgetTotal',
  'budgetFiscal',
  'budgetOther',
  'fundUse',
  'spendPlan',
  'goal',
  'budgetCarryover',
  'competentDept',
  'implementingUnit',
  'goalMidTerm',
  'budgetProjectTotal',
  'notMoney',
  /** A 部门整体 table's own labels (vocabulary/deptTargets.ts): its department, the basic/project split, its duties. */
  'deptName',
  'budgetBasic',
  'budgetProjects',
  'deptDuties',
] as const;
export type InfoField = (typeof INFO_FIELDS)[number];

export type LabelVariant<Field extends string> = {
  /** The label as printed (whitespace, `其中：`, a trailing `：` and one trailing bracket are ignored when matching). */
  text: string;
  field: Field;
  /** Templates this text was seen in. */
  templates: readonly TemplateId[];
  /** Fiscal years of the documents it was seen in, where known. */
  years?: readonly number[];
};

const ALL: readonly TemplateId[] = TEMPLATE_IDS;
const HEBEI: readonly TemplateId[] = ['hebei-text'];
const CENTRAL: readonly TemplateId[] = ['central-project'];
const PROVINCIAL: readonly TemplateId[] = ['provincial-application'];
const MUNICIPAL: readonly TemplateId[] = ['municipal-project'];

/** Info-table labels (the rows above the indicator table). */
export const INFO_LABEL_VARIANTS: readonly LabelVariant<InfoField>[] = [
  { text: '项目编码', field: 'code', templates: HEBEI, years: [2020, 2021, 2022, 2023, 2024] },
  { text: '项目代码', field: 'code', templates: HEBEI },
  { text: '项目名称', field: 'name', templates: ALL },
  { text: '预算规模及资金用途', field: 'budgetBlock', templates: HEBEI, years: [2022] },
  { text: '预算规模及用途', field: 'budgetBlock', templates: HEBEI },
  /** Matched by its core 项目资金: the municipal table prints `项目资金（元）`, the bracket giving the unit. */
  {
    text: '项目资金（万元）',
    field: 'budgetBlock',
    templates: ['central-project', 'provincial-application', 'municipal-project'],
    years: [2021, 2022, 2023],
  },
  { text: '预算数', field: 'budgetTotal', templates: HEBEI, years: [2022] },
  { text: '预算金额', field: 'budgetTotal', templates: HEBEI },
  { text: '年度预算数', field: 'budgetTotal', templates: HEBEI },
  { text: '项目预算数', field: 'budgetTotal', templates: HEBEI },
  { text: '预算总额', field: 'budgetTotal', templates: HEBEI },
  { text: '年度预算', field: 'budgetTotal', templates: HEBEI },
  { text: '预算资金', field: 'budgetTotal', templates: HEBEI },
  { text: '资金总额', field: 'budgetTotal', templates: PROVINCIAL },
  { text: '年度资金申请总额', field: 'budgetTotal', templates: MUNICIPAL, years: [2022] },
  { text: '项目当年预算', field: 'budgetTotal', templates: PROVINCIAL, years: [2021] },
  { text: '当年年度预算', field: 'budgetTotal', templates: PROVINCIAL },
  {
    text: '年度资金总额',
    field: 'budgetTotal',
    templates: ['central-project', 'provincial-application'],
    years: [2023],
  },
  { text: '其中：财政资金', field: 'budgetFiscal', templates: HEBEI, years: [2022] },
  { text: '财政资金', field: 'budgetFiscal', templates: HEBEI },
  {
    text: '其中：财政拨款',
    field: 'budgetFiscal',
    templates: ['central-project', 'provincial-application', 'municipal-project'],
    years: [2022],
  },
  {
    text: '财政拨款',
    field: 'budgetFiscal',
    templates: ['central-project', 'provincial-application', 'municipal-project'],
  },
  { text: '当年财政拨款', field: 'budgetFiscal', templates: MUNICIPAL, years: [2022] },
  { text: '其他资金', field: 'budgetOther', templates: ALL },
  { text: '资金用途', field: 'fundUse', templates: HEBEI },
  { text: '主要用途', field: 'fundUse', templates: HEBEI },
  { text: '项目内容', field: 'fundUse', templates: HEBEI },
  { text: '资金支出计划（%）', field: 'spendPlan', templates: HEBEI, years: [2022] },
  { text: '资金支出计划', field: 'spendPlan', templates: HEBEI },
  { text: '资金支出进度计划（%）', field: 'spendPlan', templates: HEBEI },
  { text: '资金支出进度计划', field: 'spendPlan', templates: HEBEI },
  { text: '绩效目标', field: 'goal', templates: HEBEI, years: [2022] },
  { text: '年度绩效目标', field: 'goal', templates: HEBEI },
  { text: '项目绩效目标', field: 'goal', templates: HEBEI },
  { text: '年度目标', field: 'goal', templates: ['hebei-text', 'provincial-application', 'municipal-project'] },
  { text: '总体绩效目标', field: 'goal', templates: MUNICIPAL, years: [2022] },
  { text: '总体目标', field: 'goal', templates: MUNICIPAL },
  { text: '年度总体目标', field: 'goal', templates: CENTRAL, years: [2023] },
  { text: '项目绩效总目标', field: 'goal', templates: PROVINCIAL },
  { text: '本年度绩效目标', field: 'goal', templates: PROVINCIAL },
  {
    text: '上年结转资金',
    field: 'budgetCarryover',
    templates: ['central-project', 'provincial-application', 'municipal-project'],
    years: [2022, 2023],
  },
  { text: '主管部门及代码', field: 'competentDept', templates: CENTRAL, years: [2023] },
  { text: '主管部门', field: 'competentDept', templates: ['provincial-application', 'municipal-project'] },
  {
    text: '实施单位',
    field: 'implementingUnit',
    templates: ['central-project', 'provincial-application', 'municipal-project'],
    years: [2022, 2023],
  },
  { text: '中长期目标', field: 'goalMidTerm', templates: PROVINCIAL, years: [2021] },
  { text: '实施期绩效目标', field: 'goalMidTerm', templates: PROVINCIAL },
  { text: '长期目标', field: 'goalMidTerm', templates: PROVINCIAL },
  { text: '项目总预算', field: 'budgetProjectTotal', templates: PROVINCIAL, years: [2021] },
  /** Beside 年度资金申请总额 (the year's amount, budgetTotal): the project's whole amount. */
  { text: '项目资金总额', field: 'budgetProjectTotal', templates: MUNICIPAL, years: [2022] },
  { text: '执行率', field: 'notMoney', templates: CENTRAL, years: [2023] },
  { text: '分值', field: 'notMoney', templates: CENTRAL, years: [2023] },
  // A 部门整体支出绩效目标表's own labels (TEMPLATES.md "Kinds of table"), printed beside the project tables of every
  // template: they vote for all alike, so they never tip a document's template. The labels it shares with project
  // tables (资金总额, 其中：财政拨款, 主管部门, 年度总体目标 …) are above.
  { text: '部门（单位）名称', field: 'deptName', templates: ALL },
  { text: '部门名称', field: 'deptName', templates: ALL },
  { text: '单位（部门）名称', field: 'deptName', templates: ALL },
  /** Over the department's amounts (`年度预算资金（万元）`, its bracket giving the unit). */
  { text: '年度预算资金', field: 'budgetBlock', templates: ALL },
  { text: '部门预算资金', field: 'budgetBlock', templates: ALL },
  { text: '年度部门预算', field: 'budgetTotal', templates: ALL },
  { text: '部门预算总额', field: 'budgetTotal', templates: ALL },
  { text: '其中：基本支出', field: 'budgetBasic', templates: ALL },
  { text: '基本支出', field: 'budgetBasic', templates: ALL },
  { text: '项目支出', field: 'budgetProjects', templates: ALL },
  { text: '部门职能', field: 'deptDuties', templates: ALL },
  { text: '部门职责', field: 'deptDuties', templates: ALL },
  { text: '部门职能职责', field: 'deptDuties', templates: ALL },
];

/** Fields an indicator-table header cell fills: the six standard columns or one of the further ones. */
export type IndicatorField =
  | IndicatorColumn
  | 'weight'
  | 'direction'
  | 'measureUnit'
  | 'nature'
  | 'remark'
  | 'rowNumber';

/** Indicator-table header cells. */
export const INDICATOR_HEADER_VARIANTS: readonly LabelVariant<IndicatorField>[] = [
  { text: '一级指标', field: 'level1', templates: ALL },
  { text: '二级指标', field: 'level2', templates: ALL },
  { text: '三级指标', field: 'level3', templates: ALL },
  { text: '绩效指标描述', field: 'description', templates: HEBEI, years: [2022] },
  { text: '指标描述', field: 'description', templates: HEBEI },
  { text: '指标内容', field: 'description', templates: ['provincial-application', 'municipal-project'] },
  { text: '指标值', field: 'target', templates: ALL },
  { text: '年度指标值', field: 'target', templates: PROVINCIAL },
  { text: '目标值', field: 'target', templates: PROVINCIAL },
  { text: '指标值确定依据', field: 'basis', templates: HEBEI, years: [2022] },
  { text: '确定依据', field: 'basis', templates: HEBEI },
  { text: '分值', field: 'weight', templates: ['central-project', 'provincial-application'], years: [2023] },
  { text: '权重', field: 'weight', templates: ['central-project', 'provincial-application'] },
  { text: '分值权重', field: 'weight', templates: CENTRAL },
  { text: '指标方向', field: 'direction', templates: PROVINCIAL, years: [2021] },
  { text: '计量单位', field: 'measureUnit', templates: PROVINCIAL },
  { text: '度量单位', field: 'measureUnit', templates: PROVINCIAL },
  { text: '指标性质', field: 'nature', templates: PROVINCIAL },
  /** A remarks column (备注): kept as an extra column, read as nothing. */
  { text: '备注', field: 'remark', templates: ['provincial-application', 'municipal-project'], years: [2022] },
  /** A 序号 column left of 一级指标 (variant fixture civil-2020): numbers the rows, read as nothing. */
  { text: '序号', field: 'rowNumber', templates: HEBEI, years: [2020] },
];
