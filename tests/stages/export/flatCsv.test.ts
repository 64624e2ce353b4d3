import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStream } from 'fast-csv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportFlatCsv, neutraliseFormula, yuanToWanDecimal } from '../../../src/stages/export/flatCsv.js';
import { openDatabase, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { runCli } from '../../../src/cli/main.js';
import { sampleDocument } from '../store/sampleDocument.js';
import type { BudgetDocument } from '../../../src/model/document.js';

function readCsv(path: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseStream(createReadStream(path))
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

/** A 2024 document whose second project holds cells a spreadsheet would run as formulas. */
function formulaDocument(): BudgetDocument {
  const base = sampleDocument();
  const [first, second] = base.projects;
  return sampleDocument({
    sha256: 'b'.repeat(64),
    sourcePath: 'in/formula.pdf',
    fiscalYear: 2024,
    findings: [],
    repairs: [],
    projects: [
      first,
      {
        ...second,
        budgetTotalYuan: -35000,
        indicators: [
          {
            ...second.indicators[0],
            level3: '=SUM(A1:A9)',
            description: '+1 "引号", 逗号\n换行',
            targetText: '-5%',
            targetOp: '=',
            targetValue: -5,
            targetUnit: '%',
            basis: '@cmd',
          },
          { ...second.indicators[0], seq: 2, level3: '\t制表符开头', description: '\r回车开头', basis: '正常文本' },
        ],
      },
    ],
  });
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-flat-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
  storeDocument(db, sampleDocument(), { pipelineVersion: 't' });
  storeDocument(db, formulaDocument(), { pipelineVersion: 't' });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('yuanToWanDecimal', () => {
  it('prints integer yuan as exact 万元 decimals without trailing zeros', () => {
    expect(yuanToWanDecimal(10100700)).toBe('1010.07');
    expect(yuanToWanDecimal(10000000)).toBe('1000');
    expect(yuanToWanDecimal(35000)).toBe('3.5');
    expect(yuanToWanDecimal(1)).toBe('0.0001');
    expect(yuanToWanDecimal(-35000)).toBe('-3.5');
    expect(yuanToWanDecimal(900719925474099)).toBe('90071992547.4099');
    expect(yuanToWanDecimal(null)).toBeNull();
  });
});

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab or CR and leaves other text alone', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', '\rx', '≥95%', '中文', "'quoted"].map(neutraliseFormula)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      "'\tx",
      "'\rx",
      '≥95%',
      '中文',
      "'quoted",
    ]);
  });
});

