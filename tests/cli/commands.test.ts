/** Issue 17 items 3 and 6, run as a user runs the CLI: export filters, --out, help, version, unknown options, query. */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStream } from 'fast-csv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';

function readCsv(path: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseStream(createReadStream(path))
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false });
  return { code, out, err };
}

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-commands-'));
  dbPath = join(dir, 'budget.sqlite');
  const db = openDatabase(dbPath);
  storeDocument(db, sampleDocument(), { pipelineVersion: 't' });
  storeDocument(db, sampleDocument({ sha256: 'b'.repeat(64), sourcePath: 'in/b.pdf', fiscalYear: 2024 }), {
    pipelineVersion: 't',
  });
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('export --year/--document filter every file', () => {
  it('keeps only the selected documents in every per-table CSV and the flat sheet', async () => {
    const out = join(dir, 'csv');
    expect((await cli(['export', '--db', dbPath, '--out', out, '--year', '2024'])).code).toBe(0);
    const rowsOf = async (file: string) => (await readCsv(join(out, file))).slice(1);
    expect((await rowsOf('documents.csv')).map((row) => row[0])).toEqual(['2']);
    for (const file of ['dept_goals.csv', 'measures.csv', 'projects.csv', 'repairs.csv', 'findings.csv']) {
      const [header, ...rows] = await readCsv(join(out, file));
      const documentColumn = header.findIndex((name) => name.replace(/^\ufeff/, '') === 'document_id');
      expect(rows.length, file).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row[documentColumn])), file).toEqual(new Set(['2']));
    }
    const projectIds = (await rowsOf('projects.csv')).map((row) => row[0]);
    for (const file of ['spend_plan.csv', 'indicators.csv']) {
      const [header, ...rows] = await readCsv(join(out, file));
      const projectColumn = header.findIndex((name) => name.replace(/^\ufeff/, '') === 'project_id');
      expect(rows.length, file).toBeGreaterThan(0);
      for (const row of rows) expect(projectIds, file).toContain(row[projectColumn]);
    }
    expect((await rowsOf('indicators_flat.csv')).map((row) => row[0])).toEqual(['2', '2', '2', '2']);
  });

  it('the workbook too', async () => {
    const out = join(dir, 'xlsx');
    expect((await cli(['export', '--db', dbPath, '--out', out, '--document', '1', '--format', 'xlsx'])).code).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'budget.xlsx'));
    expect(workbook.getWorksheet('documents')!.rowCount).toBe(2);
    expect(workbook.getWorksheet('indicators_flat')!.rowCount).toBe(5);
  });

  const nothing: [string, string[], RegExp][] = [
    [
      'a year with no document',
      ['--year', '2030'],
      /no stored document is of --year 2030 \(years stored: 2023, 2024\)/,
    ],
    ['a document id that is not stored', ['--document', '99'], /no stored document matches --document 99/],
    ['a path that is not stored', ['--document', 'in/none.pdf'], /no stored document matches --document in\/none\.pdf/],
    [
      'a document and a year that do not go together',
      ['--document', '1', '--year', '2024'],
      /no stored document matches --document 1 --year 2024 together/,
    ],
  ];
  for (const [what, args, message] of nothing) {
    it(`exits 1 naming what was asked for ${what}, and writes nothing`, async () => {
      const result = await cli(['export', '--db', dbPath, '--out', join(dir, 'none'), ...args]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
      expect(existsSync(join(dir, 'none'))).toBe(false);
    });
  }
});

describe('export --out', () => {
  it('refuses an existing file, and a new name that looks like a file, with one clear message', async () => {
    const file = join(dir, 'flat.csv');
    writeFileSync(file, 'x');
    const existing = await cli(['export', '--db', dbPath, '--out', file]);
    expect(existing.code).toBe(2);
    expect(existing.err).toContain(`--out must be a folder, but ${file} is a file`);
    expect(readFileSync(file, 'utf8')).toBe('x');
    const looksLikeFile = await cli(['export', '--db', dbPath, '--out', join(dir, 'budget.xlsx'), '--format', 'xlsx']);
    expect(looksLikeFile.code).toBe(2);
    expect(looksLikeFile.err).toContain('--out names the folder export writes into, not a file');
    expect(existsSync(join(dir, 'budget.xlsx'))).toBe(false);
  });
});

