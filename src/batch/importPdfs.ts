/**
 * `budgetpdf import`: many PDFs into one SQLite file. Text-layer parsing runs in worker threads
 * (src/batch/extractionWorkers.ts), which also read and hash the files; this thread owns the single
 * SQLite writer (one transaction per document, as results arrive) and the shared OCR pool, and
 * runs the pipeline itself only for documents with pages to OCR.
 */
import { availableParallelism, freemem } from 'node:os';
import pLimit from 'p-limit';
import { BudgetPdfError, type BudgetPdfErrorCode, isBudgetPdfError } from '../errors.js';
import type { OcrEngineName, OcrMode } from '../model/index.js';
import {
  extractionToExtractedDocument,
  MAX_PDF_BYTES,
  pathToPdfBytes,
  pdfBytesToExtractedDocument,
  type ExtractedDocument,
} from './extractDocument.js';
import { withExtractionWorkers, type ExtractionWorkers } from './extractionWorkers.js';
import { withPdfjsRejectionsContained } from './pdfjsRejections.js';
import { withDatabase, type Db } from '../stages/store/database.js';
import { sameDocumentIdsOf, storeDocument, storedDocumentCounts } from '../stages/store/storeDocument.js';
import { documentToNeedsReviewCount } from '../stages/export/flatCsv.js';
import type { OcrPool } from '../stages/ocr/pool.js';
import { withLazyOcrPool } from './lazyOcrPool.js';

export const DEFAULT_DB_PATH = 'out/budget.sqlite';

import {
  errorCodeOf,
  errorMessageOf,
  failedResult,
  type BatchCounters,
  type ImportProgress,
  type ImportResult,
} from './importResult.js';
import { inputsToPdfPaths } from './inputPaths.js';

export * from './importResult.js';
export { inputsToPdfPaths } from './inputPaths.js';

export type ImportOptions = {
  dbPath?: string;
  ocr?: OcrMode;
  /**
   * The recogniser of Han text on OCR pages: paddle (PP-OCR, default), tesseract or hybrid; codes and
   * numbers are tesseract's re-reads under all three.
   */
  ocrEngine?: OcrEngineName;
  /** Documents parsed at once, each in its own worker thread; the number of CPUs by default. */
  jobs?: number;
  /** OCR workers shared by all files; `jobs` by default. */
  ocrWorkers?: number;
  /** Re-import files whose sha256 is already stored (status `replaced`) instead of skipping them. */
  force?: boolean;
  /** Parse in worker threads (default). false parses in this thread: for tests that replace the stages. */
  threads?: boolean;
  /** How long to wait for a database locked by another process; the store's BUSY_TIMEOUT_MS by default. */
  busyTimeoutMs?: number;
  /**
   * A document not finished after this long fails alone as `timeout` and the batch goes on;
   * DEFAULT_DOCUMENT_TIMEOUT_MS by default. A worker's document is stopped with its worker; a
   * document OCRed in this thread is given up (its OCR pages already queued still run to the end).
   */
  documentTimeoutMs?: number;
  /** Largest PDF read, in bytes; MAX_PDF_BYTES by default (a larger file fails as file_too_large). */
  maxFileBytes?: number;
  /** Heap limit of each extraction worker; EXTRACTION_WORKER_MAX_HEAP_MB by default. */
  workerMaxHeapMb?: number;
  onProgress?: (event: ImportProgress) => void;
};

/**
 * Default time limit of one document (30 min): a text-layer document takes seconds; a long scan OCRed
 * on one core, a few seconds a page, stays well within it. `import --timeout` changes it.
 */
export const DEFAULT_DOCUMENT_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Memory one document's worker may take (MB), for the number of workers started: a worker's heap
 * peaks near 250 MB on the largest fixtures (see EXTRACTION_WORKER_MAX_HEAP_MB), plus its code.
 */
export const WORKER_MEMORY_ESTIMATE_MB = 320;

