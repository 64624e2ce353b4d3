/**
 * Databases as an older budgetpdf left them, for the schema-upgrade tests of tests/stages/store: the first migrations
 * applied by hand, each setting user_version as openDatabase does.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/stages/store/migrations.js';

/** A new database at `path` at schema `version` (the first `version` migrations applied), returned open. */
export function databaseAtSchema(path: string, version: number): Database.Database {
  const old = new Database(path);
  MIGRATIONS.slice(0, version).forEach((sql, index) => {
    old.exec(sql);
    old.pragma(`user_version = ${index + 1}`);
  });
  return old;
}

/**
 * A database at schema `version` (3 or later) with one document stored through schema 3's columns: one project
 * (旧项目) with one indicator (旧指标); closed.
 */
export function databaseWithOldDocument(path: string, version: number): void {
  const old = databaseAtSchema(path, version);
  old
    .prepare(
      `INSERT INTO documents (id, sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source,
         imported_at, pipeline_version) VALUES (1, ?, 'old.pdf', '旧文档2022年部门预算绩效文本', '旧文档', 2022, 0, 3, 'text',
         '2024-01-01T00:00:00.000Z', '0.0.9')`,
    )
    .run('b'.repeat(64));
  old
    .prepare(
      `INSERT INTO projects (id, document_id, seq, code, code_check_ok, name, unit_code, unit_name, amount_unit,
         budget_total_yuan, budget_fiscal_yuan, budget_other_yuan, fund_use, goal, page_first, page_last, table_title,
         printed_seq) VALUES (1, 1, 1, NULL, NULL, '旧项目', NULL, NULL, '万元', 1000000, 1000000, NULL, NULL, '旧目标', 2, 3,
         '1.旧项目绩效目标表', 1)`,
    )
    .run();
  old
    .prepare(
      `INSERT INTO indicators (project_id, seq, level1, level2, level3, description, target_text, target_op,
         target_value, target_unit, basis, page) VALUES (1, 1, '产出指标', '数量指标', '旧指标', NULL, '≥5个', '>=', 5, '个', NULL, 2)`,
    )
    .run();
  old.close();
}
