import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BudgetPdfError } from '../../src/errors.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';

/**
 * The stages are replaced by a fake extractPdf so that the import's own behaviour (walking,
 * one transaction per file, failures kept apart, progress, summary) is tested alone. The
 * fake reads the "PDF" as a command: GOOD <letter>, BROKEN <letter>, NOTPDF, THROW; FINAL <letter> is GOOD's
 * document as a final version (not a draft), OTHER <letter> another department's document.
 */
const seenOptions: { sourcePath: string; ocr?: string; hasPool: boolean }[] = [];
vi.mock('../../src/pipeline.js', () => ({
  PIPELINE_VERSION: 'fake-1',
  extractPdf: async (bytes: Uint8Array, options: { sourcePath: string; ocr?: string; ocrPool?: unknown }) => {
    seenOptions.push({ sourcePath: options.sourcePath, ocr: options.ocr, hasPool: options.ocrPool !== undefined });
    const [command, _letter] = new TextDecoder().decode(bytes).trim().split(' ');
    if (command === 'NOTPDF') throw new BudgetPdfError('not_pdf', options.sourcePath, 'no %PDF header');
    if (command === 'THROW') throw new Error('stage exploded', { cause: new Error('deep cause') });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (command === 'EMPTY')
      return {
        document: { ...sampleDocument({ sha256, sourcePath: options.sourcePath }), projects: [] },
        pageTexts: [],
      };
    const document = sampleDocument({ sha256, sourcePath: options.sourcePath });
    if (command === 'FINAL') document.isDraft = false;
    if (command === 'OTHER') {
      document.department = '示例县财政局';
      document.title = '示例县财政局2023年部门预算绩效文本';
    }
    if (command === 'BROKEN') document.projects[1].seq = 1; // UNIQUE(document_id, seq) fails inside the transaction
    return { document, pageTexts: [{ source: 'ocr' }, { source: 'text' }] };
  },
}));

/**
 * Worker threads would load the real stages (vi.mock does not reach them): the CLI tests here
 * get a stand-in pool that runs the job in this thread, through the same extraction function.
 */
vi.mock('../../src/batch/extractionWorkers.js', () => ({
  withExtractionWorkers: async (_options: unknown, fn: (workers: unknown) => Promise<unknown>) =>
    fn({
      workerCount: 1,
      pipelineVersion: Promise.resolve('fake-1'),
      extract: async (job: { jobId: number; sourcePath: string; ocr: 'never' }) => {
        const { errorToSerialised } = await import('../../src/batch/messages.js');
        const { pathToPdfBytes } = await import('../../src/batch/extractDocument.js');
        try {
          const { bytes, sha256 } = await pathToPdfBytes(job.sourcePath);
          return {
            jobId: job.jobId,
            ok: true,
            sha256,
            extracted: await extractInThisThread.fn!(bytes, { sourcePath: job.sourcePath, ocr: job.ocr }),
          };
        } catch (error) {
          return { jobId: job.jobId, ok: false, error: errorToSerialised(error) };
        }
      },
    }),
}));

