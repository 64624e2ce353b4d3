/**
 * Migration "project links" (issue 19: one project's history across documents). Named without a number so that the
 * integrator can place it after the other branches' migrations: it depends on migrations 1 and 5 (v_documents) only.
 *
 * - `project_links`: the same project in two documents — `kind` `version` (another copy of the same document: a draft
 *   and its final, a scan and a text rendering) or `year` (the department's document of the previous year), found by
 *   `method` `code` or `name` with a `score`; `status` `auto` (accepted by the linker), `candidate` (a person decides),
 *   `confirmed` or `rejected` (a person's decision). Keyed on stable identities — each end's document sha256 and
 *   project seq —, not on row ids, which `import --force` renews; no foreign key, so a re-import keeps the decisions
 *   (src/stages/store/projectLinks.ts recomputes the others).
 * - `indicator_links`: within an accepted project link, which indicator of the earlier project is which of the later
 *   one (by level path and name similarity); a NULL side is an indicator dropped or new.
 * - `v_project_history`: one row per project of each counted document (v_documents.latest = 1), with the id of its
 *   history (the first project of its chain of accepted year links) and the link to its predecessor.
 * - `v_indicator_changes`: one row per indicator pair of each accepted link, with the change of its target.
 */

/** The SQL CASE that classifies a target change between indicator rows aliased `fi` (earlier) and `ti` (later). */
const TARGET_CHANGE_SQL = `CASE
      WHEN fi.id IS NULL THEN 'new'
      WHEN ti.id IS NULL THEN 'dropped'
      WHEN fi.target_op IS NULL OR ti.target_op IS NULL OR fi.target_value IS NULL OR ti.target_value IS NULL THEN
        CASE WHEN replace(replace(ifnull(fi.target_text, ''), ' ', ''), '　', '')
                = replace(replace(ifnull(ti.target_text, ''), ' ', ''), '　', '') THEN 'unchanged' ELSE 'changed' END
      WHEN ifnull(fi.target_unit, '') <> ifnull(ti.target_unit, '') THEN 'changed'
      WHEN fi.target_op = ti.target_op AND fi.target_value = ti.target_value THEN 'unchanged'
      WHEN fi.target_op IN ('>=', '>') AND ti.target_op IN ('>=', '>') THEN
        CASE WHEN ti.target_value > fi.target_value OR (ti.target_value = fi.target_value AND ti.target_op = '>')
             THEN 'tightened' ELSE 'loosened' END
      WHEN fi.target_op IN ('<=', '<') AND ti.target_op IN ('<=', '<') THEN
        CASE WHEN ti.target_value < fi.target_value OR (ti.target_value = fi.target_value AND ti.target_op = '<')
             THEN 'tightened' ELSE 'loosened' END
      ELSE 'changed'
    END`;

