/** What an import says about each file: its status, error code and counts, and the progress events. */
import { z } from 'zod';
import { BudgetPdfErrorCode, isBudgetPdfError } from '../errors.js';

/** Why a file of an import failed: a BudgetPdfError code, or `unexpected` (a bug of ours: the message says what). */
export const ImportErrorCode = z.enum([...BudgetPdfErrorCode.options, 'unexpected']);
export type ImportErrorCode = z.infer<typeof ImportErrorCode>;

/** unchanged: its sha256 was already stored, skipped; replaced: stored again under --force. */
export const ImportStatus = z.enum(['imported', 'unchanged', 'replaced', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** What happened to one file of an import. */
export const ImportResult = z.object({
  path: z.string(),
  status: ImportStatus,
  documentId: z.number().int().nullable(),
  sha256: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  textSource: z.string().nullable(),
  /** Pages read by OCR in this run (0 for a file skipped as unchanged). */
  ocrPageCount: z.number().int(),
  projectCount: z.number().int(),
  indicatorCount: z.number().int(),
  /**
   * 部门整体支出绩效目标表 stored (document.deptTargets): a document of only such a table has zero projects and is not
   * empty. Absent (0) in results written before the count existed.
   */
  deptTargetCount: z.number().int().optional(),
  /** Indicator rows of those department tables (not in `indicatorCount`, which counts project indicators). */
  deptIndicatorCount: z.number().int().optional(),
  repairCount: z.number().int(),
  findingCount: z.number().int(),
  /** Indicator rows marked needs_review in indicators_flat.csv (a finding or a low-confidence OCR repair touches them). */
  needsReviewCount: z.number().int(),
  /**
   * Other stored documents with the same department, fiscal year and title (another rendering, a scan, a
   * draft and its final): count one of them (view v_documents, latest = 1). Empty when there is none.
   */
  sameDocumentIds: z.array(z.number().int()),
  /**
   * BudgetPdfError code (`worker_crashed` or `timeout` when the extraction thread died or was stopped); `unexpected`
   * for any other error.
   */
  errorCode: ImportErrorCode.nullable(),
  errorMessage: z.string().nullable(),
  elapsedMs: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** The import's progress: counters kept by the writer (the CLI draws its bar from them). */
export type BatchCounters = {
  totalFiles: number;
  doneFiles: number;
  failedFiles: number;
  pages: number;
  ocrPages: number;
  elapsedMs: number;
};

export type ImportProgress =
  | { phase: 'start'; index: number; total: number; path: string; counters: BatchCounters }
  | { phase: 'done'; index: number; total: number; path: string; result: ImportResult; counters: BatchCounters };

export function failedResult(
  path: string,
  errorCode: ImportErrorCode,
  errorMessage: string,
  elapsedMs: number,
): ImportResult {
  return {
    path,
    status: 'failed',
    documentId: null,
    sha256: null,
    pageCount: null,
    textSource: null,
    ocrPageCount: 0,
    projectCount: 0,
    indicatorCount: 0,
    deptTargetCount: 0,
    deptIndicatorCount: 0,
    repairCount: 0,
    findingCount: 0,
    needsReviewCount: 0,
    sameDocumentIds: [],
    errorCode,
    errorMessage,
    elapsedMs,
  };
}

export function errorCodeOf(error: unknown): ImportErrorCode {
  return isBudgetPdfError(error) ? error.code : 'unexpected';
}

/** The cause in one line, without repeating the file name the report already shows. */
export function errorMessageOf(error: unknown, path: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const withoutPath = message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  const full = cause && !withoutPath.includes(cause) ? `${withoutPath} (${cause})` : withoutPath;
  return full.replace(/\s+/g, ' ').trim();
}
