import { availableParallelism } from 'node:os';
import type { OcrEngineName } from '../model/index.js';
import type { OcrPool } from '../stages/ocr/pool.js';

/**
 * One OCR pool for a whole import, started only when a page first needs OCR: an import of
 * text-layer PDFs never pays for tesseract workers (or PP-OCR sessions, with engine `paddle`). The pool is
 * closed when `fn` settles.
 */
export async function withLazyOcrPool<T>(
  options: { workers?: number; engine?: OcrEngineName },
  fn: (pool: OcrPool) => Promise<T>,
): Promise<T> {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started: Promise<OcrPool> | null = null;
  let running: Promise<void> | null = null;

  const start = (): Promise<OcrPool> => {
    started ??= new Promise<OcrPool>((resolve, reject) => {
      running = import('../stages/ocr/enginePool.js')
        .then(({ withOcrEnginePool }) =>
          withOcrEnginePool({ workers: workerCount, engine: options.engine }, async (pool) => {
            resolve(pool);
            await released;
          }),
        )
        .catch(reject);
    });
    return started;
  };

  const lazyPool: OcrPool = {
    workerCount,
    recognise: async (request) => (await start()).recognise(request),
  };
  try {
    return await fn(lazyPool);
  } finally {
    release();
    if (running) await running;
  }
}
