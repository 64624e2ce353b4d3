/**
 * Builders of a small OCR-read draft for the "confidence everywhere" tests (tests/stages/normalise/ocrFields.test.ts,
 * tests/stages/repair/ocrDecisions.test.ts): everything on page 4, one project numbered 2.
 */
import type { DocumentDraft, DraftIndicatorRow, DraftProject, RawText } from '../../src/model/draft.js';
import { draftIndicatorRow, draftOfProjects, EMPTY_DRAFT_PROJECT_FIELDS } from './emptyDraft.js';

/** A text read by paddle with `confidence`, decided by the reading unless `extra` says otherwise. */
export const ocr = (text: string, confidence: number, extra: Partial<RawText> = {}): RawText => ({
  text,
  lines: [text],
  pageNumber: 4,
  confidence,
  engine: 'paddle',
  decision: 'read',
  ...extra,
});
/** A text from the text layer (no confidence). */
export const typed = (text: string): RawText => ({ text, lines: [text], pageNumber: 4 });
export const row = (cells: Partial<DraftIndicatorRow>): DraftIndicatorRow => draftIndicatorRow(4, cells);
export const project = (overrides: Partial<DraftProject> = {}): DraftProject => ({
  ...EMPTY_DRAFT_PROJECT_FIELDS,
  seq: 2,
  tableTitle: typed('项目绩效目标表'),
  pageFirst: 4,
  pageLast: 4,
  ...overrides,
});
export const draft = (projects: DraftProject[], overallGoal: RawText | null = null): DocumentDraft =>
  draftOfProjects(projects, overallGoal);
