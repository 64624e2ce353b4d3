import { z } from 'zod';
import { Finding, Repair } from './findings.js';
import { OcrDecision, OcrEngines } from './ocrReading.js';

export const TargetOp = z.enum(['>=', '<=', '>', '<', '=']);
export type TargetOp = z.infer<typeof TargetOp>;

/** An indicator table's period: the year's targets, or the project's whole implementation period (长期/实施期). */
export const IndicatorPeriod = z.enum(['annual', 'mid_term']);
export type IndicatorPeriod = z.infer<typeof IndicatorPeriod>;

export const Indicator = z.object({
  /** 1-based position in the printed table. */
  seq: z.number().int().min(1),
  level1: z.string(),
  level2: z.string().nullable(),
  level3: z.string().nullable(),
  description: z.string().nullable(),
  /** The 指标值 as printed, after repair; null for 无/没有 rows. */
  targetText: z.string().nullable(),
  targetOp: TargetOp.nullable(),
  targetValue: z.number().nullable(),
  targetUnit: z.string().nullable(),
  basis: z.string().nullable(),
  pageNumber: z.number().int().min(1),
  /** The row's weight (分值 / 权重 column) as printed; null or absent where the template has no weight column. */
  weight: z.number().nullable().optional(),
  /** 指标方向 as printed (正向/反向); null or absent where the template has no such column. */
  direction: z.string().nullable().optional(),
  /** 计量单位 / 度量单位 as printed; null or absent where the template has no such column. */
  measureUnit: z.string().nullable().optional(),
  /**
   * The indicator table's period where the project prints two (长期指标 + 年度指标): `mid_term` or `annual`; absent for a
   * project with one indicator table, which is annual (stored `annual`).
   */
  period: IndicatorPeriod.optional(),
});
export type Indicator = z.infer<typeof Indicator>;

export const SpendMonth = z.union([z.literal(3), z.literal(6), z.literal(10), z.literal(12)]);
export type SpendMonth = z.infer<typeof SpendMonth>;

export const SpendCheckpoint = z.object({
  month: SpendMonth,
  cumulativePct: z.number(),
});
export type SpendCheckpoint = z.infer<typeof SpendCheckpoint>;

export const Project = z.object({
  /** The number the document gives the table (1..n); the document-wide ordinal when the printed numbers restart. */
  seq: z.number().int().min(1),
  /** The printed number when it differs from `seq` (numbering restarts, e.g. per budget unit); absent otherwise. */
  printedSeq: z.number().int().min(1).optional(),
  tableTitle: z.string(),
  /** 项目编码 with every line break and space removed; null when the table has none. */
  code: z.string().nullable(),
  /** Whether the code's last character passes the check (docs/design.md §3); null without a code. */
  codeCheckOk: z.boolean().nullable(),
  name: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  /**
   * As printed after 单位： (or in a label's bracket, or after the amounts), e.g. 万元 or 元; '' when nothing prints it
   * (finding amount_unit_missing, yuan fields null).
   */
  amountUnit: z.string(),
  budgetTotalYuan: z.number().int().nullable(),
  budgetFiscalYuan: z.number().int().nullable(),
  budgetOtherYuan: z.number().int().nullable(),
  fundUse: z.string().nullable(),
  goal: z.string().nullable(),
  /** 上年结转资金 in yuan (central and some provincial templates); null or absent where not printed. */
  budgetCarryoverYuan: z.number().int().nullable().optional(),
  /** 项目总预算 in yuan: the whole project over its years (provincial 申报表), beside the year's budget; null or absent. */
  budgetProjectTotalYuan: z.number().int().nullable().optional(),
  /** 主管部门 as printed without its code (`[158]某部` → 某部); null or absent where not printed. */
  competentDept: z.string().nullable().optional(),
  /** The code printed in brackets before the 主管部门 (`[158]`, `(433)` → 158, 433); null where none. */
  competentDeptCode: z.string().nullable().optional(),
  /** 实施单位 as printed; null or absent where not printed. */
  implementingUnit: z.string().nullable().optional(),
  /** The mid-term goal (中长期目标, 实施期绩效目标) beside the annual `goal`; null or absent where not printed. */
  goalMidTerm: z.string().nullable().optional(),
  /** The total the weight column's header prints (`分值（90）` → 90); null or absent where none. */
  weightTotal: z.number().nullable().optional(),
  /** Checkpoints that print a value, in month order. */
  spendPlan: z.array(SpendCheckpoint),
  /** The month headers as printed after repair, e.g. 3月底. */
  spendPlanHeaders: z.array(z.string()),
  indicators: z.array(Indicator),
  pageFirst: z.number().int().min(1),
  pageLast: z.number().int().min(1),
});
export type Project = z.infer<typeof Project>;

/** One row of a 部门整体 table's 年度主要任务 block: 任务名称 | 主要内容 | 预算金额. */
export const DeptTask = z.object({
  /** 1-based position in the printed block. */
  seq: z.number().int().min(1),
  name: z.string(),
  content: z.string().nullable(),
  /** 预算金额 in yuan (the table's amount unit); null when not printed or not an amount. */
  budgetYuan: z.number().int().nullable(),
});
export type DeptTask = z.infer<typeof DeptTask>;

