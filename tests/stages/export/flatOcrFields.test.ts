/**
 * indicators_flat.csv with OCR provenance (issue 13): a row read by OCR names each of its fields' engine and
 * confidence (the indicator's own and its project's code, name and amounts) and their lowest confidence; text rows none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OcrField } from '../../../src/model/index.js';
import { databaseToFlatRows } from '../../../src/stages/export/flatCsv.js';
import { openDatabase, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { sampleDocument } from '../store/sampleDocument.js';

const field = (projectSeq: number, name: string, engine: OcrField['engine'], confidence: number): OcrField => ({
  projectSeq,
  field: name,
  pageNumber: 5,
  engine,
  confidence,
  decision: 'read',
  text: '文本',
});

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-flat-ocr-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
  storeDocument(
    db,
    sampleDocument({
      ocrFields: [
        field(1, 'code', 'paddle+tesseract', 88.4),
        field(1, 'indicators[0].target', 'tesseract', 41.6),
        field(1, 'indicators[0].level3', 'paddle', 97),
        field(1, 'indicators[1].level3', 'paddle', 99),
        field(1, 'goal', 'paddle', 10),
      ],
    }),
    { pipelineVersion: 't' },
  );
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('indicators_flat ocr_fields', () => {
  it("lists a row's OCR-read fields as field:engine@confidence, with their lowest confidence", () => {
    const [first, second] = databaseToFlatRows(db);
    expect(first).toMatchObject({
      project_seq: 1,
      indicator_seq: 1,
      ocr_fields: 'code:paddle+tesseract@88; target:tesseract@42; level3:paddle@97',
      ocr_min_confidence: 42,
    });
    expect(second).toMatchObject({ indicator_seq: 2, ocr_fields: 'code:paddle+tesseract@88; level3:paddle@99' });
  });

  it('writes them in Chinese with --headers zh, and leaves text-layer rows empty', () => {
    const rows = databaseToFlatRows(db, {}, { language: 'zh' });
    expect(rows[0].ocr_fields).toBe(
      '项目编码 PaddleOCR与Tesseract 88；第1条指标的指标值 Tesseract 42；第1条指标的三级指标 PaddleOCR 97',
    );
    const project2 = rows.filter((row) => row.project_seq === 2);
    expect(project2.length).toBeGreaterThan(0);
    for (const row of project2) expect(row).toMatchObject({ ocr_fields: null, ocr_min_confidence: null });
  });
});