const extractInThisThread = vi.hoisted(() => ({
  fn: null as null | ((bytes: Uint8Array, options: { sourcePath: string; ocr: 'never' }) => Promise<unknown>),
}));
extractInThisThread.fn = (await import('../../src/batch/extractDocument.js')).pdfBytesToExtractedDocument;
const { importPdfs, inputsToPdfPaths } = await import('../../src/batch/importPdfs.js');
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
    file('in/6-empty.pdf', 'EMPTY e');
    const results = await importPdfs([join(dir, 'in')], { dbPath, ocr: 'never', threads: false });
    expect(results.map((result) => [result.path.slice(dir.length + 4), result.status, result.errorCode])).toEqual([
      ['1-good.pdf', 'imported', null],
      ['2-notpdf.pdf', 'failed', 'not_pdf'],
      ['3-broken.pdf', 'failed', 'unexpected'],
      ['4-throws.pdf', 'failed', 'unexpected'],
      ['5-good.pdf', 'imported', null],
      ['6-empty.pdf', 'failed', 'no_budget_tables'],
    ]);
    expect(results[1].errorMessage).toBe('no %PDF header');
    expect(results[2].errorMessage).toMatch(/UNIQUE constraint failed: projects.document_id, projects.seq/);
    expect(results[3].errorMessage).toBe('stage exploded (deep cause)');
    expect(results[0]).toMatchObject({
      projectCount: 2,
      indicatorCount: 4,
      findingCount: 3,
      repairCount: 3,
      textSource: 'mixed',
      pageCount: 12,
      ocrPageCount: 1,
    });
    expect(results[5].errorMessage).toMatch(/no project table \(绩效目标表\) found in 12 page\(s\)/);
    expect(counts(dbPath)).toEqual({ documents: 2, projects: 4, indicators: 8, findings: 6 });
  });

  it('skips a file whose content is already stored as unchanged, replaces it under force, and keeps the row counts', async () => {
    const dbPath = join(dir, 'budget.sqlite');
    const a = file('a.pdf', 'GOOD a');
    const copy = file('copy-of-a.pdf', 'GOOD a');
    const first = await importPdfs([a], { dbPath, ocr: 'never', threads: false });
    const before = counts(dbPath);
    const second = await importPdfs([a, copy], { dbPath, ocr: 'never', threads: false });
    const forced = await importPdfs([a], { dbPath, ocr: 'never', threads: false, force: true });
    expect([first[0].status, ...second.map((result) => result.status), forced[0].status]).toEqual([
      'imported',
      'unchanged',
      'unchanged',
      'replaced',
    ]);
    expect(second[0]).toMatchObject({
      documentId: first[0].documentId,
      projectCount: 2,
      indicatorCount: 4,
      findingCount: 3,
      pageCount: 12,
    });
    expect(seenOptions).toHaveLength(2); // the unchanged files (first parse and the forced one only) were not parsed at all
    expect(counts(dbPath)).toEqual(before);
  });

  it('reports progress before and after every file', async () => {
    const a = file('a.pdf', 'GOOD a');
    const b = file('b.pdf', 'NOTPDF');
    const events: string[] = [];
    await importPdfs([a, b], {
      dbPath: join(dir, 'budget.sqlite'),
      ocr: 'never',
      threads: false,
      jobs: 1,
      onProgress: (event) =>
        events.push(
          `${event.phase} ${event.path.slice(dir.length + 1)}${event.phase === 'done' ? ` ${event.result.status}` : ''} ${event.counters.doneFiles}/${event.counters.totalFiles} files ${event.counters.pages} pages ${event.counters.ocrPages} ocr ${event.counters.failedFiles} failed`,
        ),
    });
    // jobs 1 reads files ahead: b starts before a is done, and either may finish first (the files
    // are read concurrently); the counters of each done event count what has finished by then.
    const aFirst = [
      'start a.pdf 0/2 files 0 pages 0 ocr 0 failed',
      'start b.pdf 0/2 files 0 pages 0 ocr 0 failed',
      'done a.pdf imported 1/2 files 12 pages 1 ocr 0 failed',
      'done b.pdf failed 2/2 files 12 pages 1 ocr 1 failed',
    ];
    const bFirst = [
      'start a.pdf 0/2 files 0 pages 0 ocr 0 failed',
      'start b.pdf 0/2 files 0 pages 0 ocr 0 failed',
      'done b.pdf failed 1/2 files 0 pages 0 ocr 1 failed',
      'done a.pdf imported 2/2 files 12 pages 1 ocr 1 failed',
    ];
    expect(events).toEqual(events[2]?.startsWith('done a.pdf') ? aFirst : bFirst);
  });

  it('passes the OCR mode on, with one shared pool unless OCR is off', async () => {
    const a = file('a.pdf', 'GOOD a');
    const b = file('b.pdf', 'GOOD b');
    await importPdfs([a, b], { dbPath: join(dir, 'x.sqlite'), ocr: 'auto', threads: false });
    await importPdfs([a], { dbPath: join(dir, 'x.sqlite'), ocr: 'never', threads: false, force: true });
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
    const io = {
      out: (text: string) => void (out += text),
      err: (text: string) => void (err += text),
      isTty: true,
      columns: 100,
    };
    const code = await runCli(['import', good, bad, '--db', join(dir, 'budget.sqlite'), '--ocr', 'never'], io);
    expect(code).toBe(1);
    expect(out).not.toContain(`imported  ${good}`); // on a terminal the bar shows progress; only failures get a line
    expect(out).toContain(`failed    ${bad}: not_pdf: `);
    expect(out).toContain('imported 1, unchanged 0, replaced 0, failed 1 of 2 into');
    expect(out).toMatch(/failed: 1 not_pdf\n {2}.*bad\.pdf: not_pdf: .*no %PDF-? header/);
    expect(err).toMatch(/\] 2\/2 docs · 12 pages · 1 OCR · 1 failed · ETA 0s/); // progress bar on a terminal
  });

  it('exits 0 when every file was imported, without a progress bar off a terminal', async () => {
    const good = file('good.pdf', 'GOOD a');
    let err = '';
    let out = '';
    const io = { out: (text: string) => void (out += text), err: (text: string) => void (err += text), isTty: false };
    expect(await runCli(['import', good, '--db', join(dir, 'budget.sqlite')], io)).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(`imported  ${good}  (2 projects, 4 indicators, 3 findings, mixed, 1 OCR pages,`);
    expect(await runCli(['import', good, '--db', join(dir, 'budget.sqlite')], io)).toBe(0);
    expect(out).toContain(`unchanged ${good}  (2 projects, 4 indicators, 3 findings, mixed,`);
    expect(out).toContain('imported 0, unchanged 1, replaced 0, failed 0 of 1');
  });

  it('writes --report with one row per input file: path, status, reason, pages, text source, seconds', async () => {
    const good = file('good.pdf', 'GOOD a');
    const bad = file('bad, "quoted".pdf', 'NOTPDF');
    const reportPath = join(dir, 'reports', 'report.csv');
    const io = { out: () => undefined, err: () => undefined, isTty: false };
    expect(await runCli(['import', good, bad, '--db', join(dir, 'budget.sqlite'), '--report', reportPath], io)).toBe(1);
    const lines = readFileSync(reportPath, 'utf8').split('\r\n');
    // The original six columns first, then what a reader acts on (issue 17 item 5).
    expect(lines[0]).toBe(
      '\ufeffpath,status,reason,pages,text_source,seconds,document_id,projects,indicators,findings,needs_review,same_document_ids',
    );
    expect(lines[1]).toMatch(
      new RegExp(`^${good.replace(/[.\\/]/g, '\\$&')},imported,,12,mixed,\\d+\\.\\d{3},1,2,4,3,3,$`),
    );
    expect(lines[2]).toMatch(/^".*bad, ""quoted""\.pdf",failed,not_pdf: no %PDF header,,,\d+\.\d{3},,,,,,$/);
    expect(lines[3]).toBe('');
  });
});

