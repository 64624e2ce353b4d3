/**
 * The review reasons of the flat sheet in Chinese (`--headers zh`): one phrase per finding rule and
 * per repair kind, and the Chinese name of each repaired field. These are data: docs/findings.md
 * prints the same phrases in its 中文 column (tests/docs/findingsDoc.test.ts keeps the two equal),
 * and a rule or kind added to the model without a phrase here does not type-check.
 */
import type { FindingRule, RepairKind } from '../../model/findings.js';
import type { OcrDecision, OcrEngines } from '../../model/ocrReading.js';

/** What each finding rule tells a reader, as a short Chinese sentence. */
export const FINDING_RULE_ZH: Readonly<Record<FindingRule, string>> = {
  check_char_failed: '项目编码校验位不符',
  code_missing: '项目未列项目编码',
  code_format_unknown: '项目编码不是21位标准格式，未校验',
  spend_plan_incomplete: '资金支出计划累计未达到100%',
  spend_plan_decreasing: '资金支出计划累计比例下降',
  spend_plan_missing: '项目未列资金支出计划',
  spend_month_unsupported: '资金支出计划含无法存储的月份',
  budget_parts_mismatch: '财政资金与其他资金之和不等于预算数',
  weights_do_not_add_up: '指标分值之和不等于表头所列总分',
  budget_missing: '项目未列预算数',
  amount_unit_missing: '未找到金额单位，金额未换算',
  amount_unparsed: '金额不是有效数字，未换算',
  goal_missing: '项目未列绩效目标',
  indicators_missing: '项目没有绩效指标',
  level2_under_wrong_level1: '二级指标不属于所在的一级指标',
  ocr_low_confidence: 'OCR识别置信度低，请对照原文',
  title_missing: '封面未找到文档标题',
  unknown_label: '表中有未识别的标签，该栏未读取',
  self_evaluation_skipped: '自评表不是绩效目标，未导入',
  toc_project_missing: '目录所列项目在正文中未找到',
  project_not_in_toc: '项目表未列入目录',
  toc_title_mismatch: '目录标题与项目表标题不一致',
  project_numbering_restarts: '项目序号重新编号（多个预算单位）',
  project_unnumbered: '项目标题未编号，已按出现顺序编号',
  blank_pages: '有空白页，未做OCR',
  render_downscaled: '页面过大，已降低分辨率识别',
  page_turned: '页面倒置扫描，已旋转180°识别',
  image_over_budget: '页面图片过大，未读取',
};

/** What each repair kind changed, as a short Chinese phrase. */
export const REPAIR_KIND_ZH: Readonly<Record<RepairKind, string>> = {
  split_code: '折行的项目编码已合并',
  wrapped_cell: '单元格内折行已合并',
  page_continuation: '跨页断开的行已合并',
  cjk_space: '汉字间空格已删除',
  punct_space: '标点旁空格已删除',
  fullwidth_paren: '括号已改为全角',
  fullwidth_digits: '全角数字已改为半角',
  ocr_check_char: 'OCR识别的项目编码已按校验位确定',
  ocr_comparator: 'OCR误识的≥/≤已更正',
  ocr_fullwidth: 'OCR识别的全角字符已改为半角',
  ocr_money: 'OCR识别的金额已整理为数字',
  ocr_percent: 'OCR误识的%已更正',
  ocr_vocabulary: 'OCR识别的标签已按词表校正',
  ocr_consensus: 'OCR多次识别的同一文字已按多数统一',
  control_character: '文本层中的控制字符已删除',
};

/** The OCR engines of a field (ocr_fields.engine), in Chinese. */
export const OCR_ENGINE_ZH: Readonly<Record<OcrEngines, string>> = {
  tesseract: 'Tesseract',
  paddle: 'PaddleOCR',
  'paddle+tesseract': 'PaddleOCR与Tesseract',
};

/** How an OCR-read field's text was decided (ocr_fields.decision), in Chinese. */
export const OCR_DECISION_ZH: Readonly<Record<OcrDecision, string>> = {
  read: '首次识别',
  'reread:strip': '多行单元格逐行重识',
  'reread:code': '项目编码按校验位重识',
  'reread:alphabet': '按字符集重识',
  'reread:number': '数字重识',
  'reread:thin_strokes': '按图像判定数字1',
  'reread:comparator': '按图像判定≥/≤',
  engines_agree: '两种引擎识别一致',
  engine_vote: '两种引擎识别不一致，择优',
  consensus: '同文多数表决',
  vocabulary: '按词表校正',
  repaired: 'OCR修复规则更正（见修复记录）',
};

