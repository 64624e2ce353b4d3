import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { openDatabase } from '../../src/stages/store/index.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

const GOOD = [
  'fixtures/seed/seed-2022.lo-a4.pdf',
  'fixtures/phenomena/repeated-header.lo-a4.pdf',
  'fixtures/invented/health-2024.direct.pdf',
];
const SCAN = 'fixtures/scanned/ocr-small-table.scan200.pdf';
/** The reason each file of fixtures/bad/ must be refused with under --ocr auto (fixtures/bad/README.md). */
const BAD_UNDER_AUTO: Record<string, string> = {
  'not-a-pdf.pdf': 'not_pdf',
  'truncated.pdf': 'corrupt_pdf',
  'corrupt.pdf': 'corrupt_pdf',
  'encrypted.pdf': 'encrypted_pdf',
  'zero-pages.pdf': 'no_pages',
  'unrelated.pdf': 'no_budget_tables',
  'image-only.pdf': 'no_budget_tables',
};

function captureIo(): CliIo & { stdout: () => string } {
  let out = '';
  return { out: (text) => void (out += text), err: () => undefined, isTty: false, stdout: () => out };
}

function parseReport(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  const columns = header.split(',');
  // No field of this report holds a comma or quote except reasons, which are the last-but-three column.
  return lines.map((line) => {
    const fields = line
      .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
      .map((field) => field.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    return Object.fromEntries(columns.map((column, index) => [column, fields[index]]));
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-bad-'));
  mkdirSync(join(dir, 'archive', 'bad'), { recursive: true });
  for (const good of [...GOOD, SCAN]) copyFileSync(join(REPO_ROOT, good), join(dir, 'archive', basename(good)));
  for (const bad of Object.keys(BAD_UNDER_AUTO))
    copyFileSync(join(REPO_ROOT, 'fixtures/bad', bad), join(dir, 'archive', 'bad', bad));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import of a folder mixing good files, a scan and every kind of bad input', () => {
  it('imports every good file, reports every bad one with its reason, and exits 1', async () => {
    const dbPath = join(dir, 'mixed.sqlite');
    const reportPath = join(dir, 'report.csv');
    const missing = join(dir, 'no-such-file.pdf');
    const io = captureIo();
    const code = await runCli(
      ['import', join(dir, 'archive'), missing, '--db', dbPath, '--jobs', '2', '--report', reportPath],
      io,
    );
    expect(code).toBe(1);

    const rows = parseReport(reportPath);
    const byName = new Map(rows.map((row) => [basename(row.path), row]));
    expect(rows).toHaveLength(GOOD.length + 1 + Object.keys(BAD_UNDER_AUTO).length + 1);
    for (const good of GOOD)
      expect(byName.get(basename(good))).toMatchObject({ status: 'imported', text_source: 'text', reason: '' });
    expect(byName.get(basename(SCAN))).toMatchObject({ status: 'imported', text_source: 'ocr', pages: '1' });
    for (const [bad, reason] of Object.entries(BAD_UNDER_AUTO)) {
      expect(byName.get(bad)?.status, bad).toBe('failed');
      expect(byName.get(bad)?.reason, bad).toMatch(new RegExp(`^${reason}: \\S`));
    }
    expect(byName.get('no-such-file.pdf')).toMatchObject({ status: 'failed' });
    expect(byName.get('no-such-file.pdf')?.reason).toMatch(/^unreadable_path: .*ENOENT/);
    expect(byName.get('seed-2022.lo-a4.pdf')?.pages).toBe('25');

    expect(io.stdout()).toContain('imported 4, unchanged 0, replaced 0, failed 8 of 12');
    for (const bad of Object.keys(BAD_UNDER_AUTO))
      expect(io.stdout()).toMatch(new RegExp(`  \\S*bad/${bad.replace('.', '\\.')}: ${BAD_UNDER_AUTO[bad]}: `));

    const db = openDatabase(dbPath);
    try {
      const paths = (db.prepare('SELECT source_path AS p FROM documents ORDER BY p').all() as { p: string }[]).map(
        (row) => basename(row.p),
      );
      expect(paths).toEqual([...GOOD, SCAN].map((path) => basename(path)).sort());
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 180_000);

  it('refuses the scan and the image-only file as needs_ocr under --ocr never', async () => {
    const io = captureIo();
    const scan = join(dir, 'archive', basename(SCAN));
    const imageOnly = join(dir, 'archive', 'bad', 'image-only.pdf');
    const code = await runCli(
      ['import', scan, imageOnly, '--db', join(dir, 'never.sqlite'), '--ocr', 'never', '--jobs', '1'],
      io,
    );
    expect(code).toBe(1);
    expect(io.stdout()).toContain(`failed    ${scan}: needs_ocr: page 1 has no text layer and --ocr never was given`);
    expect(io.stdout()).toContain(`failed    ${imageOnly}: needs_ocr: page 1 has no text layer`);
    expect(readdirSync(dir)).toContain('never.sqlite');
  }, 60_000);
});
