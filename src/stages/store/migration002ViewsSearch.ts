/**
 * Migration 2: what analysts query (docs/sql.md). Adds, without touching a contract table:
 *
 * - `v_projects`: one row per project with its document, amounts in yuan and in 万元 (REAL,
 *   yuan / 10000: exact for display, but sum the `_yuan` columns and divide at the end), the
 *   spend plan's highest cumulative percent and the number of indicators and findings;
 * - `v_indicators`: one row per indicator with its project and document columns joined;
 * - indexes for the usual joins and filters (department/year, code, rule, kind, level names);
 * - `text_search`: an FTS5 table with the trigram tokenizer, so that Chinese substrings (three
 *   characters or more) can be searched with MATCH, and LIKE '%…%' uses the index too. It holds
 *   indicator texts, project names, project goals and department goals, kept in sync by triggers
 *   (ON DELETE CASCADE deletes fire them too), so a re-import replaces a document's entries.
 *
 * text_search.rowid encodes its source so that a trigger finds its entry by rowid:
 * rowid = source row id × 4 + kind (0 indicator, 1 project name, 2 project goal). dept_goals has no stable
 * id (its rowid may change on VACUUM): its entries take negative rowids and are deleted by content.
 */
export const MIGRATION_002_VIEWS_SEARCH = `
  CREATE INDEX documents_department_year ON documents(department, fiscal_year);
  CREATE INDEX documents_year ON documents(fiscal_year);
  CREATE INDEX projects_code ON projects(code);
  CREATE INDEX indicators_levels ON indicators(level1, level2);
  CREATE INDEX findings_rule ON findings(rule);
  CREATE INDEX repairs_kind ON repairs(kind);

  CREATE VIEW v_projects AS
  SELECT d.id AS document_id, d.source_path, d.title AS document_title, d.department, d.fiscal_year, d.is_draft,
         p.id AS project_id, p.seq, p.code, p.code_check_ok, p.name, p.unit_code, p.unit_name, p.amount_unit,
         p.budget_total_yuan, p.budget_fiscal_yuan, p.budget_other_yuan,
         p.budget_total_yuan / 10000.0 AS budget_total_wan,
         p.budget_fiscal_yuan / 10000.0 AS budget_fiscal_wan,
         p.budget_other_yuan / 10000.0 AS budget_other_wan,
         (SELECT MAX(s.cumulative_pct) FROM spend_plan s WHERE s.project_id = p.id) AS spend_max_pct,
         (SELECT COUNT(*) FROM indicators i WHERE i.project_id = p.id) AS indicator_count,
         (SELECT COUNT(*) FROM findings f WHERE f.project_id = p.id) AS finding_count,
         p.fund_use, p.goal, p.page_first, p.page_last
  FROM projects p
  JOIN documents d ON d.id = p.document_id;

  CREATE VIEW v_indicators AS
  SELECT d.id AS document_id, d.source_path, d.title AS document_title, d.department, d.fiscal_year,
         p.id AS project_id, p.seq AS project_seq, p.code AS project_code, p.name AS project_name,
         p.unit_code, p.unit_name, p.budget_total_yuan, p.budget_total_yuan / 10000.0 AS budget_total_wan,
         i.id AS indicator_id, i.seq, i.level1, i.level2, i.level3, i.description, i.target_text,
         i.target_op, i.target_value, i.target_unit, i.basis, i.page
  FROM indicators i
  JOIN projects p ON p.id = i.project_id
  JOIN documents d ON d.id = p.document_id;

  CREATE VIRTUAL TABLE text_search USING fts5(
    kind UNINDEXED, document_id UNINDEXED, project_id UNINDEXED, indicator_id UNINDEXED, body,
    tokenize = 'trigram'
  );

  CREATE TRIGGER indicators_search_insert AFTER INSERT ON indicators BEGIN
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    SELECT new.id * 4, 'indicator', p.document_id, new.project_id, new.id,
           ifnull(new.level1, '') || char(10) || ifnull(new.level2, '') || char(10) || ifnull(new.level3, '') || char(10) || ifnull(new.description, '') || char(10) || ifnull(new.target_text, '') || char(10) || ifnull(new.basis, '')
    FROM projects p WHERE p.id = new.project_id;
  END;
  CREATE TRIGGER indicators_search_delete AFTER DELETE ON indicators BEGIN
    DELETE FROM text_search WHERE rowid = old.id * 4;
  END;
  CREATE TRIGGER indicators_search_update AFTER UPDATE ON indicators BEGIN
    DELETE FROM text_search WHERE rowid = old.id * 4;
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    SELECT new.id * 4, 'indicator', p.document_id, new.project_id, new.id,
           ifnull(new.level1, '') || char(10) || ifnull(new.level2, '') || char(10) || ifnull(new.level3, '') || char(10) || ifnull(new.description, '') || char(10) || ifnull(new.target_text, '') || char(10) || ifnull(new.basis, '')
    FROM projects p WHERE p.id = new.project_id;
  END;

  CREATE TRIGGER projects_search_insert AFTER INSERT ON projects BEGIN
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    VALUES (new.id * 4 + 1, 'project_name', new.document_id, new.id, NULL, new.name);
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    SELECT new.id * 4 + 2, 'project_goal', new.document_id, new.id, NULL, new.goal WHERE new.goal IS NOT NULL;
  END;
  CREATE TRIGGER projects_search_delete AFTER DELETE ON projects BEGIN
    DELETE FROM text_search WHERE rowid IN (old.id * 4 + 1, old.id * 4 + 2);
  END;
  CREATE TRIGGER projects_search_update AFTER UPDATE ON projects BEGIN
    DELETE FROM text_search WHERE rowid IN (old.id * 4 + 1, old.id * 4 + 2);
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    VALUES (new.id * 4 + 1, 'project_name', new.document_id, new.id, NULL, new.name);
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    SELECT new.id * 4 + 2, 'project_goal', new.document_id, new.id, NULL, new.goal WHERE new.goal IS NOT NULL;
  END;

  CREATE TRIGGER dept_goals_search_insert AFTER INSERT ON dept_goals BEGIN
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    VALUES ((SELECT min(ifnull(min(rowid), 0), 0) - 1 FROM text_search), 'dept_goal', new.document_id, NULL, NULL,
            ifnull(new.title, '') || char(10) || ifnull(new.body, ''));
  END;
  CREATE TRIGGER dept_goals_search_delete AFTER DELETE ON dept_goals BEGIN
    DELETE FROM text_search WHERE rowid = (
      SELECT max(rowid) FROM text_search
      WHERE rowid < 0 AND kind = 'dept_goal' AND document_id = old.document_id
        AND body = ifnull(old.title, '') || char(10) || ifnull(old.body, ''));
  END;

  INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
  SELECT i.id * 4, 'indicator', p.document_id, i.project_id, i.id,
         ifnull(i.level1, '') || char(10) || ifnull(i.level2, '') || char(10) || ifnull(i.level3, '') || char(10) || ifnull(i.description, '') || char(10) || ifnull(i.target_text, '') || char(10) || ifnull(i.basis, '')
  FROM indicators i JOIN projects p ON p.id = i.project_id;
  INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
  SELECT id * 4 + 1, 'project_name', document_id, id, NULL, name FROM projects;
  INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
  SELECT id * 4 + 2, 'project_goal', document_id, id, NULL, goal FROM projects WHERE goal IS NOT NULL;
  INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
  SELECT -row_number() OVER (ORDER BY rowid), 'dept_goal', document_id, NULL, NULL, ifnull(title, '') || char(10) || ifnull(body, '')
  FROM dept_goals;
`;
