/**
 * Issue 13 "confidence everywhere", end to end: a scanned page imported with each OCR engine stores every OCR-read
 * field in ocr_fields with the engine that read it, its confidence and its decision; the text-layer rendering of the
 * same table stores none. One small scan (fixtures/scanned/ocr-small-table.scan300.pdf, one page), read twice.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrDecision, type OcrEngineName } from '../../../src/model/index.js';
import { extractPdf } from '../../../src/pipeline.js';
import { openDatabase, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { REPO_ROOT } from '../../../support/fixtureFiles.js';

const SCAN = 'fixtures/scanned/ocr-small-table.scan300.pdf';
const TEXT_LAYER = 'fixtures/scanned/ocr-small-table.pdf';
/** Fields of the small table every engine reads (its three indicator rows' Han cells). */
const HAN_FIELDS = ['indicators[0].level2', 'indicators[0].level3', 'indicators[1].basis', 'indicators[2].level1'];
/** The `95%` target: a number cell, which tesseract re-reads with the number alphabet under every engine. */
const NUMBER_FIELD = 'indicators[1].target';

type OcrFieldRow = { field: string; engine: string | null; confidence: number; decision: string | null; text: string };

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-ocr-fields-import-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importPdf(path: string, ocrEngine: OcrEngineName): Promise<OcrFieldRow[]> {
  const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, path)));
  const { document } = await extractPdf(bytes, { sourcePath: `${ocrEngine}/${path}`, ocr: 'auto', ocrEngine });
  // Each engine's reading stored as its own document (the same bytes would replace each other).
  const { documentId } = storeDocument(
    db,
    { ...document, sha256: `${ocrEngine === 'paddle' ? 'b' : 'a'}${document.sha256.slice(1)}` },
    { pipelineVersion: 't' },
  );
  return db
    .prepare('SELECT field, engine, confidence, decision, text FROM ocr_fields WHERE document_id = ? ORDER BY id')
    .all(documentId) as OcrFieldRow[];
}

function expectEveryFieldRead(rows: OcrFieldRow[]): void {
  expect(rows.length).toBeGreaterThanOrEqual(15);
  for (const row of rows) {
    expect(row.confidence, row.field).toBeGreaterThanOrEqual(0);
    expect(row.confidence, row.field).toBeLessThanOrEqual(100);
    expect(OcrDecision.options, row.field).toContain(row.decision);
  }
  const fields = rows.map((row) => row.field);
  for (const field of [...HAN_FIELDS, NUMBER_FIELD]) expect(fields).toContain(field);
}

const byField = (rows: OcrFieldRow[], field: string) => rows.find((row) => row.field === field)!;

describe('ocr_fields of an imported scan', () => {
  it('tesseract: every field read by tesseract, the number cell re-read', { timeout: 300_000 }, async () => {
    const rows = await importPdf(SCAN, 'tesseract');
    expectEveryFieldRead(rows);
    for (const row of rows) expect(row.engine, row.field).toBe('tesseract');
    expect(byField(rows, 'indicators[0].level3')).toMatchObject({ text: '养护面积', decision: 'read' });
    expect(byField(rows, NUMBER_FIELD).text).toBe('95%');
    expect(byField(rows, NUMBER_FIELD).decision).toMatch(/^reread:/);
  });

  it('paddle: Han cells read by PP-OCR, the number cell compared with tesseract', { timeout: 300_000 }, async () => {
    const rows = await importPdf(SCAN, 'paddle');
    expectEveryFieldRead(rows);
    for (const field of HAN_FIELDS) expect(byField(rows, field).engine, field).toBe('paddle');
    expect(byField(rows, 'indicators[0].level3')).toMatchObject({ text: '养护面积', decision: 'read' });
    // PP-OCR's first reading and tesseract's alphabet re-reading both read 95%: the kept reading is tesseract's.
    expect(byField(rows, NUMBER_FIELD)).toMatchObject({ text: '95%', engine: 'tesseract', decision: 'engines_agree' });
  });

  it('a text-layer document stores no OCR field', { timeout: 120_000 }, async () => {
    expect(await importPdf(TEXT_LAYER, 'tesseract')).toEqual([]);
  });
});
