/**
 * Migration "OCR fields" (10 once merged; issue 13 "confidence everywhere"): a database of the schema before it upgrades
 * in place with nothing lost; every OCR-read field of a document is stored with engine, confidence and decision, a
 * text-layer document stores none, and v_ocr_fields lists a document's low-confidence fields.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OcrField } from '../../../src/model/index.js';
import { OCR_LOW_CONFIDENCE } from '../../../src/stages/normalise/index.js';
import { MIGRATION_OCR_FIELDS } from '../../../src/stages/store/migrationOcrFields.js';
import { MIGRATIONS } from '../../../src/stages/store/migrations.js';
import { openDatabase, schemaVersionOf, storeDocument } from '../../../src/stages/store/index.js';
import { databaseAtSchema } from '../../support/oldSchemaDatabase.js';
import { sampleDocument } from './sampleDocument.js';

/** The schema version before the OCR fields: the migrations before it, whatever their number. */
const SCHEMA_BEFORE_OCR_FIELDS = MIGRATIONS.indexOf(MIGRATION_OCR_FIELDS);

const OCR_FIELDS: OcrField[] = [
  {
    projectSeq: null,
    field: 'overallGoal',
    pageNumber: 2,
    engine: 'paddle',
    confidence: 91.5,
    decision: 'read',
    text: '全面推进乡村振兴',
  },
  {
    projectSeq: 1,
    field: 'code',
    pageNumber: 5,
    engine: 'paddle+tesseract',
    confidence: 88,
    decision: 'reread:code',
    text: '13030022T000000000001',
  },
  {
    projectSeq: 1,
    field: 'indicators[0].target',
    pageNumber: 5,
    engine: 'tesseract',
    confidence: OCR_LOW_CONFIDENCE - 8,
    decision: 'engines_agree',
    text: '≥90%',
  },
  {
    projectSeq: 3,
    field: 'name',
    pageNumber: 9,
    engine: 'tesseract',
    confidence: 12,
    decision: 'vocabulary',
    text: '未存的项目',
  },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-ocr-fields-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration OCR fields', () => {
  it("is migration 10 (the department tables' search entries, 11, came after it)", () => {
    expect(MIGRATIONS[SCHEMA_BEFORE_OCR_FIELDS]).toContain('CREATE TABLE ocr_fields');
  });

  it('upgrades a database of the schema before it in place: old rows kept, the table empty, the view working', () => {
    const path = join(dir, 'old.sqlite');
    const old = databaseAtSchema(path, SCHEMA_BEFORE_OCR_FIELDS);
    old
      .prepare(
        `INSERT INTO documents (id, sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source,
           imported_at, pipeline_version) VALUES (1, ?, 'old-scan.pdf', '旧文档', '旧部门', 2022, 0, 3, 'ocr',
           '2024-01-01T00:00:00.000Z', '0.0.9')`,
      )
      .run('b'.repeat(64));
    old.close();

    const db = openDatabase(path);
    try {
      expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT source_path, text_source FROM documents').all()).toEqual([
        { source_path: 'old-scan.pdf', text_source: 'ocr' },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM ocr_fields').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT * FROM v_ocr_fields').all()).toEqual([]);
      // The old document gains its rows when imported again.
      storeDocument(db, sampleDocument({ sha256: 'b'.repeat(64), ocrFields: OCR_FIELDS }), { pipelineVersion: 't' });
      expect(db.prepare('SELECT count(*) AS n FROM ocr_fields WHERE document_id = 1').get()).toEqual({ n: 4 });
    } finally {
      db.close();
    }
  });
});

describe('storeDocument: ocr_fields', () => {
  it('stores every OCR-read field with engine, confidence, decision and its project', () => {
    const db = openDatabase(join(dir, 'budget.sqlite'));
    try {
      const { documentId } = storeDocument(db, sampleDocument({ ocrFields: OCR_FIELDS }), { pipelineVersion: 't' });
      const rows = db
        .prepare(
          `SELECT f.project_seq, p.seq AS stored_seq, f.field, f.page, f.engine, f.confidence, f.decision, f.text
           FROM ocr_fields f LEFT JOIN projects p ON p.id = f.project_id WHERE f.document_id = ? ORDER BY f.id`,
        )
        .all(documentId);
      expect(rows).toEqual(
        OCR_FIELDS.map((field) => ({
          project_seq: field.projectSeq,
          // A field of a project that was not stored (seq 3) keeps its seq and no project_id.
          stored_seq: field.projectSeq === 3 ? null : field.projectSeq,
          field: field.field,
          page: field.pageNumber,
          engine: field.engine,
          confidence: field.confidence,
          decision: field.decision,
          text: field.text,
        })),
      );
    } finally {
      db.close();
    }
  });

  it('lists a document’s low-confidence fields in v_ocr_fields, least sure first', () => {
    const db = openDatabase(join(dir, 'budget.sqlite'));
    try {
      const { documentId } = storeDocument(db, sampleDocument({ ocrFields: OCR_FIELDS }), { pipelineVersion: 't' });
      expect(
        db
          .prepare(
            `SELECT project_seq, project_name, field, engine, confidence, decision FROM v_ocr_fields
             WHERE document_id = ? AND low_confidence = 1 ORDER BY confidence`,
          )
          .all(documentId),
      ).toEqual([
        {
          project_seq: 3,
          project_name: null,
          field: 'name',
          engine: 'tesseract',
          confidence: 12,
          decision: 'vocabulary',
        },
        {
          project_seq: 1,
          project_name: sampleDocument().projects[0].name,
          field: 'indicators[0].target',
          engine: 'tesseract',
          confidence: OCR_LOW_CONFIDENCE - 8,
          decision: 'engines_agree',
        },
      ]);
    } finally {
      db.close();
    }
  });

  it('replaces a re-imported document’s rows, and stores none for a text-layer document', () => {
    const db = openDatabase(join(dir, 'budget.sqlite'));
    try {
      storeDocument(db, sampleDocument({ ocrFields: OCR_FIELDS }), { pipelineVersion: 't' });
      storeDocument(db, sampleDocument({ ocrFields: OCR_FIELDS.slice(0, 1) }), { pipelineVersion: 't' });
      expect(db.prepare('SELECT count(*) AS n FROM ocr_fields').get()).toEqual({ n: 1 });
      storeDocument(db, sampleDocument({ textSource: 'text' }), { pipelineVersion: 't' });
      expect(db.prepare('SELECT count(*) AS n FROM ocr_fields').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
