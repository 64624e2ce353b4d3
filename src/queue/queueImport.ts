/**
 * `budgetpdf import <paths> --queue redis://…`: hashes every file, skips those already stored (by
 * sha256), enqueues one job per remaining content, then acts as the single SQLite writer — takes each
 * finished document from the queue and stores it in its own transaction, exactly as a local import
 * does, with the same results (and so the same summary, report and exit code). A finished job is
 * removed from Redis only after its document is committed: a collector killed at any point and started
 * again stores every finished document once (a sha256 already stored is not stored again).
 * `--collect` only collects: whatever has finished, until nothing is waiting or running.
 */
import { constants } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { Queue, type Job } from 'bullmq';
import pLimit from 'p-limit';
import { BudgetPdfError, isBudgetPdfError } from '../errors.js';
import { ExtractedDocument, MAX_PDF_BYTES } from '../batch/extractDocument.js';
import { DEFAULT_DB_PATH, reviewSummary, storedSummary } from '../batch/importPdfs.js';
import {
  type BatchCounters,
  errorCodeOf,
  errorMessageOf,
  failedResult,
  type ImportProgress,
  type ImportResult,
} from '../batch/importResult.js';
import { inputsToPdfPaths } from '../batch/inputPaths.js';
import type { OcrMode } from '../model/index.js';
import { withDatabase, type Db } from '../stages/store/database.js';
import { storeDocument } from '../stages/store/storeDocument.js';
import {
  COLLECT_POLL_MS,
  connectionToReady,
  JOB_ATTEMPTS,
  JOB_RETRY_BACKOFF_MS,
  QUEUE_NAME,
  QueueJobData,
  QueueJobResult,
  queueUrlToConnection,
  reasonToFailure,
  sha256ToJobId,
} from './queueJobs.js';

export type QueueImportOptions = {
  queueUrl: string;
  dbPath?: string;
  ocr?: OcrMode;
  maxFileBytes?: number;
  /** The shared folder for results too large for Redis; `queue-results/` beside the database by default. */
  resultDir?: string;
  busyTimeoutMs?: number;
  /** Only collect: enqueue nothing, store what finishes until nothing is waiting or running. */
  collectOnly?: boolean;
  onProgress?: (event: ImportProgress) => void;
};

/** Files hashed at once before enqueueing (I/O on the shared storage). */
const HASH_CONCURRENCY = 4;
/** Bytes read at a time while hashing. */
const HASH_CHUNK_BYTES = 1024 * 1024;
/** Finished jobs taken per look. */
const COLLECT_BATCH = 50;
/**
 * How often (ms) the collector checks that the jobs it waits for still exist: a Redis restarted without
 * persistence, or a `queue drain`, loses them, and they are enqueued again.
 */
const MISSING_JOB_CHECK_MS = 5000;

