/**
 * Migration 3: `projects.printed_seq`, the number the document prints on a project's table. It
 * equals `seq` unless the printed numbers restart (two budget units each numbering 1..n), where
 * `seq` is the document-wide ordinal that keeps UNIQUE(document_id, seq). Existing rows take
 * their `seq`, which was the printed number when they were imported.
 */
export const MIGRATION_003_PRINTED_SEQ = `
  ALTER TABLE projects ADD COLUMN printed_seq INTEGER;
  UPDATE projects SET printed_seq = seq;
`;
