import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { BudgetDocument } from '../../src/model/document.js';
import { readJson, REPO_ROOT } from '../../support/fixtureFiles.js';

const FIXTURE = 'fixtures/phenomena/code-wrapped-in-cell.lo-a4.pdf';
const EXPECTED = 'fixtures/phenomena/code-wrapped-in-cell.expected.json';
const ARTEFACTS = [
  'document.json',
  'draft.json',
  'flow.json',
  'layouts.json',
  'loaded.json',
  'page-texts.json',
  'repaired-draft.json',
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-inspect-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('budgetpdf inspect', () => {
  it('writes every stage artefact and one SVG per page, and prints pages and projects', async () => {
    let out = '';
    let err = '';
    const io = { out: (text: string) => void (out += text), err: (text: string) => void (err += text), isTty: false };
    const code = await runCli(
      ['inspect', join(REPO_ROOT, FIXTURE), '--out', join(dir, 'inspect'), '--ocr', 'never'],
      io,
    );
    expect(err).toBe('');
    expect(code).toBe(0);

    const files = readdirSync(join(dir, 'inspect')).sort();
    const document = BudgetDocument.parse(JSON.parse(readFileSync(join(dir, 'inspect', 'document.json'), 'utf8')));
    const svgs = files.filter((name) => name.endsWith('.svg'));
    expect(files.filter((name) => name.endsWith('.json'))).toEqual(ARTEFACTS);
    expect(svgs).toEqual(
      Array.from({ length: document.pageCount }, (_, i) => `page-${String(i + 1).padStart(3, '0')}.svg`),
    );
    expect(readFileSync(join(dir, 'inspect', svgs[0]), 'utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);

    const expected = readJson(EXPECTED) as { projects: { seq: number; code: string; indicators: unknown[] }[] };
    expect(document.projects.map((project) => [project.seq, project.code, project.indicators.length])).toEqual(
      expected.projects.map((project) => [project.seq, project.code, project.indicators.length]),
    );
    expect(out).toContain(`${document.pageCount} pages  text source: text`);
    expect(out).toMatch(/^page {2}source {2}tables {2}cells {2}lines {2}repairs {2}findings$/m);
    for (const project of expected.projects)
      expect(out).toMatch(new RegExp(`^ +${project.seq} +${project.code} +ok `, 'm'));
    expect(out).toContain(`wrote ${files.length} files to ${join(dir, 'inspect')}`);
  });

  it('reads a scanned page with --ocr-engine paddle (PP-OCR through the lazy pool)', { timeout: 300_000 }, async () => {
    let err = '';
    const io = { out: () => undefined, err: (text: string) => void (err += text), isTty: false };
    const scan = join(REPO_ROOT, 'fixtures/scanned/ocr-small-table.scan300.pdf');
    expect(
      await runCli(['inspect', scan, '--out', join(dir, 'paddle'), '--ocr-engine', 'paddle', '--jobs', '1'], io),
    ).toBe(0);
    expect(err).toBe('');
    const [page] = JSON.parse(readFileSync(join(dir, 'paddle', 'page-texts.json'), 'utf8')) as {
      source: string;
      runs: { text: string }[];
    }[];
    expect(page.source).toBe('ocr');
    expect(page.runs.map((run) => run.text)).toEqual(
      expect.arrayContaining(['指标值确定依据', '园林绿化养护技术标准和年度考核办法']),
    );
  });

  it('exits 1 naming the file when it cannot be read', async () => {
    let err = '';
    const io = { out: () => undefined, err: (text: string) => void (err += text), isTty: false };
    const missing = join(dir, 'missing.pdf');
    expect(await runCli(['inspect', missing, '--out', join(dir, 'x')], io)).toBe(1);
    expect(err).toContain(missing);
    expect(err).toContain('ENOENT');
  });
});
