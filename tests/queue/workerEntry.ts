/**
 * A queue worker for the tests: `node --import tsx tests/queue/workerEntry.ts <redis url> <hold ms> <marker dir> [poison]`.
 * As each job begins, a marker file named by the pid (`job-<pid>`) is written with the job's path, just
 * before extraction starts (a test waits for it to kill this process mid-document); then the job is held
 * `hold ms` before it is read. A path containing `poison` fails every attempt.
 * A short lock (QUEUE_TEST_LOCK_MS, or the environment's QUEUE_TEST_LOCK_MS) lets a killed worker's job go
 * to another one within seconds. A worker that OCRs needs a longer one: it renders pages on its main
 * thread, which renews the lock, and a render longer than the lock makes BullMQ take its job as stalled.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runQueueWorker } from '../../src/queue/queueWorker.js';

export const QUEUE_TEST_LOCK_MS = 1500;

const [queueUrl, holdMs, markerDir, poison] = process.argv.slice(2);
let stop!: () => void;
const stopped = new Promise<void>((resolve) => (stop = resolve));
process.once('SIGTERM', stop);
await runQueueWorker({
  queueUrl,
  jobs: 1,
  lockDurationMs: Number(process.env.QUEUE_TEST_LOCK_MS ?? QUEUE_TEST_LOCK_MS),
  inlineResultMaxBytes: process.env.QUEUE_TEST_INLINE_MAX_BYTES
    ? Number(process.env.QUEUE_TEST_INLINE_MAX_BYTES)
    : undefined,
  stop: stopped,
  onLine: (line) => process.stdout.write(`${line}\n`),
  onJobStart: async (data) => {
    if (poison && data.path.includes(poison)) throw new Error(`poisoned test file ${data.path}`);
    writeFileSync(join(markerDir, `job-${process.pid}`), data.path);
    if (Number(holdMs) > 0) await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
  },
});