/** Workers to start: no more than asked, than files, or than the free memory holds (at least one). */
export function workerCountFor(requestedJobs: number, fileCount: number, freeMemoryBytes: number = freemem()): number {
  const byMemory = Math.max(1, Math.floor(freeMemoryBytes / (WORKER_MEMORY_ESTIMATE_MB * 1024 * 1024)));
  return Math.max(1, Math.min(requestedJobs, fileCount, byMemory));
}

/**
 * Files handed out at once per job: each worker holds the one it parses and the next (see
 * JOBS_AHEAD_PER_WORKER in extractionWorkers.ts), plus one waiting here, so that a worker never
 * waits for this thread. Only paths are held: the workers read the files.
 */
const IN_FLIGHT_PER_JOB = 3;

/**
 * V8 old-generation limit of each extraction worker: a document that needs more fails as
 * worker_crashed, naming the limit, instead of taking the machine's memory. A document needs 64–96 MB
 * (the largest text-layer fixture fails at 64 MB). The limit is 2 GB on purpose: under 2 GB
 * (64-bit) V8 lets the old generation grow only 1.3–2× its live size between major GCs instead of up
 * to 4× (measured, a worker's ~52 MB live: 1.5× at 512 MB, 1.6× at 1 GB, 1.9× at 1.5 GB, 4× at
 * 2 GB), and every major GC also discards the optimised code of closures no longer alive — pdf.js
 * builds its text-content helpers anew for every page — which the background compiler then
 * rebuilds. 512 MB → 2 GB, on 2 cores: 100 documents of the bench archive at --jobs 1, major GCs
 * 26 → 5 and optimising compilations 1709 → 790; the whole 210-document bench, CPU of the threads
 * beside the workers (V8's helpers) 3.4 → 2.6 ms/page, CPU per page at --jobs 2 13.6 → 11.5 ms,
 * --jobs 2 throughput against pdf.js alone in the same run 0.70× → 0.81×; peak RSS at --jobs 2
 * 1007 → 1226 MB (a worker's heap peaks near 250 MB).
 */
export const EXTRACTION_WORKER_MAX_HEAP_MB = 2048;

/**
 * One file read (by a worker or here): its sha256, and its records, or null when that sha256 was already stored (not
 * parsed).
 */
export type Extracted = { sha256: string; extracted: ExtractedDocument | null };
export type Extract = (path: string) => Promise<Extracted>;

/**
 * Extracts every PDF and stores each in its own transaction. A file that fails is reported
 * with its cause and leaves nothing in the database; the others go on. Results come back in
 * input order. Errors that stop the whole import (the database cannot be opened) are thrown.
 */
export async function importPdfs(inputs: string[], options: ImportOptions = {}): Promise<ImportResult[]> {
  const { pdfPaths, failures } = await inputsToPdfPaths(inputs);
  if (pdfPaths.length === 0) return failures;
  const jobs = workerCountFor(Math.max(1, options.jobs ?? availableParallelism()), pdfPaths.length);
  const ocr = options.ocr ?? 'auto';
  const timeoutMs = options.documentTimeoutMs ?? DEFAULT_DOCUMENT_TIMEOUT_MS;
  const maxFileBytes = options.maxFileBytes ?? MAX_PDF_BYTES;

  return withPdfjsRejectionsContained(() =>
    withDatabase(
      options.dbPath ?? DEFAULT_DB_PATH,
      (db) =>
        withLazyOcrPool({ workers: options.ocrWorkers ?? jobs, engine: options.ocrEngine }, async (ocrPool) => {
          const isStored = (sha256: string) => !options.force && storedSummary(db, sha256) !== null;
          const inThisThread = (path: string) =>
            withTimeLimit(
              readThenExtract(path, maxFileBytes, isStored, (bytes) =>
                pdfBytesToExtractedDocument(bytes, {
                  sourcePath: path,
                  ocr,
                  ocrPool: ocr === 'never' ? undefined : ocrPool,
                }),
              ),
              timeoutMs,
              path,
            );
          // The pipeline (and pdf.js) is loaded in this thread only when it parses here.
          const pipelineVersion = async () => (await import('../pipeline.js')).PIPELINE_VERSION;
          if (options.threads === false)
            return runBatch(pdfPaths, failures, db, inThisThread, pipelineVersion, jobs, options);
          const storedSha256s = options.force
            ? []
            : (db.prepare('SELECT sha256 FROM documents').pluck().all() as string[]);
          return withExtractionWorkers(
            {
              workerCount: jobs,
              documentTimeoutMs: timeoutMs,
              storedSha256s,
              maxHeapMb: options.workerMaxHeapMb ?? EXTRACTION_WORKER_MAX_HEAP_MB,
            },
            (workers) =>
              runBatch(
                pdfPaths,
                failures,
                db,
                workersThenOcr(workers, ocr, ocrPool, { timeoutMs, maxFileBytes }),
                async () => (await workers.pipelineVersion) ?? pipelineVersion(),
                jobs,
                options,
              ),
          );
        }),
      { busyTimeoutMs: options.busyTimeoutMs },
    ),
  );
}

