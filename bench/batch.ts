/**
 * Batch import throughput (issue 4): an archive of ≥ 200 text-layer documents rendered with the
 * direct writer from the seed and invented records, each with its own subset and order of
 * projects, imported with --jobs 1 and --jobs 2; pdf.js alone parses the same files in the same
 * number of worker threads; peak RSS (the whole process, worker threads included) is sampled.
 * Targets: 1 → 2 jobs ≥ 1.7×; pipeline ≥ 0.6× pdf.js alone.
 * BENCH_BATCH_ROUNDS (default 3) interleaved rounds, every run printed, medians summarised, load
 * average printed; BENCH_BATCH_DOCS sets the archive size; BENCH_BATCH_DIR keeps the archive
 * there (built once, reused). Run alone: `npx tsx bench/batch.ts`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { importPdfs, type ImportOptions } from '../src/batch/importPdfs.js';
import { parseWithPdfjsAlone } from './pdfjsBaseline.js';

const ARCHIVE_SIZE = Number(process.env.BENCH_BATCH_DOCS ?? 210);
const BASES = ['fixtures/seed/seed-2022', 'fixtures/invented/eco-2023', 'fixtures/invented/health-2024'];
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RSS_SAMPLE_MS = 50;
/** Repeats of each configuration; the summary takes their medians. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_BATCH_ROUNDS ?? 3));
const JOB_COUNTS = [1, 2] as const;
/**
 * BENCH_BATCH_MAX_HEAP_MB: the extraction workers' heap limit, to weigh memory against GC time; the import's default
 * otherwise.
 */
const WORKER_MAX_HEAP_MB = process.env.BENCH_BATCH_MAX_HEAP_MB
  ? Number(process.env.BENCH_BATCH_MAX_HEAP_MB)
  : undefined;

/** Variant `index` of a base: a rotating subset of its projects (≥ 2), contents and goals to match. */
async function buildArchive(dir: string): Promise<string[]> {
  const { FixtureExpected, FixtureQuirks, fixtureToPrintDoc } = await import('../scripts/fixtures/render/printDoc.js');
  const { printDocToDirectPdf } = await import('../scripts/fixtures/render/direct/document.js');
  const bases = BASES.map((base) => ({
    expected: FixtureExpected.parse(JSON.parse(readFileSync(join(REPO_ROOT, `${base}.expected.json`), 'utf8'))),
    quirks: existsSync(join(REPO_ROOT, `${base}.quirks.json`))
      ? FixtureQuirks.parse(JSON.parse(readFileSync(join(REPO_ROOT, `${base}.quirks.json`), 'utf8')))
      : {},
  }));
  const paths: string[] = [];
  for (let index = 0; index < ARCHIVE_SIZE; index += 1) {
    const { expected, quirks } = bases[index % bases.length];
    const projectCount = expected.projects.length;
    const keep = 2 + (Math.floor(index / bases.length) % (projectCount - 1));
    const start = Math.floor(index / bases.length / (projectCount - 1)) % (projectCount - keep + 1);
    const projects = expected.projects.slice(start, start + keep).map((project, seq) => ({ ...project, seq: seq + 1 }));
    const toc = projects.map((project, seq) => ({
      seq: seq + 1,
      title: (project as { table_title?: unknown }).table_title ?? expected.toc[0]?.title,
      page: null,
    }));
    const overall_goal = `${expected.overall_goal}（档案第${index + 1}份）`; // every document unique, so none is skipped as unchanged
    const variant = {
      ...expected,
      overall_goal,
      projects,
      toc: toc.every((entry) => typeof entry.title === 'string') ? toc : expected.toc.slice(0, keep),
      sub_goals: [
        ...expected.sub_goals.slice(index % expected.sub_goals.length),
        ...expected.sub_goals.slice(0, index % expected.sub_goals.length),
      ],
    };
    const path = join(dir, `doc-${String(index).padStart(4, '0')}.pdf`);
    if (existsSync(path)) {
      paths.push(path); // BENCH_BATCH_DIR kept from an earlier run
      continue;
    }
    writeFileSync(path, printDocToDirectPdf(fixtureToPrintDoc(variant as typeof expected, quirks)));
    paths.push(path);
  }
  return paths;
}

