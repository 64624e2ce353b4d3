/**
 * A queue worker for the tests: `node --import tsx tests/queue/workerEntry.ts <redis url> <hold ms> <marker dir> [poison]`.
 * Each job is held `hold ms` before it is read (a marker file named by the pid says a job is held, so
 * that a test can kill this process mid-document); a path containing `poison` fails every attempt.
 * A short lock (QUEUE_TEST_LOCK_MS) lets a killed worker's job go to another one within seconds.
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
  lockDurationMs: QUEUE_TEST_LOCK_MS,
  inlineResultMaxBytes: process.env.QUEUE_TEST_INLINE_MAX_BYTES
    ? Number(process.env.QUEUE_TEST_INLINE_MAX_BYTES)
    : undefined,
  stop: stopped,
  onLine: (line) => process.stdout.write(`${line}\n`),
  onJobStart: async (data) => {
    if (poison && data.path.includes(poison)) throw new Error(`poisoned test file ${data.path}`);
    if (Number(holdMs) > 0) {
      writeFileSync(join(markerDir, `held-${process.pid}`), data.path);
      await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
    }
  },
});
