/**
 * Migration "document versions" (number 5, after the template columns of 4; it depends only on
 * migration 1): the view `v_documents`, one row per stored document with what is needed to count each
 * document once. Two stored files are the same document when department, fiscal year and title agree
 * (the title compared without （草案）/(草案) and spaces): another rendering, a scan and a text PDF, a
 * draft and its final version. Documents without department, year or title are never grouped.
 *
 * - `duplicate_of`: the id of the first-stored document of its group; NULL for that one and for a
 *   document stored once;
 * - `latest`: 1 for the one document of its group to count: a final version before a draft, then the
 *   most recently imported (then the highest id); 1 for a document stored once;
 * - `copies`: how many stored documents its group has (1 when stored once).
 */

/** The SQL of the "same document" key of the documents row aliased `alias`; NULL when it cannot be grouped. */
export function sameDocumentKeySql(alias: string): string {
  return `CASE WHEN ${alias}.department IS NULL OR ${alias}.fiscal_year IS NULL OR ${alias}.title IS NULL THEN NULL
    ELSE ${alias}.department || char(31) || ${alias}.fiscal_year || char(31) ||
      replace(replace(replace(replace(replace(${alias}.title, '（草案）', ''), '(草案)', ''), '（草稿）', ''), ' ', ''), '　', '')
    END`;
}

export const MIGRATION_DOCUMENT_VERSIONS = `
  CREATE VIEW v_documents AS
  WITH keyed AS (
    SELECT d.id, d.sha256, d.source_path, d.title, d.department, d.fiscal_year, d.is_draft, d.page_count,
           d.text_source, d.imported_at, d.pipeline_version, ${sameDocumentKeySql('d')} AS same_key
    FROM documents d
  )
  SELECT id AS document_id, sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source,
         imported_at, pipeline_version,
         CASE WHEN same_key IS NULL THEN NULL
              ELSE nullif(first_value(id) OVER (PARTITION BY same_key ORDER BY id), id) END AS duplicate_of,
         CASE WHEN same_key IS NULL THEN 1
              ELSE (row_number() OVER (PARTITION BY same_key ORDER BY is_draft, imported_at DESC, id DESC) = 1) END
           AS latest,
         CASE WHEN same_key IS NULL THEN 1 ELSE count(*) OVER (PARTITION BY same_key) END AS copies
  FROM keyed;
`;
