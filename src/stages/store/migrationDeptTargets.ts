/**
 * Migration 8 (issue 15, docs/templates.md "部门整体"): the 部门整体支出绩效目标表, one per department, no project,
 * in tables of their own, so an older database upgrades in place with nothing changed (it holds none):
 *
 * - `dept_targets`: one row per department table of a document — its department and 主管部门 (code apart), the amounts
 *   in yuan (资金总额, 其中：财政拨款, 其他资金, 上年结转资金, 基本支出, 项目支出), 部门职能, the goals, the printed weight
 *   total and its pages;
 * - `dept_target_tasks`: the rows of its 年度主要任务 block (任务名称 / 主要内容 / 预算金额);
 * - `dept_target_indicators`: its indicator rows, the columns of `indicators`;
 * - `v_dept_target_indicators`: the indicator rows with their document and department, like `v_indicators`.
 *
 * Findings about a department table name no project (`findings.project_id` NULL); their message names the table.
 */
export const MIGRATION_DEPT_TARGETS = `
  CREATE TABLE dept_targets (
    id                    INTEGER PRIMARY KEY,
    document_id           INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq                   INTEGER NOT NULL,
    table_title           TEXT    NOT NULL,
    dept_name             TEXT,
    competent_dept        TEXT,
    competent_dept_code   TEXT,
    amount_unit           TEXT    NOT NULL,
    budget_total_yuan     INTEGER,
    budget_fiscal_yuan    INTEGER,
    budget_other_yuan     INTEGER,
    budget_carryover_yuan INTEGER,
    budget_basic_yuan     INTEGER,
    budget_projects_yuan  INTEGER,
    duties                TEXT,
    goal                  TEXT,
    goal_mid_term         TEXT,
    weight_total          REAL,
    page_first            INTEGER NOT NULL,
    page_last             INTEGER NOT NULL,
    UNIQUE (document_id, seq)
  );

  CREATE TABLE dept_target_tasks (
    dept_target_id INTEGER NOT NULL REFERENCES dept_targets(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    content        TEXT,
    budget_yuan    INTEGER,
    UNIQUE (dept_target_id, seq)
  );

  CREATE TABLE dept_target_indicators (
    id             INTEGER PRIMARY KEY,
    dept_target_id INTEGER NOT NULL REFERENCES dept_targets(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    level1         TEXT    NOT NULL,
    level2         TEXT,
    level3         TEXT,
    description    TEXT,
    target_text    TEXT,
    target_op      TEXT CHECK (target_op IN ('>=', '<=', '>', '<', '=')),
    target_value   REAL,
    target_unit    TEXT,
    basis          TEXT,
    page           INTEGER NOT NULL,
    weight         REAL,
    direction      TEXT,
    measure_unit   TEXT,
    UNIQUE (dept_target_id, seq)
  );

  CREATE VIEW v_dept_target_indicators AS
  SELECT d.id AS document_id, d.source_path, d.title AS document_title, d.department, d.fiscal_year,
         t.id AS dept_target_id, t.seq AS dept_target_seq, t.dept_name, t.competent_dept,
         t.budget_total_yuan, t.budget_total_yuan / 10000.0 AS budget_total_wan,
         i.id AS indicator_id, i.seq, i.level1, i.level2, i.level3, i.description, i.target_text,
         i.target_op, i.target_value, i.target_unit, i.basis, i.page, i.weight, i.direction, i.measure_unit
  FROM dept_target_indicators i
  JOIN dept_targets t ON t.id = i.dept_target_id
  JOIN documents d ON d.id = t.document_id;
`;
