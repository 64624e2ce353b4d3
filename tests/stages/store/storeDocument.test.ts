import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetPdfError } from '../../../src/errors.js';
import { findDocumentBySha, openDatabase, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { sampleDocument } from './sampleDocument.js';

const FIXED_TIME = new Date('2024-03-01T08:30:00.000Z');
const VERSION = '9.9.9-test';
const store = (db: Db, doc = sampleDocument()) =>
  storeDocument(db, doc, { pipelineVersion: VERSION, importedAt: FIXED_TIME });

const rowsOf = (db: Db, sql: string) => db.prepare(sql).all();
const countOf = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const CONTRACT_TABLES = [
  'documents',
  'dept_goals',
  'measures',
  'projects',
  'spend_plan',
  'indicators',
  'repairs',
  'findings',
  'toc_entries',
];
const countsOf = (db: Db) => Object.fromEntries(CONTRACT_TABLES.map((table) => [table, countOf(db, table)]));

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-store-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Migration 4's columns (docs/templates.md): NULL for a document of the seed's template. */
const PROJECT_TEMPLATE_COLUMNS = {
  budget_carryover_yuan: null,
  budget_project_total_yuan: null,
  competent_dept: null,
  competent_dept_code: null,
  implementing_unit: null,
  goal_mid_term: null,
  weight_total: null,
};
const INDICATOR_TEMPLATE_COLUMNS = { weight: null, direction: null, measure_unit: null };
/** Migration 9's column: a project with one indicator table stores its rows as the year's (annual). */
const INDICATOR_PERIOD_COLUMN = { period: 'annual' };

describe('storeDocument', () => {
  it('stores every column of every table as the contract describes', () => {
    const result = store(db);
    expect(result.status).toBe('imported');
    const documentId = result.documentId;

    expect(rowsOf(db, 'SELECT * FROM documents')).toEqual([
      {
        id: documentId,
        sha256: 'a'.repeat(64),
        source_path: 'in/示例县农业农村局2023.pdf',
        title: '示例县农业农村局2023年部门预算绩效文本',
        department: '示例县农业农村局',
        fiscal_year: 2023,
        is_draft: 1,
        page_count: 12,
        text_source: 'mixed',
        imported_at: '2024-03-01T08:30:00.000Z',
        pipeline_version: '9.9.9-test',
        template: null,
      },
    ]);
    expect(rowsOf(db, 'SELECT * FROM toc_entries ORDER BY rowid')).toEqual([
      { document_id: documentId, seq: 1, title: '高标准农田建设绩效目标表', page: 5 },
      { document_id: documentId, seq: 2, title: '农技推广补助绩效目标表', page: 7 },
      { document_id: documentId, seq: 3, title: '未找到的项目绩效目标表', page: null },
    ]);
    expect(rowsOf(db, 'SELECT * FROM dept_goals ORDER BY rowid')).toEqual([
      {
        document_id: documentId,
        kind: 'overall',
        seq: 0,
        title: null,
        body: '全面推进乡村振兴，"稳产保供"，确保粮食安全。',
      },
      {
        document_id: documentId,
        kind: 'sub',
        seq: 1,
        title: '稳定粮食生产，保障供给',
        body: '完成播种面积10万亩,\n产量稳中有升。',
      },
    ]);
    expect(rowsOf(db, 'SELECT * FROM measures ORDER BY rowid')).toEqual([
      { document_id: documentId, seq: 1, body: '加强组织领导，压实责任。' },
      { document_id: documentId, seq: 2, body: '强化资金监管, "专款专用"。' },
    ]);

    const projects = rowsOf(db, 'SELECT * FROM projects ORDER BY seq') as { id: number }[];
    const [p1, p2] = projects.map((project) => project.id);
    expect(projects).toEqual([
      {
        id: p1,
        document_id: documentId,
        seq: 1,
        code: '13000023P00000000001X',
        code_check_ok: 0,
        name: '高标准农田建设',
        unit_code: '201001',
        unit_name: '示例县农业农村局本级',
        amount_unit: '万元',
        budget_total_yuan: 10100700,
        budget_fiscal_yuan: 10000000,
        budget_other_yuan: 100700,
        fund_use: '田间道路、灌溉设施,及"配套工程"',
        goal: '1.新建高标准农田2万亩；\n2.改善灌溉条件。',
        page_first: 5,
        page_last: 6,
        table_title: '1.高标准农田建设绩效目标表',
        printed_seq: 1,
        ...PROJECT_TEMPLATE_COLUMNS,
      },
      {
        id: p2,
        document_id: documentId,
        seq: 2,
        code: null,
        code_check_ok: null,
        name: '农技推广补助',
        unit_code: null,
        unit_name: null,
        amount_unit: '元',
        budget_total_yuan: 35000,
        budget_fiscal_yuan: 35000,
        budget_other_yuan: null,
        fund_use: null,
        goal: null,
        page_first: 7,
        page_last: 7,
        table_title: '2.农技推广补助绩效目标表',
        printed_seq: 2,
        ...PROJECT_TEMPLATE_COLUMNS,
      },
    ]);
    expect(rowsOf(db, 'SELECT * FROM spend_plan ORDER BY rowid')).toEqual([
      { project_id: p1, month: 6, cumulative_pct: 50 },
      { project_id: p1, month: 10, cumulative_pct: 87.5 },
      { project_id: p1, month: 12, cumulative_pct: 100 },
      { project_id: p2, month: 3, cumulative_pct: 100 },
    ]);
    const indicators = rowsOf(db, 'SELECT * FROM indicators ORDER BY project_id, seq') as { id: number }[];
    expect(indicators.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        project_id: p1,
        seq: 1,
        level1: '产出指标',
        level2: '数量指标',
        level3: '新建面积',
        description: '新建高标准农田面积',
        target_text: '≥2万亩',
        target_op: '>=',
        target_value: 2,
        target_unit: '万亩',
        basis: '《示例县高标准农田建设规划（2021-2030）》',
        page: 5,
        ...INDICATOR_TEMPLATE_COLUMNS,
        ...INDICATOR_PERIOD_COLUMN,
      },
      {
        project_id: p1,
        seq: 2,
        level1: '效益指标',
        level2: '经济效益指标',
        level3: null,
        description: null,
        target_text: null,
        target_op: null,
        target_value: null,
        target_unit: null,
        basis: null,
        page: 6,
        ...INDICATOR_TEMPLATE_COLUMNS,
        ...INDICATOR_PERIOD_COLUMN,
      },
      {
        project_id: p1,
        seq: 3,
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        level3: '群众满意度',
        description: '受益群众满意度',
        target_text: '≥95.5%',
        target_op: '>=',
        target_value: 95.5,
        target_unit: '%',
        basis: '问卷调查',
        page: 6,
        ...INDICATOR_TEMPLATE_COLUMNS,
        ...INDICATOR_PERIOD_COLUMN,
      },
      {
        project_id: p2,
        seq: 1,
        level1: '产出指标',
        level2: '时效指标',
        level3: '补助发放',
        description: '补助资金及时发放',
        target_text: '资金到位后及时发放',
        target_op: null,
        target_value: null,
        target_unit: null,
        basis: '无',
        page: 7,
        ...INDICATOR_TEMPLATE_COLUMNS,
        ...INDICATOR_PERIOD_COLUMN,
      },
    ]);
    expect(new Set(indicators.map((row) => row.id)).size).toBe(4);

    const repairs = rowsOf(db, 'SELECT * FROM repairs ORDER BY id') as { id: number }[];
    expect(repairs.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        document_id: documentId,
        project_id: p1,
        page: 5,
        kind: 'split_code',
        field: 'code',
        before: '13000023P00000000001 X',
        after: '13000023P00000000001X',
        project_seq: 1,
        confidence: null,
      },
      {
        document_id: documentId,
        project_id: p1,
        page: 6,
        kind: 'ocr_vocabulary',
        field: 'indicators[1].level2',
        before: '经济效益措标',
        after: '经济效益指标',
        project_seq: 1,
        confidence: 61.5,
      },
      {
        document_id: documentId,
        project_id: null,
        page: null,
        kind: 'cjk_space',
        field: 'title',
        before: '2023 年',
        after: '2023年',
        project_seq: null,
        confidence: null,
      },
    ]);
    const findings = rowsOf(db, 'SELECT * FROM findings ORDER BY id') as { id: number }[];
    expect(findings.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        document_id: documentId,
        project_id: p1,
        severity: 'warning',
        rule: 'check_char_failed',
        message: '项目编码校验位不符: "X"',
        project_seq: 1,
        page: 5,
      },
      // project 3 is only in the contents: no project row to point to, its seq is kept
      {
        document_id: documentId,
        project_id: null,
        severity: 'error',
        rule: 'toc_project_missing',
        message: '目录列出的项目3未找到',
        project_seq: 3,
        page: null,
      },
      {
        document_id: documentId,
        project_id: null,
        severity: 'info',
        rule: 'ocr_low_confidence',
        message: 'page 6, cell r2c3',
        project_seq: null,
        page: 6,
      },
    ]);
  });

  it('stores money as INTEGER and flags as 0/1, never as REAL or text', () => {
    store(db);
    expect(rowsOf(db, 'SELECT DISTINCT typeof(budget_total_yuan) AS t FROM projects')).toEqual([{ t: 'integer' }]);
    expect(rowsOf(db, 'SELECT typeof(is_draft) AS t FROM documents')).toEqual([{ t: 'integer' }]);
    expect(rowsOf(db, 'SELECT typeof(code_check_ok) AS t FROM projects ORDER BY seq')).toEqual([
      { t: 'integer' },
      { t: 'null' },
    ]);
  });

  it('replaces a document imported again with the same sha256, leaving row counts unchanged', () => {
    store(db);
    const before = countsOf(db);
    const again = storeDocument(db, sampleDocument({ sourcePath: 'elsewhere/copy.pdf' }), {
      pipelineVersion: '10.0.0',
    });
    expect(again.status).toBe('replaced');
    expect(countsOf(db)).toEqual(before);
    expect(rowsOf(db, 'SELECT source_path, pipeline_version FROM documents')).toEqual([
      { source_path: 'elsewhere/copy.pdf', pipeline_version: '10.0.0' },
    ]);
    expect(findDocumentBySha(db, 'a'.repeat(64))?.id).toBe(again.documentId);
  });

  it('keeps documents with other sha256 side by side', () => {
    store(db);
    const second = store(db, sampleDocument({ sha256: 'b'.repeat(64) }));
    expect(second.status).toBe('imported');
    expect(countOf(db, 'documents')).toBe(2);
    expect(countOf(db, 'projects')).toBe(4);
    expect(countOf(db, 'indicators')).toBe(8);
  });

  it('rolls back a failing document alone: nothing of it is left, the others are kept', () => {
    store(db);
    const before = countsOf(db);
    const good = sampleDocument({ sha256: 'c'.repeat(64) });
    // two tables numbered 1 violate UNIQUE(document_id, seq) after the document row went in
    const broken = { ...good, projects: [good.projects[0], { ...good.projects[1], seq: 1 }] };
    expect(() => store(db, broken)).toThrow(/UNIQUE/);
    expect(countsOf(db)).toEqual(before);
    expect(findDocumentBySha(db, 'c'.repeat(64))).toBeNull();
  });

  it('keeps the stored version when its replacement fails', () => {
    store(db);
    const before = countsOf(db);
    const doc = sampleDocument({ sourcePath: 'new.pdf' });
    const broken = { ...doc, projects: [doc.projects[0], { ...doc.projects[1], seq: 1 }] };
    expect(() => store(db, broken)).toThrow();
    expect(countsOf(db)).toEqual(before);
    expect(rowsOf(db, 'SELECT source_path FROM documents')).toEqual([{ source_path: 'in/示例县农业农村局2023.pdf' }]);
  });

  it('refuses a document that does not match the schema with an invalid_document error', () => {
    const invalid = { ...sampleDocument(), sha256: 'not-a-hash' };
    let caught: unknown;
    try {
      store(db, invalid);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BudgetPdfError);
    expect((caught as BudgetPdfError).code).toBe('invalid_document');
    expect(countOf(db, 'documents')).toBe(0);
  });

  it('deletes every row of a document through ON DELETE CASCADE', () => {
    const { documentId } = store(db);
    store(db, sampleDocument({ sha256: 'd'.repeat(64) }));
    db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
    expect(countsOf(db)).toEqual({
      documents: 1,
      dept_goals: 2,
      measures: 2,
      projects: 2,
      spend_plan: 4,
      indicators: 4,
      repairs: 3,
      findings: 3,
      toc_entries: 3,
    });
  });

  it('finds nothing for an unknown sha256', () => {
    expect(findDocumentBySha(db, 'e'.repeat(64))).toBeNull();
  });
});