async function readThenExtract(
  path: string,
  maxBytes: number,
  isStored: (sha256: string) => boolean,
  extract: (bytes: Uint8Array) => Promise<ExtractedDocument>,
): Promise<Extracted> {
  const { bytes, sha256 } = await pathToPdfBytes(path, { maxBytes });
  return { sha256, extracted: isStored(sha256) ? null : await extract(bytes) };
}

/**
 * Reading, hashing and loading in a worker; a text-layer document is extracted there too. A
 * document with pages to OCR comes back loaded, with its bytes: its OCR pages are rendered and read
 * here with the shared OCR pool, one document at a time per OCR worker, and the pure half runs here.
 */
export function workersThenOcr(
  workers: ExtractionWorkers,
  ocr: OcrMode,
  ocrPool: OcrPool,
  limits: { timeoutMs: number; maxFileBytes: number },
): Extract {
  let nextJobId = 0;
  const ocrLimit = pLimit(Math.max(1, ocrPool.workerCount));
  return async (path) => {
    const outcome = await workers.extract({
      jobId: nextJobId++,
      sourcePath: path,
      ocr,
      maxFileBytes: limits.maxFileBytes,
    });
    if (!outcome.ok) throw serialisedToError(outcome.error, path);
    if (!('needsOcr' in outcome)) return { sha256: outcome.sha256, extracted: outcome.extracted };
    const { loaded, bytes } = outcome.needsOcr;
    const { loadedPdfToPageTexts, pageTextsToExtraction } = await import('../pipeline.js');
    // The time limit counts from when an OCR slot is free: the worker's part had its own.
    const extracted = await ocrLimit(() =>
      withTimeLimit(
        loadedPdfToPageTexts(bytes, loaded, { ocr, ocrPool }).then((read) =>
          extractionToExtractedDocument(pageTextsToExtraction(read)),
        ),
        limits.timeoutMs,
        path,
      ),
    );
    return { sha256: outcome.sha256, extracted };
  };
}

/**
 * `work`, or a `timeout` error once `timeoutMs` has passed. The work itself is not stopped (OCR in
 * this thread cannot be interrupted): its result is dropped, and the batch goes on.
 */
export async function withTimeLimit<T>(work: Promise<T>, timeoutMs: number, path: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BudgetPdfError('timeout', path, `not finished after ${timeoutMs} ms; given up`)),
      timeoutMs,
    );
  });
  work.catch(() => undefined); // a late failure of abandoned work is not unhandled
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function serialisedToError(
  error: { code: BudgetPdfErrorCode | null; message: string; causeMessage: string | null },
  path: string,
): Error {
  const cause = error.causeMessage ? new Error(error.causeMessage) : undefined;
  const message = error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message;
  if (error.code === null) return new Error(message, { cause });
  return new BudgetPdfError(error.code, path, message, { cause });
}

