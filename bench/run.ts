/**
 * npm run bench — speed as ratios to a baseline measured in the same process on the same files:
 *   text layer: the whole pipeline (extractPdf) per page vs pdf.js alone (getDocument, getTextContent,
 *   getOperatorList for every page). Target ≤ 1.5×.
 * Then batch import, OCR and OCR engines, and last the distributed import (bench/queue.ts), skipped
 * with the reason when redis-server is not installed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractPdf } from '../src/pipeline.js';
import { listFixturePdfs, REPO_ROOT } from '../support/fixtureFiles.js';
import { parseWithPdfjsAlone } from './pdfjsBaseline.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function benchTextLayer(): Promise<void> {
  const fixtures = listFixturePdfs(['seed']).filter((fixture) => !fixture.pdfPath.includes('scan'));
  console.log(`text layer: ${fixtures.length} seed renderings, ${ROUNDS} interleaved rounds (median)`);
  console.log('file'.padEnd(44), 'pages', 'pdf.js ms/page', 'pipeline ms/page', 'ratio');
  let totalBaseline = 0;
  let totalPipeline = 0;
  for (const fixture of fixtures) {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, fixture.pdfPath)));
    let pages = 0;
    // warm-up of both paths, then interleave so machine noise hits both alike
    pages = await parseWithPdfjsAlone(bytes.slice());
    await extractPdf(bytes, { sourcePath: fixture.pdfPath, ocr: 'never' });
    const baseline: number[] = [];
    const pipeline: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      baseline.push(await timeMs(() => parseWithPdfjsAlone(bytes.slice())));
      pipeline.push(await timeMs(() => extractPdf(bytes, { sourcePath: fixture.pdfPath, ocr: 'never' })));
    }
    const baselineMs = median(baseline);
    const pipelineMs = median(pipeline);
    totalBaseline += baselineMs;
    totalPipeline += pipelineMs;
    console.log(
      fixture.pdfPath.padEnd(44),
      String(pages).padStart(5),
      (baselineMs / pages).toFixed(1).padStart(14),
      (pipelineMs / pages).toFixed(1).padStart(16),
      `${(pipelineMs / baselineMs).toFixed(2)}×`,
    );
  }
  console.log(
    `text layer overall: pipeline / pdf.js alone = ${(totalPipeline / totalBaseline).toFixed(2)}× (target ≤ 1.5×)`,
  );
}

await benchTextLayer();
await (await import('./batch.js')).benchBatch();
await (await import('./ocr.js')).benchOcr();
await (await import('./ocr.js')).benchOcrEngines();
// Last: the distributed import needs a redis-server on PATH; without one it is skipped, saying why.
const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
if (redis.error || redis.status !== 0)
  console.log(
    `distributed import: skipped, no redis-server to start (${redis.error?.message ?? redis.stderr.trim()}); install redis-server to measure import --queue`,
  );
else await (await import('./queue.js')).benchQueue();
