import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withExtractionWorkers, type WorkerOutcome } from '../../src/batch/extractionWorkers.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';
import { manyPagesPdf } from '../support/hostilePdf.js';

const SEED = join(REPO_ROOT, 'fixtures/seed/seed-2022.direct.pdf');
const HEALTH = join(REPO_ROOT, 'fixtures/invented/health-2024.direct.pdf');
const NOT_PDF = join(REPO_ROOT, 'fixtures/bad/not-a-pdf.pdf');
/** Pages of the document that keeps a worker busy past the time limit (~1.5 ms each to load). */
const STUCK_PAGE_COUNT = 40_000;

const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function expectedProjects(name: string): number {
  return (JSON.parse(readFileSync(join(REPO_ROOT, name), 'utf8')) as { projects: unknown[] }).projects.length;
}

function summary(outcome: WorkerOutcome): string {
  if (!outcome.ok) return `${outcome.jobId} failed ${outcome.error.code}`;
  if ('needsOcr' in outcome) {
    const { loaded, bytes } = outcome.needsOcr;
    return `${outcome.jobId} ${outcome.sha256.slice(0, 12)} needs OCR: ${loaded.pageCount} pages loaded (${loaded.pages.map((page) => page.textLayer).join(',')}), ${bytes.byteLength} bytes back`;
  }
  return `${outcome.jobId} ${outcome.sha256.slice(0, 12)} ${outcome.extracted ? `${outcome.extracted.document.projects.length} projects` : 'stored'}`;
}

describe('withExtractionWorkers', () => {
  it('reads and hashes each file in the worker, skips parsing a stored sha256, and answers every job of a queue longer than the workers', async () => {
    const seedProjects = expectedProjects('fixtures/seed/seed-2022.expected.json');
    const healthProjects = expectedProjects('fixtures/invented/health-2024.expected.json');
    const paths = [SEED, HEALTH, NOT_PDF, HEALTH, SEED];
    const outcomes = await withExtractionWorkers(
      { workerCount: 2, storedSha256s: [sha256Of(SEED)] },
      async (workers) => {
        expect(await workers.pipelineVersion).toMatch(/^\d+\.\d+\.\d+/);
        return Promise.all(paths.map((sourcePath, jobId) => workers.extract({ jobId, sourcePath, ocr: 'never' })));
      },
    );
    expect(outcomes.map(summary)).toEqual([
      `0 ${sha256Of(SEED).slice(0, 12)} stored`,
      `1 ${sha256Of(HEALTH).slice(0, 12)} ${healthProjects} projects`,
      '2 failed not_pdf',
      `3 ${sha256Of(HEALTH).slice(0, 12)} ${healthProjects} projects`,
      `4 ${sha256Of(SEED).slice(0, 12)} stored`,
    ]);
    expect(seedProjects).toBeGreaterThan(healthProjects); // the seed would have been parsed to different records
  }, 90_000);

  it('gives a scan back loaded, with its bytes, instead of parsing it again for OCR; refuses it as needs_ocr under never', async () => {
    const scan = join(REPO_ROOT, 'fixtures/scanned/ocr-small-table.scan300.pdf');
    const outcomes = await withExtractionWorkers({ workerCount: 1 }, (workers) =>
      Promise.all([
        workers.extract({ jobId: 0, sourcePath: scan, ocr: 'auto' }),
        workers.extract({ jobId: 1, sourcePath: scan, ocr: 'never' }),
      ]),
    );
    expect(outcomes.map(summary)).toEqual([
      `0 ${sha256Of(scan).slice(0, 12)} needs OCR: 1 pages loaded (none), ${readFileSync(scan).byteLength} bytes back`,
      '1 failed needs_ocr',
    ]);
  }, 90_000);

  it('stops a worker stuck on a document after the timeout and runs the job queued behind it on a fresh worker', async () => {
    // A FIFO is no longer read (not_regular_file): the stuck document is one of 40 000 pages, which
    // pdf.js takes about a minute to load.
    const stuck = join(dir, 'stuck.pdf');
    writeFileSync(stuck, manyPagesPdf(STUCK_PAGE_COUNT));
    const documentTimeoutMs = 8_000;
    const outcomes = await withExtractionWorkers({ workerCount: 1, documentTimeoutMs }, (workers) =>
      Promise.all([
        workers.extract({ jobId: 0, sourcePath: stuck, ocr: 'never' }),
        workers.extract({ jobId: 1, sourcePath: HEALTH, ocr: 'never' }), // sent ahead to the same worker
      ]),
    );
    expect(outcomes.map(summary)).toEqual([
      '0 failed timeout',
      `1 ${sha256Of(HEALTH).slice(0, 12)} ${expectedProjects('fixtures/invented/health-2024.expected.json')} projects`,
    ]);
  }, 90_000);
});