export const MIGRATION_PROJECT_LINKS = `
  CREATE TABLE project_links (
    id               INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL CHECK (kind IN ('version', 'year')),
    from_sha256      TEXT    NOT NULL CHECK (length(from_sha256) = 64),
    from_project_seq INTEGER NOT NULL,
    to_sha256        TEXT    NOT NULL CHECK (length(to_sha256) = 64),
    to_project_seq   INTEGER NOT NULL,
    method           TEXT    NOT NULL CHECK (method IN ('code', 'name')),
    score            REAL    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('auto', 'candidate', 'confirmed', 'rejected')),
    computed_at      TEXT    NOT NULL,
    decided_by       TEXT,
    decided_at       TEXT,
    UNIQUE (from_sha256, from_project_seq, to_sha256, to_project_seq)
  );
  CREATE INDEX project_links_to ON project_links(to_sha256, to_project_seq);

  CREATE TABLE indicator_links (
    link_id            INTEGER NOT NULL REFERENCES project_links(id) ON DELETE CASCADE,
    from_indicator_seq INTEGER,
    to_indicator_seq   INTEGER,
    score              REAL,
    CHECK (from_indicator_seq IS NOT NULL OR to_indicator_seq IS NOT NULL)
  );
  CREATE INDEX indicator_links_link ON indicator_links(link_id);

  CREATE VIEW v_project_history AS
  WITH RECURSIVE
  counted AS MATERIALIZED (
    SELECT p.id AS project_id, d.sha256, p.seq
    FROM v_documents v
    JOIN documents d ON d.id = v.document_id
    JOIN projects p ON p.document_id = d.id
    WHERE v.latest = 1
  ),
  accepted AS MATERIALIZED (
    SELECT l.id AS link_id, f.project_id AS from_id, t.project_id AS to_id, l.method, l.score, l.status
    FROM project_links l
    JOIN counted f ON f.sha256 = l.from_sha256 AND f.seq = l.from_project_seq
    JOIN counted t ON t.sha256 = l.to_sha256 AND t.seq = l.to_project_seq
    WHERE l.kind = 'year' AND l.status IN ('auto', 'confirmed')
  ),
  chain(project_id, root_id) AS (
    SELECT project_id, project_id FROM counted WHERE project_id NOT IN (SELECT to_id FROM accepted)
    UNION
    SELECT a.to_id, c.root_id FROM chain c JOIN accepted a ON a.from_id = c.project_id
  ),
  roots AS (SELECT project_id, min(root_id) AS history_id FROM chain GROUP BY project_id),
  previous AS (
    SELECT to_id, from_id, method, score, status,
           row_number() OVER (PARTITION BY to_id ORDER BY status = 'confirmed' DESC, score DESC, from_id) AS rank
    FROM accepted
  )
  SELECT r.history_id, d.department, d.fiscal_year, d.id AS document_id, p.id AS project_id, p.seq AS project_seq,
         p.code, p.name, p.unit_code, p.unit_name, p.budget_total_yuan, p.budget_fiscal_yuan,
         p.budget_total_yuan / 10000.0 AS budget_total_wan,
         CASE WHEN p.budget_total_yuan > 0 THEN round(1.0 * p.budget_fiscal_yuan / p.budget_total_yuan, 4) END
           AS fiscal_share,
         p.goal,
         (SELECT count(*) FROM indicators i WHERE i.project_id = p.id) AS indicator_count,
         a.from_id AS previous_project_id, a.method AS link_method, a.score AS link_score, a.status AS link_status
  FROM roots r
  JOIN projects p ON p.id = r.project_id
  JOIN documents d ON d.id = p.document_id
  LEFT JOIN previous a ON a.to_id = p.id AND a.rank = 1;

  CREATE VIEW v_indicator_changes AS
  SELECT l.id AS link_id, l.kind AS link_kind, l.status AS link_status, td.department,
         fd.fiscal_year AS from_year, td.fiscal_year AS to_year, fd.id AS from_document_id, td.id AS to_document_id,
         fp.id AS from_project_id, tp.id AS to_project_id, tp.name AS project_name,
         il.from_indicator_seq, il.to_indicator_seq, il.score AS indicator_score,
         ifnull(ti.level1, fi.level1) AS level1, ifnull(ti.level2, fi.level2) AS level2,
         ifnull(ti.level3, fi.level3) AS level3, fi.level3 AS from_level3,
         fi.target_text AS from_target_text, fi.target_op AS from_target_op, fi.target_value AS from_target_value,
         fi.target_unit AS from_target_unit,
         ti.target_text AS to_target_text, ti.target_op AS to_target_op, ti.target_value AS to_target_value,
         ti.target_unit AS to_target_unit,
         ${TARGET_CHANGE_SQL} AS change
  FROM project_links l
  JOIN documents fd ON fd.sha256 = l.from_sha256
  JOIN projects fp ON fp.document_id = fd.id AND fp.seq = l.from_project_seq
  JOIN documents td ON td.sha256 = l.to_sha256
  JOIN projects tp ON tp.document_id = td.id AND tp.seq = l.to_project_seq
  JOIN indicator_links il ON il.link_id = l.id
  LEFT JOIN indicators fi ON fi.project_id = fp.id AND fi.seq = il.from_indicator_seq
  LEFT JOIN indicators ti ON ti.project_id = tp.id AND ti.seq = il.to_indicator_seq
  WHERE l.status IN ('auto', 'confirmed');
`;
