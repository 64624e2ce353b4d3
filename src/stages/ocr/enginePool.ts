/**
 * The OCR pool of the chosen engine (OcrEngineName): tesseract.js alone, or PP-OCR for the Han
 * readings over tesseract.js for the restricted re-reads (paddle/pool.ts). onnxruntime-node is
 * loaded only when the paddle engine is chosen.
 */
import { DEFAULT_OCR_ENGINE, type OcrEngineName } from '../../model/index.js';
import { type OcrPool, withOcrPool } from './pool.js';

export type OcrEnginePoolOptions = { engine?: OcrEngineName; workers?: number; recycleAfterJobs?: number };

/** Runs fn with a pool of the engine's recognisers (paddle by default: DEFAULT_OCR_ENGINE) and always closes them. */
export async function withOcrEnginePool<T>(
  options: OcrEnginePoolOptions,
  fn: (pool: OcrPool) => Promise<T>,
): Promise<T> {
  const { engine = DEFAULT_OCR_ENGINE, ...poolOptions } = options;
  if (engine === 'paddle' || engine === 'hybrid') {
    const { withPaddleOcrPool } = await import('./paddle/pool.js');
    return withPaddleOcrPool({ ...poolOptions, linesBy: engine === 'hybrid' ? 'tesseract' : 'paddle' }, fn);
  }
  return withOcrPool(poolOptions, fn);
}