async function runBatch(
  pdfPaths: string[],
  failures: ImportResult[],
  db: Db,
  extract: Extract,
  pipelineVersion: () => Promise<string>,
  jobs: number,
  options: ImportOptions,
): Promise<ImportResult[]> {
  const startedAt = performance.now();
  const counters: BatchCounters = {
    totalFiles: pdfPaths.length,
    doneFiles: 0,
    failedFiles: 0,
    pages: 0,
    ocrPages: 0,
    elapsedMs: 0,
  };
  const snapshot = (): BatchCounters => ({ ...counters, elapsedMs: performance.now() - startedAt });
  const results: ImportResult[] = new Array(pdfPaths.length);
  let lockedOut: string | null = null;
  const limit = pLimit(jobs * IN_FLIGHT_PER_JOB);

  const importOne = async (path: string, index: number): Promise<void> => {
    options.onProgress?.({ phase: 'start', index, total: pdfPaths.length, path, counters: snapshot() });
    const fileStartedAt = performance.now();
    let result: ImportResult;
    try {
      if (lockedOut) throw new BudgetPdfError('database_locked', path, `not attempted: ${lockedOut}`);
      const { sha256, extracted } = await extract(path);
      // Stored before this import (not parsed), or a copy of a file stored earlier in this same batch.
      const stored = options.force ? null : storedSummary(db, sha256);
      if (stored) {
        result = {
          ...stored,
          ...reviewSummary(db, stored.documentId),
          path,
          status: 'unchanged',
          elapsedMs: performance.now() - fileStartedAt,
        };
      } else if (!extracted) {
        throw new Error('its stored copy was deleted by another process during the import; run the import again');
      } else {
        // Another file already waited out the busy timeout: do not wait again for each file.
        if (lockedOut) throw new BudgetPdfError('database_locked', path, `not stored: ${lockedOut}`);
        const { document, ocrPageCount } = extracted;
        const outcome = storeDocument(db, document, { pipelineVersion: await pipelineVersion() });
        result = {
          path,
          status: outcome.status,
          documentId: outcome.documentId,
          sha256: document.sha256,
          pageCount: document.pageCount,
          textSource: document.textSource,
          ocrPageCount,
          projectCount: document.projects.length,
          indicatorCount: document.projects.reduce((sum, project) => sum + project.indicators.length, 0),
          deptTargetCount: (document.deptTargets ?? []).length,
          deptIndicatorCount: (document.deptTargets ?? []).reduce((sum, table) => sum + table.indicators.length, 0),
          repairCount: document.repairs.length,
          findingCount: document.findings.length,
          ...reviewSummary(db, outcome.documentId),
          errorCode: null,
          errorMessage: null,
          elapsedMs: performance.now() - fileStartedAt,
        };
      }
    } catch (error) {
      if (isBudgetPdfError(error) && error.code === 'database_locked' && !lockedOut)
        lockedOut = `database locked by another process (while storing ${path})`;
      result = failedResult(path, errorCodeOf(error), errorMessageOf(error, path), performance.now() - fileStartedAt);
    }
    results[index] = result;
    counters.doneFiles += 1;
    if (result.status === 'failed') counters.failedFiles += 1;
    counters.pages += result.status === 'unchanged' ? 0 : (result.pageCount ?? 0);
    counters.ocrPages += result.ocrPageCount;
    options.onProgress?.({ phase: 'done', index, total: pdfPaths.length, path, result, counters: snapshot() });
  };

  await Promise.all(pdfPaths.map((path, index) => limit(() => importOne(path, index))));
  return [...failures, ...results];
}

/** What a reader should look at in a stored document: its rows to review and the other copies of it. */
export function reviewSummary(db: Db, documentId: number): Pick<ImportResult, 'needsReviewCount' | 'sameDocumentIds'> {
  return {
    needsReviewCount: documentToNeedsReviewCount(db, documentId),
    sameDocumentIds: sameDocumentIdsOf(db, documentId),
  };
}

/** The stored document with this sha256, summarised as an import result; null when not stored. */
export function storedSummary(
  db: Db,
  sha256: string,
):
  | (Omit<ImportResult, 'path' | 'status' | 'elapsedMs' | 'needsReviewCount' | 'sameDocumentIds'> & {
      documentId: number;
    })
  | null {
  const counts = storedDocumentCounts(db, sha256);
  return counts && { ...counts, sha256, ocrPageCount: 0, errorCode: null, errorMessage: null };
}
