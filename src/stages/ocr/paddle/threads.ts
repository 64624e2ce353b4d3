/**
 * PP-OCR sessions in worker threads (thread.ts), one onnxruntime session each: onnxruntime-node runs a session
 * synchronously on the calling thread, so sessions opened on the pipeline's thread read one line at a time between
 * the pipeline's own work (measured: 1.2 of 2 cores busy); in threads they read side by side.
 */
import type { Worker } from 'node:worker_threads';
import { BudgetPdfError } from '../../../errors.js';
import { startModuleWorker } from '../../../moduleWorker.js';
import type { OcrImage, OcrLine } from '../pool.js';
import type { PaddleRecogniserOptions } from './recogniser.js';
import {
  PADDLE_THREAD_MARK,
  type PaddleThreadData,
  type PaddleThreadReady,
  type PaddleThreadReply,
} from './threadMessages.js';

export type PaddleThread = {
  /** Images sent and not yet answered. */
  readonly queued: number;
  /** The image's text lines as PP-OCR reads them (imageToPaddleLines), in the image's pixels. */
  readImage(image: OcrImage, dpi: number): Promise<OcrLine[]>;
};

export type PaddleThreadsOptions = { recogniser: PaddleRecogniserOptions; detectTooTallLines: boolean };

/** How long a closed thread may take to release its sessions and end before it is stopped, in ms. */
const THREAD_CLOSE_TIMEOUT_MS = 10_000;

type Waiter = { resolve: (lines: OcrLine[]) => void; reject: (error: unknown) => void };

/** Starts one thread and resolves once its sessions are open; rejects with ocr_failed when they cannot be. */
function startPaddleThread(
  options: PaddleThreadsOptions,
): Promise<{ thread: PaddleThread; close: () => Promise<void> }> {
  const workerData: PaddleThreadData = { [PADDLE_THREAD_MARK]: true, ...options };
  const worker: Worker = startModuleWorker(import.meta.url, 'thread', { workerData });
  const waiting = new Map<number, Waiter>();
  let nextId = 1;
  let failure: BudgetPdfError | null = null;
  const fail = (error: BudgetPdfError) => {
    failure ??= error;
    for (const waiter of waiting.values()) waiter.reject(failure);
    waiting.clear();
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise((resolveStart, rejectStart) => {
    let started = false;
    worker.on('message', (message: PaddleThreadReady | PaddleThreadReply) => {
      if ('ready' in message) {
        if (message.ready) {
          started = true;
          resolveStart({ thread, close });
        } else rejectStart(new BudgetPdfError('ocr_failed', null, `cannot start PP-OCR: ${message.message}`));
        return;
      }
      const waiter = waiting.get(message.id);
      waiting.delete(message.id);
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.lines);
      else waiter.reject(new BudgetPdfError('ocr_failed', null, `PP-OCR could not read an image: ${message.message}`));
    });
    worker.on('error', (error) => {
      const wrapped = new BudgetPdfError('ocr_failed', null, `the PP-OCR thread failed: ${error.message}`, {
        cause: error,
      });
      if (!started) rejectStart(wrapped);
      fail(wrapped);
    });
    worker.on('exit', (code) => {
      const ended = new BudgetPdfError('ocr_failed', null, `the PP-OCR thread ended (exit code ${code})`);
      if (!started) rejectStart(ended);
      fail(ended);
    });
    const thread: PaddleThread = {
      get queued() {
        return waiting.size;
      },
      readImage(image, dpi) {
        if (failure) return Promise.reject(failure);
        const id = nextId++;
        return new Promise<OcrLine[]>((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          worker.postMessage({ id, image, dpi });
        });
      },
    };
    const close = async () => {
      worker.postMessage({ close: true });
      // The thread ends once its sessions are released; one that does not is stopped.
      const timer = setTimeout(() => void worker.terminate(), THREAD_CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    };
  });
}

/** Runs fn with `count` PP-OCR threads (started side by side) and always ends them, once their images are read. */
export async function withPaddleThreads<T>(
  count: number,
  options: PaddleThreadsOptions,
  fn: (threads: PaddleThread[]) => Promise<T>,
): Promise<T> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startPaddleThread(options)));
  const opened = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    const refused = started.find((result) => result.status === 'rejected');
    if (refused) throw refused.reason;
    return await fn(opened.map(({ thread }) => thread));
  } finally {
    await Promise.all(opened.map(({ close }) => close()));
  }
}
