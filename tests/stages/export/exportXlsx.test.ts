import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import type { BudgetDocument } from '../../../src/model/document.js';
import { openDatabase, storeDocument } from '../../../src/stages/store/index.js';
import { sampleDocument } from '../store/sampleDocument.js';

/** A second document (2024) whose cells a spreadsheet would misread: formulas, percentages, leading-zero codes. */
function awkwardDocument(): BudgetDocument {
  const base = sampleDocument();
  const [first] = base.projects;
  return sampleDocument({
    sha256: 'c'.repeat(64),
    sourcePath: 'in/deep/folder/awkward.pdf',
    fiscalYear: 2024,
    findings: [],
    repairs: [],
    projects: [
      {
        ...first,
        unitCode: '001002',
        indicators: [
          {
            ...first.indicators[0],
            level3: '=SUM(A1:A9)',
            targetText: '95%',
            targetOp: '=',
            targetValue: 95,
            targetUnit: '%',
            basis: '@cmd',
          },
          { ...first.indicators[0], seq: 2, targetText: '≥98%', targetOp: '>=', targetValue: 98, targetUnit: '%' },
        ],
      },
    ],
  });
}

type FodsCell = { type: string | null; value: string | null; text: string };

const decodeXml = (text: string) =>
  text
    .replace(/<text:line-break\/>/g, '\n')
    .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_m, count) => ' '.repeat(Number(count ?? 1)))
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The rows of one sheet of a flat ODF spreadsheet (.fods) as LibreOffice wrote it: each cell's type, value, text. */
function fodsSheet(fods: string, name: string): FodsCell[][] {
  const start = fods.indexOf(`<table:table table:name="${name}"`);
  if (start < 0) throw new Error(`no sheet ${name}`);
  const body = fods.slice(start, fods.indexOf('</table:table>', start));
  const rows: FodsCell[][] = [];
  for (const row of body.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
    const cells: FodsCell[] = [];
    for (const cell of row[1].matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attributes = cell[1];
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
      const parsed = {
        type: /office:value-type="(\w+)"/.exec(attributes)?.[1] ?? null,
        value: /office:value="([^"]*)"/.exec(attributes)?.[1] ?? null,
        text: [...(cell[2] ?? '').matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map((p) => decodeXml(p[1])).join('\n'),
      };
      for (let i = 0; i < Math.min(repeat, 64); i += 1) cells.push(parsed);
    }
    rows.push(cells);
  }
  return rows.filter((row) => row.some((cell) => cell.type !== null));
}

