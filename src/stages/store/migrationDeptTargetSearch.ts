/**
 * Migration "dept target search" (issue 15 follow-up), number 11, after the OCR fields (10): the 部门整体支出绩效目标表
 * in the full-text table `text_search` of migration 2, like a project's indicators and goal, kept in step by triggers
 * (ON DELETE CASCADE from documents fires them, so a re-import replaces the entries) and filled for the department
 * tables already stored.
 *
 * - `kind = 'dept_target_indicator'`: one entry per `dept_target_indicators` row, its six cells joined by line breaks
 *   as a project indicator's;
 * - `kind = 'dept_target_goal'`: one entry per `dept_targets` row that prints a goal: 年度总体目标 and 中长期目标 joined
 *   by a line break.
 *
 * `project_id` and `indicator_id` stay NULL (those columns name `projects` and `indicators` rows). The source row is in
 * the rowid, clear of migration 2's (row id × 4 + 0..2, negative for department goals):
 * DEPT_TARGET_SEARCH_ROWID_BASE + `dept_target_indicators.id` × 4 for an indicator, + `dept_targets.id` × 4 + 1 for a
 * goal — `JOIN dept_target_indicators i ON t.rowid = 1000000000000000 + i.id * 4`.
 */

/** Added to a department table's rowids in `text_search`: far above any project rowid (id × 4 + 2), a multiple of 4. */
export const DEPT_TARGET_SEARCH_ROWID_BASE = 1_000_000_000_000_000;

const BASE = String(DEPT_TARGET_SEARCH_ROWID_BASE);

const indicatorBody = (row: string) =>
  `ifnull(${row}.level1, '') || char(10) || ifnull(${row}.level2, '') || char(10) || ifnull(${row}.level3, '') || char(10) || ifnull(${row}.description, '') || char(10) || ifnull(${row}.target_text, '') || char(10) || ifnull(${row}.basis, '')`;

const goalBody = (row: string) =>
  `trim(ifnull(${row}.goal, '') || char(10) || ifnull(${row}.goal_mid_term, ''), char(10))`;

const insertIndicator = (row: string) => `
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    SELECT ${BASE} + ${row}.id * 4, 'dept_target_indicator', t.document_id, NULL, NULL, ${indicatorBody(row)}
    FROM dept_targets t WHERE t.id = ${row}.dept_target_id;`;

const insertGoal = (row: string) => `
    INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
    SELECT ${BASE} + ${row}.id * 4 + 1, 'dept_target_goal', ${row}.document_id, NULL, NULL, ${goalBody(row)}
    WHERE ${row}.goal IS NOT NULL OR ${row}.goal_mid_term IS NOT NULL;`;

export const MIGRATION_DEPT_TARGET_SEARCH = `
  CREATE TRIGGER dept_target_indicators_search_insert AFTER INSERT ON dept_target_indicators BEGIN${insertIndicator('new')}
  END;
  CREATE TRIGGER dept_target_indicators_search_delete AFTER DELETE ON dept_target_indicators BEGIN
    DELETE FROM text_search WHERE rowid = ${BASE} + old.id * 4;
  END;
  CREATE TRIGGER dept_target_indicators_search_update AFTER UPDATE ON dept_target_indicators BEGIN
    DELETE FROM text_search WHERE rowid = ${BASE} + old.id * 4;${insertIndicator('new')}
  END;

  CREATE TRIGGER dept_targets_search_insert AFTER INSERT ON dept_targets BEGIN${insertGoal('new')}
  END;
  CREATE TRIGGER dept_targets_search_delete AFTER DELETE ON dept_targets BEGIN
    DELETE FROM text_search WHERE rowid = ${BASE} + old.id * 4 + 1;
  END;
  CREATE TRIGGER dept_targets_search_update AFTER UPDATE ON dept_targets BEGIN
    DELETE FROM text_search WHERE rowid = ${BASE} + old.id * 4 + 1;${insertGoal('new')}
  END;

  INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
  SELECT ${BASE} + i.id * 4, 'dept_target_indicator', t.document_id, NULL, NULL, ${indicatorBody('i')}
  FROM dept_target_indicators i JOIN dept_targets t ON t.id = i.dept_target_id;
  INSERT INTO text_search (rowid, kind, document_id, project_id, indicator_id, body)
  SELECT ${BASE} + t.id * 4 + 1, 'dept_target_goal', t.document_id, NULL, NULL, ${goalBody('t')}
  FROM dept_targets t WHERE t.goal IS NOT NULL OR t.goal_mid_term IS NOT NULL;
`;