describe('the same document twice (issue 17 item 4)', () => {
  it('names a file that is the same document as one stored, and v_documents counts each document once', async () => {
    const dbPath = join(dir, 'budget.sqlite');
    const draft = file('draft.pdf', 'GOOD a');
    const final = file('final.pdf', 'FINAL b');
    const other = file('other.pdf', 'OTHER c');
    const [first] = await importPdfs([draft], { dbPath, ocr: 'never', threads: false });
    expect(first.sameDocumentIds).toEqual([]);
    let out = '';
    const io = { out: (text: string) => void (out += text), err: () => undefined, isTty: false };
    expect(await runCli(['import', final, other, '--db', dbPath], io)).toBe(0);
    // Files extracted side by side are stored in the order they finish, so either may be #2.
    const finalLine = new RegExp(`imported  ${final.replace(/[.\\/]/g, '\\$&')} .*  #(\\d+)\\b.*same document as #1\n`);
    expect(out).toMatch(finalLine);
    const finalId = Number(finalLine.exec(out)?.[1]);
    const otherId = finalId === 2 ? 3 : 2;
    expect(finalId === 2 || finalId === 3).toBe(true);
    expect(out).toContain('the same document is stored more than once');
    expect(out).toContain(`  #${finalId} ${final} = #1`);
    expect(out).not.toContain(`#${otherId} ${other} =`);
    const db = openDatabase(dbPath);
    try {
      const rows = db
        .prepare('SELECT document_id, duplicate_of, latest, copies FROM v_documents ORDER BY document_id')
        .all();
      expect(rows).toEqual(
        [
          { document_id: 1, duplicate_of: null, latest: 0, copies: 2 }, // the draft: its final is counted
          { document_id: finalId, duplicate_of: 1, latest: 1, copies: 2 },
          { document_id: otherId, duplicate_of: null, latest: 1, copies: 1 },
        ].sort((a, b) => a.document_id - b.document_id),
      );
      const counted = db
        .prepare(
          'SELECT count(*) FROM v_projects p JOIN v_documents d ON d.document_id = p.document_id WHERE d.latest = 1',
        )
        .pluck()
        .get();
      expect(counted).toBe(4); // two documents of two projects, not three
    } finally {
      db.close();
    }
  });

  it("keeps a document's id when it is imported again with --force", async () => {
    const dbPath = join(dir, 'budget.sqlite');
    const a = file('a.pdf', 'GOOD a');
    const b = file('b.pdf', 'OTHER b');
    const first = await importPdfs([a, b], { dbPath, ocr: 'never', threads: false, jobs: 1 });
    const forced = await importPdfs([a], { dbPath, ocr: 'never', threads: false, force: true });
    expect(forced[0]).toMatchObject({ status: 'replaced', documentId: first[0].documentId });
    const db = openDatabase(dbPath);
    try {
      expect(db.prepare('SELECT id, source_path FROM documents ORDER BY source_path').all()).toEqual([
        { id: first[0].documentId, source_path: a },
        { id: first[1].documentId, source_path: b },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('an import summary you can act on (issue 17 item 5)', () => {
  it('gives each document its id and rows to review, totals, and names the documents to review first', async () => {
    const a = file('a.pdf', 'GOOD a');
    const b = file('b.pdf', 'OTHER b');
    let out = '';
    const io = { out: (text: string) => void (out += text), err: () => undefined, isTty: false };
    expect(await runCli(['import', a, b, '--db', join(dir, 'budget.sqlite'), '--jobs', '1'], io)).toBe(0);
    expect(out).toMatch(
      /imported {2}.*a\.pdf {2}\(2 projects, 4 indicators, 3 findings, .*\) {2}#\d: 3 rows to review\n/,
    );
    expect(out).toContain('4 projects, 8 indicators, 6 findings; 6 indicator rows need review');
    expect(out).toMatch(
      /review first \(indicator rows with needs_review = 1\):\n {2}#\d .*\.pdf: 3 of 4 rows, 3 findings\n/,
    );
  });
});