/**
 * pdf.js alone over the files in `threads` worker threads (this module, run as a worker); each document's pages as it
 * finishes.
 */
async function pdfjsAloneInThreads(paths: string[], threads: number): Promise<Finished[]> {
  const here = import.meta.url;
  const tsxApi = pathToFileURL(
    join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const shares = Array.from({ length: threads }, (_, thread) => paths.filter((_, index) => index % threads === thread));
  const finished: Finished[] = [];
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          // Source maps off, as in the extraction workers (see src/batch/extractionWorker.ts): else
          // pdf.js's own maps are parsed into ~150 MB of arrays per thread at load.
          const worker = new Worker(
            `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); process.setSourceMapsEnabled(false); return import(${JSON.stringify(here)}); })`,
            { eval: true, workerData: { pdfjsBaselinePaths: share } },
          );
          worker.on('message', (message: { pages: number } | 'done') => {
            if (message === 'done') resolve();
            else finished.push({ atMs: performance.now(), pages: message.pages });
          });
          worker.once('error', reject);
        }),
    ),
  );
  return finished;
}

/** CPU time (ms) of each thread of this process, from /proc/self/task (Linux; empty elsewhere). */
function threadCpuMs(): Map<number, number> {
  const perThread = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return perThread;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      // After the `(comm)` field: state is field 3, utime and stime fields 14 and 15, in USER_HZ (100/s).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      perThread.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return perThread;
}

/**
 * Where the CPU went, per page: the main thread (the pipeline's writer: deserialising and storing),
 * the `jobs` busiest other threads (the extraction workers, or pdf.js alone's threads), and every
 * other thread (V8's helpers — garbage collection, background compilation —, libuv's pool). With
 * one job the helpers and the main thread run on the second core for free; with two they compete
 * with the workers: were each thread's CPU per page the same at 1 and 2 jobs, the scaling from 1 to
 * 2 jobs would be 2 × workers / all (on this 2-core host the 1-job runs have used more CPU per page
 * than the 2-job ones, so the measured scaling has come out above that estimate).
 */
type ThreadCpu = { mainMsPerPage: number; workersMsPerPage: number; otherMsPerPage: number };

/**
 * Runs `fn` while sampling peak RSS (the whole process, worker threads included) and each thread's
 * CPU time: a thread's last sample stands for it once it has ended (up to RSS_SAMPLE_MS lost).
 */
