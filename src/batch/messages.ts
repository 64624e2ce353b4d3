/** What the writer (main thread) and the extraction workers say to each other. Plain, structured-clone data. */
import { isBudgetPdfError } from '../errors.js';
import type { BatchOcrMode, ExtractedDocument } from './extractDocument.js';

export type ExtractionJob = {
  jobId: number;
  sourcePath: string;
  /** Transferred to the worker; sent back when the document turns out to need the main thread's OCR pool. */
  bytes: Uint8Array;
  /** The mode the worker runs the pipeline with: `never` when OCR, if any, is left to the main thread. */
  ocr: BatchOcrMode;
};

/** A thrown error flattened for postMessage: the BudgetPdfError code (or null) and the messages. */
export type SerialisedError = { code: string | null; message: string; causeMessage: string | null };

export type ExtractionReply =
  | { jobId: number; ok: true; extracted: ExtractedDocument }
  | { jobId: number; ok: false; error: SerialisedError; bytes: Uint8Array | null };

/** Set in an extraction worker's workerData: the entry module starts serving only where it is true. */
export const EXTRACTION_WORKER_MARK = 'budgetpdfExtractionWorker';

export function errorToSerialised(error: unknown): SerialisedError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return {
    code: isBudgetPdfError(error) ? error.code : null,
    message: error instanceof Error ? error.message : String(error),
    causeMessage: cause,
  };
}
