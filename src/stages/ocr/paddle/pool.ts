/**
 * The OCR pool with PP-OCR as its Han recogniser: an OcrPool (the interface the OCR stage reads
 * through) over a tesseract.js pool. A request for the first reading of Han text (chi_sim, no
 * whitelist) is cut into lines by projection (grayCellToLineCrops), each line is read by a PP-OCR
 * rec session and given back as OcrLine[] in the request image's pixels (paddleReadingToOcrLine),
 * the shape tesseract's reading has; every other request (eng, whitelisted re-reads of codes and
 * numbers) goes to tesseract. The OCR stage does not know which engine reads.
 */
import { availableParallelism } from 'node:os';
import { type OcrImage, type OcrLine, type OcrPool, type RecogniseRequest, withOcrPool } from '../pool.js';
import { grayCellToLineCrops } from './cellLineCrops.js';
import { paddleReadingToOcrLine } from './readingToOcrLine.js';
import { type PaddleRecogniser, type PaddleRecogniserOptions, withPaddleRecogniser } from './recogniser.js';

export type PaddleOcrPoolOptions = {
  /** tesseract.js chi_sim workers, and PP-OCR sessions (one onnxruntime thread each); one per core by default. */
  workers?: number;
  recycleAfterJobs?: number;
  model?: PaddleRecogniserOptions['model'];
};

/** True for the requests PP-OCR reads: chi_sim without a whitelist (the first reading of Han text). */
export function isPaddleRequest(request: Pick<RecogniseRequest, 'language' | 'charWhitelist'>): boolean {
  return (request.language ?? 'chi_sim') === 'chi_sim' && !request.charWhitelist;
}

/**
 * An image read by PP-OCR: its lines by projection, each recognised, as OcrLines in the image's
 * pixels, top to bottom; lines that read as nothing are left out (tesseract gives none for them).
 */
export async function imageToPaddleLines(image: OcrImage, recogniser: Pick<PaddleRecogniser, 'recogniseLine'>): Promise<OcrLine[]> {
  const crops = grayCellToLineCrops(image);
  const readings = await Promise.all(crops.map((crop) => recogniser.recogniseLine(crop.image)));
  return readings.map((reading, i) => paddleReadingToOcrLine(reading, crops[i])).filter((line) => line.text.trim() !== '');
}

/** Runs fn with `count` PP-OCR recognisers open at once and releases them all. */
async function withPaddleRecognisers<T>(count: number, options: PaddleRecogniserOptions, fn: (recognisers: PaddleRecogniser[]) => Promise<T>, open: PaddleRecogniser[] = []): Promise<T> {
  if (open.length >= count) return fn(open);
  return withPaddleRecogniser(options, (recogniser) => withPaddleRecognisers(count, options, fn, [...open, recogniser]));
}

/** Runs fn with a pool whose Han readings are PP-OCR's and whose restricted re-reads are tesseract's; always closes both. */
export async function withPaddleOcrPool<T>(options: PaddleOcrPoolOptions, fn: (pool: OcrPool) => Promise<T>): Promise<T> {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  return withOcrPool({ workers: workerCount, recycleAfterJobs: options.recycleAfterJobs }, (tesseract) =>
    withPaddleRecognisers(workerCount, { model: options.model }, (recognisers) => {
      // Each image goes to the session with the fewest images queued (a session runs one line at a time).
      const queued = recognisers.map(() => 0);
      const pool: OcrPool = {
        workerCount,
        async recognise(request) {
          if (!isPaddleRequest(request)) return tesseract.recognise(request);
          const at = queued.indexOf(Math.min(...queued));
          queued[at]++;
          try {
            return await imageToPaddleLines(request.image, recognisers[at]);
          } finally {
            queued[at]--;
          }
        },
      };
      return fn(pool);
    }),
  );
}
