/**
 * The scanned negative (fixtures/not-budget/three-public-2023.lo-a4.scan200.pdf: two pages of a 部门预算's 三公经费
 * and 政府采购 sections, image-only) is read by OCR and then refused as no_budget_tables, with nothing stored: a scan
 * is held to the same rule as a text-layer document (issue 15 item 4).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractionToExtractedDocument } from '../../src/batch/extractDocument.js';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { isBudgetPdfError } from '../../src/errors.js';
import { extractPdf } from '../../src/pipeline.js';
import { openDatabase } from '../../src/stages/store/index.js';
import { FIXTURES_DIR } from '../../support/fixtureFiles.js';

const SCAN = 'three-public-2023.lo-a4.scan200.pdf';
/** Two pages OCRed at 200 dpi, twice (extraction, then the import): well under a minute each on 2 cores. */
const TIMEOUT_MS = 300_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-not-budget-scan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a scanned ordinary budget disclosure', () => {
  it(
    'is read by OCR (its tables found) and refused as no_budget_tables, naming the file',
    async () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES_DIR, 'not-budget', SCAN)));
      const extraction = await extractPdf(bytes, { sourcePath: SCAN, ocr: 'auto' });
      expect(extraction.pageTexts.map((page) => page.source)).toEqual(['ocr', 'ocr']);
      expect(extraction.flow.blocks.filter((block) => block.kind === 'table').length).toBeGreaterThanOrEqual(2);
      expect(extraction.document.projects).toEqual([]);
      let error: unknown = null;
      try {
        extractionToExtractedDocument(extraction);
      } catch (thrown) {
        error = thrown;
      }
      expect(isBudgetPdfError(error) && [error.code, error.file]).toEqual(['no_budget_tables', SCAN]);
    },
    TIMEOUT_MS,
  );

  it(
    'the import under --ocr auto refuses it and stores nothing',
    async () => {
      const path = join(dir, SCAN);
      copyFileSync(join(FIXTURES_DIR, 'not-budget', SCAN), path);
      const dbPath = join(dir, 'scan.sqlite');
      const [result] = await importPdfs([path], { dbPath, ocr: 'auto', jobs: 1 });
      expect([result.path, result.status, result.errorCode, result.documentId]).toEqual([
        path,
        'failed',
        'no_budget_tables',
        null,
      ]);
      const db = openDatabase(dbPath);
      try {
        for (const table of ['documents', 'projects', 'indicators'])
          expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
      } finally {
        db.close();
      }
    },
    TIMEOUT_MS,
  );
});
