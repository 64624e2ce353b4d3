import { MIGRATION_002_VIEWS_SEARCH } from './migration002ViewsSearch.js';
import { MIGRATION_003_PRINTED_SEQ } from './migration003PrintedSeq.js';
import { MIGRATION_004_TEMPLATES } from './migration004Templates.js';
import { MIGRATION_DOCUMENT_VERSIONS } from './migrationDocumentVersions.js';
import { MIGRATION_CORRECTIONS } from './migrationCorrections.js';
import { MIGRATION_OCR_FIELDS } from './migrationOcrFields.js';
import { MIGRATION_PROJECT_LINKS } from './migrationProjectLinks.js';
import { MIGRATION_DEPT_TARGETS } from './migrationDeptTargets.js';
import { MIGRATION_INDICATOR_PERIOD } from './migrationIndicatorPeriod.js';
import { MIGRATION_DEPT_TARGET_SEARCH } from './migrationDeptTargetSearch.js';

/**
 * The schema as numbered migrations: migration n brings a database to `PRAGMA user_version = n`.
 * Add a migration to change the schema; never edit one that has shipped. The tables and columns
 * of docs/contract.md may be added to, never renamed or removed; docs/schema.md lists every table, view
 * and column (tests/docs/schemaDoc.test.ts checks it against this schema).
 *
 * Columns beyond the contract: projects.table_title, projects.printed_seq (migration 3), the template columns of
 * migration 4 (documents.template, projects.budget_carryover_yuan …, indicators.weight …), repairs.project_seq,
 * repairs.confidence,
 * findings.project_seq, findings.page, and the tables toc_entries, corrections and signoffs (6:
 * migrationCorrections.ts). Views: indicator_rows (1), v_projects and v_indicators (2, recreated with the template
 * columns by 4), v_documents (5: migrationDocumentVersions.ts). Tables project_links and indicator_links, views
 * v_project_history and v_indicator_changes (7: migrationProjectLinks.ts, issue 19). Tables dept_targets,
 * dept_target_tasks and dept_target_indicators, view v_dept_target_indicators (8: migrationDeptTargets.ts, the
 * 部门整体支出绩效目标表). indicators.period and v_indicators
 * again (9: migrationIndicatorPeriod.ts). Table ocr_fields and view
 * v_ocr_fields (10: migrationOcrFields.ts, issue 13). The department tables' indicators and goals in text_search
 * (11: migrationDeptTargetSearch.ts, triggers only).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    sha256           TEXT    NOT NULL UNIQUE,
    source_path      TEXT    NOT NULL,
    title            TEXT,
    department       TEXT,
    fiscal_year      INTEGER,
    is_draft         INTEGER NOT NULL CHECK (is_draft IN (0, 1)),
    page_count       INTEGER NOT NULL,
    text_source      TEXT    NOT NULL CHECK (text_source IN ('text', 'ocr', 'mixed')),
    imported_at      TEXT    NOT NULL,
    pipeline_version TEXT    NOT NULL
  );

  CREATE TABLE toc_entries (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    page        INTEGER
  );
  CREATE INDEX toc_entries_document ON toc_entries(document_id);

  CREATE TABLE dept_goals (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('overall', 'sub')),
    seq         INTEGER NOT NULL,
    title       TEXT,
    body        TEXT    NOT NULL
  );
  CREATE INDEX dept_goals_document ON dept_goals(document_id);

  CREATE TABLE measures (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    body        TEXT    NOT NULL
  );
  CREATE INDEX measures_document ON measures(document_id);

  CREATE TABLE projects (
    id                 INTEGER PRIMARY KEY,
    document_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    code               TEXT,
    code_check_ok      INTEGER CHECK (code_check_ok IN (0, 1)),
    name               TEXT    NOT NULL,
    unit_code          TEXT,
    unit_name          TEXT,
    amount_unit        TEXT    NOT NULL,
    budget_total_yuan  INTEGER,
    budget_fiscal_yuan INTEGER,
    budget_other_yuan  INTEGER,
    fund_use           TEXT,
    goal               TEXT,
    page_first         INTEGER NOT NULL,
    page_last          INTEGER NOT NULL,
    table_title        TEXT    NOT NULL,
    UNIQUE (document_id, seq)
  );

  CREATE TABLE spend_plan (
    project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    month          INTEGER NOT NULL CHECK (month IN (3, 6, 10, 12)),
    cumulative_pct REAL    NOT NULL
  );
  CREATE INDEX spend_plan_project ON spend_plan(project_id);

  CREATE TABLE indicators (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    level1       TEXT    NOT NULL,
    level2       TEXT,
    level3       TEXT,
    description  TEXT,
    target_text  TEXT,
    target_op    TEXT CHECK (target_op IN ('>=', '<=', '>', '<', '=')),
    target_value REAL,
    target_unit  TEXT,
    basis        TEXT,
    page         INTEGER NOT NULL,
    UNIQUE (project_id, seq)
  );

  CREATE TABLE repairs (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    project_id  INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    page        INTEGER,
    kind        TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    before      TEXT    NOT NULL,
    after       TEXT    NOT NULL,
    project_seq INTEGER,
    confidence  REAL
  );
  CREATE INDEX repairs_document ON repairs(document_id);
  CREATE INDEX repairs_project ON repairs(project_id);

  CREATE TABLE findings (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    project_id  INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    severity    TEXT    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    rule        TEXT    NOT NULL,
    message     TEXT    NOT NULL,
    project_seq INTEGER,
    page        INTEGER
  );
  CREATE INDEX findings_document ON findings(document_id);
  CREATE INDEX findings_project ON findings(project_id);

  CREATE VIEW indicator_rows AS
  SELECT d.id AS document_id, d.department, d.fiscal_year, d.source_path,
         p.id AS project_id, p.seq AS project_seq, p.code AS project_code, p.name AS project_name,
         p.unit_name, i.seq, i.level1, i.level2, i.level3, i.description, i.target_text,
         i.target_op, i.target_value, i.target_unit, i.basis, i.page
  FROM indicators i
  JOIN projects p ON p.id = i.project_id
  JOIN documents d ON d.id = p.document_id;
  `,
  MIGRATION_002_VIEWS_SEARCH,
  MIGRATION_003_PRINTED_SEQ,
  MIGRATION_004_TEMPLATES,
  MIGRATION_DOCUMENT_VERSIONS,
  MIGRATION_CORRECTIONS,
  MIGRATION_PROJECT_LINKS,
  MIGRATION_DEPT_TARGETS,
  MIGRATION_INDICATOR_PERIOD,
  MIGRATION_OCR_FIELDS,
  MIGRATION_DEPT_TARGET_SEARCH,
];
