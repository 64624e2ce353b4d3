/**
 * Distributed import throughput (issue 20): an archive of text-layer documents (copies of fixtures,
 * each with its own trailing comment and so its own sha256) imported by the local `import --jobs 1|2`
 * and by `import --queue` with 1, 2 and 4 `budgetpdf worker --jobs 1` processes on this machine
 * against a redis-server on a free loopback port. Also: the collector's CPU per document (hashing,
 * enqueueing, taking the result from Redis, validating it, storing it) and redis-server's, the
 * overhead that a run on N machines pays once per document on the collector's machine.
 * BENCH_QUEUE_DOCS sets the archive size (default 40). Run alone: `npx tsx bench/queue.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { importPdfs } from '../src/batch/importPdfs.js';
import { QUEUE_NAME, queueUrlToConnection } from '../src/queue/queueJobs.js';
import { importPdfsViaQueue } from '../src/queue/queueImport.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = [
  'fixtures/invented/eco-2023.direct.pdf',
  'fixtures/invented/health-2024.direct.pdf',
  'fixtures/phenomena/repeated-header.lo-a4.pdf',
  'fixtures/phenomena/name-cut-at-page-break.direct.pdf',
];
const ARCHIVE_SIZE = Number(process.env.BENCH_QUEUE_DOCS ?? 40);
const WORKER_COUNTS = [1, 2, 4] as const;
const LOCAL_JOBS = [1, 2] as const;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

function buildArchive(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: ARCHIVE_SIZE }, (_, index) => {
    const path = join(dir, `doc-${String(index).padStart(4, '0')}.pdf`);
    copyFileSync(join(REPO_ROOT, SOURCES[index % SOURCES.length]), path);
    appendFileSync(path, `\n% bench copy ${index}\n`);
    return path;
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/** CPU seconds a process has used (user + system), from /proc. */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

type Row = {
  name: string;
  seconds: number;
  docs: number;
  pages: number;
  collectorCpuMsPerDoc?: number;
  redisCpuMsPerDoc?: number;
};

async function queueRun(files: string[], dir: string, workerCount: number): Promise<Row> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}/0`;
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const workers: ChildProcess[] = [];
  const connection = queueUrlToConnection(url);
  connection.on('error', () => undefined); // refused until redis-server listens: ioredis retries
  const queue = new Queue(QUEUE_NAME, { connection });
  queue.on('error', () => undefined);
  try {
    await queue.waitUntilReady();
    for (let index = 0; index < workerCount; index += 1) {
      workers.push(
        spawn(
          process.execPath,
          ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'worker', '--queue', url, '--jobs', '1'],
          {
            cwd: REPO_ROOT,
            stdio: 'ignore',
          },
        ),
      );
    }
    while ((await queue.getWorkersCount()) < workerCount) await sleep(100);
    await sleep(2000); // the workers' threads load pdf.js before their first job
    const redisCpuBefore = processCpuSeconds(redis.pid!);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const results = await importPdfsViaQueue(files, {
      queueUrl: url,
      dbPath: join(dir, `queue-${workerCount}.sqlite`),
    });
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const redisCpu = processCpuSeconds(redis.pid!) - redisCpuBefore;
    const stored = results.filter((result) => result.status === 'imported');
    if (stored.length !== files.length) throw new Error(`queue run stored ${stored.length} of ${files.length}`);
    return {
      name: `queue, ${workerCount} worker process${workerCount === 1 ? '' : 'es'}`,
      seconds,
      docs: stored.length,
      pages: stored.reduce((sum, result) => sum + (result.pageCount ?? 0), 0),
      collectorCpuMsPerDoc: (cpu.user + cpu.system) / 1000 / stored.length,
      redisCpuMsPerDoc: (redisCpu * 1000) / stored.length,
    };
  } finally {
    await queue.close();
    await connection.quit().catch(() => connection.disconnect());
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(
      workers.map((worker) => new Promise((done) => (worker.exitCode === null ? worker.on('exit', done) : done(null)))),
    );
    redis.kill('SIGTERM');
  }
}

async function localRun(files: string[], dir: string, jobs: number): Promise<Row> {
  const startedAt = performance.now();
  const results = await importPdfs(files, { dbPath: join(dir, `local-${jobs}.sqlite`), jobs });
  const seconds = (performance.now() - startedAt) / 1000;
  const stored = results.filter((result) => result.status === 'imported');
  return {
    name: `local import --jobs ${jobs}`,
    seconds,
    docs: stored.length,
    pages: stored.reduce((sum, result) => sum + (result.pageCount ?? 0), 0),
  };
}

export async function benchQueue(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-bench-queue-'));
  try {
    const files = buildArchive(join(dir, 'archive'));
    console.log(
      `distributed import: ${files.length} text-layer documents, ${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(2)}`,
    );
    const rows: Row[] = [];
    for (const jobs of LOCAL_JOBS) rows.push(await localRun(files, dir, jobs));
    for (const workerCount of WORKER_COUNTS) rows.push(await queueRun(files, dir, workerCount));
    for (const row of rows) {
      const overhead =
        row.collectorCpuMsPerDoc === undefined
          ? ''
          : `; collector CPU ${row.collectorCpuMsPerDoc.toFixed(1)} ms/doc, redis-server CPU ${row.redisCpuMsPerDoc?.toFixed(1)} ms/doc`;
      console.log(
        `  ${row.name.padEnd(28)} ${row.seconds.toFixed(1).padStart(6)} s  ${(row.docs / row.seconds).toFixed(2)} docs/s  ${((row.seconds * 1000) / row.pages).toFixed(1)} ms/page (wall)${overhead}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchQueue();
