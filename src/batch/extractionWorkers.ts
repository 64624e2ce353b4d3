/**
 * A pool of worker threads that run the CPU-bound pipeline (load → … → normalise) on text-layer
 * documents, one document per worker at a time. The main thread keeps the single SQLite writer
 * and the shared OCR pool.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../moduleWorker.js';
import {
  EXTRACTION_WORKER_MARK,
  type ExtractionJob,
  type ExtractionReply,
  type ExtractionWorkerData,
  type ExtractionWorkerReady,
} from './messages.js';

export type ExtractionWorkersOptions = {
  /** Worker threads, ≥ 1. */
  workerCount: number;
  /** A document not finished after this long has its worker terminated (and replaced); none by default. */
  documentTimeoutMs?: number;
  /** sha256 of files already stored: answered without parsing. */
  storedSha256s?: Iterable<string>;
  /**
   * V8 old-generation limit of each worker (resourceLimits.maxOldGenerationSizeMb): keeps the heap,
   * and so the RSS, of a long batch bounded; a document that needs more fails as worker_crashed.
   * Also sets how far V8 lets the heap grow between major GCs (see EXTRACTION_WORKER_MAX_HEAP_MB).
   */
  maxHeapMb?: number;
};

/** The outcome of one job; `crashed`/`timeout` when the worker itself died or was stopped. */
export type WorkerOutcome =
  | ExtractionReply
  | { jobId: number; ok: false; error: { code: 'worker_crashed' | 'timeout'; message: string; causeMessage: null } };

export type ExtractionWorkers = {
  readonly workerCount: number;
  /** PIPELINE_VERSION as the first worker to start reports it; null when none could start. */
  readonly pipelineVersion: Promise<string | null>;
  extract(job: ExtractionJob): Promise<WorkerOutcome>;
};

/** Starts the worker entry, dist/batch/extractionWorker.js or, from src/, extractionWorker.ts through tsx. */
export function startExtractionWorker(workerData: ExtractionWorkerData, maxHeapMb?: number): Worker {
  const resourceLimits = maxHeapMb === undefined ? undefined : { maxOldGenerationSizeMb: maxHeapMb };
  return startModuleWorker(import.meta.url, 'extractionWorker', { workerData, resourceLimits });
}

/**
 * Jobs a worker holds at once: the one it runs and the next, already in its message queue, so that
 * it never waits for this thread (busy storing the other worker's document) to send more work.
 */
const JOBS_AHEAD_PER_WORKER = 2;

type Pending = { job: ExtractionJob; resolve: (outcome: WorkerOutcome) => void };
/** `jobs[0]` is the one the worker runs (its timer, if any, runs); the others wait in its queue. */
type Slot = { worker: Worker; ready: boolean; alive: boolean; jobs: Pending[]; timer?: NodeJS.Timeout };

export async function withExtractionWorkers<T>(
  options: ExtractionWorkersOptions,
  fn: (workers: ExtractionWorkers) => Promise<T>,
): Promise<T> {
  const workerCount = Math.max(1, Math.floor(options.workerCount));
  const workerData: ExtractionWorkerData = {
    [EXTRACTION_WORKER_MARK]: true,
    storedSha256s: [...(options.storedSha256s ?? [])],
  };
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let closing = false;
  let startupFailure: string | null = null;
  let resolveVersion: (version: string | null) => void = () => undefined;
  const pipelineVersion = new Promise<string | null>((resolve) => (resolveVersion = resolve));

  const startTimer = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const head = slot.jobs[0];
    if (!head || options.documentTimeoutMs === undefined) return;
    slot.timer = setTimeout(() => {
      slot.jobs.shift();
      head.resolve({
        jobId: head.job.jobId,
        ok: false,
        error: {
          code: 'timeout',
          message: `not finished after ${options.documentTimeoutMs} ms; extraction stopped`,
          causeMessage: null,
        },
      });
      replace(slot);
      dispatch();
    }, options.documentTimeoutMs);
  };

  /** The worker is gone: the jobs it had not begun go back to the front of the queue, untouched. */
  const replace = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    queue.unshift(...slot.jobs.splice(0));
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    // A worker that died before it was ready would die again (a broken install): no respawn loop.
    if (!slot.ready) {
      slot.alive = false;
      startupFailure ??= 'extraction worker could not start';
      return;
    }
    if (!closing) attach(slot, startExtractionWorker(workerData, options.maxHeapMb));
  };

  const attach = (slot: Slot, worker: Worker) => {
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (reply: ExtractionReply | ExtractionWorkerReady) => {
      if ('ready' in reply) {
        slot.ready = true;
        resolveVersion(reply.pipelineVersion);
        return;
      }
      if (slot.jobs[0]?.job.jobId !== reply.jobId) return;
      const done = slot.jobs.shift()!;
      startTimer(slot);
      dispatch();
      done.resolve(reply);
    });
    const died = (message: string) => {
      if (!slot.ready) startupFailure = message;
      const running = slot.jobs.shift();
      running?.resolve({
        jobId: running.job.jobId,
        ok: false,
        error: { code: 'worker_crashed', message, causeMessage: null },
      });
      replace(slot);
      dispatch();
    };
    worker.on('error', (error) =>
      died(
        (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `extraction worker ran out of memory (heap limit ${options.maxHeapMb} MB): ${error.message}`
          : `extraction worker failed: ${error.message}`,
      ),
    );
    worker.on('exit', (code) => {
      if (!closing) died(`extraction worker exited with code ${code}`);
    });
    // An idle worker must not keep the process alive.
    worker.unref();
  };

  const dispatch = () => {
    if (slots.every((slot) => !slot.alive)) {
      resolveVersion(null);
      for (const { job, resolve } of queue.splice(0)) {
        resolve({
          jobId: job.jobId,
          ok: false,
          error: { code: 'worker_crashed', message: startupFailure ?? 'no extraction worker', causeMessage: null },
        });
      }
      return;
    }
    // Fill every worker to one job first, then top up: a short queue is spread, not stacked on one.
    for (let depth = 1; depth <= JOBS_AHEAD_PER_WORKER; depth += 1) {
      for (const slot of slots) {
        if (!slot.alive || slot.jobs.length >= depth || queue.length === 0) continue;
        const next = queue.shift()!;
        slot.jobs.push(next);
        if (slot.jobs.length === 1) startTimer(slot);
        slot.worker.ref();
        slot.worker.postMessage(next.job);
      }
    }
    for (const slot of slots) if (slot.alive && slot.jobs.length === 0) slot.worker.unref();
  };

  for (let index = 0; index < workerCount; index += 1) {
    const slot: Slot = { worker: undefined as unknown as Worker, ready: false, alive: true, jobs: [] };
    attach(slot, startExtractionWorker(workerData, options.maxHeapMb));
    slots.push(slot);
  }

  const workers: ExtractionWorkers = {
    workerCount,
    pipelineVersion,
    extract: (job) =>
      new Promise<WorkerOutcome>((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      }),
  };
  try {
    return await fn(workers);
  } finally {
    closing = true;
    for (const slot of slots) if (slot.timer) clearTimeout(slot.timer);
    await Promise.all(
      slots.map((slot) => {
        slot.worker.removeAllListeners();
        return slot.worker.terminate();
      }),
    );
  }
}
