/**
 * Chinese column headers of the per-table sheets (`export --format xlsx --headers zh`): the 中文 column of
 * docs/schema.md for each contract table (tests/docs/schemaDoc.test.ts keeps the two equal). A column missing
 * here keeps its English name.
 */
import type { ContractTable, DeptTargetTable } from './exportCsv.js';

/**
 * The headers of an indicator row's own columns, in table order: a project's (`indicators`) and a department table's
 * (`dept_target_indicators`) are the same between their ids and what only projects have (`period`).
 */
const INDICATOR_ROW_HEADERS_ZH = {
  seq: '指标序号',
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  description: '绩效指标描述',
  target_text: '指标值',
  target_op: '指标值比较',
  target_value: '指标值数值',
  target_unit: '指标值单位',
  basis: '指标值确定依据',
  page: '页码',
  weight: '分值',
  direction: '指标方向',
  measure_unit: '计量单位',
} as const;

export const TABLE_HEADERS_ZH: Readonly<Record<ContractTable | DeptTargetTable, Readonly<Record<string, string>>>> = {
  documents: {
    id: '文档编号',
    sha256: '文件哈希',
    source_path: '源文件路径',
    title: '文档标题',
    department: '部门',
    fiscal_year: '年度',
    is_draft: '是否草案',
    page_count: '页数',
    text_source: '文本来源',
    imported_at: '导入时间',
    pipeline_version: '程序版本',
    template: '模板',
  },
  dept_goals: {
    document_id: '文档编号',
    kind: '目标类型',
    seq: '序号',
    title: '标题',
    body: '内容',
  },
  measures: {
    document_id: '文档编号',
    seq: '序号',
    body: '内容',
  },
  projects: {
    id: '项目行号',
    document_id: '文档编号',
    seq: '项目序号',
    code: '项目编码',
    code_check_ok: '校验位通过',
    name: '项目名称',
    unit_code: '单位编码',
    unit_name: '单位名称',
    amount_unit: '金额单位',
    budget_total_yuan: '预算数（元）',
    budget_fiscal_yuan: '财政资金（元）',
    budget_other_yuan: '其他资金（元）',
    fund_use: '资金用途',
    goal: '绩效目标',
    page_first: '起始页',
    page_last: '结束页',
    table_title: '表标题',
    printed_seq: '印刷序号',
    budget_carryover_yuan: '上年结转资金（元）',
    budget_project_total_yuan: '项目总预算（元）',
    competent_dept: '主管部门',
    competent_dept_code: '主管部门代码',
    implementing_unit: '实施单位',
    goal_mid_term: '中长期目标',
    weight_total: '分值合计（表头）',
  },
  spend_plan: {
    project_id: '项目行号',
    month: '月份',
    cumulative_pct: '累计支出比例',
  },
  indicators: {
    id: '指标行号',
    project_id: '项目行号',
    ...INDICATOR_ROW_HEADERS_ZH,
    period: '指标期间',
  },
  repairs: {
    id: '修复行号',
    document_id: '文档编号',
    project_id: '项目行号',
    page: '页码',
    kind: '修复类型',
    field: '字段',
    before: '修复前',
    after: '修复后',
    project_seq: '项目序号',
    confidence: '识别置信度',
  },
  findings: {
    id: '发现行号',
    document_id: '文档编号',
    project_id: '项目行号',
    severity: '严重程度',
    rule: '规则',
    message: '说明',
    project_seq: '项目序号',
    page: '页码',
  },
  dept_targets: {
    id: '部门表行号',
    document_id: '文档编号',
    seq: '部门表序号',
    table_title: '表标题',
    dept_name: '部门（单位）名称',
    competent_dept: '主管部门',
    competent_dept_code: '主管部门代码',
    amount_unit: '金额单位',
    budget_total_yuan: '资金总额（元）',
    budget_fiscal_yuan: '财政拨款（元）',
    budget_other_yuan: '其他资金（元）',
    budget_carryover_yuan: '上年结转资金（元）',
    budget_basic_yuan: '基本支出（元）',
    budget_projects_yuan: '项目支出（元）',
    duties: '部门职能',
    goal: '年度总体目标',
    goal_mid_term: '中长期目标',
    weight_total: '分值合计（表头）',
    page_first: '起始页',
    page_last: '结束页',
  },
  dept_target_tasks: {
    dept_target_id: '部门表行号',
    seq: '任务序号',
    name: '任务名称',
    content: '主要内容',
    budget_yuan: '预算金额（元）',
  },
  dept_target_indicators: {
    id: '指标行号',
    dept_target_id: '部门表行号',
    ...INDICATOR_ROW_HEADERS_ZH,
  },
};

/** The header of `column` of `table` in Chinese, or its own name when none is known. */
export function tableColumnToZh(table: string, column: string): string {
  return (TABLE_HEADERS_ZH as Record<string, Record<string, string> | undefined>)[table]?.[column] ?? column;
}
