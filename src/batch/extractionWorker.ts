/**
 * Entry of an extraction worker thread: reads and hashes each file it is sent, runs
 * load → … → normalise on it (unless its sha256 was already stored when the import began) and
 * replies with the document or the error. Jobs are run one at a time in the order they came:
 * the pool sends the next one ahead, so that it is here when the current one is done.
 * Started by extractionWorkers.ts, which loads it through tsx when running from src/ and as plain
 * JS from dist/.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isPdfjsError } from '../stages/load/pdfjsErrors.js';
import { extractionToExtractedDocument, pathToPdfBytes } from './extractDocument.js';
import {
  errorToSerialised,
  EXTRACTION_WORKER_MARK,
  type ExtractionJob,
  type ExtractionReply,
  type ExtractionWorkerData,
} from './messages.js';

type Stages = {
  loadPdf: typeof import('../stages/load/index.js').loadPdf;
  loadedToOcrPages: typeof import('../stages/text/index.js').loadedToOcrPages;
  loadedPageToPageText: typeof import('../stages/text/index.js').loadedPageToPageText;
  pageTextsToExtraction: typeof import('../pipeline.js').pageTextsToExtraction;
};

/**
 * Reads, hashes and loads the file; a text-layer document goes through the pure half here, one
 * with pages to OCR goes back loaded (the main thread renders those pages from the bytes).
 */
async function jobToReply(
  job: ExtractionJob,
  storedSha256s: ReadonlySet<string>,
  stages: Stages,
): Promise<{ reply: ExtractionReply; transfer: ArrayBuffer[] }> {
  try {
    const { bytes, sha256 } = await pathToPdfBytes(job.sourcePath, { maxBytes: job.maxFileBytes });
    if (storedSha256s.has(sha256))
      return { reply: { jobId: job.jobId, ok: true, sha256, extracted: null }, transfer: [] };
    // pdf.js takes ownership of what it is given: a copy, so that the bytes can go back for OCR.
    const loaded = await stages.loadPdf(bytes.slice(), { sourcePath: job.sourcePath, sha256 });
    if (stages.loadedToOcrPages(loaded, job.ocr).length > 0) {
      return {
        reply: { jobId: job.jobId, ok: true, sha256, needsOcr: { loaded, bytes } },
        transfer: [bytes.buffer as ArrayBuffer],
      };
    }
    const extraction = stages.pageTextsToExtraction({
      loaded,
      pageTexts: loaded.pages.map(stages.loadedPageToPageText),
    });
    return {
      reply: { jobId: job.jobId, ok: true, sha256, extracted: extractionToExtractedDocument(extraction) },
      transfer: [],
    };
  } catch (error) {
    return { reply: { jobId: job.jobId, ok: false, error: errorToSerialised(error) }, transfer: [] };
  }
}

// Only in a thread started by startExtractionWorker (a test runner's own worker threads import this file too).
const data = workerData as Partial<ExtractionWorkerData> | null;
const port = data?.[EXTRACTION_WORKER_MARK] === true ? parentPort : null;
if (port) {
  const storedSha256s = new Set(data?.storedSha256s ?? []);
  // pdf.js leaves some rejections of a damaged file unhandled although the job gets the error
  // too (see pdfjsRejections.ts); they must not end this thread. Anything else still does.
  process.on('unhandledRejection', (reason) => {
    if (!isPdfjsError(reason)) throw reason;
  });
  // No source maps in this thread (tsx, and --enable-source-maps, turn them on): pdf.js's legacy
  // build reads an Error's stack when it loads (core-js feature tests), and with source maps on,
  // Node then parses pdf.mjs.map and pdf.worker.mjs.map into ~1.4 million arrays (~150 MB) that
  // stay for the thread's life: each worker's heap after a document was ~200 MB instead of ~60 MB,
  // and the bench's peak RSS at 2 jobs (512 MB heap limit then) 1434 MB instead of 919–1007 MB. It
  // also starts the worker ~200 ms sooner. Nothing is lost: a job's error
  // goes back as its message and code, never its stack. The setting is this thread's own.
  process.setSourceMapsEnabled(false);
  // Load the stages before saying ready, so that a broken install shows as a start-up failure.
  const { PIPELINE_VERSION, pageTextsToExtraction } = await import('../pipeline.js');
  const { loadPdf } = await import('../stages/load/index.js');
  const { loadedToOcrPages, loadedPageToPageText } = await import('../stages/text/index.js');
  const stages: Stages = { loadPdf, loadedToOcrPages, loadedPageToPageText, pageTextsToExtraction };
  let previous: Promise<void> = Promise.resolve();
  port.on('message', (job: ExtractionJob) => {
    previous = previous.then(() =>
      jobToReply(job, storedSha256s, stages).then(({ reply, transfer }) => port.postMessage(reply, transfer)),
    );
  });
  // Loaded: from now on a death of this worker is the fault of a document, not of the install.
  port.postMessage({ ready: true, pipelineVersion: PIPELINE_VERSION });
}
