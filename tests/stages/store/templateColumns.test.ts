/**
 * Migration 4 (docs/templates.md): a database made by schema 3 upgrades in place with nothing lost, and the
 * central template's fields (fixtures/templates/central-2023) reach the tables, the views and indicators_flat.csv.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractPdf } from '../../../src/pipeline.js';
import { databaseToFlatRows } from '../../../src/stages/export/flatCsv.js';
import { MIGRATIONS } from '../../../src/stages/store/migrations.js';
import { openDatabase, schemaVersionOf, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { REPO_ROOT } from '../../../support/fixtureFiles.js';
import { databaseWithOldDocument } from '../../support/oldSchemaDatabase.js';
import { sampleDocument } from './sampleDocument.js';

/** The schema version before the template columns. */
const SCHEMA_BEFORE_TEMPLATES = 3;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-template-columns-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 4 (template columns)', () => {
  it('upgrades a schema-3 database in place: every old row kept, the new columns NULL, the views with them', () => {
    const path = join(dir, 'old.sqlite');
    databaseWithOldDocument(path, SCHEMA_BEFORE_TEMPLATES);
    const db = openDatabase(path);
    try {
      expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT title, template FROM documents').all()).toEqual([
        { title: '旧文档2022年部门预算绩效文本', template: null },
      ]);
      expect(
        db
          .prepare(
            'SELECT name, goal, budget_total_yuan, budget_carryover_yuan, competent_dept, implementing_unit, goal_mid_term, weight_total FROM projects',
          )
          .all(),
      ).toEqual([
        {
          name: '旧项目',
          goal: '旧目标',
          budget_total_yuan: 1000000,
          budget_carryover_yuan: null,
          competent_dept: null,
          implementing_unit: null,
          goal_mid_term: null,
          weight_total: null,
        },
      ]);
      expect(db.prepare('SELECT level3, target_text, weight, direction, measure_unit FROM indicators').all()).toEqual([
        { level3: '旧指标', target_text: '≥5个', weight: null, direction: null, measure_unit: null },
      ]);
      expect(db.prepare('SELECT name, template, budget_carryover_wan, weight_sum FROM v_projects').all()).toEqual([
        { name: '旧项目', template: null, budget_carryover_wan: null, weight_sum: null },
      ]);
      expect(db.prepare('SELECT level3, template, weight FROM v_indicators').all()).toEqual([
        { level3: '旧指标', template: null, weight: null },
      ]);
      // The full-text table of migration 2 still finds the old rows.
      expect(db.prepare("SELECT count(*) AS n FROM text_search WHERE body LIKE '%旧指标%'").get()).toEqual({ n: 1 });
      // And the upgraded database takes new documents.
      storeDocument(db, sampleDocument(), { pipelineVersion: 't', importedAt: new Date(0) });
      expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});

describe('the central template in the database', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(join(dir, 'central.sqlite'));
  });
  afterEach(() => db.close());

  it('stores template, 主管部门及代码, 实施单位, 上年结转资金, weights and the printed weight total; views and flat CSV show them', async () => {
    const pdfPath = 'fixtures/templates/central-2023.direct.pdf';
    const { document } = await extractPdf(new Uint8Array(readFileSync(join(REPO_ROOT, pdfPath))), {
      sourcePath: pdfPath,
      ocr: 'never',
    });
    storeDocument(db, document, { pipelineVersion: 't', importedAt: new Date(0) });
    expect(db.prepare('SELECT template, department, fiscal_year FROM documents').get()).toEqual({
      template: 'central-project',
      department: '国家气象数据服务局',
      fiscal_year: 2023,
    });
    expect(
      db
        .prepare(
          `SELECT seq, competent_dept, competent_dept_code, implementing_unit, budget_total_wan, budget_carryover_wan,
             weight_total, weight_sum FROM v_projects ORDER BY seq`,
        )
        .all(),
    ).toEqual([
      {
        seq: 1,
        competent_dept: '国家气象数据服务局',
        competent_dept_code: '158',
        implementing_unit: '国家气象数据服务局观测保障中心',
        budget_total_wan: 1250,
        budget_carryover_wan: 250,
        weight_total: 90,
        weight_sum: 90,
      },
      {
        seq: 2,
        competent_dept: '国家气象数据服务局',
        competent_dept_code: '158',
        implementing_unit: '国家气象数据服务局信息中心',
        budget_total_wan: 860.5,
        budget_carryover_wan: 0,
        weight_total: 90,
        weight_sum: 85,
      },
      {
        seq: 3,
        competent_dept: '国家气象数据服务局',
        competent_dept_code: '158',
        implementing_unit: '国家气象数据服务局业务运行中心',
        budget_total_wan: 3456.78,
        budget_carryover_wan: 456.78,
        weight_total: null,
        weight_sum: 90,
      },
      {
        seq: 4,
        competent_dept: '国家气象数据服务局',
        competent_dept_code: '158',
        implementing_unit: '国家气象数据服务局宣传科普中心',
        budget_total_wan: 98,
        budget_carryover_wan: 0,
        weight_total: 90,
        weight_sum: 90,
      },
    ]);
    expect(
      db
        .prepare(
          "SELECT rule, project_seq FROM findings WHERE rule IN ('weights_do_not_add_up', 'code_missing', 'spend_plan_missing', 'unknown_label', 'budget_parts_mismatch')",
        )
        .all(),
    ).toEqual([{ rule: 'weights_do_not_add_up', project_seq: 2 }]);
    const flat = databaseToFlatRows(db);
    expect(flat).toHaveLength(34);
    expect(
      [flat[0], flat[flat.length - 1]].map((row) => [
        row.template,
        row.competent_dept_code,
        row.budget_carryover_wan,
        row.level3,
        row.weight,
        row.weight_total,
      ]),
    ).toEqual([
      ['central-project', '158', '250', '单站年均运行维护成本', 10, 90],
      ['central-project', '158', '0', '活动参与者满意度', 10, 90],
    ]);
  });
});
