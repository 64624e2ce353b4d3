/**
 * The distributed import against a real redis-server on a free loopback port: a collector and three
 * worker processes give the database a local import gives, also with a worker killed -9 mid-document
 * (while it OCRs a scan),
 * with Redis restarted mid-run and with the collector killed and started again; a poison file is
 * failed with its last reason after JOB_ATTEMPTS attempts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { JOB_ATTEMPTS } from '../../src/queue/queueJobs.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';
import { tablesWithoutIds } from '../support/tablesWithoutIds.js';

const FILES = [
  'fixtures/phenomena/centred-merged-cell.lo-b5.pdf',
  'fixtures/phenomena/code-wrapped-in-cell.lo-a4.pdf',
  'fixtures/phenomena/extra-empty-column.lo-a4.pdf',
  'fixtures/phenomena/name-cut-at-page-break.direct.pdf',
  'fixtures/phenomena/repeated-header.lo-a4.pdf',
  'fixtures/invented/eco-2023.direct.pdf',
  'fixtures/invented/health-2024.direct.pdf',
].map((file) => resolve(REPO_ROOT, file));
/** A scanned document (read with OCR under the default `--ocr auto`): several seconds to extract. */
const SCAN = resolve(REPO_ROOT, 'fixtures/scanned/ocr-small-table.scan300.pdf');
/** CPU time (ms) the doomed worker spends on the scan before it is killed: well into rendering and OCR. */
const KILL_AFTER_CPU_MS = 1500;
/**
 * The lock (ms) of the workers of the mid-document case: longer than tests/queue/workerEntry.ts's, as
 * a worker that OCRs renders pages on the thread that renews its lock (on a busy machine, for seconds).
 */
const OCR_WORKER_ENV = { QUEUE_TEST_LOCK_MS: '6000' };
const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const WORKER = join(REPO_ROOT, 'tests', 'queue', 'workerEntry.ts');

