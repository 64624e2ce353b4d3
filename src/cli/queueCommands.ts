/** The command line of the distributed import: `budgetpdf worker`, `budgetpdf queue …`, and the checks of `import --queue`. */
import { DEFAULT_OCR_ENGINE, OcrEngineName } from '../model/index.js';
import type { QueueWorkerOptions } from '../queue/queueWorker.js';
import { queueUrlToChecked } from '../queue/queueUrl.js';
import { type CommandIo, EXIT_OK, parseCommandValues, usageToExit } from './commandArgs.js';

export const QUEUE_USAGE = `  budgetpdf import <pdf or folder>... --queue redis://host:port/db [--db <file>] [--ocr …] [--report <file.csv>]
  budgetpdf import --queue redis://host:port/db --collect [--db <file>] [--report <file.csv>]
      a distributed import: enqueue one job per file not yet stored (by sha256), then store each document
      the workers finish, one transaction each, with the summary, report and exit codes of a local import.
      Stop and start it again at will; --collect only stores what the workers finish (docs: README).
  budgetpdf worker --queue redis://host:port/db [--jobs N] [--ocr-engine e] [--max-heap-mb MB] [--timeout S] [--lock-ms MS] [--result-dir <folder>]
      extract the queue's files (on storage shared with the importing machine; the sha256 is checked) and return
      the documents; runs until Ctrl-C or SIGTERM, which finish the jobs in hand first.
  budgetpdf queue status|retry|drain --queue redis://host:port/db
      status: waiting, active, failed, done, the workers connected and the throughput; retry: failed jobs
      tried again; drain: wait for the running jobs, remove the waiting ones (finished documents stay to collect).
`;

function wholeNumber(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, not ${value}`);
  return number;
}

/** `--queue` checked for `import`; a usage error (its message) when it is not a redis:// URL. */
export function importQueueOptionError(values: {
  queue?: string;
  collect?: boolean;
  jobs?: string;
  'max-heap-mb'?: string;
  'ocr-engine'?: string;
  timeout?: string;
  force?: boolean;
  positionals: number;
}): string | null {
  if (values.collect && !values.queue) return '--collect goes with --queue redis://host:port/db';
  if (!values.queue) return null;
  try {
    queueUrlToChecked(values.queue);
  } catch (error) {
    return (error as Error).message;
  }
  if (values.collect && values.positionals > 0) return 'import --collect takes no PDF or folder: it only collects';
  if (!values.collect && values.positionals === 0) return 'import needs at least one PDF or folder (or --collect)';
  for (const option of ['jobs', 'max-heap-mb', 'ocr-engine', 'timeout'] as const)
    if (values[option] !== undefined)
      return `--${option} is a worker's option with --queue: budgetpdf worker --${option} …`;
  if (values.force) return '--force is not supported with --queue: import the files again locally';
  return null;
}

/** Runs a worker until SIGINT/SIGTERM. */
export async function workerCommand(args: string[], io: CommandIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  let options: QueueWorkerOptions;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  try {
    ({ values, positionals } = parseCommandValues('worker', args, {
      queue: { type: 'string' },
      jobs: { type: 'string' },
      'ocr-engine': { type: 'string' },
      'max-heap-mb': { type: 'string' },
      timeout: { type: 'string' },
      'lock-ms': { type: 'string' },
      'result-dir': { type: 'string' },
      'inline-max-kb': { type: 'string' },
    }));
    if (values.help) {
      io.out(QUEUE_USAGE);
      return EXIT_OK;
    }
    if (positionals.length > 0) throw new Error(`worker takes no arguments besides options: ${positionals.join(' ')}`);
    if (typeof values.queue !== 'string') throw new Error('worker needs --queue redis://host:port/db');
    const engine = OcrEngineName.safeParse(values['ocr-engine'] ?? DEFAULT_OCR_ENGINE);
    if (!engine.success) throw new Error(`--ocr-engine must be one of ${OcrEngineName.options.join(', ')}`);
    const timeoutSeconds = wholeNumber(values.timeout as string | undefined, '--timeout', 1);
    const inlineKb = wholeNumber(values['inline-max-kb'] as string | undefined, '--inline-max-kb', 0);
    options = {
      queueUrl: queueUrlToChecked(values.queue),
      jobs: wholeNumber(values.jobs as string | undefined, '--jobs', 1),
      ocrEngine: engine.data,
      workerMaxHeapMb: wholeNumber(values['max-heap-mb'] as string | undefined, '--max-heap-mb', 128),
      documentTimeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
      lockDurationMs: wholeNumber(values['lock-ms'] as string | undefined, '--lock-ms', 500),
      resultDir: values['result-dir'] as string | undefined,
      inlineResultMaxBytes: inlineKb === undefined ? undefined : inlineKb * 1024,
      onLine: (line) => io.out(`${line}\n`),
      stop: stopped,
    };
  } catch (error) {
    return usageToExit(io, (error as Error).message);
  }
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const { DEFAULT_LOCK_DURATION_MS, INLINE_RESULT_MAX_BYTES, queueUrlToRedacted } = await import(
    '../queue/queueJobs.js'
  );
  const { runQueueWorker } = await import('../queue/queueWorker.js');
  io.out(
    `budgetpdf worker: serving ${queueUrlToRedacted(options.queueUrl)} (lock ${options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS} ms, results over ${(options.inlineResultMaxBytes ?? INLINE_RESULT_MAX_BYTES) / 1024} KB by reference); Ctrl-C stops it\n`,
  );
  const summary = await runQueueWorker(options);
  io.out(`budgetpdf worker: stopped after ${summary.completed} done, ${summary.failed} failed attempts\n`);
  return EXIT_OK;
}

export async function queueCommand(args: string[], io: CommandIo): Promise<number> {
  let action: string;
  let queueUrl: string;
  try {
    const { values, positionals } = parseCommandValues('queue', args, { queue: { type: 'string' } });
    if (values.help) {
      io.out(QUEUE_USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1 || !['status', 'retry', 'drain'].includes(positionals[0]))
      throw new Error('queue needs one of status, retry, drain');
    if (!values.queue) throw new Error(`queue ${positionals[0]} needs --queue redis://host:port/db`);
    action = positionals[0];
    queueUrl = queueUrlToChecked(values.queue);
  } catch (error) {
    return usageToExit(io, (error as Error).message);
  }
  const { drainQueue, queueStatus, retryFailed, statusToText } = await import('../queue/queueOps.js');
  if (action === 'status') io.out(statusToText(await queueStatus(queueUrl)));
  else if (action === 'retry') io.out(`${await retryFailed(queueUrl)} failed job(s) moved back to waiting\n`);
  else {
    const drained = await drainQueue(queueUrl);
    io.out(
      `drained: ${drained.removed} waiting job(s) removed; ${drained.toCollect} finished document(s) still to collect (import --queue … --collect), ${drained.failed} failed\n`,
    );
  }
  return EXIT_OK;
}
