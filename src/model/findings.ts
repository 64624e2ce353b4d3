import { z } from 'zod';

/** A change the pipeline made to what the page showed. Stored in `repairs`. */
export const Repair = z.object({
  pageNumber: z.number().int().min(1).nullable(),
  /** The project's printed seq (projects.seq), null for document-level text. */
  projectSeq: z.number().int().nullable(),
  /** e.g. split_code, wrapped_cell, page_continuation, cjk_space, ocr_vocabulary, ocr_check_char */
  kind: z.string(),
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

/** Something a reader should check. Stored in `findings`. */
export const Finding = z.object({
  projectSeq: z.number().int().nullable(),
  severity: Severity,
  /** e.g. check_char_failed, spend_plan_incomplete, budget_parts_mismatch, toc_project_missing, ocr_low_confidence */
  rule: z.string(),
  message: z.string(),
  pageNumber: z.number().int().min(1).nullable().optional(),
});
export type Finding = z.infer<typeof Finding>;
