import { openDatabase } from '../../src/stages/store/index.js';

/**
 * Every contract table of a database with ids and imported_at replaced by what they point at, rows sorted: two
 * imports of the same files compare equal whatever order they stored them in.
 */
export function tablesWithoutIds(dbPath: string): Record<string, string[]> {
  const db = openDatabase(dbPath);
  try {
    const doc = 'd.sha256 AS doc, d.source_path';
    const queries: Record<string, string> = {
      documents:
        'SELECT sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source, pipeline_version FROM documents d',
      toc_entries: `SELECT ${doc}, t.seq, t.title, t.page FROM toc_entries t JOIN documents d ON d.id = t.document_id`,
      dept_goals: `SELECT ${doc}, g.kind, g.seq, g.title, g.body FROM dept_goals g JOIN documents d ON d.id = g.document_id`,
      measures: `SELECT ${doc}, m.seq, m.body FROM measures m JOIN documents d ON d.id = m.document_id`,
      projects: `SELECT ${doc}, p.seq, p.code, p.code_check_ok, p.name, p.unit_code, p.unit_name, p.amount_unit, p.budget_total_yuan,
                   p.budget_fiscal_yuan, p.budget_other_yuan, p.fund_use, p.goal, p.page_first, p.page_last, p.table_title
                 FROM projects p JOIN documents d ON d.id = p.document_id`,
      spend_plan: `SELECT ${doc}, p.seq AS project_seq, s.month, s.cumulative_pct FROM spend_plan s JOIN projects p ON p.id = s.project_id JOIN documents d ON d.id = p.document_id`,
      indicators: `SELECT ${doc}, p.seq AS project_seq, i.seq, i.level1, i.level2, i.level3, i.description, i.target_text, i.target_op,
                     i.target_value, i.target_unit, i.basis, i.page
                   FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id`,
      repairs: `SELECT ${doc}, p.seq AS linked_project_seq, r.page, r.kind, r.field, r.before, r.after, r.project_seq, r.confidence
                FROM repairs r JOIN documents d ON d.id = r.document_id LEFT JOIN projects p ON p.id = r.project_id`,
      findings: `SELECT ${doc}, p.seq AS linked_project_seq, f.severity, f.rule, f.message, f.project_seq, f.page
                 FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN projects p ON p.id = f.project_id`,
    };
    return Object.fromEntries(
      Object.entries(queries).map(([table, sql]) => [
        table,
        db
          .prepare(sql)
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}