/** Chinese names of the fields a repair names (`field` of `repairs`): the printed table labels. */
const FIELD_ZH: Readonly<Record<string, string>> = {
  code: '项目编码',
  name: '项目名称',
  title: '文档标题',
  goal: '绩效目标',
  fundUse: '资金用途',
  amountUnit: '金额单位',
  budgetTotal: '预算数',
  budgetFiscal: '财政资金',
  budgetOther: '其他资金',
  unitCode: '单位编码',
  unitName: '单位名称',
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  description: '绩效指标描述',
  target: '指标值',
  targetText: '指标值',
  tableTitle: '表标题',
  overallGoal: '总体绩效目标',
  subGoals: '分项绩效目标',
  measures: '工作保障措施',
  toc: '目录',
  basis: '指标值确定依据',
  spendPlanHeaders: '资金支出计划表头',
  spendPlanValues: '资金支出计划金额',
  spendPlan: '资金支出计划',
  preparedBy: '编制单位',
  budgetCarryover: '上年结转资金',
  budgetProjectTotal: '项目总额',
  competentDept: '主管部门',
  implementingUnit: '实施单位',
  goalMidTerm: '中期绩效目标',
  deptName: '部门名称',
  duties: '部门职能',
  budgetBasic: '基本支出',
  budgetProjects: '项目支出',
  tasks: '年度主要任务',
};

/** Names of the fields of a listed item where they differ from FIELD_ZH's (a task's `name` is not the project's). */
const ITEM_FIELD_ZH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  tasks: { name: '任务名称', content: '主要内容', budget: '预算金额' },
  subGoals: { title: '标题', body: '内容' },
  toc: { title: '标题' },
  measures: { body: '内容' },
};

/**
 * `indicators[1].level2` → `第2条指标的二级指标`; `spendPlanHeaders[1]` → `资金支出计划表头第2项`; `code` → `项目编码`;
 * an extra column by its printed header (`indicators[0].分值` → `第1条指标的分值`); a 部门整体 table's fields under the
 * table (`deptTargets[0].tasks[1].content` → `第1张部门整体表的年度主要任务第2项的主要内容`). A field this table does not
 * know is returned as it is.
 */
export function repairFieldToZh(field: string): string {
  const dept = /^deptTargets\[(\d+)\]\.(.+)$/u.exec(field);
  if (dept) return `第${Number(dept[1]) + 1}张部门整体表的${repairFieldToZh(dept[2])}`;
  const indicator = /^indicators\[(\d+)\]\.([^.]+)$/u.exec(field);
  if (indicator) return `第${Number(indicator[1]) + 1}条指标的${FIELD_ZH[indicator[2]] ?? indicator[2]}`;
  const indexed = /^(\w+)\[(\d+)\](?:\.(\w+))?$/u.exec(field);
  if (indexed && FIELD_ZH[indexed[1]]) {
    const item = `${FIELD_ZH[indexed[1]]}第${Number(indexed[2]) + 1}项`;
    const part = indexed[3] && (ITEM_FIELD_ZH[indexed[1]]?.[indexed[3]] ?? FIELD_ZH[indexed[3]]);
    return part ? `${item}的${part}` : item;
  }
  return FIELD_ZH[field] ?? field;
}

/** `项目编码校验位不符（第5页）`. */
export function findingToReasonZh(rule: string, page: number | null): string {
  const text = FINDING_RULE_ZH[rule as FindingRule] ?? rule;
  return page === null ? text : `${text}（第${page}页）`;
}

/** `OCR识别的标签已按词表校正：第2条指标的二级指标（第6页，识别置信度62）`. */
export function repairToReasonZh(kind: string, field: string, page: number | null, confidence: number): string {
  const text = REPAIR_KIND_ZH[kind as RepairKind] ?? kind;
  const where = page === null ? '' : `第${page}页，`;
  return `${text}：${repairFieldToZh(field)}（${where}识别置信度${Math.round(confidence)}）`;
}
