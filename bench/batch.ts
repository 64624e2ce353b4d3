/**
 * Batch import throughput (issue 4): an archive of ≥ 200 text-layer documents rendered with the
 * direct writer from the seed and invented records, each with its own subset and order of
 * projects, imported with --jobs 1 and --jobs 2; pdf.js alone parses the same files in the same
 * number of worker threads; peak RSS (the whole process, worker threads included) is sampled.
 * Targets: 1 → 2 jobs ≥ 1.7×; pipeline ≥ 0.6× pdf.js alone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { importPdfs } from '../src/cli/importPdfs.js';
import { parseWithPdfjsAlone } from './pdfjsBaseline.js';

const ARCHIVE_SIZE = Number(process.env.BENCH_BATCH_DOCS ?? 210);
const BASES = ['fixtures/seed/seed-2022', 'fixtures/invented/eco-2023', 'fixtures/invented/health-2024'];
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RSS_SAMPLE_MS = 50;

/** Variant `index` of a base: a rotating subset of its projects (≥ 2), contents and goals to match. */
async function buildArchive(dir: string): Promise<string[]> {
  const { FixtureExpected, FixtureQuirks, fixtureToPrintDoc } = await import('../scripts/fixtures/render/printDoc.js');
  const { printDocToDirectPdf } = await import('../scripts/fixtures/render/direct/document.js');
  const bases = BASES.map((base) => ({
    expected: FixtureExpected.parse(JSON.parse(readFileSync(join(REPO_ROOT, `${base}.expected.json`), 'utf8'))),
    quirks: existsSync(join(REPO_ROOT, `${base}.quirks.json`)) ? FixtureQuirks.parse(JSON.parse(readFileSync(join(REPO_ROOT, `${base}.quirks.json`), 'utf8'))) : {},
  }));
  const paths: string[] = [];
  for (let index = 0; index < ARCHIVE_SIZE; index += 1) {
    const { expected, quirks } = bases[index % bases.length];
    const projectCount = expected.projects.length;
    const keep = 2 + (Math.floor(index / bases.length) % (projectCount - 1));
    const start = Math.floor(index / bases.length / (projectCount - 1)) % (projectCount - keep + 1);
    const projects = expected.projects.slice(start, start + keep).map((project, seq) => ({ ...project, seq: seq + 1 }));
    const toc = projects.map((project, seq) => ({ seq: seq + 1, title: (project as { table_title?: unknown }).table_title ?? expected.toc[0]?.title, page: null }));
    const overall_goal = `${expected.overall_goal}（档案第${index + 1}份）`; // every document unique, so none is skipped as unchanged
    const variant = { ...expected, overall_goal, projects, toc: toc.every((entry) => typeof entry.title === 'string') ? toc : expected.toc.slice(0, keep), sub_goals: [...expected.sub_goals.slice(index % expected.sub_goals.length), ...expected.sub_goals.slice(0, index % expected.sub_goals.length)] };
    const path = join(dir, `doc-${String(index).padStart(4, '0')}.pdf`);
    writeFileSync(path, printDocToDirectPdf(fixtureToPrintDoc(variant as typeof expected, quirks)));
    paths.push(path);
  }
  return paths;
}

/** pdf.js alone over the files in `threads` worker threads (this module, run as a worker). */
async function pdfjsAloneInThreads(paths: string[], threads: number): Promise<number> {
  const here = import.meta.url;
  const tsxApi = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const shares = Array.from({ length: threads }, (_, thread) => paths.filter((_, index) => index % threads === thread));
  const pages = await Promise.all(
    shares.map(
      (share) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(
            `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(here)}); })`,
            { eval: true, workerData: { pdfjsBaselinePaths: share } },
          );
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return pages.reduce((a, b) => a + b, 0);
}

async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  try {
    const value = await fn();
    return { value, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export async function benchBatch(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-bench-batch-'));
  try {
    const paths = await buildArchive(dir);
    console.log(`\nbatch import: archive of ${paths.length} text-layer documents (direct writer, varied project subsets)`);
    console.log('jobs', 'docs/s'.padStart(8), 'pages/s'.padStart(8), 'pdf.js pages/s'.padStart(15), 'vs pdf.js'.padStart(10), 'peak RSS MB'.padStart(12));
    const docsPerSecond: number[] = [];
    for (const jobs of [1, 2]) {
      const baselineStart = performance.now();
      const baselinePages = await pdfjsAloneInThreads(paths, jobs);
      const baselineSeconds = (performance.now() - baselineStart) / 1000;
      const started = performance.now();
      const { value: results, peakRssMb } = await withPeakRss(() => importPdfs(paths, { dbPath: join(dir, `jobs${jobs}.sqlite`), ocr: 'never', jobs }));
      const seconds = (performance.now() - started) / 1000;
      const failed = results.filter((result) => result.status !== 'imported');
      if (failed.length > 0) console.log(`  ${failed.length} not imported, e.g. ${failed[0].path}: ${failed[0].status} ${failed[0].errorCode} ${failed[0].errorMessage}`);
      const pages = results.reduce((sum, result) => sum + (result.pageCount ?? 0), 0);
      docsPerSecond.push(results.length / seconds);
      console.log(
        String(jobs).padStart(4),
        (results.length / seconds).toFixed(1).padStart(8),
        (pages / seconds).toFixed(1).padStart(8),
        (baselinePages / baselineSeconds).toFixed(1).padStart(15),
        `${(pages / seconds / (baselinePages / baselineSeconds)).toFixed(2)}×`.padStart(10),
        peakRssMb.toFixed(0).padStart(12),
      );
    }
    console.log(`scaling 1 → 2 jobs: ${(docsPerSecond[1] / docsPerSecond[0]).toFixed(2)}× (target ≥ 1.7×); throughput target ≥ 0.6× pdf.js alone`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!isMainThread && (workerData as { pdfjsBaselinePaths?: string[] } | null)?.pdfjsBaselinePaths) {
  let pages = 0;
  for (const path of (workerData as { pdfjsBaselinePaths: string[] }).pdfjsBaselinePaths) pages += await parseWithPdfjsAlone(new Uint8Array(readFileSync(path)));
  parentPort!.postMessage(pages);
} else if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchBatch();
}