describe('exportFlatCsv', () => {
  it('reads back with fast-csv: one row per indicator, 万元 budgets, guarded formula text, numbers as numbers', async () => {
    const path = join(dir, 'flat.csv');
    expect(await exportFlatCsv(db, path, { bom: false })).toBe(9);
    const [header, ...rows] = await readCsv(path);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(header.slice(0, 4)).toEqual(['document_id', 'document_title', 'department', 'fiscal_year']);
    expect(rows.map((row) => [col(row, 'document_id'), col(row, 'project_seq'), col(row, 'indicator_seq')])).toEqual([
      ['1', '1', '1'],
      ['1', '1', '2'],
      ['1', '1', '3'],
      ['1', '2', '1'],
      ['2', '1', '1'],
      ['2', '1', '2'],
      ['2', '1', '3'],
      ['2', '2', '1'],
      ['2', '2', '2'],
    ]);
    expect(rows.map((row) => col(row, 'budget_total_wan'))).toEqual([
      '1010.07',
      '1010.07',
      '1010.07',
      '3.5',
      '1010.07',
      '1010.07',
      '1010.07',
      '-3.5',
      '-3.5',
    ]);
    expect(col(rows[0], 'budget_other_wan')).toBe('10.07');
    expect(col(rows[3], 'budget_other_wan')).toBe('');
    expect(col(rows[0], 'department')).toBe('示例县农业农村局');
    expect(col(rows[0], 'basis')).toBe('《示例县高标准农田建设规划（2021-2030）》');
  });

  it('guards every formula-like text cell and keeps commas, quotes and line breaks intact', async () => {
    const path = join(dir, 'flat.csv');
    await exportFlatCsv(db, path, { bom: false, filter: { fiscalYears: [2024] } });
    const [header, ...rows] = await readCsv(path);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const formulaRows = rows.filter((row) => col(row, 'project_seq') === '2');
    expect(formulaRows).toHaveLength(2);
    const [first, second] = formulaRows;
    expect(col(first, 'level3')).toBe("'=SUM(A1:A9)");
    expect(col(first, 'description')).toBe('\'+1 "引号", 逗号\n换行');
    expect(col(first, 'target_text')).toBe("'-5%");
    // The operator as printed: a bare value's `=` is written ＝, never `=` (which the guard would turn into `'=`).
    expect(col(first, 'target_op')).toBe('＝');
    expect(col(first, 'target_value')).toBe('-5');
    expect(col(first, 'basis')).toBe("'@cmd");
    expect(col(first, 'budget_total_wan')).toBe('-3.5');
    expect(col(second, 'level3')).toBe("'\t制表符开头");
    expect(col(second, 'description')).toBe("'\r回车开头");
    expect(col(second, 'basis')).toBe('正常文本');
  });

  it('sets needs_review on rows touched by a finding of their project, a page finding, or a low-confidence repair', async () => {
    const path = join(dir, 'flat.csv');
    await exportFlatCsv(db, path, { bom: false, filter: { documents: ['1'] } });
    const [header, ...rows] = await readCsv(path);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows.map((row) => [col(row, 'project_seq'), col(row, 'indicator_seq'), col(row, 'needs_review')])).toEqual([
      ['1', '1', '1'],
      ['1', '2', '1'],
      ['1', '3', '1'],
      ['2', '1', '0'],
    ]);
    expect(col(rows[0], 'review_reasons')).toBe('check_char_failed');
    expect(col(rows[1], 'review_reasons')).toBe(
      'check_char_failed; ocr_low_confidence; ocr_vocabulary:indicators[1].level2@62',
    );
    expect(col(rows[2], 'review_reasons')).toBe('check_char_failed; ocr_low_confidence');
    expect(col(rows[3], 'review_reasons')).toBe('');
  });

  it('filters by sha256 prefix, source path and year, and writes Chinese headers with --headers zh', async () => {
    const count = async (filter: Parameters<typeof exportFlatCsv>[2]['filter']) =>
      exportFlatCsv(db, join(dir, 'f.csv'), { bom: false, filter });
    expect(await count({ documents: ['bbbbbbbb'] })).toBe(5);
    expect(await count({ documents: ['in/示例县农业农村局2023.pdf'] })).toBe(4);
    expect(await count({ fiscalYears: [2023, 2024] })).toBe(9);
    expect(await count({ fiscalYears: [2030] })).toBe(0);
    expect(await count({ documents: ['1'], fiscalYears: [2024] })).toBe(0);
    await exportFlatCsv(db, join(dir, 'zh.csv'), { bom: true, headers: 'zh' });
    const bytes = readFileSync(join(dir, 'zh.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header] = await readCsv(join(dir, 'zh.csv'));
    expect(header[0].replace(/^\uFEFF/, '')).toBe('文档编号');
    expect(header).toContain('预算数（万元）');
    expect(header).toContain('需复核');
  });

  it('is written by `budgetpdf export` next to the contract CSVs, honouring --year and --headers', async () => {
    db.close();
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text), isTty: false };
    const code = await runCli(
      ['export', '--db', join(dir, 'budget.sqlite'), '--out', join(dir, 'csv'), '--year', '2024', '--headers', 'zh'],
      io,
    );
    db = openDatabase(join(dir, 'budget.sqlite'));
    expect(code).toBe(0);
    const [header, ...rows] = await readCsv(join(dir, 'csv', 'indicators_flat.csv'));
    expect(header).toContain('一级指标');
    expect(rows).toHaveLength(5);
    expect(
      await runCli(['export', '--db', join(dir, 'budget.sqlite'), '--out', join(dir, 'csv'), '--headers', 'fr'], io),
    ).toBe(2);
  });
});
