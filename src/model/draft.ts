import { z } from 'zod';
import { OcrDecision, OcrEngines } from './ocrReading.js';

/**
 * A raw string as the page showed it: `lines` top to bottom (a table cell may wrap),
 * `text` the lines joined (CJK without a separator, ASCII words with one space).
 * After the repair stage `text` is the repaired value.
 */
export const RawText = z.object({
  text: z.string(),
  lines: z.array(z.string()),
  pageNumber: z.number().int().min(1).nullable(),
  /** Lowest OCR confidence (0..100) of the cells or lines it was read from; absent for text-layer text. */
  confidence: z.number().optional(),
  /** The engines of the cells or lines it was read from (both when they differ); absent for text-layer text. */
  engine: OcrEngines.optional(),
  /** How its text was decided (a re-read, the consensus, a vocabulary snap); absent for text-layer text. */
  decision: OcrDecision.optional(),
});
export type RawText = z.infer<typeof RawText>;

/** A cell of the spend-plan block with its horizontal position, for header/value alignment by x-overlap. */
export const PositionedText = RawText.extend({
  x0: z.number(),
  x1: z.number(),
});
export type PositionedText = z.infer<typeof PositionedText>;

/** Indicator-table column keys; extra columns (指标方向, 计量单位, 分值 ...) are kept under `extra`. */
export const IndicatorColumn = z.enum(['level1', 'level2', 'level3', 'description', 'target', 'basis']);
export type IndicatorColumn = z.infer<typeof IndicatorColumn>;

export const DraftIndicatorRow = z.object({
  pageNumber: z.number().int().min(1),
  level1: RawText.nullable(),
  level2: RawText.nullable(),
  level3: RawText.nullable(),
  description: RawText.nullable(),
  target: RawText.nullable(),
  basis: RawText.nullable(),
  /** Cells under columns outside the six standard ones, keyed by their header text. */
  extra: z.record(z.string(), RawText).default({}),
  /**
   * The indicator table's period where the project prints two (长期指标 + 年度指标, src/vocabulary/tableKinds.ts);
   * absent for a project with one indicator table (annual).
   */
  period: z.enum(['annual', 'mid_term']).optional(),
});
export type DraftIndicatorRow = z.infer<typeof DraftIndicatorRow>;

export const DraftProject = z.object({
  /** The printed number, or the document-wide ordinal when the printed numbers restart. */
  seq: z.number().int().min(1),
  /** The printed number, only when the numbering restarts (two units each numbering 1..n) and `seq` is the ordinal. */
  printedSeq: z.number().int().min(1).optional(),
  /** True when the heading printed no number (`项目支出绩效目标表` repeated): `seq` is then the heading's order. */
  unnumbered: z.boolean().optional(),
  tableTitle: RawText,
  unitCode: z.string().nullable(),
  unitName: RawText.nullable(),
  amountUnit: z.string().nullable(),
  /** The 项目编码 cell: its lines are the code's fragments. */
  code: RawText.nullable(),
  name: RawText.nullable(),
  budgetTotal: RawText.nullable(),
  budgetFiscal: RawText.nullable(),
  budgetOther: RawText.nullable(),
  fundUse: RawText.nullable(),
  spendPlanHeaders: z.array(PositionedText),
  spendPlanValues: z.array(PositionedText),
  goal: RawText.nullable(),
  /** Template-specific fields (docs/templates.md), present only when the table prints them. */
  budgetCarryover: RawText.nullable().optional(),
  budgetProjectTotal: RawText.nullable().optional(),
  competentDept: RawText.nullable().optional(),
  implementingUnit: RawText.nullable().optional(),
  goalMidTerm: RawText.nullable().optional(),
  /** The vocabulary entries (src/vocabulary/labels.ts, by printed text) the table's labels and header cells matched. */
  labelsSeen: z.array(z.string()).optional(),
  /** Label cells and header cells the vocabulary does not know (finding unknown_label). */
  unknownLabels: z.array(RawText).optional(),
  /** The indicator header cells as printed (`分值（90）` gives the weights' printed total). */
  indicatorHeaders: z.array(z.string()).optional(),
  indicators: z.array(DraftIndicatorRow),
  pageFirst: z.number().int().min(1),
  pageLast: z.number().int().min(1),
});
export type DraftProject = z.infer<typeof DraftProject>;

/** A row of a 部门整体 table's 年度主要任务 block, its cells under 任务名称 / 主要内容 / 预算金额. */
export const DraftDeptTask = z.object({
  name: RawText,
  content: RawText.nullable(),
  budget: RawText.nullable(),
});
export type DraftDeptTask = z.infer<typeof DraftDeptTask>;

/**
 * A 部门整体支出绩效目标表 as printed: the info labels it shares with project tables (资金总额, 其中：财政拨款, 主管部门,
 * 年度总体目标 …) read by the same reader, its own (部门（单位）名称, 基本支出, 部门职能), its task block and its
 * indicator rows.
 */
export const DraftDeptTarget = DraftProject.pick({
  tableTitle: true,
  amountUnit: true,
  budgetTotal: true,
  budgetFiscal: true,
  budgetOther: true,
  budgetCarryover: true,
  competentDept: true,
  goal: true,
  goalMidTerm: true,
  labelsSeen: true,
  unknownLabels: true,
  indicatorHeaders: true,
  indicators: true,
  pageFirst: true,
  pageLast: true,
}).extend({
  seq: z.number().int().min(1),
  deptName: RawText.nullable(),
  budgetBasic: RawText.nullable(),
  budgetProjects: RawText.nullable(),
  duties: RawText.nullable(),
  tasks: z.array(DraftDeptTask),
});
export type DraftDeptTarget = z.infer<typeof DraftDeptTarget>;

export const DraftTocEntry = z.object({
  /** As DraftProject.seq: the ordinal when the printed numbers restart. */
  seq: z.number().int().min(1),
  printedSeq: z.number().int().min(1).optional(),
  title: RawText,
  pageNumber: z.number().int().nullable(),
});
export type DraftTocEntry = z.infer<typeof DraftTocEntry>;

export const DraftSubGoal = z.object({
  seq: z.number().int().min(1),
  title: RawText,
  body: RawText,
});
export type DraftSubGoal = z.infer<typeof DraftSubGoal>;

export const DraftMeasure = z.object({
  seq: z.number().int().min(1),
  body: RawText,
});
export type DraftMeasure = z.infer<typeof DraftMeasure>;

/** A headed table region read as no project because of its kind (a self-evaluation, src/stages/segment/selfEvaluation.ts). */
export const DraftSkippedTable = z.object({
  kind: z.enum(['self_evaluation']),
  /** The heading as printed. */
  title: z.string(),
  pageNumber: z.number().int().min(1),
});
export type DraftSkippedTable = z.infer<typeof DraftSkippedTable>;

/** Raw strings per field, before repair and normalisation. */
export const DocumentDraft = z.object({
  cover: z.object({
    title: RawText.nullable(),
    /** The 编制单位 line, e.g. `<unit>编制`. */
    preparedBy: RawText.nullable(),
  }),
  toc: z.array(DraftTocEntry),
  overallGoal: RawText.nullable(),
  subGoals: z.array(DraftSubGoal),
  measures: z.array(DraftMeasure),
  projects: z.array(DraftProject),
  /** The 部门整体支出绩效目标表 (never projects); absent when the document prints none. */
  deptTargets: z.array(DraftDeptTarget).optional(),
  /** Headed table regions skipped for their kind (a 自评表); absent when none. */
  skippedTables: z.array(DraftSkippedTable).optional(),
});
export type DocumentDraft = z.infer<typeof DocumentDraft>;
