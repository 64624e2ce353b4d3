/**
 * Entry of an extraction worker thread: runs load → … → normalise on each job it is sent and
 * replies with the document or the error. Started by extractionWorkers.ts, which loads it
 * through tsx when running from src/ and as plain JS from dist/.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isBudgetPdfError } from '../errors.js';
import { isPdfjsError, pdfBytesToExtractedDocument } from './extractDocument.js';
import { errorToSerialised, EXTRACTION_WORKER_MARK, type ExtractionJob, type ExtractionReply } from './messages.js';

async function jobToReply(job: ExtractionJob): Promise<{ reply: ExtractionReply; transfer: ArrayBuffer[] }> {
  try {
    // extractPdf hands pdf.js a copy, so job.bytes is intact if they must go back for OCR.
    const extracted = await pdfBytesToExtractedDocument(job.bytes, { sourcePath: job.sourcePath, ocr: job.ocr });
    return { reply: { jobId: job.jobId, ok: true, extracted }, transfer: [] };
  } catch (error) {
    const giveBack = isBudgetPdfError(error) && error.code === 'needs_ocr';
    return {
      reply: { jobId: job.jobId, ok: false, error: errorToSerialised(error), bytes: giveBack ? job.bytes : null },
      transfer: giveBack ? [job.bytes.buffer as ArrayBuffer] : [],
    };
  }
}

// Only in a thread started by startExtractionWorker (a test runner's own worker threads import this file too).
const port = (workerData as Record<string, unknown> | null)?.[EXTRACTION_WORKER_MARK] === true ? parentPort : null;
if (port) {
  // pdf.js leaves some rejections of a damaged file unhandled although the job gets the error
  // too (see pdfjsRejections.ts); they must not end this thread. Anything else still does.
  process.on('unhandledRejection', (reason) => {
    if (!isPdfjsError(reason)) throw reason;
  });
  // Load the stages before saying ready, so that a broken install shows as a start-up failure.
  await import('../pipeline.js');
  port.on('message', (job: ExtractionJob) => {
    void jobToReply(job).then(({ reply, transfer }) => port.postMessage(reply, transfer));
  });
  // Loaded: from now on a death of this worker is the fault of a document, not of the install.
  port.postMessage({ ready: true });
}