describe('help, version and unknown options', () => {
  it('prints each command its own usage, options and examples', async () => {
    for (const command of ['import', 'export', 'query', 'review', 'inspect']) {
      const result = await cli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.out, command).toMatch(new RegExp(`^usage: budgetpdf ${command}`));
      expect(result.out, command).toMatch(/\noptions:\n/);
      expect(result.out, command).toMatch(new RegExp(`\\nexamples:\\n  budgetpdf ${command}\\b`));
      expect((await cli(['help', command])).out).toBe(result.out);
    }
  });

  it('prints the version of package.json for --version and -V', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V'])
      expect(await cli([flag])).toEqual({ code: 0, out: `budgetpdf ${version}\n`, err: '' });
  });

  it('answers an unknown option with one line naming the nearest option', async () => {
    const result = await cli(['import', 'a.pdf', '--jbos', '2']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "budgetpdf: Unknown option '--jbos' for import; did you mean --jobs? (see budgetpdf import --help)\n",
    );
    expect((await cli(['export', '--heders', 'zh'])).err).toContain('did you mean --headers?');
    expect((await cli(['query', '--wdie', 'SELECT 1'])).err).toContain('did you mean --wide?');
    expect((await cli(['export', '--zzzzzzzz'])).err).toBe(
      "budgetpdf: Unknown option '--zzzzzzzz' for export (see budgetpdf export --help)\n",
    );
    expect((await cli(['exprot'])).err).toContain('unknown command: exprot; did you mean export?');
  });
});

describe('budgetpdf query', () => {
  it('runs a one- or two-character text_search MATCH as LIKE and says so, instead of finding nothing', async () => {
    const sql = "SELECT t.kind, t.document_id FROM text_search t WHERE text_search MATCH '农田' ORDER BY 1, 2";
    const result = await cli(['query', '--db', dbPath, '--csv', sql]);
    expect(result.code).toBe(0);
    expect(result.out.trim().split('\n')).toEqual([
      'kind,document_id',
      'indicator,1',
      'indicator,2',
      'project_goal,1',
      'project_goal,2',
      'project_name,1',
      'project_name,2',
    ]);
    expect(result.err).toContain("'农田' has fewer than 3 characters");
    const three = await cli([
      'query',
      '--db',
      dbPath,
      "SELECT count(*) FROM text_search WHERE text_search MATCH '满意度'",
    ]);
    expect(three.err).toBe('');
    expect(three.out).toMatch(/\n\s*2\n/);
  });

  it('--csv --bom writes a byte-order mark for Excel; --bom alone is bad usage', async () => {
    const result = await cli(['query', '--db', dbPath, '--csv', '--bom', 'SELECT department FROM documents LIMIT 1']);
    expect(result.out).toBe('\ufeffdepartment\n示例县农业农村局\n');
    expect((await cli(['query', '--db', dbPath, '--bom', 'SELECT 1'])).code).toBe(2);
  });

  it('--wide prints long cells whole instead of cutting them at 48 columns', async () => {
    const sql = "SELECT body || body AS body FROM dept_goals WHERE kind = 'overall' AND document_id = 1";
    const cut = await cli(['query', '--db', dbPath, sql]);
    expect(cut.out).toContain('…');
    const wide = await cli(['query', '--db', dbPath, '--wide', sql]);
    expect(wide.out).toContain(
      '全面推进乡村振兴，"稳产保供"，确保粮食安全。全面推进乡村振兴，"稳产保供"，确保粮食安全。',
    );
    expect(wide.out).not.toContain('…');
  });
});
