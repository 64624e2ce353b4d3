/**
 * `budgetpdf worker`: takes jobs from the queue, checks each file's sha256 against the job's, extracts
 * it with src/batch's extraction (worker threads for the text layer, the shared OCR pool for scanned
 * pages) and returns the validated document. It never opens the database.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import { MAX_PDF_BYTES } from '../batch/extractDocument.js';
import { withExtractionWorkers } from '../batch/extractionWorkers.js';
import {
  DEFAULT_DOCUMENT_TIMEOUT_MS,
  EXTRACTION_WORKER_MAX_HEAP_MB,
  type Extract,
  workersThenOcr,
} from '../batch/importPdfs.js';
import { errorCodeOf, errorMessageOf, type ImportErrorCode } from '../batch/importResult.js';
import { withLazyOcrPool } from '../batch/lazyOcrPool.js';
import { withPdfjsRejectionsContained } from '../batch/pdfjsRejections.js';
import type { OcrEngineName, OcrMode } from '../model/index.js';
import {
  connectionToReady,
  DEFAULT_LOCK_DURATION_MS,
  failureToReason,
  INLINE_RESULT_MAX_BYTES,
  isRetriedCode,
  MAX_STALLED_COUNT,
  QUEUE_NAME,
  QueueJobData,
  type QueueJobResult,
  queueUrlToConnection,
} from './queueJobs.js';

export type QueueWorkerOptions = {
  queueUrl: string;
  /** Documents extracted at once (worker threads and OCR workers); the number of CPUs by default. */
  jobs?: number;
  ocrEngine?: OcrEngineName;
  workerMaxHeapMb?: number;
  /** A document not finished after this long fails its attempt as timeout; DEFAULT_DOCUMENT_TIMEOUT_MS by default. */
  documentTimeoutMs?: number;
  /** See DEFAULT_LOCK_DURATION_MS. */
  lockDurationMs?: number;
  /** Results larger than this go by reference (INLINE_RESULT_MAX_BYTES by default). */
  inlineResultMaxBytes?: number;
  /** The shared result folder as mounted here, when not at the path the collector gave in the job. */
  resultDir?: string;
  /** Called as each job begins, just before the file is read and extracted (tests mark there the document a worker begins, to kill it mid-document). */
  onJobStart?: (data: QueueJobData) => Promise<void> | void;
  /** One line per finished or failed job, and connection trouble. */
  onLine?: (line: string) => void;
  /** The worker takes no new job once this resolves, finishes the ones it holds, and returns. */
  stop: Promise<void>;
};

export type QueueWorkerSummary = { completed: number; failed: number };

/** A job's failure: retried (a lost worker, a timeout, a bug) or failed at once (the file itself is the cause). */
function failureToJobError(code: ImportErrorCode, message: string): Error {
  const reason = failureToReason(code, message);
  return isRetriedCode(code) ? new Error(reason) : new UnrecoverableError(reason);
}

/** Serves the queue until `options.stop` resolves. */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<QueueWorkerSummary> {
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const timeoutMs = options.documentTimeoutMs ?? DEFAULT_DOCUMENT_TIMEOUT_MS;
  const lockDurationMs = options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  const inlineMaxBytes = options.inlineResultMaxBytes ?? INLINE_RESULT_MAX_BYTES;
  const say = options.onLine ?? (() => undefined);
  const summary: QueueWorkerSummary = { completed: 0, failed: 0 };
  const connection = queueUrlToConnection(options.queueUrl);
  connection.on('error', () => undefined); // ioredis reconnects by itself; BullMQ's own 'error' says it once
  try {
    await connectionToReady(connection, options.queueUrl);
  } catch (error) {
    connection.disconnect();
    throw error;
  }

  return withPdfjsRejectionsContained(() =>
    withLazyOcrPool({ workers: jobs, engine: options.ocrEngine }, (ocrPool) =>
      withExtractionWorkers(
        {
          workerCount: jobs,
          documentTimeoutMs: timeoutMs,
          maxHeapMb: options.workerMaxHeapMb ?? EXTRACTION_WORKER_MAX_HEAP_MB,
        },
        async (workers) => {
          // One extractor per (OCR mode, size limit) the jobs ask for, each sharing the OCR pool.
          const extractors = new Map<string, Extract>();
          const extractorFor = (ocr: OcrMode, maxFileBytes: number): Extract => {
            const key = `${ocr}:${maxFileBytes}`;
            let extract = extractors.get(key);
            if (!extract) {
              extract = workersThenOcr(workers, ocr, ocrPool, { timeoutMs, maxFileBytes });
              extractors.set(key, extract);
            }
            return extract;
          };
          const pipelineVersion = async () =>
            (await workers.pipelineVersion) ?? (await import('../pipeline.js')).PIPELINE_VERSION;

          const processJob = async (job: Job): Promise<QueueJobResult> => {
            const data = QueueJobData.parse(job.data);
            await options.onJobStart?.(data);
            let outcome: Awaited<ReturnType<Extract>>;
            try {
              outcome = await extractorFor(data.ocr, data.maxFileBytes ?? MAX_PDF_BYTES)(data.path);
            } catch (error) {
              throw failureToJobError(errorCodeOf(error), errorMessageOf(error, data.path));
            }
            if (outcome.sha256 !== data.sha256) {
              throw failureToJobError(
                'unreadable_path',
                `the file changed after it was enqueued: its sha256 is now ${outcome.sha256}, the job was for ${data.sha256}; import it again`,
              );
            }
            if (!outcome.extracted) throw failureToJobError('unexpected', 'extraction returned no document');
            const version = await pipelineVersion();
            const json = JSON.stringify(outcome.extracted);
            const bytes = Buffer.byteLength(json);
            if (bytes <= inlineMaxBytes) return { pipelineVersion: version, extracted: outcome.extracted };
            // Too large for Redis: a file in the shared folder, written whole before it is named.
            const dir = options.resultDir ?? data.resultDir;
            await mkdir(dir, { recursive: true });
            const resultPath = join(dir, `${data.sha256}.json`);
            const partial = `${resultPath}.${process.pid}.part`;
            await writeFile(partial, json);
            await rename(partial, resultPath);
            return { pipelineVersion: version, resultPath, resultBytes: bytes };
          };

          const worker = new Worker(QUEUE_NAME, processJob, {
            connection,
            concurrency: jobs,
            lockDuration: lockDurationMs,
            stalledInterval: lockDurationMs,
            maxStalledCount: MAX_STALLED_COUNT,
            name: `${hostname()}:${process.pid}`,
            metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
          });
          let lastError = '';
          worker.on('error', (error) => {
            if (error.message !== lastError) say(`queue: ${error.message} (retrying)`);
            lastError = error.message;
          });
          worker.on('completed', (job) => {
            lastError = '';
            summary.completed += 1;
            say(`done      ${(job.data as QueueJobData).path}`);
          });
          worker.on('failed', (job, error) => {
            summary.failed += 1;
            if (job)
              say(`failed    ${(job.data as QueueJobData).path}: ${error.message} (attempt ${job.attemptsMade})`);
          });
          await options.stop;
          await worker.close();
          await connection.quit().catch(() => connection.disconnect());
          return summary;
        },
      ),
    ),
  );
}
