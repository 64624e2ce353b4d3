import { z } from 'zod';

/**
 * What a Repair did (docs/findings.md lists each): split_code a project code joined from a wrapped
 * cell; wrapped_cell a cell's line breaks joined; page_continuation a row cut by a page break joined;
 * cjk_space spaces between CJK characters removed; punct_space spaces beside punctuation removed;
 * fullwidth_paren ASCII brackets in Chinese text made full-width; fullwidth_digits a number printed in
 * full-width forms made ASCII; ocr_* an OCR misreading undone (check character, comparator, full-width
 * characters, money digits, percent, closed vocabulary); control_character a control character, noncharacter or
 * lone surrogate the text layer mapped a glyph to, removed at load.
 */
export const RepairKind = z.enum([
  'split_code',
  'wrapped_cell',
  'page_continuation',
  'cjk_space',
  'punct_space',
  'fullwidth_paren',
  'fullwidth_digits',
  'ocr_check_char',
  'ocr_comparator',
  'ocr_fullwidth',
  'ocr_money',
  'ocr_percent',
  'ocr_vocabulary',
  'ocr_consensus',
  'control_character',
]);
export type RepairKind = z.infer<typeof RepairKind>;

/** A change the pipeline made to what the page showed. Stored in `repairs`. */
export const Repair = z.object({
  pageNumber: z.number().int().min(1).nullable(),
  /** The project's printed seq (projects.seq), null for document-level text. */
  projectSeq: z.number().int().nullable(),
  kind: RepairKind,
  /** What was repaired, e.g. `code`, `indicators[3].level2`, `goal`. */
  field: z.string(),
  before: z.string(),
  after: z.string(),
  /** OCR repairs may carry the confidence of the text they changed (0..100). */
  confidence: z.number().optional(),
});
export type Repair = z.infer<typeof Repair>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** The rule a Finding names; each is explained in docs/findings.md (a test keeps the two equal). */
export const FindingRule = z.enum([
  'check_char_failed',
  'code_missing',
  'code_format_unknown',
  'spend_plan_incomplete',
  'spend_plan_decreasing',
  'spend_plan_missing',
  'spend_month_unsupported',
  'budget_parts_mismatch',
  'budget_missing',
  'amount_unit_missing',
  'amount_unparsed',
  'goal_missing',
  'indicators_missing',
  'level2_under_wrong_level1',
  'ocr_low_confidence',
  'title_missing',
  'toc_project_missing',
  'project_not_in_toc',
  'toc_title_mismatch',
  'project_numbering_restarts',
  'project_unnumbered',
  'blank_pages',
  'render_downscaled',
  'page_turned',
  'image_over_budget',
  'unknown_label',
  'weights_do_not_add_up',
  'self_evaluation_skipped',
]);
export type FindingRule = z.infer<typeof FindingRule>;

/** Something a reader should check. Stored in `findings`. */
export const Finding = z.object({
  projectSeq: z.number().int().nullable(),
  severity: Severity,
  rule: FindingRule,
  message: z.string(),
  pageNumber: z.number().int().min(1).nullable().optional(),
});
export type Finding = z.infer<typeof Finding>;
