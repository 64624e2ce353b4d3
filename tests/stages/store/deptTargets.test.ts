/**
 * Migration 8 (src/stages/store/migrationDeptTargets.ts): the 部门整体支出绩效目标表 in tables of their own. A database
 * made by schema 7 upgrades in place with nothing lost; the fixtures' department tables reach the tables, the view,
 * the CSV files and the workbook; a document of only a department table is imported, with zero projects.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPdfs } from '../../../src/batch/importPdfs.js';
import { extractPdf } from '../../../src/pipeline.js';
import { DEPT_TARGET_TABLES, exportCsv, exportXlsx, tableColumns } from '../../../src/stages/export/index.js';
import { TABLE_HEADERS_ZH } from '../../../src/stages/export/tableHeadersZh.js';
import { MIGRATIONS } from '../../../src/stages/store/migrations.js';
import { openDatabase, schemaVersionOf, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { REPO_ROOT } from '../../../support/fixtureFiles.js';
import { databaseAtSchema } from '../../support/oldSchemaDatabase.js';
import { sampleDocument } from './sampleDocument.js';

/** The schema version before the department tables. */
const SCHEMA_BEFORE_DEPT_TARGETS = 7;
const COUNTY = 'fixtures/templates/county-dept-2025.direct.pdf';
const DEPT_ONLY = 'fixtures/templates/dept-only-2024.lo-b5.pdf';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-dept-targets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function extract(pdfPath: string) {
  const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, pdfPath)));
  return (await extractPdf(bytes, { sourcePath: pdfPath, ocr: 'never' })).document;
}

