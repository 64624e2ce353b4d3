/**
 * Migration "OCR fields" (issue 13 item 4, "confidence everywhere"), number 10 when merged after the department (8) and
 * self-evaluation (9) migrations: named without a number so that the integrator places it last. It depends on
 * migration 1 only (documents, projects).
 *
 * - `ocr_fields`: every field of a document read by OCR (not only the doubtful ones), by the field name repairs use
 *   (`code`, `indicators[3].target`, `overallGoal`), with the engine of its reading (`tesseract`, `paddle`, or
 *   `paddle+tesseract` when it joins readings of both), its lowest confidence (0..100), how its text was decided
 *   (OcrDecision: `read`, `reread:<rule>`, `engines_agree`, `engine_vote`, `consensus`, `vocabulary`) and its stored
 *   text. A text-layer document has no rows. Old databases get the empty table; their documents gain rows when
 *   imported again.
 * - `v_ocr_fields`: the rows with the document's source path and the project's name, and `low_confidence` (1 below
 *   OCR_LOW_CONFIDENCE, the bar of the `ocr_low_confidence` finding) — `SELECT * FROM v_ocr_fields WHERE document_id = ?
 *   AND low_confidence = 1` is the list of fields a reviewer checks against the page.
 */
import { OCR_LOW_CONFIDENCE } from '../normalise/documentFindings.js';

export const MIGRATION_OCR_FIELDS = `
  CREATE TABLE ocr_fields (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    project_id  INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    project_seq INTEGER,
    field       TEXT    NOT NULL,
    page        INTEGER,
    engine      TEXT    CHECK (engine IN ('tesseract', 'paddle', 'paddle+tesseract')),
    confidence  REAL    NOT NULL,
    decision    TEXT,
    text        TEXT    NOT NULL
  );
  CREATE INDEX ocr_fields_document ON ocr_fields(document_id);
  CREATE INDEX ocr_fields_project ON ocr_fields(project_id);

  CREATE VIEW v_ocr_fields AS
  SELECT f.document_id, d.source_path, f.project_id, f.project_seq, p.name AS project_name, f.field, f.page, f.engine,
         f.confidence, f.decision, f.text,
         CASE WHEN f.confidence < ${OCR_LOW_CONFIDENCE} THEN 1 ELSE 0 END AS low_confidence
  FROM ocr_fields f
  JOIN documents d ON d.id = f.document_id
  LEFT JOIN projects p ON p.id = f.project_id;
`;
