import { availableParallelism } from 'node:os';
import type { OcrPool } from '../stages/ocr/pool.js';

/**
 * One OCR pool for a whole import, started only when a page first needs OCR: an import of
 * text-layer PDFs never pays for tesseract workers. The pool is closed when `fn` settles.
 */
export async function withLazyOcrPool<T>(options: { workers?: number }, fn: (pool: OcrPool) => Promise<T>): Promise<T> {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started: Promise<OcrPool> | null = null;
  let running: Promise<void> | null = null;

  const start = (): Promise<OcrPool> => {
    started ??= new Promise<OcrPool>((resolve, reject) => {
      running = import('../stages/ocr/pool.js')
        .then(({ withOcrPool }) =>
          withOcrPool({ workers: workerCount }, async (pool) => {
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
