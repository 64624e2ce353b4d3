/**
 * Issue 15 follow-up: the 部门整体支出绩效目标表's indicators and goals in the full-text table `text_search`
 * (migration 11, src/stages/store/migrationDeptTargetSearch.ts), searched with `budgetpdf query` like a project's;
 * replaced by a re-import, gone with the document, filled on upgrade for department tables already stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { extractPdf } from '../../src/pipeline.js';
import { queryDatabase } from '../../src/query/runQuery.js';
import { DEPT_TARGET_SEARCH_ROWID_BASE } from '../../src/stages/store/migrationDeptTargetSearch.js';
import { MIGRATIONS } from '../../src/stages/store/migrations.js';
import { openDatabase, schemaVersionOf, storeDocument } from '../../src/stages/store/index.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

const DEPT_ONLY = join(REPO_ROOT, 'fixtures/templates/dept-only-2024.lo-b5.pdf');
const COUNTY = join(REPO_ROOT, 'fixtures/templates/county-dept-2025.direct.pdf');
/** The schema before the search entries of department tables. */
const SCHEMA_BEFORE_DEPT_TARGET_SEARCH = 10;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-dept-search-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const csvRows = (csv: string) => csv.trim().split('\n').slice(1);

async function extract(path: string) {
  return (await extractPdf(new Uint8Array(readFileSync(path)), { sourcePath: path, ocr: 'never' })).document;
}

describe('text_search holds the department tables', () => {
  it('is the eleventh migration', () => {
    expect(MIGRATIONS[SCHEMA_BEFORE_DEPT_TARGET_SEARCH]).toContain('dept_target_indicators_search_insert');
  });

  it('finds a department indicator and goal by a Chinese substring, one entry each, replaced by --force', async () => {
    const dbPath = join(dir, 'budget.sqlite');
    await importPdfs([DEPT_ONLY, COUNTY], { dbPath, ocr: 'never', jobs: 1 });
    const dept = await extract(DEPT_ONLY);
    const table = dept.deptTargets![0]!;
    const indicator = table.indicators.find((row) => (row.level3 ?? '').length >= 3)!;
    const count = async (sql: string) => Number(csvRows(await queryDatabase(dbPath, sql, 'csv'))[0]);

    const found = await queryDatabase(
      dbPath,
      `SELECT t.kind, d.source_path LIKE '%dept-only%' AS dept_only, t.project_id IS NULL AS no_project,
         i.level3 FROM text_search t JOIN documents d ON d.id = t.document_id
         JOIN dept_target_indicators i ON t.rowid = ${DEPT_TARGET_SEARCH_ROWID_BASE} + i.id * 4
       WHERE text_search MATCH '"${indicator.level3}"' AND d.source_path LIKE '%dept-only%'`,
      'csv',
    );
    expect(csvRows(found)).toEqual([`dept_target_indicator,1,1,${indicator.level3}`]);

    const goalTerm = table.goal!.slice(0, 6);
    expect(
      csvRows(
        await queryDatabase(
          dbPath,
          `SELECT t.kind FROM text_search t JOIN documents d ON d.id = t.document_id
           WHERE text_search MATCH '"${goalTerm}"' AND d.source_path LIKE '%dept-only%' ORDER BY t.kind`,
          'csv',
        ),
      ),
    ).toContain('dept_target_goal');

    const entries = `SELECT count(*) FROM text_search WHERE kind IN ('dept_target_indicator', 'dept_target_goal')`;
    const county = await extract(COUNTY);
    const expected = [dept, county].reduce(
      (sum, document) =>
        sum +
        (document.deptTargets ?? []).reduce(
          (k, t) => k + t.indicators.length + (t.goal !== null || t.goalMidTerm !== null ? 1 : 0),
          0,
        ),
      0,
    );
    expect(await count(entries)).toBe(expected);
    await importPdfs([DEPT_ONLY], { dbPath, ocr: 'never', jobs: 1, force: true });
    expect(await count(entries)).toBe(expected);
    // Gone with its document (ON DELETE CASCADE fires the triggers).
    const db = openDatabase(dbPath);
    db.prepare("DELETE FROM documents WHERE source_path LIKE '%dept-only%'").run();
    db.close();
    const left = (county.deptTargets ?? []).reduce(
      (k, t) => k + t.indicators.length + (t.goal !== null || t.goalMidTerm !== null ? 1 : 0),
      0,
    );
    expect(await count(entries)).toBe(left);
  }, 60_000);

  it('fills the entries of department tables stored before the migration', async () => {
    const path = join(dir, 'old.sqlite');
    const old = new Database(path);
    MIGRATIONS.slice(0, SCHEMA_BEFORE_DEPT_TARGET_SEARCH).forEach((sql, index) => {
      old.exec(sql);
      old.pragma(`user_version = ${index + 1}`);
    });
    old.close();
    // Stored by the schema before: no text_search entry for the department table yet.
    const document = await extract(DEPT_ONLY);
    const before = new Database(path);
    before.pragma('foreign_keys = ON');
    const table = document.deptTargets![0]!;
    before
      .prepare(
        `INSERT INTO documents (id, sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source,
           imported_at, pipeline_version) VALUES (1, ?, 'old.pdf', NULL, NULL, 2024, 0, 1, 'text', '2024-01-01T00:00:00.000Z', '0')`,
      )
      .run('c'.repeat(64));
    before
      .prepare(
        `INSERT INTO dept_targets (id, document_id, seq, table_title, amount_unit, goal, page_first, page_last)
         VALUES (7, 1, 1, ?, '', ?, 1, 1)`,
      )
      .run(table.tableTitle, table.goal);
    const insertIndicator = before.prepare(
      'INSERT INTO dept_target_indicators (dept_target_id, seq, level1, level2, level3, page) VALUES (7, ?, ?, ?, ?, 1)',
    );
    for (const [index, row] of table.indicators.entries())
      insertIndicator.run(index + 1, row.level1, row.level2, row.level3);
    expect(
      before
        .prepare("SELECT count(*) FROM text_search WHERE kind IN ('dept_target_indicator', 'dept_target_goal')")
        .pluck()
        .get(),
    ).toBe(0);
    before.close();

    const db = openDatabase(path);
    try {
      expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT kind, count(*) AS n FROM text_search GROUP BY kind ORDER BY kind').all()).toEqual([
        { kind: 'dept_target_goal', n: 1 },
        { kind: 'dept_target_indicator', n: table.indicators.length },
      ]);
      // A new store of the same sha256 replaces them.
      storeDocument(db, { ...document, sha256: 'c'.repeat(64) }, { pipelineVersion: 't' });
      expect(db.prepare("SELECT count(*) FROM text_search WHERE kind = 'dept_target_indicator'").pluck().get()).toBe(
        table.indicators.length,
      );
    } finally {
      db.close();
    }
  });
});
