import { mkdtempSync, readFileSync, readdirSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseStream } from 'fast-csv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCsv } from '../../../src/stages/export/index.js';
import { openDatabase, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { sampleDocument } from '../store/sampleDocument.js';

const CONTRACT_FILES = [
  'dept_goals.csv',
  'documents.csv',
  'findings.csv',
  'indicators.csv',
  'measures.csv',
  'projects.csv',
  'repairs.csv',
  'spend_plan.csv',
];
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function readCsv(path: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseStream(createReadStream(path))
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

/** The database's rows as CSV would show them: header = column names, NULL as '', numbers as printed. */
function tableAsStrings(db: Db, table: string): string[][] {
  const statement = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`);
  const header = statement.columns().map((column) => column.name);
  const rows = (statement.raw(true).all() as unknown[][]).map((row) =>
    row.map((value) => (value === null ? '' : String(value))),
  );
  return [header, ...rows];
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-csv-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
  storeDocument(db, sampleDocument(), { pipelineVersion: 't', importedAt: new Date('2024-01-02T03:04:05.000Z') });
  storeDocument(db, sampleDocument({ sha256: 'b'.repeat(64), title: null, fiscalYear: null }), {
    pipelineVersion: 't',
  });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exportCsv', () => {
  it('writes one CSV per contract table and returns their paths', async () => {
    const out = join(dir, 'csv');
    const written = await exportCsv(db, out, { bom: true });
    expect(written.map((path) => basename(path)).sort()).toEqual(CONTRACT_FILES);
    expect(readdirSync(out).sort()).toEqual(CONTRACT_FILES);
  });

  it('reads back with fast-csv equal to the database, Chinese, commas, quotes and line breaks included', async () => {
    const out = join(dir, 'csv');
    await exportCsv(db, out, { bom: false });
    for (const file of CONTRACT_FILES) {
      const table = file.replace(/\.csv$/, '');
      expect(await readCsv(join(out, file)), table).toEqual(tableAsStrings(db, table));
    }
    const goals = await readCsv(join(out, 'dept_goals.csv'));
    expect(goals[2]).toEqual(['1', 'sub', '1', '稳定粮食生产，保障供给', '完成播种面积10万亩,\n产量稳中有升。']);
  });

  it('writes integers without a decimal point and NULL as an empty cell', async () => {
    const out = join(dir, 'csv');
    await exportCsv(db, out, { bom: false });
    const projects = readFileSync(join(out, 'projects.csv'), 'utf8');
    const lines = projects.split('\n');
    expect(lines[0]).toBe(
      'id,document_id,seq,code,code_check_ok,name,unit_code,unit_name,amount_unit,budget_total_yuan,budget_fiscal_yuan,budget_other_yuan,fund_use,goal,page_first,page_last,table_title,printed_seq,budget_carryover_yuan,budget_project_total_yuan,competent_dept,competent_dept_code,implementing_unit,goal_mid_term,weight_total',
    );
    expect(lines[1]).toBe(
      '1,1,1,13000023P00000000001X,0,高标准农田建设,201001,示例县农业农村局本级,万元,10100700,10000000,100700,"田间道路、灌溉设施,及""配套工程""","1.新建高标准农田2万亩；',
    );
    const secondProject = lines.find((line) => line.startsWith('2,1,2,'));
    expect(secondProject).toBe('2,1,2,,,农技推广补助,,,元,35000,35000,,,,7,7,2.农技推广补助绩效目标表,2,,,,,,,');
    const spend = readFileSync(join(out, 'spend_plan.csv'), 'utf8').split('\n');
    expect(spend.slice(0, 5)).toEqual([
      'project_id,month,cumulative_pct',
      '1,6,50',
      '1,10,87.5',
      '1,12,100',
      '2,3,100',
    ]);
    const documents = (await readCsv(join(out, 'documents.csv'))).slice(1);
    expect(documents.map((row) => [row[3], row[5], row[6]])).toEqual([
      ['示例县农业农村局2023年部门预算绩效文本', '2023', '1'],
      ['', '', '1'],
    ]);
  });

  it('starts every file with a UTF-8 BOM by default and with none when asked', async () => {
    const withBom = join(dir, 'bom');
    const withoutBom = join(dir, 'nobom');
    await exportCsv(db, withBom, { bom: true });
    await exportCsv(db, withoutBom, { bom: false });
    for (const file of CONTRACT_FILES) {
      const bytes = readFileSync(join(withBom, file));
      expect(bytes.subarray(0, 3).equals(UTF8_BOM), file).toBe(true);
      const plain = readFileSync(join(withoutBom, file));
      expect(plain.subarray(0, 3).equals(UTF8_BOM), file).toBe(false);
      expect(bytes.subarray(3).equals(plain), file).toBe(true);
    }
  });

  it('writes the header row of a table that has no rows', async () => {
    const empty = openDatabase(join(dir, 'empty.sqlite'));
    try {
      const out = join(dir, 'empty');
      await exportCsv(empty, out, { bom: false });
      expect(readFileSync(join(out, 'measures.csv'), 'utf8').trim()).toBe('document_id,seq,body');
      expect(readFileSync(join(out, 'findings.csv'), 'utf8').trim()).toBe(
        'id,document_id,project_id,severity,rule,message,project_seq,page',
      );
    } finally {
      empty.close();
    }
  });
});
