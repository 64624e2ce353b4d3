/** What the writer (main thread) and the extraction workers say to each other. Plain, structured-clone data. */
import { isBudgetPdfError, type BudgetPdfErrorCode } from '../errors.js';
import type { LoadedPdf, OcrMode } from '../model/index.js';
import type { ExtractedDocument } from './extractDocument.js';

export type ExtractionJob = {
  jobId: number;
  /** The worker reads the file itself, so that reading and hashing stay off the writer's thread. */
  sourcePath: string;
  /** The import's mode: which pages need OCR (the worker loads; OCR itself is the main thread's). */
  ocr: OcrMode;
  /** Largest file read, in bytes; MAX_PDF_BYTES when absent. */
  maxFileBytes?: number;
};

/** A thrown error flattened for postMessage: the BudgetPdfError code (null for any other error) and the messages. */
export type SerialisedError = { code: BudgetPdfErrorCode | null; message: string; causeMessage: string | null };

/**
 * `extracted` is null when the file's sha256 was among the worker's `storedSha256s` (already in the
 * database when the import began): it was not parsed. A document with pages to OCR comes back
 * loaded, with its bytes (transferred, not copied), for the main thread's OCR pool.
 */
export type ExtractionReply =
  | { jobId: number; ok: true; sha256: string; extracted: ExtractedDocument | null }
  | { jobId: number; ok: true; sha256: string; needsOcr: { loaded: LoadedPdf; bytes: Uint8Array } }
  | { jobId: number; ok: false; error: SerialisedError };

/** What a worker is started with (workerData). */
export type ExtractionWorkerData = {
  /** Set only for threads started by startExtractionWorker: the entry module serves only where it is true. */
  budgetpdfExtractionWorker: true;
  /** Files with one of these sha256 are answered without parsing (`extracted: null`). */
  storedSha256s: string[];
};

/** Set in an extraction worker's workerData: the entry module starts serving only where it is true. */
export const EXTRACTION_WORKER_MARK = 'budgetpdfExtractionWorker';

/** A worker's first message: the stages are loaded, and the pipeline version they will stamp. */
export type ExtractionWorkerReady = { ready: true; pipelineVersion: string };

export function errorToSerialised(error: unknown): SerialisedError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return {
    code: isBudgetPdfError(error) ? error.code : null,
    message: error instanceof Error ? error.message : String(error),
    causeMessage: cause,
  };
}
