/**
 * What the collector (`import --queue`) and the workers (`budgetpdf worker`) say to each other through
 * BullMQ on Redis: one job per file (its path on the shared storage, sha256 and size), and the
 * extracted document it comes back with — inline, or by reference to a file in a shared folder when
 * it is large. SQLite is written only by the collector.
 */
import { Redis } from 'ioredis';
import { z } from 'zod';
import { ExtractedDocument } from '../batch/extractDocument.js';
import { ImportErrorCode } from '../batch/importResult.js';
import { OcrMode } from '../model/index.js';
import { queueUrlToChecked } from './queueUrl.js';

/** The BullMQ queue every collector and worker of one Redis database share. */
export const QUEUE_NAME = 'budgetpdf-import';

/** A job is tried this many times (a worker lost, a timeout, an unexpected error) before it is failed for good. */
export const JOB_ATTEMPTS = 3;
/** Wait before the second attempt (ms); doubled for each further one. */
export const JOB_RETRY_BACKOFF_MS = 1000;

/**
 * How long a worker's lock on its job lasts without renewal (ms; renewed every half of it): a worker
 * killed or cut off is noticed this long after, and its job handed to another worker. `worker --lock-ms`.
 */
export const DEFAULT_LOCK_DURATION_MS = 30_000;
/** A job whose worker was lost more than this many times is failed as worker_crashed (a file that kills its worker). */
export const MAX_STALLED_COUNT = 2;

/**
 * A result larger than this (bytes of JSON) is written to a file in the shared result folder and
 * only its name goes through Redis, which keeps every job in memory: a large scanned budget's
 * document runs to megabytes.
 */
export const INLINE_RESULT_MAX_BYTES = 256 * 1024;

/** How often the collector looks for finished and failed jobs (ms). */
export const COLLECT_POLL_MS = 200;

/** One file to extract. The path is absolute: workers on other machines open it on the same shared mount. */
export const QueueJobData = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().min(0),
  ocr: OcrMode,
  maxFileBytes: z.number().int().positive(),
  /** Where a worker writes a result too large for Redis (a folder the collector reads). */
  resultDir: z.string(),
});
export type QueueJobData = z.infer<typeof QueueJobData>;

/** What a worker returns: the validated document (or where it wrote it) and the pipeline version that made it. */
export const QueueJobResult = z.union([
  z.object({ pipelineVersion: z.string(), extracted: ExtractedDocument }),
  z.object({ pipelineVersion: z.string(), resultPath: z.string(), resultBytes: z.number().int() }),
]);
export type QueueJobResult = z.infer<typeof QueueJobResult>;

/** One job per content: the same file enqueued twice (or by two imports) is one job. BullMQ ids may not contain `:`. */
export const sha256ToJobId = (sha256: string): string => `sha256-${sha256}`;

/**
 * A Redis connection that waits out an outage instead of failing commands (BullMQ workers need
 * `maxRetriesPerRequest: null`): a restarted Redis is reconnected to and the run goes on.
 */
export function queueUrlToConnection(url: string): Redis {
  return new Redis(queueUrlToChecked(url), { maxRetriesPerRequest: null, enableOfflineQueue: true });
}

/**
 * How long a command waits for Redis when it starts (ms): an unreachable server or a wrong URL is said
 * at once. Once connected, an outage is waited out (a restarted Redis is reconnected to).
 */
export const QUEUE_CONNECT_TIMEOUT_MS = 10_000;

/** The URL without its password, for messages and logs. */
export function queueUrlToRedacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Resolves once Redis answers; an error naming the server when it does not within `timeoutMs`. */
export async function connectionToReady(
  connection: Redis,
  url: string,
  timeoutMs: number = QUEUE_CONNECT_TIMEOUT_MS,
): Promise<void> {
  const unreachable = (why: string) =>
    new Error(`cannot reach Redis at ${queueUrlToRedacted(url)} (${why}): is redis-server running there?`);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unreachable(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  const answered = connection.ping().catch((error: Error) => {
    throw unreachable(error.message);
  });
  try {
    await Promise.race([answered, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Errors that fail the same way every time: the job is failed at once, not tried again. */
const RETRIED_CODES: ReadonlySet<string> = new Set(['timeout', 'worker_crashed', 'unexpected']);
export const isRetriedCode = (code: ImportErrorCode): boolean => RETRIED_CODES.has(code);

/** A job's failure as BullMQ keeps it (one string): `code: message`. */
export const failureToReason = (code: ImportErrorCode, message: string): string => `${code}: ${message}`;

/** BullMQ's own reason when the stalled-job checker gave up on a job (see MAX_STALLED_COUNT). */
const STALLED_REASON = /stalled more than allowable limit/i;

/** The import error of a failed job's last reason (`code: message`, or BullMQ's own words). */
export function reasonToFailure(reason: string | undefined): { code: ImportErrorCode; message: string } {
  const text = (reason ?? 'failed without a reason').trim();
  const match = /^([a-z_]+): ([\s\S]*)$/.exec(text);
  const code = match ? ImportErrorCode.safeParse(match[1]) : null;
  if (match && code?.success) return { code: code.data, message: match[2] };
  if (STALLED_REASON.test(text))
    return {
      code: 'worker_crashed',
      message: `its worker was lost (killed, out of memory or cut off) more than ${MAX_STALLED_COUNT} times: ${text}`,
    };
  return { code: 'unexpected', message: text };
}
