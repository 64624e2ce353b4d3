/**
 * The OCR pool with PP-OCR as its Han recogniser: an OcrPool (the interface the OCR stage reads
 * through) over a tesseract.js pool. A request for the first reading of Han text (chi_sim, no
 * whitelist) goes to a PP-OCR worker thread (threads.ts), which cuts it into lines by projection and
 * reads each with its rec session (imageToLines.ts), giving back OcrLine[] in the request image's
 * pixels, the shape tesseract's reading has; every other request (eng, whitelisted re-reads of codes and
 * numbers) goes to tesseract. The OCR stage does not know which engine reads.
 */
import { availableParallelism } from 'node:os';
import { type OcrPool, type RecogniseRequest, withOcrPool } from '../pool.js';
import type { PaddleRecogniserOptions } from './recogniser.js';
import { withPaddleThreads } from './threads.js';

export type PaddleOcrPoolOptions = {
  /** tesseract.js chi_sim workers, and PP-OCR sessions (one onnxruntime thread each); one per core by default. */
  workers?: number;
  recycleAfterJobs?: number;
  model?: PaddleRecogniserOptions['model'];
  /** The PP-OCR sessions' options beyond the model (padding, batching, threads; bench/ocr.ts compares them). */
  recogniser?: Omit<PaddleRecogniserOptions, 'model'>;
  /**
   * Who reads the text outside the tables (title, goals, headings): PP-OCR (`paddle`, the default) or tesseract.js
   * (`tesseract`: the `hybrid` engine).
   */
  linesBy?: 'paddle' | 'tesseract';
  /**
   * Crops taller than PADDLE_MAX_LINE_HEIGHT_PT (lines whose ink touches) split into lines by the PP-OCR det model
   * (one session in each PP-OCR thread); off by default: not yet measured on the scans.
   */
  detectTooTallLines?: boolean;
};

/**
 * True for the requests PP-OCR reads: chi_sim without a whitelist (the first reading of Han text), of a table cell
 * unless lines outside the tables are PP-OCR's too.
 */
export function isPaddleRequest(
  request: Pick<RecogniseRequest, 'language' | 'charWhitelist' | 'region'>,
  linesBy: PaddleOcrPoolOptions['linesBy'] = 'paddle',
): boolean {
  if (request.region === 'line' && linesBy === 'tesseract') return false;
  return (request.language ?? 'chi_sim') === 'chi_sim' && !request.charWhitelist;
}

/**
 * Runs fn with a pool whose Han readings are PP-OCR's and whose restricted re-reads are tesseract's; always closes
 * both.
 */
export async function withPaddleOcrPool<T>(
  options: PaddleOcrPoolOptions,
  fn: (pool: OcrPool) => Promise<T>,
): Promise<T> {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  const threadOptions = {
    recogniser: { ...options.recogniser, model: options.model },
    detectTooTallLines: options.detectTooTallLines === true,
  };
  // tesseract reads only the restricted re-reads here, nearly all eng: one chi_sim worker is enough.
  const tesseractOptions = { workers: workerCount, recycleAfterJobs: options.recycleAfterJobs, chiSimWorkers: 1 };
  return withOcrPool(tesseractOptions, (tesseract) =>
    withPaddleThreads(workerCount, threadOptions, (threads) => {
      const pool: OcrPool = {
        workerCount,
        recognise(request) {
          if (!isPaddleRequest(request, options.linesBy)) return tesseract.recognise(request);
          // Each image goes to the thread with the fewest images queued.
          const thread = threads.reduce((best, candidate) => (candidate.queued < best.queued ? candidate : best));
          return thread.readImage(request.image, request.dpi);
        },
      };
      return fn(pool);
    }),
  );
}