/** A file's sha256 and size, read in chunks: only a regular file within the size limit (as import reads). */
export async function pathToSha256(path: string, maxBytes: number): Promise<{ sha256: string; sizeBytes: number }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', path, (error as Error).message, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new BudgetPdfError(
        'not_regular_file',
        path,
        'not a regular file (a device, FIFO or socket); only regular files are read',
      );
    if (stats.size > maxBytes)
      throw new BudgetPdfError(
        'file_too_large',
        path,
        `${stats.size} bytes, more than the limit of ${maxBytes} bytes (--max-file-mb)`,
      );
    const hash = createHash('sha256');
    const chunk = new Uint8Array(HASH_CHUNK_BYTES);
    let sizeBytes = 0;
    while (sizeBytes < stats.size) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, stats.size - sizeBytes), sizeBytes);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
      sizeBytes += bytesRead;
    }
    return { sha256: hash.digest('hex'), sizeBytes };
  } catch (error) {
    if (error instanceof BudgetPdfError) throw error;
    throw new BudgetPdfError('unreadable_path', path, (error as Error).message, { cause: error });
  } finally {
    await handle.close();
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Enqueues the files (unless collecting only) and stores what the workers finish; results as importPdfs gives them. */
export async function importPdfsViaQueue(inputs: string[], options: QueueImportOptions): Promise<ImportResult[]> {
  const collectOnly = options.collectOnly ?? false;
  const { pdfPaths, failures } = collectOnly
    ? { pdfPaths: [] as string[], failures: [] as ImportResult[] }
    : await inputsToPdfPaths(inputs);
  if (!collectOnly && pdfPaths.length === 0) return failures;
  const dbPath = options.dbPath ?? DEFAULT_DB_PATH;
  const resultDir = resolve(options.resultDir ?? join(dirname(dbPath), 'queue-results'));
  const maxFileBytes = options.maxFileBytes ?? MAX_PDF_BYTES;

  return withDatabase(
    dbPath,
    async (db) => {
      const connection = queueUrlToConnection(options.queueUrl);
      connection.on('error', () => undefined); // reconnects by itself; a Redis restart is waited out
      const queue = new Queue(QUEUE_NAME, { connection });
      queue.on('error', () => undefined);
      try {
        await connectionToReady(connection, options.queueUrl);
        return await collect(db, queue, pdfPaths, failures, { ...options, collectOnly, resultDir, maxFileBytes });
      } finally {
        await queue.close();
        await connection.quit().catch(() => connection.disconnect());
      }
    },
    { busyTimeoutMs: options.busyTimeoutMs },
  );
}

async function collect(
  db: Db,
  queue: Queue,
  pdfPaths: string[],
  failures: ImportResult[],
  options: QueueImportOptions & { collectOnly: boolean; resultDir: string; maxFileBytes: number },
): Promise<ImportResult[]> {
  const startedAt = performance.now();
  const counters: BatchCounters = {
    totalFiles: pdfPaths.length,
    doneFiles: 0,
    failedFiles: 0,
    pages: 0,
    ocrPages: 0,
    elapsedMs: 0,
  };
  const results: ImportResult[] = new Array(pdfPaths.length);
  const paths = [...pdfPaths];
  /** Input indices waiting for the job of each sha256 (copies of one content share a job). */
  const pendingBySha = new Map<string, number[]>();
  /** The same, from when the file is hashed (copies of a content found while its job is being enqueued). */
  const indicesBySha = new Map<string, number[]>();
  const jobData = new Map<string, QueueJobData>();

  const settle = (index: number, result: ImportResult) => {
    results[index] = result;
    const snapshot = () => ({ ...counters, elapsedMs: performance.now() - startedAt });
    options.onProgress?.({
      phase: 'start',
      index,
      total: counters.totalFiles,
      path: result.path,
      counters: snapshot(),
    });
    counters.doneFiles += 1;
    if (result.status === 'failed') counters.failedFiles += 1;
    counters.pages += result.status === 'unchanged' ? 0 : (result.pageCount ?? 0);
    counters.ocrPages += result.ocrPageCount;
    options.onProgress?.({
      phase: 'done',
      index,
      total: counters.totalFiles,
      path: result.path,
      result,
      counters: snapshot(),
    });
  };
  /** A finished or failed job that no input of this run waits for (collect only, or an earlier run's): a row of its own. */
  const extraIndex = (path: string) => {
    paths.push(path);
    counters.totalFiles += 1;
    return paths.length - 1;
  };
  const unchanged = (index: number, sha256: string, elapsedMs: number): ImportResult | null => {
    const stored = storedSummary(db, sha256);
    return (
      stored && {
        ...stored,
        ...reviewSummary(db, stored.documentId),
        path: paths[index],
        status: 'unchanged',
        elapsedMs,
      }
    );
  };

  const enqueue = async (data: QueueJobData) => {
    const jobId = sha256ToJobId(data.sha256);
    const existing = await queue.getJob(jobId);
    if (existing) {
      // Failed in an earlier run: tried again, as a local import tries a failed file again.
      if ((await existing.getState()) === 'failed') await existing.retry('failed', { resetAttemptsMade: true });
      return;
    }
    await queue.add('extract', data, {
      jobId,
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: JOB_RETRY_BACKOFF_MS },
      removeOnComplete: false,
      removeOnFail: false,
    });
  };

  const hashLimit = pLimit(HASH_CONCURRENCY);
  let enqueued = options.collectOnly;
  const enqueueAll = Promise.all(
    pdfPaths.map((path, index) =>
      hashLimit(async () => {
        const fileStartedAt = performance.now();
        try {
          const { sha256, sizeBytes } = await pathToSha256(path, options.maxFileBytes);
          const stored = unchanged(index, sha256, performance.now() - fileStartedAt);
          if (stored) return settle(index, stored);
          const copies = indicesBySha.get(sha256);
          if (copies) return void copies.push(index);
          indicesBySha.set(sha256, [index]);
          const data: QueueJobData = {
            path: resolve(path),
            sha256,
            sizeBytes,
            ocr: options.ocr ?? 'auto',
            maxFileBytes: options.maxFileBytes,
            resultDir: options.resultDir,
          };
          jobData.set(sha256, data);
          await enqueue(data);
          // Waited for only now: a failure of an earlier run, retried by enqueue, is not this run's.
          pendingBySha.set(sha256, indicesBySha.get(sha256) ?? [index]);
        } catch (error) {
          if (!isBudgetPdfError(error)) throw error; // Redis refused: the run stops
          settle(
            index,
            failedResult(path, errorCodeOf(error), errorMessageOf(error, path), performance.now() - fileStartedAt),
          );
        }
      }),
    ),
  ).finally(() => {
    enqueued = true;
  });
  enqueueAll.catch(() => undefined);

  /** Stores one finished job's document (unless its sha256 is stored already), then removes the job. */
  const collectFinished = async (job: Job) => {
    const data = QueueJobData.safeParse(job.data);
    if (!data.success) return void (await job.remove());
    const { sha256 } = data.data;
    const waiting = pendingBySha.get(sha256);
    // While this run is still enqueueing, a job none of its files waits for may yet be one of them.
    if (!waiting && !enqueued) return;
    const indices = waiting ?? [extraIndex(data.data.path)];
    const elapsedMs = (job.finishedOn ?? 0) - (job.processedOn ?? 0);
    let first: ImportResult;
    let resultPath: string | null = null;
    try {
      const value = QueueJobResult.parse(job.returnvalue);
      const alreadyStored = unchanged(indices[0], sha256, elapsedMs);
      if (alreadyStored) first = alreadyStored;
      else {
        let extracted: ExtractedDocument;
        if ('extracted' in value) extracted = value.extracted;
        else {
          resultPath = value.resultPath;
          extracted = ExtractedDocument.parse(JSON.parse(await readFile(value.resultPath, 'utf8')));
        }
        if (extracted.document.sha256 !== sha256)
          throw new Error(`the worker returned the document of another file (sha256 ${extracted.document.sha256})`);
        const { document, ocrPageCount } = extracted;
        const outcome = storeDocument(db, document, { pipelineVersion: value.pipelineVersion });
        first = {
          path: paths[indices[0]],
          status: outcome.status,
          documentId: outcome.documentId,
          sha256,
          pageCount: document.pageCount,
          textSource: document.textSource,
          ocrPageCount,
          projectCount: document.projects.length,
          indicatorCount: document.projects.reduce((sum, project) => sum + project.indicators.length, 0),
          deptTargetCount: (document.deptTargets ?? []).length,
          deptIndicatorCount: (document.deptTargets ?? []).reduce((sum, table) => sum + table.indicators.length, 0),
          repairCount: document.repairs.length,
          findingCount: document.findings.length,
          ...reviewSummary(db, outcome.documentId),
          errorCode: null,
          errorMessage: null,
          elapsedMs,
        };
      }
    } catch (error) {
      // A locked database stops the collector: the job stays finished in Redis for the next one.
      if (isBudgetPdfError(error) && error.code === 'database_locked') throw error;
      const path = paths[indices[0]];
      first = failedResult(path, errorCodeOf(error), errorMessageOf(error, path), elapsedMs);
    }
    pendingBySha.delete(sha256);
    settle(indices[0], first);
    for (const index of indices.slice(1)) {
      const copy = unchanged(index, sha256, 0);
      settle(index, copy ?? { ...first, path: paths[index] });
    }
    await job.remove();
    if (resultPath) await rm(resultPath, { force: true });
  };

  const reportedFailures = new Set<string>();
  const collectFailed = async (listed: Job) => {
    const data = QueueJobData.safeParse(listed.data);
    if (!data.success || reportedFailures.has(String(listed.id))) return;
    if (!pendingBySha.has(data.data.sha256) && !options.collectOnly) return; // another run's failure: left for `queue retry`
    // Listed as failed before this run retried it (see enqueue): failed only if it still is, with its latest reason.
    const job = await queue.getJob(String(listed.id));
    if (!job || (await job.getState()) !== 'failed') return;
    const waiting = pendingBySha.get(data.data.sha256);
    if (!waiting && !options.collectOnly) return;
    reportedFailures.add(String(job.id));
    pendingBySha.delete(data.data.sha256);
    const { code, message } = reasonToFailure(job.failedReason);
    const elapsedMs = (job.finishedOn ?? 0) - (job.processedOn ?? 0);
    for (const index of waiting ?? [extraIndex(data.data.path)])
      settle(index, failedResult(paths[index], code, `${message} (after ${job.attemptsMade} attempt(s))`, elapsedMs));
  };

  let lastMissingCheck = performance.now();
  for (;;) {
    const finished = (await queue.getJobs(['completed'], 0, COLLECT_BATCH - 1, true)) as Job[];
    for (const job of finished) await collectFinished(job);
    for (const job of (await queue.getJobs(['failed'], 0, -1, true)) as Job[]) await collectFailed(job);
    if (enqueued) {
      await enqueueAll; // rethrows a Redis error of the enqueueing
      if (!options.collectOnly && pendingBySha.size === 0) break;
      if (options.collectOnly && finished.length === 0) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed');
        if (Object.values(counts).every((count) => count === 0)) break;
      }
      if (!options.collectOnly && performance.now() - lastMissingCheck > MISSING_JOB_CHECK_MS) {
        lastMissingCheck = performance.now();
        for (const sha256 of [...pendingBySha.keys()]) {
          const data = jobData.get(sha256);
          if (data && !(await queue.getJob(sha256ToJobId(sha256)))) await enqueue(data);
        }
      }
    }
    if (finished.length < COLLECT_BATCH) await sleep(COLLECT_POLL_MS);
  }
  return [...failures, ...results.filter((result) => result !== undefined)];
}