describe('migration 8 (department tables)', () => {
  it('is the eighth migration', () => {
    expect(MIGRATIONS[SCHEMA_BEFORE_DEPT_TARGETS]).toContain('CREATE TABLE dept_targets');
  });

  it('upgrades a schema-7 database in place: the old document kept, the new tables empty, then filled by an import', async () => {
    const path = join(dir, 'old.sqlite');
    databaseAtSchema(path, SCHEMA_BEFORE_DEPT_TARGETS).close();
    const before = openDatabaseAt(path, SCHEMA_BEFORE_DEPT_TARGETS);
    storeOldDocument(before);
    before.close();

    const db = openDatabase(path);
    try {
      expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT department FROM documents').pluck().all()).toEqual(['旧部门']);
      expect(db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(1);
      for (const table of DEPT_TARGET_TABLES) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
      storeDocument(db, await extract(COUNTY), { pipelineVersion: 't', importedAt: new Date(0) });
      expect(db.prepare('SELECT count(*) FROM dept_targets').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});

/** A database left at `version` (the migrations up to it applied by hand, as that budgetpdf did). */
function openDatabaseAt(path: string, version: number): Database.Database {
  const db = new Database(path);
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  return db;
}

/** One document with a project and an indicator through schema 7's columns. */
function storeOldDocument(db: Database.Database): void {
  db.prepare(
    `INSERT INTO documents (id, sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source,
       imported_at, pipeline_version) VALUES (1, ?, 'old.pdf', '旧部门2023年部门预算绩效文本', '旧部门', 2023, 0, 3, 'text',
       '2024-01-01T00:00:00.000Z', '0.0.9')`,
  ).run('c'.repeat(64));
  db.prepare(
    `INSERT INTO projects (id, document_id, seq, name, amount_unit, page_first, page_last, table_title, printed_seq)
     VALUES (1, 1, 1, '旧项目', '万元', 2, 3, '1.旧项目绩效目标表', 1)`,
  ).run();
}

describe('the department tables in the database and the exports', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(join(dir, 'dept.sqlite'));
  });
  afterEach(() => db.close());

  it('stores the table, its tasks and its indicators beside the projects; the view joins them', async () => {
    storeDocument(db, await extract(COUNTY), { pipelineVersion: 't', importedAt: new Date(0) });
    expect(db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(2);
    expect(
      db
        .prepare(
          `SELECT seq, dept_name, competent_dept, competent_dept_code, amount_unit, budget_total_yuan, budget_fiscal_yuan,
             budget_other_yuan, budget_basic_yuan, weight_total, page_first FROM dept_targets`,
        )
        .all(),
    ).toEqual([
      {
        seq: 1,
        dept_name: '青禾县林业局',
        competent_dept: '青禾县林业局',
        competent_dept_code: '512',
        amount_unit: '万元',
        budget_total_yuan: 12864000,
        budget_fiscal_yuan: 12064000,
        budget_other_yuan: 800000,
        budget_basic_yuan: null,
        weight_total: 100,
        page_first: 3,
      },
    ]);
    expect(db.prepare('SELECT seq, name, budget_yuan FROM dept_target_tasks ORDER BY seq').all()).toEqual([
      { seq: 1, name: '森林防火', budget_yuan: 3120000 },
      { seq: 2, name: '国土绿化', budget_yuan: 4685000 },
      { seq: 3, name: '林业有害生物防治', budget_yuan: 956000 },
    ]);
    expect(db.prepare('SELECT SUM(weight) AS weights, COUNT(*) AS n FROM dept_target_indicators').get()).toEqual({
      weights: 100,
      n: 7,
    });
    expect(
      db
        .prepare(
          'SELECT dept_name, budget_total_wan, level3, target_op, target_value FROM v_dept_target_indicators WHERE seq = 6',
        )
        .get(),
    ).toEqual({
      dept_name: '青禾县林业局',
      budget_total_wan: 1286.4,
      level3: '林业有害生物成灾率',
      target_op: '<=',
      target_value: 0.3,
    });
  });

  it('writes the department CSVs and sheets when a document holds a department table, and not otherwise', async () => {
    const sample = storeDocument(db, sampleDocument(), { pipelineVersion: 't', importedAt: new Date(0) });
    const without = await exportCsv(db, join(dir, 'without'), { bom: false });
    expect(without.some((file) => file.includes('dept_target'))).toBe(false);

    const { documentId } = storeDocument(db, await extract(COUNTY), { pipelineVersion: 't', importedAt: new Date(0) });
    const written = await exportCsv(db, join(dir, 'with'), { bom: false });
    for (const table of DEPT_TARGET_TABLES) {
      const file = join(dir, 'with', `${table}.csv`);
      expect(written).toContain(file);
      // The header row is the table's columns, each with its Chinese label (docs/schema.md, tableHeadersZh.ts).
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(tableColumns(db, table).join(','));
      expect(Object.keys(TABLE_HEADERS_ZH[table])).toEqual(tableColumns(db, table));
    }
    expect(readFileSync(join(dir, 'with', 'dept_target_tasks.csv'), 'utf8')).toContain('林业有害生物防治');
    // Only the sample document selected: no department table among the selection, no department CSV.
    const sampleOnly = join(dir, 'sample-only');
    await exportCsv(db, sampleOnly, { bom: false, documentIds: [sample.documentId] });
    expect(existsSync(join(sampleOnly, 'dept_targets.csv'))).toBe(false);
    // The selected department document: its rows through dept_target_id.
    const deptOnly = join(dir, 'dept-only');
    await exportCsv(db, deptOnly, { bom: false, documentIds: [documentId] });
    expect(readFileSync(join(deptOnly, 'dept_target_indicators.csv'), 'utf8').trim().split('\n')).toHaveLength(8);

    const sheets = await exportXlsx(db, join(dir, 'budget.xlsx'), { headers: 'zh' });
    expect(sheets.map((sheet) => sheet.name).slice(-3)).toEqual([...DEPT_TARGET_TABLES]);
    expect(sheets.find((sheet) => sheet.name === 'dept_target_indicators')?.rows).toBe(7);
  });
});

describe('a document of only a 部门整体 table', () => {
  it('is imported with zero projects (not refused as no_budget_tables), its finding naming no project', async () => {
    const dbPath = join(dir, 'import.sqlite');
    const [result] = await importPdfs([join(REPO_ROOT, DEPT_ONLY)], { dbPath, ocr: 'never', jobs: 1 });
    expect(result && [result.status, result.errorCode ?? null, result.projectCount]).toEqual(['imported', null, 0]);
    const db = openDatabase(dbPath);
    try {
      expect(db.prepare('SELECT dept_name, budget_basic_yuan, budget_projects_yuan FROM dept_targets').all()).toEqual([
        { dept_name: '松溪县水利局', budget_basic_yuan: 6500000, budget_projects_yuan: 15000000 },
      ]);
      expect(
        db.prepare("SELECT project_id, project_seq FROM findings WHERE rule = 'weights_do_not_add_up'").all(),
      ).toEqual([{ project_id: null, project_seq: null }]);
    } finally {
      db.close();
    }
  });
});
