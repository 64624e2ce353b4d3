/**
 * Migration 4 (issue 15, docs/templates.md): what templates other than the seed's print, all nullable, so an
 * older database upgrades in place with nothing lost (existing rows read NULL: the seed's template prints none
 * of these):
 *
 * - `documents.template`: the template the document's project tables matched (`hebei-text`, `central-project`, …);
 * - `projects.budget_carryover_yuan` (上年结转资金), `projects.budget_project_total_yuan` (项目总预算), `projects.competent_dept` / `competent_dept_code`
 *   (主管部门及代码 `[158]某部`), `projects.implementing_unit` (实施单位), `projects.goal_mid_term`
 *   (中长期目标 beside the annual goal in `goal`), `projects.weight_total` (the `分值（90）` a weight header prints);
 * - `indicators.weight` (分值/权重), `indicators.direction` (指标方向), `indicators.measure_unit` (计量单位);
 * - the views `v_projects` and `v_indicators` again, with these columns appended.
 */
export const MIGRATION_004_TEMPLATES = `
  ALTER TABLE documents ADD COLUMN template TEXT;
  ALTER TABLE projects ADD COLUMN budget_carryover_yuan INTEGER;
  ALTER TABLE projects ADD COLUMN budget_project_total_yuan INTEGER;
  ALTER TABLE projects ADD COLUMN competent_dept TEXT;
  ALTER TABLE projects ADD COLUMN competent_dept_code TEXT;
  ALTER TABLE projects ADD COLUMN implementing_unit TEXT;
  ALTER TABLE projects ADD COLUMN goal_mid_term TEXT;
  ALTER TABLE projects ADD COLUMN weight_total REAL;
  ALTER TABLE indicators ADD COLUMN weight REAL;
  ALTER TABLE indicators ADD COLUMN direction TEXT;
  ALTER TABLE indicators ADD COLUMN measure_unit TEXT;
  CREATE INDEX documents_template ON documents(template);

  DROP VIEW v_projects;
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
         p.fund_use, p.goal, p.page_first, p.page_last,
         d.template, p.competent_dept, p.competent_dept_code, p.implementing_unit,
         p.budget_carryover_yuan, p.budget_carryover_yuan / 10000.0 AS budget_carryover_wan,
         p.goal_mid_term, p.weight_total,
         (SELECT SUM(i.weight) FROM indicators i WHERE i.project_id = p.id) AS weight_sum
  FROM projects p
  JOIN documents d ON d.id = p.document_id;

  DROP VIEW v_indicators;
  CREATE VIEW v_indicators AS
  SELECT d.id AS document_id, d.source_path, d.title AS document_title, d.department, d.fiscal_year,
         p.id AS project_id, p.seq AS project_seq, p.code AS project_code, p.name AS project_name,
         p.unit_code, p.unit_name, p.budget_total_yuan, p.budget_total_yuan / 10000.0 AS budget_total_wan,
         i.id AS indicator_id, i.seq, i.level1, i.level2, i.level3, i.description, i.target_text,
         i.target_op, i.target_value, i.target_unit, i.basis, i.page,
         d.template, p.competent_dept, p.implementing_unit, i.weight, i.direction, i.measure_unit
  FROM indicators i
  JOIN projects p ON p.id = i.project_id
  JOIN documents d ON d.id = p.document_id;
`;
