import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BudgetPdfError } from '../../src/errors.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';

/**
 * The stages are replaced by a fake extractPdf so that the import's own behaviour (walking,
 * one transaction per file, failures kept apart, progress, summary) is tested alone. The
 * fake reads the "PDF" as a command: GOOD <letter>, BROKEN <letter>, NOTPDF, THROW.
 */
const seenOptions: { sourcePath: string; ocr?: string; hasPool: boolean }[] = [];
vi.mock('../../src/pipeline.js', () => ({
  PIPELINE_VERSION: 'fake-1',
  extractPdf: async (bytes: Uint8Array, options: { sourcePath: string; ocr?: string; ocrPool?: unknown }) => {
    seenOptions.push({ sourcePath: options.sourcePath, ocr: options.ocr, hasPool: options.ocrPool !== undefined });
    const [command, letter] = new TextDecoder().decode(bytes).trim().split(' ');
    if (command === 'NOTPDF') throw new BudgetPdfError('not_pdf', options.sourcePath, 'no %PDF header');
    if (command === 'THROW') throw new Error('stage exploded', { cause: new Error('deep cause') });
    const document = sampleDocument({ sha256: letter.repeat(64), sourcePath: options.sourcePath });
    if (command === 'BROKEN') document.projects[1].seq = 1; // UNIQUE(document_id, seq) fails inside the transaction
    return { document };
  },
}));

const { importPdfs, inputsToPdfPaths } = await import('../../src/cli/importPdfs.js');
const { runCli } = await import('../../src/cli/main.js');
const { openDatabase } = await import('../../src/stages/store/index.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-import-'));
  seenOptions.length = 0;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function counts(dbPath: string) {
  const db = openDatabase(dbPath);
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { documents: n('documents'), projects: n('projects'), indicators: n('indicators'), findings: n('findings') };
  } finally {
    db.close();
  }
}

describe('inputsToPdfPaths', () => {
  it('walks folders recursively for *.pdf in sorted order, keeps files as given and drops duplicates', async () => {
    const b = file('in/b.pdf', 'GOOD b');
    const a = file('in/a.pdf', 'GOOD a');
    const c = file('in/sub/c.PDF', 'GOOD c');
    file('in/notes.txt', 'x');
    const { pdfPaths, failures } = await inputsToPdfPaths([join(dir, 'in'), a]);
    expect(pdfPaths).toEqual([a, b, c]);
    expect(failures).toEqual([]);
  });
});

describe('importPdfs', () => {
  it('imports the good files and reports each failing one with its cause, leaving nothing of it', async () => {
    const dbPath = join(dir, 'db', 'budget.sqlite');
    file('in/1-good.pdf', 'GOOD a');
    file('in/2-notpdf.pdf', 'NOTPDF');
    file('in/3-broken.pdf', 'BROKEN b');
    file('in/4-throws.pdf', 'THROW');
    file('in/5-good.pdf', 'GOOD c');
    const results = await importPdfs([join(dir, 'in')], { dbPath, ocr: 'never' });
    expect(results.map((result) => [result.path.slice(dir.length + 4), result.status, result.errorCode])).toEqual([
      ['1-good.pdf', 'imported', null],
      ['2-notpdf.pdf', 'failed', 'not_pdf'],
      ['3-broken.pdf', 'failed', 'unexpected'],
      ['4-throws.pdf', 'failed', 'unexpected'],
      ['5-good.pdf', 'imported', null],
    ]);
    expect(results[1].errorMessage).toBe('no %PDF header');
    expect(results[2].errorMessage).toMatch(/UNIQUE constraint failed: projects.document_id, projects.seq/);
    expect(results[3].errorMessage).toBe('stage exploded (deep cause)');
    expect(results[0]).toMatchObject({ projectCount: 2, indicatorCount: 4, findingCount: 3, repairCount: 3, textSource: 'mixed', pageCount: 12 });
    expect(counts(dbPath)).toEqual({ documents: 2, projects: 4, indicators: 8, findings: 6 });
  });

  it('replaces files imported again and keeps the row counts', async () => {
    const dbPath = join(dir, 'budget.sqlite');
    const a = file('a.pdf', 'GOOD a');
    const first = await importPdfs([a], { dbPath, ocr: 'never' });
    const before = counts(dbPath);
    const second = await importPdfs([a], { dbPath, ocr: 'never' });
    expect([first[0].status, second[0].status]).toEqual(['imported', 'replaced']);
    expect(counts(dbPath)).toEqual(before);
  });

  it('reports progress before and after every file', async () => {
    const a = file('a.pdf', 'GOOD a');
    const b = file('b.pdf', 'NOTPDF');
    const events: string[] = [];
    await importPdfs([a, b], {
      dbPath: join(dir, 'budget.sqlite'),
      ocr: 'never',
      onProgress: (event) => events.push(`${event.phase} ${event.index + 1}/${event.total} ${event.path.slice(dir.length + 1)}${event.phase === 'done' ? ` ${event.result.status}` : ''}`),
    });
    expect(events).toEqual(['start 1/2 a.pdf', 'done 1/2 a.pdf imported', 'start 2/2 b.pdf', 'done 2/2 b.pdf failed']);
  });

  it('passes the OCR mode on, with one shared pool unless OCR is off', async () => {
    const a = file('a.pdf', 'GOOD a');
    const b = file('b.pdf', 'GOOD b');
    await importPdfs([a, b], { dbPath: join(dir, 'x.sqlite'), ocr: 'auto' });
    await importPdfs([a], { dbPath: join(dir, 'x.sqlite'), ocr: 'never' });
    expect(seenOptions.map((seen) => [seen.ocr, seen.hasPool])).toEqual([
      ['auto', true],
      ['auto', true],
      ['never', false],
    ]);
  });
});

describe('budgetpdf import', () => {
  it('prints a line per file and a summary naming each failed file and its cause, and exits 1', async () => {
    const good = file('good.pdf', 'GOOD a');
    const bad = file('bad.pdf', 'NOTPDF');
    let out = '';
    let err = '';
    const io = { out: (text: string) => void (out += text), err: (text: string) => void (err += text), isTty: true, columns: 100 };
    const code = await runCli(['import', good, bad, '--db', join(dir, 'budget.sqlite'), '--ocr', 'never'], io);
    expect(code).toBe(1);
    expect(out).toContain(`imported  ${good}  (2 projects, 4 indicators, 3 findings, mixed,`);
    expect(out).toContain(`failed    ${bad}: not_pdf: no %PDF header`);
    expect(out).toContain('imported 1, replaced 0, failed 1 of 2 into');
    expect(out).toMatch(/failed:\n {2}.*bad\.pdf: not_pdf: no %PDF header/);
    expect(err).toContain('] 1/2'); // progress bar on a terminal
  });

  it('exits 0 when every file was imported, without a progress bar off a terminal', async () => {
    const good = file('good.pdf', 'GOOD a');
    let err = '';
    const io = { out: () => undefined, err: (text: string) => void (err += text), isTty: false };
    expect(await runCli(['import', good, '--db', join(dir, 'budget.sqlite')], io)).toBe(0);
    expect(err).toBe('');
  });
});
