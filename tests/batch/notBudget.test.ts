/**
 * Ordinary budget disclosures (fixtures/not-budget/, issue 15 item 4) are not budget-performance texts: each is
 * refused as no_budget_tables through the real import, named in the error, with nothing of it stored; the mixed
 * fixture beside them keeps exactly its two projects.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBytesToExtractedDocument } from '../../src/batch/extractDocument.js';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { isBudgetPdfError } from '../../src/errors.js';
import { extractPdf } from '../../src/pipeline.js';
import { openDatabase } from '../../src/stages/store/index.js';
import { FIXTURES_DIR } from '../../support/fixtureFiles.js';

const NOT_BUDGET_DIR = join(FIXTURES_DIR, 'not-budget');
/** The text-layer negatives; the scan is refused after OCR in tests/ocr/notBudgetScan.test.ts. */
const NEGATIVES = readdirSync(NOT_BUDGET_DIR)
  .filter((file) => file.endsWith('.pdf') && !file.includes('.scan'))
  .sort();
const MIXED = join(FIXTURES_DIR, 'variants', 'ecology-mixed-2023.lo-a4.pdf');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-not-budget-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ordinary budget disclosures are refused as no_budget_tables', () => {
  it('has at least five negatives from three producers', () => {
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(5);
    expect(new Set(NEGATIVES.map((file) => file.split('.').at(-2)))).toEqual(new Set(['lo-a4', 'lo-b5', 'direct']));
  });

  for (const file of NEGATIVES) {
    it(`${file}: the pipeline finds no project, the extraction refuses it naming the file`, async () => {
      const bytes = new Uint8Array(readFileSync(join(NOT_BUDGET_DIR, file)));
      const { document } = await extractPdf(bytes, { sourcePath: file, ocr: 'never' });
      expect(document.projects).toEqual([]);
      const error = await pdfBytesToExtractedDocument(bytes, { sourcePath: file, ocr: 'never' }).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(isBudgetPdfError(error) && [error.code, error.file]).toEqual(['no_budget_tables', file]);
    });
  }

  it('the import refuses every negative with its path, stores nothing of them, and imports the mixed document', async () => {
    const paths = [...NEGATIVES.map((file) => join(dir, file)), join(dir, basename(MIXED))];
    for (const file of NEGATIVES) copyFileSync(join(NOT_BUDGET_DIR, file), join(dir, file));
    copyFileSync(MIXED, join(dir, basename(MIXED)));
    const dbPath = join(dir, 'import.sqlite');
    const results = await importPdfs(paths, { dbPath, ocr: 'never', jobs: 2 });

    const byPath = new Map(results.map((result) => [result.path, result]));
    for (const file of NEGATIVES) {
      const result = byPath.get(join(dir, file));
      expect(result && [result.status, result.errorCode, result.documentId], file).toEqual([
        'failed',
        'no_budget_tables',
        null,
      ]);
      expect(result?.errorMessage, file).toMatch(/no project table/);
    }
    const mixed = byPath.get(join(dir, basename(MIXED)));
    expect(mixed && [mixed.status, mixed.projectCount, mixed.indicatorCount]).toEqual(['imported', 2, 8]);

    const db = openDatabase(dbPath);
    try {
      const stored = db.prepare('SELECT id, source_path AS path FROM documents').all() as {
        id: number;
        path: string;
      }[];
      expect(stored.map((row) => basename(row.path))).toEqual([basename(MIXED)]);
      const count = (sql: string, ...params: number[]) =>
        db
          .prepare(sql)
          .pluck()
          .get(...params) as number;
      const mixedId = stored[0].id;
      expect(count('SELECT COUNT(*) FROM projects WHERE document_id <> ?', mixedId)).toBe(0);
      expect(
        count(
          'SELECT COUNT(*) FROM indicators JOIN projects ON projects.id = indicators.project_id WHERE projects.document_id <> ?',
          mixedId,
        ),
      ).toBe(0);
      expect(count('SELECT COUNT(*) FROM projects')).toBe(2);
      expect(count('SELECT COUNT(*) FROM indicators')).toBe(8);
      expect(db.prepare('SELECT name FROM projects ORDER BY seq').pluck().all()).toEqual([
        '大气污染防治监测',
        '农村生活污水治理补助',
      ]);
    } finally {
      db.close();
    }
  }, 180_000);
});
