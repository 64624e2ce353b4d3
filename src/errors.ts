import { z } from 'zod';

/**
 * Why a file cannot go on. Problems inside a readable document are Findings, not errors.
 * `worker_crashed` and `timeout` are the import's: the thread parsing the file died or was stopped.
 * `not_budget_database`/`database_outdated`: a database `export`/`query` read-only refuse (another program's
 * SQLite file; an older or newer schema). `no_matching_documents`: an export's --document/--year selects nothing. `not_regular_file`/`file_too_large`: an input that is a device,
 * FIFO or socket, or larger than the size limit (docs/security.md).
 */
export const BudgetPdfErrorCode = z.enum([
  'not_pdf',
  'corrupt_pdf',
  'encrypted_pdf',
  'no_pages',
  'no_budget_tables',
  'needs_ocr',
  'ocr_failed',
  'render_failed',
  'unreadable_path',
  'database_locked',
  'not_budget_database',
  'database_outdated',
  'not_regular_file',
  'file_too_large',
  'invalid_document',
  'invalid_query',
  'no_matching_documents',
  'worker_crashed',
  'timeout',
]);
export type BudgetPdfErrorCode = z.infer<typeof BudgetPdfErrorCode>;

export class BudgetPdfError extends Error {
  readonly code: BudgetPdfErrorCode;
  readonly file: string | null;

  constructor(code: BudgetPdfErrorCode, file: string | null, message: string, options?: { cause?: unknown }) {
    super(file ? `${file}: ${message}` : message, options);
    this.name = 'BudgetPdfError';
    this.code = code;
    this.file = file;
  }
}

export function isBudgetPdfError(error: unknown): error is BudgetPdfError {
  return error instanceof BudgetPdfError;
}
