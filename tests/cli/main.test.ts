import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

type Captured = CliIo & { stdout: () => string; stderr: () => string };
function captureIo(isTty = false): Captured {
  let out = '';
  let err = '';
  return {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    isTty,
    columns: 80,
    stdout: () => out,
    stderr: () => err,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('budgetpdf usage', () => {
  it('prints the usage of all three commands for --help and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout()).toMatch(/budgetpdf import <pdf or folder>\.\.\. \[--db <file>\]/);
    expect(io.stdout()).toMatch(/budgetpdf export \[--db <file>\] \[--out <folder>\] \[--no-bom\]/);
    expect(io.stdout()).toMatch(/budgetpdf inspect <pdf>/);
    // --ocr-engine is offered by every command that may OCR, with every engine named.
    for (const command of ['import', 'inspect', 'review']) {
      expect(io.stdout()).toMatch(
        new RegExp(`budgetpdf ${command} <pdf[^\\n]*\\[--ocr-engine tesseract\\|paddle\\|hybrid\\]`),
      );
    }
    expect(io.stdout()).toMatch(/--ocr-engine <e> +the recogniser of Han text/);
    // `<command> --help` prints that command's usage, options and examples (issue 17: per-command help).
    const sub = captureIo();
    expect(await runCli(['import', '--help'], sub)).toBe(0);
    expect(sub.stdout()).toMatch(/^usage: budgetpdf import <pdf or folder>\.\.\. \[options\]/);
    expect(sub.stdout()).toMatch(/--ocr-engine <e> +tesseract, paddle \(default\), hybrid/);
  });

  const badUsage: [string, string[], RegExp][] = [
    ['no command', [], /no command given/],
    ['an unknown command', ['frobnicate'], /unknown command: frobnicate/],
    ['an unknown option', ['export', '--colour'], /Unknown option '--colour'/],
    ['import without a path', ['import', '--db', 'x.sqlite'], /import needs at least one PDF or folder/],
    [
      'an --ocr mode that does not exist',
      ['import', 'a.pdf', '--ocr', 'sometimes'],
      /--ocr must be auto, always or never/,
    ],
    [
      'an --ocr-engine that does not exist (import)',
      ['import', 'a.pdf', '--ocr-engine', 'easyocr'],
      /--ocr-engine must be tesseract, paddle or hybrid, not easyocr/,
    ],
    [
      'an --ocr-engine that does not exist (inspect)',
      ['inspect', 'a.pdf', '--ocr-engine', 'Paddle'],
      /--ocr-engine must be tesseract, paddle or hybrid, not Paddle/,
    ],
    [
      'an --ocr-engine that does not exist (review)',
      ['review', 'a.pdf', '--ocr-engine', ''],
      /--ocr-engine must be tesseract, paddle or hybrid, not $/m,
    ],
    ['--jobs that is not a positive whole number', ['import', 'a.pdf', '--jobs', '0'], /--jobs must be a whole number/],
    [
      '--max-heap-mb under the floor',
      ['import', 'a.pdf', '--max-heap-mb', '64'],
      /--max-heap-mb must be a whole number of megabytes ≥ 128, not 64/,
    ],
    [
      '--max-heap-mb that is not a number',
      ['import', 'a.pdf', '--max-heap-mb', '1g'],
      /--max-heap-mb must be a whole number of megabytes/,
    ],
    ['--db without a value', ['import', 'a.pdf', '--db'], /--db/],
    ['inspect with two PDFs', ['inspect', 'a.pdf', 'b.pdf'], /inspect needs exactly one PDF/],
    ['export with a stray argument', ['export', 'extra'], /export takes no arguments/],
  ];
  for (const [what, argv, message] of badUsage) {
    it(`exits 2 with a message on stderr for ${what}`, async () => {
      const io = captureIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr()).toMatch(message);
      expect(io.stdout()).toBe('');
    });
  }
});

describe('budgetpdf export', () => {
  it('writes one CSV per contract table and the flat indicator CSV, with a BOM, and without one for --no-bom', async () => {
    const dbPath = join(dir, 'budget.sqlite');
    const db = openDatabase(dbPath);
    storeDocument(db, sampleDocument(), { pipelineVersion: 't' });
    db.close();

    const io = captureIo();
    expect(await runCli(['export', '--db', dbPath, '--out', join(dir, 'csv')], io)).toBe(0);
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual([
      'dept_goals.csv',
      'documents.csv',
      'findings.csv',
      'indicators.csv',
      'indicators_flat.csv',
      'measures.csv',
      'projects.csv',
      'repairs.csv',
      'spend_plan.csv',
    ]);
    expect(io.stdout()).toMatch(/wrote 9 files/);
    const withBom = readFileSync(join(dir, 'csv', 'indicators.csv'));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.toString('utf8')).toContain('≥95.5%');

    expect(await runCli(['export', '--db', dbPath, '--out', join(dir, 'plain'), '--no-bom'], captureIo())).toBe(0);
    const plain = readFileSync(join(dir, 'plain', 'indicators.csv'), 'utf8');
    expect(plain.startsWith('id,project_id,seq,level1,')).toBe(true);
  });

  it('exits 1 naming the database when it does not exist, and creates nothing', async () => {
    const io = captureIo();
    const missing = join(dir, 'missing.sqlite');
    expect(await runCli(['export', '--db', missing, '--out', join(dir, 'csv')], io)).toBe(1);
    expect(io.stderr()).toContain(`database not found: ${missing}`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'csv'))).toBe(false);
  });
});

describe('budgetpdf import of paths that cannot be read', () => {
  it('exits 1 and names each missing path and empty folder with its cause', async () => {
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty', 'notes.txt'), 'not a pdf');
    const io = captureIo();
    const missing = join(dir, 'nope.pdf');
    const code = await runCli(['import', missing, join(dir, 'empty'), '--db', join(dir, 'b.sqlite')], io);
    expect(code).toBe(1);
    expect(io.stdout()).toContain('imported 0, unchanged 0, replaced 0, failed 2 of 2');
    expect(io.stdout()).toContain(`${missing}: unreadable_path: cannot read: ENOENT`);
    expect(io.stdout()).toContain(`${join(dir, 'empty')}: unreadable_path: folder holds no *.pdf file`);
  });
});

describe('bin/budgetpdf.js', () => {
  const bin = join(REPO_ROOT, 'bin', 'budgetpdf.js');
  it('runs the CLI: --help exits 0, an unknown command exits 2', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('budgetpdf import <pdf or folder>');
    const bad = spawnSync(process.execPath, [bin, 'frobnicate'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command: frobnicate');
  });
});
