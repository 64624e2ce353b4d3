import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { displayWidth, queryDatabase, resultToTable, truncateToWidth } from '../../src/query/runQuery.js';
import { openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-query-'));
  dbPath = join(dir, 'budget.sqlite');
  const db = openDatabase(dbPath);
  storeDocument(db, sampleDocument(), { pipelineVersion: 't' });
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false }).then((code) => ({
    code,
    out: out.join(''),
    err: err.join(''),
  }));
}

describe('displayWidth', () => {
  it('counts CJK characters and full-width punctuation as two columns, ASCII as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('满意度')).toBe(6);
    expect(displayWidth('（万元）：')).toBe(10);
    expect(displayWidth('≥95%')).toBe(4);
    expect(truncateToWidth('高标准农田建设', 7)).toBe('高标准…');
  });
});

describe('resultToTable', () => {
  it('aligns columns by display width and right-aligns numbers', () => {
    const table = resultToTable({
      columns: ['name', 'n'],
      rows: [
        ['满意度', 5],
        ['ab', 123],
        [null, null],
      ],
    });
    expect(table).toBe(['name    n', '------  ---', '满意度    5', 'ab      123', '', '(3 rows)', ''].join('\n'));
  });
});

describe('budgetpdf query', () => {
  it('prints the view v_projects as an aligned table with 万元 amounts', async () => {
    const result = await cli([
      'query',
      '--db',
      dbPath,
      'SELECT seq, name, budget_total_wan FROM v_projects ORDER BY seq',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'seq  name            budget_total_wan',
        '---  --------------  ----------------',
        '  1  高标准农田建设           1010.07',
        '  2  农技推广补助                 3.5',
        '(2 rows)',
        '',
      ].join('\n'),
    );
  });

  it('writes CSV and JSON', async () => {
    const sql =
      'SELECT seq, level3, target_text FROM v_indicators WHERE project_seq = 1 AND seq IN (1, 2) ORDER BY seq';
    expect(await queryDatabase(dbPath, sql, 'csv')).toBe('seq,level3,target_text\n1,新建面积,≥2万亩\n2,,\n');
    expect(JSON.parse(await queryDatabase(dbPath, sql, 'json'))).toEqual([
      { seq: 1, level3: '新建面积', target_text: '≥2万亩' },
      { seq: 2, level3: null, target_text: null },
    ]);
    const viaCli = await cli(['query', '--db', dbPath, '--json', sql]);
    expect(JSON.parse(viaCli.out)).toHaveLength(2);
  });

  it('refuses statements that write and leaves the database unchanged', async () => {
    for (const sql of [
      'DELETE FROM projects',
      "UPDATE projects SET name = 'x'",
      'CREATE TABLE t (a)',
      'DROP VIEW v_projects',
      'PRAGMA user_version = 9',
    ]) {
      const result = await cli(['query', '--db', dbPath, sql]);
      expect(result.code, sql).toBe(1);
      expect(result.err, sql).toMatch(/read-only|readonly/);
    }
    expect(await queryDatabase(dbPath, 'SELECT COUNT(*) AS n FROM projects', 'csv')).toBe('n\n2\n');
  });

  it('finds Chinese substrings through the trigram full-text table', async () => {
    const csv = await queryDatabase(
      dbPath,
      "SELECT kind, indicator_id IS NOT NULL AS has_indicator FROM text_search WHERE text_search MATCH '满意度' ORDER BY kind",
      'csv',
    );
    expect(csv).toBe('kind,has_indicator\nindicator,1\n');
    expect(
      await queryDatabase(
        dbPath,
        "SELECT kind FROM text_search WHERE text_search MATCH '高标准农田' ORDER BY kind",
        'csv',
      ),
    ).toBe('kind\nindicator\nproject_goal\nproject_name\n');
  });

  it('reports bad usage and a missing database', async () => {
    expect((await cli(['query', '--db', dbPath])).code).toBe(2);
    expect((await cli(['query', '--db', join(dir, 'none.sqlite'), 'SELECT 1'])).code).toBe(1);
  });
});
