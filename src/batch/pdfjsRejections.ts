/**
 * pdf.js 5.4 leaves a rejected promise unhandled inside its (in-thread) worker when a page's
 * content stream is damaged (fixtures/bad/corrupt.pdf: `FormatError: Command token too long`),
 * while the same error also reaches our caller, which reports the file as corrupt_pdf. Node's
 * default would kill the process, and with it the whole batch. This keeps such rejections from
 * doing so while `fn` runs; any other unhandled rejection still goes to the listeners that were
 * there before (or, if none, is thrown as Node would).
 */
import { isPdfjsError } from '../stages/load/pdfjsErrors.js';

type RejectionListener = (reason: unknown, promise: Promise<unknown>) => void;

let depth = 0;
let saved: RejectionListener[] = [];
const containPdfjs: RejectionListener = (reason, promise) => {
  if (isPdfjsError(reason)) return;
  if (saved.length === 0) throw reason;
  for (const listener of saved) listener(reason, promise);
};

export async function withPdfjsRejectionsContained<T>(fn: () => Promise<T>): Promise<T> {
  if (depth === 0) {
    saved = process.listeners('unhandledRejection') as RejectionListener[];
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', containPdfjs);
  }
  depth += 1;
  try {
    return await fn();
  } finally {
    depth -= 1;
    if (depth === 0) {
      process.removeListener('unhandledRejection', containPdfjs);
      for (const listener of saved) process.on('unhandledRejection', listener);
      saved = [];
    }
  }
}
