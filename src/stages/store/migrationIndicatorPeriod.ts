/**
 * Migration "indicator period" (number 9, after migration 8's department-level targets; issue 15, docs/templates.md):
 * templates printing a 长期目标 (实施期目标) and a 年度目标 give each its own indicator table (长期指标 / 年度指标).
 *
 * - `indicators.period`: `annual` (the year's targets; every indicator of a project with one indicator table, and
 *   every row stored before this migration) or `mid_term` (the project's whole implementation period);
 * - the view `v_indicators` again, with `period` appended.
 *
 * An older database upgrades in place: the column is added with its default, so existing rows read `annual`.
 */
export const MIGRATION_INDICATOR_PERIOD = `
  ALTER TABLE indicators ADD COLUMN period TEXT NOT NULL DEFAULT 'annual' CHECK (period IN ('annual', 'mid_term'));

  DROP VIEW v_indicators;
  CREATE VIEW v_indicators AS
  SELECT d.id AS document_id, d.source_path, d.title AS document_title, d.department, d.fiscal_year,
         p.id AS project_id, p.seq AS project_seq, p.code AS project_code, p.name AS project_name,
         p.unit_code, p.unit_name, p.budget_total_yuan, p.budget_total_yuan / 10000.0 AS budget_total_wan,
         i.id AS indicator_id, i.seq, i.level1, i.level2, i.level3, i.description, i.target_text,
         i.target_op, i.target_value, i.target_unit, i.basis, i.page,
         d.template, p.competent_dept, p.implementing_unit, i.weight, i.direction, i.measure_unit,
         i.period
  FROM indicators i
  JOIN projects p ON p.id = i.project_id
  JOIN documents d ON d.id = p.document_id;
`;
