/** `budgetpdf queue status|retry|drain`: what an operator asks of the queue, without the database. */
import { Queue } from 'bullmq';
import { connectionToReady, QUEUE_NAME, queueUrlToConnection, reasonToFailure } from './queueJobs.js';

/** Throughput is the mean over this many of the last minutes (BullMQ keeps one data point a minute). */
export const THROUGHPUT_WINDOW_MINUTES = 10;
/** How long `queue drain` waits for the running jobs to finish (ms) before it gives up. */
export const DRAIN_WAIT_MS = 10 * 60 * 1000;
/** How often `queue drain` looks whether the running jobs are done (ms). */
const DRAIN_POLL_MS = 250;

export type QueueStatus = {
  waiting: number;
  active: number;
  /** Waiting before another attempt (backoff). */
  retrying: number;
  /** Finished, not yet stored by the collector. */
  toCollect: number;
  failed: number;
  /** Jobs finished since the queue's metrics began (stored or not). */
  done: number;
  /** Workers connected now, by name (host:pid). */
  workers: string[];
  /**
   * Documents finished per minute over the last THROUGHPUT_WINDOW_MINUTES whole minutes; null before
   * BullMQ has recorded one (it keeps a data point per minute that passed with workers running).
   */
  docsPerMinute: number | null;
  /** Minutes the throughput is the mean of. */
  minutesMeasured: number;
  /** The last reason of each failed job, by its file. */
  failures: { path: string; reason: string }[];
};

async function withQueue<T>(queueUrl: string, fn: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = queueUrlToConnection(queueUrl);
  // An operator's command fails fast on a Redis that is not there instead of waiting for it.
  connection.options.maxRetriesPerRequest = 3;
  connection.on('error', () => undefined);
  const queue = new Queue(QUEUE_NAME, { connection });
  queue.on('error', () => undefined);
  try {
    await connectionToReady(connection, queueUrl);
    return await fn(queue);
  } finally {
    await queue.close();
    await connection.quit().catch(() => connection.disconnect());
  }
}

export function queueStatus(queueUrl: string): Promise<QueueStatus> {
  return withQueue(queueUrl, async (queue) => {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    const metrics = await queue.getMetrics('completed', 0, THROUGHPUT_WINDOW_MINUTES - 1);
    const workers = await queue.getWorkers();
    const failed = await queue.getJobs(['failed'], 0, -1, true);
    const recent = metrics.data.slice(0, THROUGHPUT_WINDOW_MINUTES);
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      retrying: counts.delayed ?? 0,
      toCollect: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      done: Number(metrics.meta.count ?? 0),
      workers: workers.map((worker) => String(worker.rawname ?? '').split(':w:')[1] ?? String(worker.addr)),
      minutesMeasured: recent.length,
      docsPerMinute: recent.length === 0 ? null : recent.reduce((sum, n) => sum + Number(n), 0) / recent.length,
      failures: failed.map((job) => {
        const { code, message } = reasonToFailure(job.failedReason);
        return { path: String((job.data as { path?: unknown }).path), reason: `${code}: ${message}` };
      }),
    };
  });
}

export function statusToText(status: QueueStatus): string {
  const lines = [
    `waiting ${status.waiting}, active ${status.active}, retrying ${status.retrying}, finished to collect ${status.toCollect}, failed ${status.failed}, done ${status.done}`,
    `workers ${status.workers.length}${status.workers.length > 0 ? `: ${status.workers.join(', ')}` : ''}`,
    status.docsPerMinute === null
      ? 'throughput not measured yet (one data point per whole minute the workers run)'
      : `throughput ${status.docsPerMinute.toFixed(1)} documents/minute (mean of the last ${Math.min(THROUGHPUT_WINDOW_MINUTES, status.minutesMeasured)} minute(s))`,
  ];
  if (status.failures.length > 0) {
    lines.push('failed (budgetpdf queue retry tries them again):');
    for (const failure of status.failures) lines.push(`  ${failure.path}: ${failure.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Moves every failed job back to waiting with its attempts reset; the number moved. */
export function retryFailed(queueUrl: string): Promise<number> {
  return withQueue(queueUrl, async (queue) => {
    const failed = await queue.getJobs(['failed'], 0, -1, true);
    for (const job of failed) await job.retry('failed', { resetAttemptsMade: true });
    return failed.length;
  });
}

/**
 * A clean drain: the queue is paused (workers take no new job), the running jobs are waited for, the
 * waiting and retrying ones removed (an import enqueues them again), and the queue resumed, empty.
 * Finished documents not yet collected and failed jobs stay: `import --queue … --collect` stores the
 * first, `queue retry` or a new import the second.
 */
export function drainQueue(
  queueUrl: string,
  waitMs: number = DRAIN_WAIT_MS,
): Promise<{ removed: number; toCollect: number; failed: number }> {
  return withQueue(queueUrl, async (queue) => {
    await queue.pause();
    const deadline = performance.now() + waitMs;
    while ((await queue.getActiveCount()) > 0) {
      if (performance.now() > deadline)
        throw new Error(`jobs still running after ${waitMs / 1000} s; the queue is left paused (run drain again)`);
      await new Promise((done) => setTimeout(done, DRAIN_POLL_MS));
    }
    const before = await queue.getJobCounts('waiting', 'prioritized', 'delayed');
    await queue.drain(true);
    const after = await queue.getJobCounts('completed', 'failed');
    await queue.resume();
    const removed = Object.values(before).reduce((sum, n) => sum + n, 0);
    return { removed, toCollect: after.completed ?? 0, failed: after.failed ?? 0 };
  });
}
