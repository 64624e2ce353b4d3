/**
 * `budgetpdf compare` and `budgetpdf links` on fixtures/years, through the CLI: the hand-written comparison of
 * expected-links.json, the CSV and the HTML report (inline SVG, values escaped, nothing fetched), a person's decision.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { databaseToCompareReport } from '../../src/history/compare.js';
import { budgetChartSvg, compareReportToHtml, escapeHtml } from '../../src/history/compareReport.js';
import { withReadonlyDatabase } from '../../src/stages/store/database.js';

const expected = JSON.parse(readFileSync('fixtures/years/expected-links.json', 'utf8')) as {
  documents: Record<string, string>;
  compare: {
    department: string;
    from: number;
    to: number;
    continuing: [number, number][];
    new: number[];
    dropped: number[];
    candidates: [number, number][];
    budget_total_yuan: Record<string, number>;
  };
};

let dir: string;
let dbPath: string;

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text), isTty: false });
  return { code, out, err };
}

function readCsv(text: string): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = [];
    parseString(text.replace(/^\ufeff/, ''), { headers: true })
      .on('data', (row: Record<string, string>) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-compare-'));
  dbPath = join(dir, 'years.sqlite');
  const imported = await cli(['import', ...Object.values(expected.documents), '--db', dbPath, '--ocr', 'never']);
  expect(imported.code, imported.err).toBe(0);
  expect(imported.out).toContain('links across documents: 15 auto, 2 candidates, 0 confirmed, 0 rejected');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compare on fixtures/years', () => {
  it('gives the hand-written continuing, new and dropped projects, candidates and budget by year', async () => {
    const { compare } = expected;
    const report = await withReadonlyDatabase(dbPath, (db) =>
      databaseToCompareReport(db, { department: compare.department, fromYear: compare.from, toYear: compare.to }),
    );
    expect(report.continuing.map((pair) => [pair.from.seq, pair.to.seq])).toEqual(compare.continuing);
    expect(report.newProjects.map((project) => project.seq)).toEqual(compare.new);
    expect(report.droppedProjects.map((project) => project.seq)).toEqual(compare.dropped);
    expect(report.candidates.map((candidate) => [candidate.from.seq, candidate.to.seq])).toEqual(compare.candidates);
    expect(Object.fromEntries(report.budgetByYear.map((row) => [String(row.fiscalYear), row.budgetTotalYuan]))).toEqual(
      compare.budget_total_yuan,
    );
  });

  it('writes the terminal report, the CSV and the HTML report', async () => {
    const out = join(dir, 'report');
    const run = await cli([
      'compare',
      '--db',
      dbPath,
      '--department',
      '水利局',
      '--from',
      '2022',
      '--to',
      '2023',
      '--out',
      out,
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('清河县水利局: 2022 → 2023');
    expect(run.out).toContain('#2 河道日常管护经费 (was 河道日常管护专项): 150.00 → 140.00 万元 -10.00 [code]');
    expect(run.out).toContain('tightened 农村饮水安全巩固提升工程 › 维修响应时间: ≤48小时 → ≤24小时');
    const rows = await readCsv(readFileSync(join(out, 'compare-2022-2023.csv'), 'utf8'));
    const targets = rows.filter((row) => row.kind === 'target' && row.change !== 'unchanged');
    expect(targets.map((row) => `${row.to_project_seq} ${row.level3} ${row.change}`).sort()).toEqual(
      [
        '1 农村供水工程维修养护处数 tightened',
        '1 水质检测合格率 tightened',
        '1 维修响应时间 tightened',
        '1 农村自来水普及率 changed',
        '2 河道保洁里程 loosened',
        '2 河道水环境 dropped',
        '2 沿河群众满意度 new',
        '5 取水口核查数 tightened',
      ].sort(),
    );
    expect(rows.find((row) => row.kind === 'budget' && row.to_project_seq === '1')).toMatchObject({
      from_budget_wan: '320',
      to_budget_wan: '360',
      budget_change_wan: '40',
    });
    const html = readFileSync(join(out, 'compare-2022-2023.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html.match(/<rect /g)?.length).toBe(3);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('escapes every value in the HTML as text', async () => {
    const report = await withReadonlyDatabase(dbPath, (db) =>
      databaseToCompareReport(db, { department: '清河县水利局', fromYear: 2022, toYear: 2023 }),
    );
    const hostile = { ...report, department: '<img src=x onerror=alert(1)>' };
    hostile.newProjects = [{ ...report.newProjects[0], name: '"><script>alert(1)</script>' }];
    const html = compareReportToHtml(hostile);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml('"><script>alert(1)</script>'));
    expect(budgetChartSvg(hostile)).not.toContain('<img');
  });

  it('answers a department or year not stored with an error naming what is stored', async () => {
    const year = await cli([
      'compare',
      '--db',
      dbPath,
      '--department',
      '清河县水利局',
      '--from',
      '2019',
      '--to',
      '2023',
    ]);
    expect(year.code).toBe(1);
    expect(year.err).toContain('years stored: 2022, 2023, 2024');
    const department = await cli([
      'compare',
      '--db',
      dbPath,
      '--department',
      '教育局',
      '--from',
      '2022',
      '--to',
      '2023',
    ]);
    expect(department.code).toBe(1);
    expect(department.err).toContain('stored: 清河县水利局');
    const order = await cli(['compare', '--db', dbPath, '--department', '水利局', '--from', '2023', '--to', '2022']);
    expect(order.code).toBe(2);
  });
});

describe('links on fixtures/years', () => {
  it('lists the candidates, records a confirmation, and compare then follows it', async () => {
    const listed = await cli(['links', 'list', '--db', dbPath, '--status', 'candidate']);
    expect(listed.code, listed.err).toBe(0);
    const lines = listed.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    const drought = lines.find((line) => line.endsWith('2023 #4 抗旱专项'));
    const id = drought?.split('\t')[0] ?? '';
    const confirmed = await cli(['links', 'confirm', id, '--db', dbPath, '--by', 'analyst']);
    expect(confirmed.out).toBe(`link ${id}: confirmed by analyst\n`);
    const report = await withReadonlyDatabase(dbPath, (db) =>
      databaseToCompareReport(db, { department: '清河县水利局', fromYear: 2022, toYear: 2023 }),
    );
    expect(report.continuing.map((pair) => [pair.from.seq, pair.to.seq])).toContainEqual([3, 4]);
    expect(report.newProjects.map((project) => project.seq)).toEqual([3, 6]);
    const rebuilt = await cli(['links', 'rebuild', '--db', dbPath]);
    expect(rebuilt.out).toBe('links: 15 auto, 1 candidates, 1 confirmed, 0 rejected\n');
    const missing = await cli(['links', 'reject', '9999', '--db', dbPath]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no project link #9999');
  });
});
