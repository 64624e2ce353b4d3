/**
 * Migration "corrections" (issue 18, `budgetpdf serve`): what reviewers add to a database, kept apart
 * from what the pipeline extracted so that an import never overwrites it and a reviewer never
 * overwrites the extraction.
 *
 * - `corrections`: one row per corrected field, keyed on a stable identity — the document's sha256,
 *   the project's `seq` and the indicator's `seq` (NULL above that level) — not on row ids, which an
 *   `import --force` renews. No foreign key: a re-import deletes and re-inserts the document's rows,
 *   the corrections stay and are matched again by identity (src/stages/store/corrections.ts).
 *   `before` is the extracted value when the correction was made, `after` the reviewer's value; both
 *   keep their SQLite type (no declared type: TEXT, INTEGER or REAL as given).
 * - `signoffs`: a document's review status by sha256 (`in_review`, `signed_off`) and who set it when.
 *
 * Named without a number so that the integrator can place it after the other branches' migrations:
 * it depends on none of them and nothing depends on it.
 */
export const MIGRATION_CORRECTIONS = `
  CREATE TABLE corrections (
    id              INTEGER PRIMARY KEY,
    document_sha256 TEXT    NOT NULL CHECK (length(document_sha256) = 64),
    project_seq     INTEGER,
    indicator_seq   INTEGER,
    field           TEXT    NOT NULL,
    before,
    after,
    author          TEXT    NOT NULL,
    corrected_at    TEXT    NOT NULL,
    note            TEXT,
    CHECK (indicator_seq IS NULL OR project_seq IS NOT NULL)
  );
  CREATE UNIQUE INDEX corrections_field
    ON corrections(document_sha256, ifnull(project_seq, 0), ifnull(indicator_seq, 0), field);

  CREATE TABLE signoffs (
    document_sha256 TEXT    PRIMARY KEY CHECK (length(document_sha256) = 64),
    status          TEXT    NOT NULL CHECK (status IN ('in_review', 'signed_off')),
    reviewer        TEXT    NOT NULL,
    signed_at       TEXT    NOT NULL,
    note            TEXT
  );
`;