const work = mkdtempSync(join(tmpdir(), 'budgetpdf-queue-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

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

/** CPU time (user + system, ms) a process has used so far, all its threads together (Linux /proc). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS_PER_S = 100;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

type RedisServer = { url: string; port: number; dir: string; process: ChildProcess };

async function startRedis(dir: string, port?: number, aof = false): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const persistence = aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence],
    { stdio: 'ignore' },
  );
  children.push(child);
  const url = `redis://127.0.0.1:${chosen}/0`;
  await waitFor(async () => {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }, 'redis-server');
  return { url, port: chosen, dir, process: child };
}

type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

const startWorker = (redis: RedisServer, markers: string, holdMs = 0, env: Record<string, string> = {}, poison = '') =>
  run([WORKER, redis.url, String(holdMs), markers, poison], env);

const collector = (redis: RedisServer, dbPath: string, files: string[] = FILES, extra: string[] = []) =>
  run([CLI, 'import', ...files, '--queue', redis.url, '--db', dbPath, ...extra]);

async function stopAll(procs: Proc[]): Promise<void> {
  for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
  await Promise.all(procs.map((proc) => Promise.race([proc.exited, sleep(10_000)])));
}

let local: Record<string, string[]>;
beforeAll(async () => {
  const dbPath = join(work, 'local.sqlite');
  const results = await importPdfs(FILES, { dbPath, jobs: 2 });
  expect(results.map((result) => result.status)).toEqual(FILES.map(() => 'imported'));
  local = tablesWithoutIds(dbPath);
}, 120_000);

describe('import --queue with budgetpdf worker processes', () => {
  it('three workers and a collector store what a local import stores; a large result goes by reference', async () => {
    const { dir, dbPath, markers } = makeCase('plain');
    const redis = await startRedis(dir);
    // One worker sends every result by reference (a file in the shared folder), the others inline.
    const workers = [
      startWorker(redis, markers, 0, { QUEUE_TEST_INLINE_MAX_BYTES: '0' }),
      startWorker(redis, markers),
      startWorker(redis, markers),
    ];
    const importer = collector(redis, dbPath, FILES, ['--report', join(dir, 'report.csv')]);
    expect(await importer.exited, importer.output()).toBe(0);
    expect(importer.output()).toContain(
      `imported ${FILES.length}, unchanged 0, replaced 0, failed 0 of ${FILES.length}`,
    );
    expect(tablesWithoutIds(dbPath)).toEqual(local);
    expect(readdirSync(join(dir, 'queue-results'))).toEqual([]); // each referenced result removed once stored

    // Run again: every file is stored, none is enqueued.
    const again = collector(redis, dbPath);
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toContain(`imported 0, unchanged ${FILES.length}`);

    const status = run([CLI, 'queue', 'status', '--queue', redis.url]);
    expect(await status.exited, status.output()).toBe(0);
    expect(status.output()).toMatch(/waiting 0, active 0, retrying 0, finished to collect 0, failed 0, done 7/);
    expect(status.output()).toMatch(/workers 3/);
    await stopAll(workers);
  }, 120_000);

  it('a worker killed -9 mid-document (while it OCRs a scan): stalled-job recovery hands the job to another worker', async () => {
    const { dir, dbPath, markers } = makeCase('killed-worker');
    const redis = await startRedis(dir);
    const files = [...FILES, SCAN];
    const scanJobId = `sha256-${createHash('sha256').update(readFileSync(SCAN)).digest('hex')}`;
    // The doomed worker is alone until it begins the scan (text-layer files before it take a moment each).
    const doomed = startWorker(redis, markers, 0, OCR_WORKER_ENV);
    const doomedMarker = join(markers, `job-${doomed.child.pid}`);
    const importer = collector(redis, dbPath, files);
    await waitFor(() => existsSync(doomedMarker) && readFileSync(doomedMarker, 'utf8') === SCAN, 'the scan begun');
    const startedCpuMs = processCpuMs(doomed.child.pid as number);
    const workers = [startWorker(redis, markers, 0, OCR_WORKER_ENV), startWorker(redis, markers, 0, OCR_WORKER_ENV)];
    // Mid-document: the worker process has spent KILL_AFTER_CPU_MS of CPU on the scan (rendering and OCR),
    // and the job is still its active one, unfinished.
    await waitFor(
      () => processCpuMs(doomed.child.pid as number) - startedCpuMs >= KILL_AFTER_CPU_MS,
      'the doomed worker busy extracting the scan',
    );
    const probe = new Redis(redis.url);
    const stalledEvents = async () =>
      (await probe.xrange('bull:budgetpdf-import:events', '-', '+')).filter(
        ([, fields]) => fields.join(' ') === `event stalled jobId ${scanJobId}`,
      );
    expect(await probe.lrange('bull:budgetpdf-import:active', 0, -1)).toContain(scanJobId);
    expect(await stalledEvents()).toEqual([]); // still the doomed worker's job
    expect(doomed.output()).not.toContain(SCAN);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect(doomed.output()).not.toContain(SCAN); // killed before it finished or failed the scan

    expect(await importer.exited, importer.output()).toBe(0);
    expect(importer.output()).toContain(
      `imported ${files.length}, unchanged 0, replaced 0, failed 0 of ${files.length}`,
    );
    // BullMQ's stalled-job checker moved the scan's job back to waiting, and a surviving worker extracted it.
    expect(await stalledEvents()).toHaveLength(1);
    probe.disconnect();
    expect(workers.map((worker) => worker.output().includes(`done      ${SCAN}`)).sort()).toEqual([false, true]);
    await stopAll(workers);

    // Every document stored once: the database equals a local import of the same files.
    const localDbPath = join(dir, 'local.sqlite');
    copyFileSync(join(work, 'local.sqlite'), localDbPath);
    const scanLocal = await importPdfs([SCAN], { dbPath: localDbPath, jobs: 1 });
    expect(scanLocal.map((result) => result.status)).toEqual(['imported']);
    expect(tablesWithoutIds(dbPath)).toEqual(tablesWithoutIds(localDbPath));
  }, 180_000);

  it('Redis restarted mid-run: workers and collector reconnect and the run completes', async () => {
    const { dir, dbPath, markers } = makeCase('redis-restart');
    let redis = await startRedis(dir, undefined, true);
    const workers = [1, 2, 3].map(() => startWorker(redis, markers, 700));
    const importer = collector(redis, dbPath);
    await waitFor(() => /imported /.test(importer.output()), 'a first document stored');
    redis.process.kill('SIGKILL');
    await new Promise((done) => redis.process.on('exit', done));
    await sleep(1000);
    redis = await startRedis(dir, redis.port, true);
    expect(await importer.exited, importer.output()).toBe(0);
    expect(tablesWithoutIds(dbPath)).toEqual(local);
    await stopAll(workers);
  }, 120_000);

  it('the collector killed -9 and started again: every finished document stored once, none lost', async () => {
    const { dir, dbPath, markers } = makeCase('collector-killed');
    const redis = await startRedis(dir);
    const workers = [1, 2, 3].map(() => startWorker(redis, markers, 500));
    const first = collector(redis, dbPath);
    await waitFor(() => /imported /.test(first.output()), 'a first document stored');
    first.child.kill('SIGKILL');
    await first.exited;
    // Workers go on while no collector runs; then the same command again.
    await sleep(1500);
    const second = collector(redis, dbPath);
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toMatch(new RegExp(`failed 0 of ${FILES.length}`));
    expect(tablesWithoutIds(dbPath)).toEqual(local);
    const collect = run([CLI, 'import', '--queue', redis.url, '--collect', '--db', dbPath]);
    expect(await collect.exited, collect.output()).toBe(0);
    expect(collect.output()).toContain('imported 0, unchanged 0, replaced 0, failed 0 of 0');
    await stopAll(workers);
  }, 120_000);

  it('a file changed or deleted after it was enqueued fails its job at once with the reason', async () => {
    const { dir, dbPath, markers } = makeCase('changed');
    const redis = await startRedis(dir);
    const changed = join(dir, 'changed.pdf');
    const missing = join(dir, 'missing.pdf');
    copyFileSync(FILES[5], changed);
    copyFileSync(FILES[6], missing);
    const importer = collector(redis, dbPath, [changed, missing]);
    const probe = new Redis(redis.url);
    await waitFor(async () => (await probe.llen('bull:budgetpdf-import:wait')) === 2, 'two jobs enqueued');
    probe.disconnect();
    appendFileSync(changed, '\n% changed after it was enqueued\n');
    rmSync(missing);
    const worker = startWorker(redis, markers);
    expect(await importer.exited, importer.output()).toBe(1);
    expect(importer.output()).toMatch(
      /changed\.pdf: unreadable_path: the file changed after it was enqueued: its sha256 is now [0-9a-f]{64}, the job was for [0-9a-f]{64}; import it again \(after 1 attempt\(s\)\)/,
    );
    expect(importer.output()).toMatch(/missing\.pdf: unreadable_path: .*ENOENT.* \(after 1 attempt\(s\)\)/);
    await stopAll([worker]);
  }, 120_000);

  it('a poison file fails every attempt and is reported with its last reason; imported again, it is retried; queue retry and drain', async () => {
    const { dir, dbPath, markers } = makeCase('poison');
    const redis = await startRedis(dir);
    const poisonCopy = join(dir, 'eco-2023.copy.pdf');
    copyFileSync(FILES[5], poisonCopy);
    appendFileSync(poisonCopy, '\n% another content\n');
    const poisoned = startWorker(redis, markers, 0, {}, 'eco-2023');
    const importer = collector(redis, dbPath, [FILES[5], FILES[6], poisonCopy]);
    expect(await importer.exited, importer.output()).toBe(1);
    expect(importer.output()).toContain('imported 1, unchanged 0, replaced 0, failed 2 of 3');
    expect(importer.output()).toContain(
      `eco-2023.direct.pdf: unexpected: poisoned test file ${FILES[5]} (after ${JOB_ATTEMPTS} attempt(s))`,
    );
    await stopAll([poisoned]);

    // Imported again with a sound worker: the failed job is tried again, not reported failed from the last run.
    const sound = startWorker(redis, markers);
    const again = collector(redis, dbPath, [FILES[5], FILES[6]]);
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toContain('imported 1, unchanged 1, replaced 0, failed 0 of 2');
    await stopAll([sound]);

    const retry = run([CLI, 'queue', 'retry', '--queue', redis.url]);
    expect(await retry.exited, retry.output()).toBe(0);
    expect(retry.output()).toContain('1 failed job(s) moved back to waiting');
    const drain = run([CLI, 'queue', 'drain', '--queue', redis.url]);
    expect(await drain.exited, drain.output()).toBe(0);
    expect(drain.output()).toContain('drained: 1 waiting job(s) removed; 0 finished document(s) still to collect');
  }, 120_000);
});

function makeCase(name: string): { dir: string; dbPath: string; markers: string } {
  const dir = mkdtempSync(join(work, `${name}-`));
  const markers = join(dir, 'markers');
  mkdirSync(markers);
  return { dir, dbPath: join(dir, 'queue.sqlite'), markers };
}
