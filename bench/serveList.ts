/**
 * The workspace's document list over 1,000 documents (issue 18: answer in under 100 ms). One
 * text-layer fixture is extracted once and stored BENCH_SERVE_DOCS times (default 1000) under
 * distinct sha256s, departments and years (each ~10 projects and ~90 indicators, with its
 * findings and repairs: ~100,000 indicator rows); then `budgetpdf serve` is started on it and
 * GET /api/documents is timed over HTTP: the first answer (which computes the per-document counts),
 * then unfiltered and filtered, BENCH_SERVE_ROUNDS times each (default 30): median and worst printed. Not a timed test. Run: `npx tsx bench/serveList.ts`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractPdf, PIPELINE_VERSION } from '../src/pipeline.js';
import { startServer } from '../src/serve/server.js';
import { openDatabase, storeDocument } from '../src/stages/store/index.js';

const DOCUMENTS = Number(process.env.BENCH_SERVE_DOCS ?? 1000);
const ROUNDS = Number(process.env.BENCH_SERVE_ROUNDS ?? 30);
const FIXTURE = 'fixtures/invented/eco-2023.lo-a4.pdf';
/** The bar for the list answer. */
const TARGET_MS = 100;
const DEPARTMENTS = 40;
const YEARS = [2021, 2022, 2023, 2024, 2025];

const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-bench-serve-'));
try {
  const dbPath = join(dir, 'budget.sqlite');
  const { document } = await extractPdf(new Uint8Array(readFileSync(FIXTURE)), { sourcePath: FIXTURE, ocr: 'never' });
  const db = openDatabase(dbPath);
  const buildStart = performance.now();
  for (let index = 0; index < DOCUMENTS; index += 1) {
    storeDocument(
      db,
      {
        ...document,
        sha256: createHash('sha256').update(`bench-${index}`).digest('hex'),
        sourcePath: `archive/${index}.pdf`,
        department: `第${index % DEPARTMENTS}局`,
        fiscalYear: YEARS[index % YEARS.length],
        // Every third document clean, so that the ranking has something to sort.
        findings: index % 3 === 0 ? [] : document.findings,
      },
      { pipelineVersion: PIPELINE_VERSION },
    );
  }
  const indicators = db.prepare('SELECT count(*) FROM indicators').pluck().get();
  db.close();
  console.log(
    `stored ${DOCUMENTS} documents (${indicators} indicators) in ${((performance.now() - buildStart) / 1000).toFixed(1)} s`,
  );

  const server = await startServer({ dbPath, port: 0 });
  try {
    // The first answer computes the per-document counts (then cached until the documents change).
    const coldStart = performance.now();
    await (await fetch(`${server.url}api/documents`)).json();
    console.log(`first GET /api/documents (counts computed): ${(performance.now() - coldStart).toFixed(1)} ms`);
    for (const query of ['', '?year=2023', `?department=${encodeURIComponent('第7局')}`, '?status=unreviewed']) {
      const times: number[] = [];
      let count = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const start = performance.now();
        const response = await fetch(`${server.url}api/documents${query}`);
        const body = (await response.json()) as { documents: unknown[] };
        times.push(performance.now() - start);
        count = body.documents.length;
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      console.log(
        `GET /api/documents${query}: ${count} rows, median ${median.toFixed(1)} ms, worst ${times[times.length - 1].toFixed(1)} ms ${median < TARGET_MS ? '(under' : '(OVER'} ${TARGET_MS} ms)`,
      );
    }
  } finally {
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
