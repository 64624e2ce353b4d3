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
});
export type DocumentDraft = z.infer<typeof DocumentDraft>;
