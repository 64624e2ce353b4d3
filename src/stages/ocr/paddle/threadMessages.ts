/** What the PP-OCR threads (threads.ts ↔ thread.ts) send each other: plain data, copied between threads. */
import type { OcrImage, OcrLine } from '../pool.js';
import type { PaddleRecogniserOptions } from './recogniser.js';

/** workerData key that marks a thread started by threads.ts. */
export const PADDLE_THREAD_MARK = 'budgetpdfPaddleThread';

export type PaddleThreadData = {
  [PADDLE_THREAD_MARK]: true;
  recogniser: PaddleRecogniserOptions;
  /** Open a det session too and split crops too tall to be one line with it (PaddleOcrPoolOptions). */
  detectTooTallLines: boolean;
};

/** One image to read; `dpi` sets the tallest line read as one. */
export type PaddleThreadRequest = { id: number; image: OcrImage; dpi: number };

export type PaddleThreadReply = { id: number; ok: true; lines: OcrLine[] } | { id: number; ok: false; message: string };

/** Sent once: the sessions are open (or could not be). */
export type PaddleThreadReady = { ready: true; inputHeightPx: number } | { ready: false; message: string };

/** An error's message with its cause's, for the other thread (errors do not cross threads with their class). */
export function errorMessageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