let dir: string;
let workbookPath: string;
let cliOutput = '';
let workbook: ExcelJS.Workbook;
let fods: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-xlsx-'));
  const dbPath = join(dir, 'budget.sqlite');
  const db = openDatabase(dbPath);
  storeDocument(db, sampleDocument(), { pipelineVersion: 't' });
  storeDocument(db, awkwardDocument(), { pipelineVersion: 't' });
  db.close();
  const io = {
    out: (text: string) => void (cliOutput += text),
    err: (text: string) => void (cliOutput += text),
    isTty: false,
  };
  const code = await runCli(
    ['export', '--db', dbPath, '--out', join(dir, 'out'), '--format', 'xlsx', '--headers', 'zh'],
    io,
  );
  expect(code).toBe(0);
  workbookPath = join(dir, 'out', 'budget.xlsx');
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(workbookPath);
  execFileSync('soffice', ['--headless', '--convert-to', 'fods', '--outdir', dir, workbookPath], {
    env: { ...process.env, HOME: dir },
    stdio: 'pipe',
    timeout: 90_000,
  });
  fods = readFileSync(join(dir, 'budget.fods'), 'utf8');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('budgetpdf export --format xlsx, read back with exceljs', () => {
  it('writes one workbook: the flat sheet first, then one sheet per contract table', () => {
    expect(readdirSync(join(dir, 'out'))).toEqual(['budget.xlsx']);
    expect(cliOutput).toContain('wrote 1 file');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'indicators_flat',
      'documents',
      'dept_goals',
      'measures',
      'projects',
      'spend_plan',
      'indicators',
      'repairs',
      'findings',
    ]);
  });

  it('freezes the header row of every sheet, gives it a filter and sizes the columns to their content', () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
    }
    const flat = workbook.getWorksheet('indicators_flat')!;
    const header = flat.getRow(1).values as unknown[];
    const width = (name: string) => flat.getColumn(header.indexOf(name)).width ?? 0;
    expect(width('文档标题')).toBeGreaterThan(width('年度'));
    expect(width('复核原因')).toBeLessThanOrEqual(60);
  });

  it('keeps text as text (percentages, ≥, leading-zero codes, formula-like text) and numbers as numbers', () => {
    const flat = workbook.getWorksheet('indicators_flat')!;
    const header = flat.getRow(1).values as unknown[];
    const rows = flat.getRows(2, flat.rowCount - 1)!;
    const cell = (row: ExcelJS.Row, name: string) => row.getCell(header.indexOf(name));
    const awkward = rows.filter((row) => cell(row, '年度').value === 2024);
    expect(awkward).toHaveLength(2);
    expect(cell(awkward[0], '指标值').value).toBe('95%');
    expect(cell(awkward[0], '指标值').numFmt).toBe('@');
    expect(cell(awkward[0], '指标值比较').value).toBe('＝');
    expect(cell(awkward[1], '指标值').value).toBe('≥98%');
    expect(cell(awkward[1], '指标值比较').value).toBe('≥');
    expect(cell(awkward[0], '三级指标').value).toBe('=SUM(A1:A9)');
    expect(cell(awkward[0], '三级指标').type).toBe(ExcelJS.ValueType.String);
    expect(cell(awkward[0], '单位编码').value).toBe('001002');
    expect(cell(awkward[0], '项目编码').value).toBe('13000023P00000000001X');
    expect(cell(awkward[0], '预算数（万元）').value).toBe(1010.07);
    expect(cell(awkward[0], '指标值数值').value).toBe(95);
    expect(cell(awkward[0], '源文件').value).toBe('awkward.pdf');
    expect(cell(rows[0], '需复核').value).toBe('是');
    expect(cell(rows[0], '复核原因').value).toBe('项目编码校验位不符（第5页）');
  });

  it('gives the table sheets their Chinese headers and typed cells', () => {
    const projects = workbook.getWorksheet('projects')!;
    expect((projects.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      '项目行号',
      '文档编号',
      '项目序号',
      '项目编码',
    ]);
    expect(projects.getRow(2).getCell(10).value).toBe(10100700);
    expect(projects.getRow(3).getCell(7).value).toBe(null);
    expect(projects.getRow(4).getCell(7).value).toBe('001002');
  });
});

describe('the workbook opened by LibreOffice (soffice --convert-to fods)', () => {
  it('has every sheet, with the Chinese headers', () => {
    expect([...fods.matchAll(/<table:table table:name="([^"]+)"/g)].map((m) => m[1])).toEqual(
      workbook.worksheets.map((sheet) => sheet.name),
    );
    expect(
      fodsSheet(fods, 'indicators_flat')[0]
        .slice(0, 3)
        .map((cell) => cell.text),
    ).toEqual(['文档编号', '文档标题', '部门']);
  });

  it('reads text cells as strings as printed and number cells as numbers', () => {
    const [header, ...rows] = fodsSheet(fods, 'indicators_flat');
    const at = (row: FodsCell[], name: string) => row[header.findIndex((cell) => cell.text === name)];
    const awkward = rows.filter((row) => at(row, '年度').value === '2024');
    expect(awkward).toHaveLength(2);
    expect(at(awkward[0], '指标值')).toMatchObject({ type: 'string', text: '95%' });
    expect(at(awkward[1], '指标值')).toMatchObject({ type: 'string', text: '≥98%' });
    expect(at(awkward[0], '单位编码')).toMatchObject({ type: 'string', text: '001002' });
    expect(at(awkward[0], '三级指标')).toMatchObject({ type: 'string', text: '=SUM(A1:A9)' });
    expect(at(awkward[0], '预算数（万元）')).toMatchObject({ type: 'float', value: '1010.07' });
    expect(at(rows[0], '需复核')).toMatchObject({ type: 'string', text: '是' });
    expect(fods).not.toContain('table:formula=');
  });
});