async function withPeakRssAndThreadCpu<T>(
  jobs: number,
  fn: () => Promise<T>,
): Promise<{ value: T; peakRssMb: number; threadCpuMs: { main: number; workers: number; other: number } }> {
  let peak = process.memoryUsage().rss;
  const before = threadCpuMs();
  const last = new Map(before);
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
    for (const [tid, ms] of threadCpuMs()) last.set(tid, ms);
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  try {
    const value = await fn();
    sample();
    const used = [...last].map(([tid, ms]) => ({ tid, ms: ms - (before.get(tid) ?? 0) }));
    const main = used.find((thread) => thread.tid === process.pid)?.ms ?? 0;
    const others = used.filter((thread) => thread.tid !== process.pid).sort((a, b) => b.ms - a.ms);
    const workers = others.slice(0, jobs).reduce((sum, thread) => sum + thread.ms, 0);
    const rest = others.slice(jobs).reduce((sum, thread) => sum + thread.ms, 0);
    return { value, peakRssMb: peak / 2 ** 20, threadCpuMs: { main, workers, other: rest } };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Pages finished at each moment (ms); the throughput after the first document finished (workers started, code loaded).
 */
type Finished = { atMs: number; pages: number };
function steadyPagesPerSecond(finished: Finished[]): number {
  const sorted = [...finished].sort((a, b) => a.atMs - b.atMs);
  if (sorted.length < 2) return NaN;
  const pages = sorted.slice(1).reduce((sum, entry) => sum + entry.pages, 0);
  return pages / ((sorted.at(-1)!.atMs - sorted[0].atMs) / 1000);
}

function threadCpuPerPage(threadCpuMs: { main: number; workers: number; other: number }, pages: number): ThreadCpu {
  return {
    mainMsPerPage: threadCpuMs.main / pages,
    workersMsPerPage: threadCpuMs.workers / pages,
    otherMsPerPage: threadCpuMs.other / pages,
  };
}

function threadCpuText(threads: ThreadCpu): string {
  return [threads.mainMsPerPage, threads.workersMsPerPage, threads.otherMsPerPage].map((ms) => ms.toFixed(1)).join('/');
}

function medianThreadCpu(runs: ThreadCpu[]): ThreadCpu {
  return {
    mainMsPerPage: median(runs.map((run) => run.mainMsPerPage)),
    workersMsPerPage: median(runs.map((run) => run.workersMsPerPage)),
    otherMsPerPage: median(runs.map((run) => run.otherMsPerPage)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function loadAverageText(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

/**
 * cpuMsPerPage: CPU time of the whole process (all threads) per page, and cpuCores: CPU time over
 * wall time. On a machine shared with other work, wall-clock rates move with the neighbours; CPU
 * per page does not, and cpuCores near the job count shows the workers were kept busy.
 */
type PipelineRun = {
  docsPerSecond: number;
  pagesPerSecond: number;
  steadyPagesPerSecond: number;
  peakRssMb: number;
  mainThreadBusyPct: number;
  cpuMsPerPage: number;
  cpuCores: number;
  threads: ThreadCpu;
};
type BaselineRun = { pagesPerSecond: number; steadyPagesPerSecond: number; cpuMsPerPage: number; threads: ThreadCpu };

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function pipelineRun(paths: string[], jobs: number, dbPath: string): Promise<PipelineRun> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const finished: Finished[] = [];
  const onProgress: ImportOptions['onProgress'] = (event) => {
    if (event.phase === 'done') finished.push({ atMs: performance.now(), pages: event.result.pageCount ?? 0 });
  };
  const {
    value: results,
    peakRssMb,
    threadCpuMs,
  } = await withPeakRssAndThreadCpu(jobs, () =>
    importPdfs(paths, { dbPath, ocr: 'never', jobs, workerMaxHeapMb: WORKER_MAX_HEAP_MB, onProgress }),
  );
  const mainThreadBusyPct = performance.eventLoopUtilization(eluBefore).utilization * 100;
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsSince(cpuBefore);
  const failed = results.filter((result) => result.status !== 'imported');
  if (failed.length > 0)
    console.log(
      `  ${failed.length} not imported, e.g. ${failed[0].path}: ${failed[0].status} ${failed[0].errorCode} ${failed[0].errorMessage}`,
    );
  const pages = results.reduce((sum, result) => sum + (result.pageCount ?? 0), 0);
  return {
    docsPerSecond: results.length / seconds,
    pagesPerSecond: pages / seconds,
    steadyPagesPerSecond: steadyPagesPerSecond(finished),
    peakRssMb,
    mainThreadBusyPct,
    cpuMsPerPage: cpuMs / pages,
    cpuCores: cpuMs / 1000 / seconds,
    threads: threadCpuPerPage(threadCpuMs, pages),
  };
}

async function baselineRun(paths: string[], threads: number): Promise<BaselineRun> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { value: finished, threadCpuMs } = await withPeakRssAndThreadCpu(threads, () =>
    pdfjsAloneInThreads(paths, threads),
  );
  const pages = finished.reduce((sum, entry) => sum + entry.pages, 0);
  return {
    pagesPerSecond: pages / ((performance.now() - started) / 1000),
    steadyPagesPerSecond: steadyPagesPerSecond(finished),
    cpuMsPerPage: cpuMsSince(cpuBefore) / pages,
    threads: threadCpuPerPage(threadCpuMs, pages),
  };
}

/**
 * Each configuration (pdf.js alone, pipeline; 1 and 2 jobs) runs ROUNDS times, interleaved so
 * that a noisy neighbour hits all of them alike; every run is printed, the summary uses medians.
 */
export async function benchBatch(): Promise<void> {
  const keep = process.env.BENCH_BATCH_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'budgetpdf-bench-batch-'));
  mkdirSync(dir, { recursive: true });
  try {
    const paths = await buildArchive(dir);
    console.log(
      `\nbatch import: archive of ${paths.length} text-layer documents (direct writer, varied project subsets), ${ROUNDS} interleaved rounds`,
    );
    console.log(`cores ${availableParallelism()}; load average at start ${loadAverageText()}`);
    console.log(
      'round jobs',
      'pdf.js pages/s'.padStart(15),
      'docs/s'.padStart(8),
      'pages/s'.padStart(8),
      'vs pdf.js'.padStart(10),
      'steady: pdf.js'.padStart(15),
      'pages/s'.padStart(8),
      'peak RSS MB'.padStart(12),
      'main busy %'.padStart(12),
      'CPU ms/page'.padStart(12),
      'pdf.js CPU ms/page'.padStart(19),
      'CPU cores'.padStart(10),
      '  CPU ms/page main/workers/other: pipeline'.padEnd(16),
      'pdf.js'.padStart(16),
      '  load avg',
    );
    const runs = new Map<number, { baseline: BaselineRun[]; pipeline: PipelineRun[] }>(
      JOB_COUNTS.map((jobs) => [jobs, { baseline: [], pipeline: [] }]),
    );
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const jobs of JOB_COUNTS) {
        const entry = runs.get(jobs)!;
        const baseline = await baselineRun(paths, jobs);
        const dbPath = join(dir, `jobs${jobs}-round${round}.sqlite`);
        rmSync(dbPath, { force: true });
        const run = await pipelineRun(paths, jobs, dbPath);
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
        entry.baseline.push(baseline);
        entry.pipeline.push(run);
        console.log(
          String(round).padStart(5),
          String(jobs).padStart(4),
          baseline.pagesPerSecond.toFixed(1).padStart(15),
          run.docsPerSecond.toFixed(1).padStart(8),
          run.pagesPerSecond.toFixed(1).padStart(8),
          `${(run.pagesPerSecond / baseline.pagesPerSecond).toFixed(2)}×`.padStart(10),
          baseline.steadyPagesPerSecond.toFixed(1).padStart(15),
          run.steadyPagesPerSecond.toFixed(1).padStart(8),
          run.peakRssMb.toFixed(0).padStart(12),
          run.mainThreadBusyPct.toFixed(0).padStart(12),
          run.cpuMsPerPage.toFixed(1).padStart(12),
          baseline.cpuMsPerPage.toFixed(1).padStart(19),
          run.cpuCores.toFixed(2).padStart(10),
          threadCpuText(run.threads).padStart(43),
          threadCpuText(baseline.threads).padStart(16),
          `  ${loadAverageText()}`,
        );
      }
    }
    console.log(
      'median',
      'jobs',
      'pdf.js pages/s'.padStart(9),
      'docs/s'.padStart(8),
      'pages/s'.padStart(8),
      'vs pdf.js'.padStart(10),
      'steady: pdf.js'.padStart(15),
      'pages/s'.padStart(8),
      'vs pdf.js'.padStart(10),
      'peak RSS MB'.padStart(12),
      'CPU ms/page'.padStart(12),
      'pdf.js CPU ms/page'.padStart(19),
      'CPU cores'.padStart(10),
      '  CPU ms/page main/workers/other: pipeline'.padEnd(16),
      'pdf.js'.padStart(16),
    );
    const medianDocs = new Map<number, number>();
    const medianBaseline = new Map<number, number>();
    const medianSteady = new Map<number, { pipeline: number; baseline: number }>();
    let oneJobThreads: { pipeline: ThreadCpu; baseline: ThreadCpu } | undefined;
    for (const jobs of JOB_COUNTS) {
      const { baseline, pipeline } = runs.get(jobs)!;
      const docs = median(pipeline.map((run) => run.docsPerSecond));
      const pages = median(pipeline.map((run) => run.pagesPerSecond));
      const base = median(baseline.map((run) => run.pagesPerSecond));
      medianDocs.set(jobs, docs);
      medianBaseline.set(jobs, base);
      const steady = {
        pipeline: median(pipeline.map((run) => run.steadyPagesPerSecond)),
        baseline: median(baseline.map((run) => run.steadyPagesPerSecond)),
      };
      medianSteady.set(jobs, steady);
      console.log(
        ''.padStart(6),
        String(jobs).padStart(4),
        base.toFixed(1).padStart(15),
        docs.toFixed(1).padStart(8),
        pages.toFixed(1).padStart(8),
        `${median(pipeline.map((run, index) => run.pagesPerSecond / baseline[index].pagesPerSecond)).toFixed(2)}×`.padStart(
          10,
        ),
        steady.baseline.toFixed(1).padStart(15),
        steady.pipeline.toFixed(1).padStart(8),
        `${median(pipeline.map((run, index) => run.steadyPagesPerSecond / baseline[index].steadyPagesPerSecond)).toFixed(2)}×`.padStart(
          10,
        ),
        Math.max(...pipeline.map((run) => run.peakRssMb))
          .toFixed(0)
          .padStart(12),
        median(pipeline.map((run) => run.cpuMsPerPage))
          .toFixed(1)
          .padStart(12),
        median(baseline.map((run) => run.cpuMsPerPage))
          .toFixed(1)
          .padStart(19),
        median(pipeline.map((run) => run.cpuCores))
          .toFixed(2)
          .padStart(10),
        threadCpuText(medianThreadCpu(pipeline.map((run) => run.threads))).padStart(43),
        threadCpuText(medianThreadCpu(baseline.map((run) => run.threads))).padStart(16),
      );
      if (jobs === JOB_COUNTS[0])
        oneJobThreads = {
          pipeline: medianThreadCpu(pipeline.map((run) => run.threads)),
          baseline: medianThreadCpu(baseline.map((run) => run.threads)),
        };
    }
    const [one, two] = JOB_COUNTS;
    console.log(
      `scaling ${one} → ${two} jobs (medians): pipeline ${(medianDocs.get(two)! / medianDocs.get(one)!).toFixed(2)}× (target ≥ 1.7×), pdf.js alone ${(medianBaseline.get(two)! / medianBaseline.get(one)!).toFixed(2)}×; throughput target ≥ 0.6× pdf.js alone; peak RSS is the max over rounds`,
    );
    const steadyOne = medianSteady.get(one)!;
    const steadyTwo = medianSteady.get(two)!;
    console.log(
      `steady state (after the first document finished: worker threads started and code loaded, a fixed cost an archive of thousands does not feel): ` +
        `pipeline ${(steadyTwo.pipeline / steadyOne.pipeline).toFixed(2)}×, pdf.js alone ${(steadyTwo.baseline / steadyOne.baseline).toFixed(2)}×`,
    );
    if (oneJobThreads && oneJobThreads.pipeline.workersMsPerPage > 0) {
      const estimate = (threads: ThreadCpu) =>
        (2 * threads.workersMsPerPage) / (threads.mainMsPerPage + threads.workersMsPerPage + threads.otherMsPerPage);
      console.log(
        `CPU off the worker threads at ${one} job (main + other threads) runs on the idle core for free; at ${two} jobs it competes with the workers: ` +
          `scaling if CPU per page stayed as at ${one} job, 2 × workers / all threads: pipeline ${estimate(oneJobThreads.pipeline).toFixed(2)}×, pdf.js alone ${estimate(oneJobThreads.baseline).toFixed(2)}×`,
      );
    }
    console.log(`load average at end ${loadAverageText()}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (!isMainThread && (workerData as { pdfjsBaselinePaths?: string[] } | null)?.pdfjsBaselinePaths) {
  for (const path of (workerData as { pdfjsBaselinePaths: string[] }).pdfjsBaselinePaths) {
    parentPort!.postMessage({ pages: await parseWithPdfjsAlone(new Uint8Array(readFileSync(path))) });
  }
  parentPort!.postMessage('done');
} else if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchBatch();
}