/**
 * A 部门整体支出绩效目标表 (also 部门整体绩效目标表, …部门整体支出绩效目标申报表): one per department, no project
 * (docs/templates.md "部门整体"). Its indicators have the shape of a project's.
 */
export const DeptTargetTable = z.object({
  /** 1-based order of the department tables in the document. */
  seq: z.number().int().min(1),
  tableTitle: z.string(),
  /** 部门（单位）名称 / 部门名称 as printed; null where not printed. */
  deptName: z.string().nullable(),
  /** 主管部门 without its bracketed code; null where not printed. */
  competentDept: z.string().nullable(),
  /** The code printed in brackets before the 主管部门 (`(512)` → 512); null where none. */
  competentDeptCode: z.string().nullable(),
  /** As printed (单位：万元, a label's bracket `年度预算资金（万元）`); '' when nothing prints it (yuan fields null). */
  amountUnit: z.string(),
  /** 资金总额 / 年度预算: the department's whole budget of the year, in yuan. */
  budgetTotalYuan: z.number().int().nullable(),
  /** 其中：财政拨款. */
  budgetFiscalYuan: z.number().int().nullable(),
  /** 其他资金. */
  budgetOtherYuan: z.number().int().nullable(),
  /** 上年结转资金. */
  budgetCarryoverYuan: z.number().int().nullable(),
  /** 其中：基本支出 (the split of the total into basic and project spending, where printed). */
  budgetBasicYuan: z.number().int().nullable(),
  /** 项目支出 beside 基本支出. */
  budgetProjectsYuan: z.number().int().nullable(),
  /** 部门职能 / 部门职责 as printed; null where not printed. */
  duties: z.string().nullable(),
  /** 年度总体目标 / 年度绩效目标 / 年度目标. */
  goal: z.string().nullable(),
  /** 中长期目标 / 长期目标 where printed. */
  goalMidTerm: z.string().nullable(),
  /** The 年度主要任务 block's rows, in printed order; [] where the table prints none. */
  tasks: z.array(DeptTask),
  /** The total the weight column's header prints (`分值（100）` → 100); null where none. */
  weightTotal: z.number().nullable(),
  indicators: z.array(Indicator),
  pageFirst: z.number().int().min(1),
  pageLast: z.number().int().min(1),
});
export type DeptTargetTable = z.infer<typeof DeptTargetTable>;

export const DeptGoal = z.object({
  kind: z.enum(['overall', 'sub']),
  seq: z.number().int().min(0),
  title: z.string().nullable(),
  body: z.string(),
});
export type DeptGoal = z.infer<typeof DeptGoal>;

export const Measure = z.object({
  seq: z.number().int().min(1),
  body: z.string(),
});
export type Measure = z.infer<typeof Measure>;

export const TocEntry = z.object({
  seq: z.number().int().min(1),
  title: z.string(),
  pageNumber: z.number().int().nullable(),
});
export type TocEntry = z.infer<typeof TocEntry>;

/**
 * One field read by OCR (issue 13 "confidence everywhere"): where it is, which engine read it, how sure it was and how
 * its text was decided. Stored in `ocr_fields`.
 */
export const OcrField = z.object({
  /** The project's seq (projects.seq), null for document-level text. */
  projectSeq: z.number().int().nullable(),
  /** The field by the name repairs use: `code`, `indicators[3].target`, `overallGoal`. */
  field: z.string(),
  pageNumber: z.number().int().min(1).nullable(),
  /** Null only when the reader did not say (a pool that tags no engine). */
  engine: OcrEngines.nullable(),
  /** Lowest OCR confidence of the cells or lines the field joins, 0..100. */
  confidence: z.number(),
  decision: OcrDecision.nullable(),
  /** The field's text after repair, as stored. */
  text: z.string(),
});
export type OcrField = z.infer<typeof OcrField>;

export const DocumentTextSource = z.enum(['text', 'ocr', 'mixed']);
export type DocumentTextSource = z.infer<typeof DocumentTextSource>;

/** One budget-performance document, validated: what the store loads. */
export const BudgetDocument = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sourcePath: z.string(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
  isDraft: z.boolean(),
  pageCount: z.number().int().min(0),
  textSource: DocumentTextSource,
  /** The template the project tables matched (docs/templates.md: `hebei-text`, `central-project`, …); null when none. */
  template: z.string().nullable().optional(),
  toc: z.array(TocEntry),
  deptGoals: z.array(DeptGoal),
  measures: z.array(Measure),
  projects: z.array(Project),
  /** The 部门整体支出绩效目标表 of the document; absent when it prints none (documents of only project tables). */
  deptTargets: z.array(DeptTargetTable).optional(),
  repairs: z.array(Repair),
  findings: z.array(Finding),
  /** Every field read by OCR, with engine, confidence and decision; absent for a text-layer document. */
  ocrFields: z.array(OcrField).optional(),
});
export type BudgetDocument = z.infer<typeof BudgetDocument>;
