/**
 * A pool of worker threads that run the CPU-bound pipeline (load → … → normalise) on text-layer
 * documents, one document per worker at a time. The main thread keeps the single SQLite writer
 * and the shared OCR pool.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EXTRACTION_WORKER_MARK, type ExtractionJob, type ExtractionReply } from './messages.js';

export type ExtractionWorkersOptions = {
  /** Worker threads, ≥ 1. */
  workerCount: number;
  /** A document not finished after this long has its worker terminated (and replaced); none by default. */
  documentTimeoutMs?: number;
};

/** The outcome of one job; `crashed`/`timeout` when the worker itself died or was stopped. */
export type WorkerOutcome =
  | ExtractionReply
  | { jobId: number; ok: false; error: { code: 'worker_crashed' | 'timeout'; message: string; causeMessage: null }; bytes: null };

export type ExtractionWorkers = {
  readonly workerCount: number;
  extract(job: ExtractionJob): Promise<WorkerOutcome>;
};

/**
 * Starts the worker entry: dist/batch/extractionWorker.js as is, or, when this module runs from
 * src/ (tsx, vitest), an eval'd bootstrap that registers tsx's ESM loader in the new thread and
 * then imports src/batch/extractionWorker.ts.
 */
export function startExtractionWorker(): Worker {
  const here = import.meta.url;
  const workerData = { [EXTRACTION_WORKER_MARK]: true };
  if (!here.endsWith('.ts')) return new Worker(new URL('./extractionWorker.js', here), { workerData });
  const entry = new URL('./extractionWorker.ts', here).href;
  const tsxApi = tsxEsmApiUrl(here);
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((api) => { (api.register ?? api.default.register)(); return import(${JSON.stringify(entry)}); })
    .catch((error) => { process.nextTick(() => { throw error; }); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** tsx's `esm/api` entry for `import` as its package.json exports map names it (require() would give the CJS one). */
function tsxEsmApiUrl(from: string): string {
  const packageJsonPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const target = manifest.exports['./esm/api']?.import?.default;
  if (!target) throw new Error(`tsx at ${dirname(packageJsonPath)} has no ./esm/api export`);
  return pathToFileURL(join(dirname(packageJsonPath), target)).href;
}

type Slot = { worker: Worker; ready: boolean; alive: boolean; job: { job: ExtractionJob; resolve: (outcome: WorkerOutcome) => void; timer?: NodeJS.Timeout } | null };

export async function withExtractionWorkers<T>(options: ExtractionWorkersOptions, fn: (workers: ExtractionWorkers) => Promise<T>): Promise<T> {
  const workerCount = Math.max(1, Math.floor(options.workerCount));
  const queue: { job: ExtractionJob; resolve: (outcome: WorkerOutcome) => void }[] = [];
  const slots: Slot[] = [];
  let closing = false;
  let startupFailure: string | null = null;

  const finish = (slot: Slot, outcome: WorkerOutcome) => {
    const running = slot.job;
    if (!running) return;
    if (running.timer) clearTimeout(running.timer);
    slot.job = null;
    running.resolve(outcome);
  };

  const replace = (slot: Slot) => {
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    // A worker that died before it was ready would die again (a broken install): no respawn loop.
    if (!slot.ready) {
      slot.alive = false;
      startupFailure ??= 'extraction worker could not start';
      return;
    }
    if (!closing) attach(slot, startExtractionWorker());
  };

  const attach = (slot: Slot, worker: Worker) => {
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (reply: ExtractionReply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        return;
      }
      if (slot.job?.job.jobId !== reply.jobId) return;
      finish(slot, reply);
      dispatch();
    });
    const died = (message: string) => {
      if (!slot.ready) startupFailure = message;
      const jobId = slot.job?.job.jobId ?? -1;
      finish(slot, { jobId, ok: false, error: { code: 'worker_crashed', message, causeMessage: null }, bytes: null });
      replace(slot);
      dispatch();
    };
    worker.on('error', (error) => died(`extraction worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (!closing) died(`extraction worker exited with code ${code}`);
    });
    // An idle worker must not keep the process alive.
    worker.unref();
  };

  const dispatch = () => {
    if (slots.every((slot) => !slot.alive)) {
      for (const { job, resolve } of queue.splice(0)) {
        resolve({ jobId: job.jobId, ok: false, error: { code: 'worker_crashed', message: startupFailure ?? 'no extraction worker', causeMessage: null }, bytes: null });
      }
      return;
    }
    for (const slot of slots) {
      if (!slot.alive || slot.job || queue.length === 0) continue;
      const next = queue.shift()!;
      slot.job = { ...next };
      if (options.documentTimeoutMs !== undefined) {
        slot.job.timer = setTimeout(() => {
          finish(slot, {
            jobId: next.job.jobId,
            ok: false,
            error: { code: 'timeout', message: `not finished after ${options.documentTimeoutMs} ms; extraction stopped`, causeMessage: null },
            bytes: null,
          });
          replace(slot);
          dispatch();
        }, options.documentTimeoutMs);
      }
      slot.worker.ref();
      slot.worker.postMessage(next.job, [next.job.bytes.buffer as ArrayBuffer]);
    }
    for (const slot of slots) if (slot.alive && !slot.job) slot.worker.unref();
  };

  for (let index = 0; index < workerCount; index += 1) {
    const slot: Slot = { worker: undefined as unknown as Worker, ready: false, alive: true, job: null };
    attach(slot, startExtractionWorker());
    slots.push(slot);
  }

  const workers: ExtractionWorkers = {
    workerCount,
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
    await Promise.all(slots.map((slot) => { slot.worker.removeAllListeners(); return slot.worker.terminate(); }));
  }
}
