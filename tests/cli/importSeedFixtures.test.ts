import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { listFixturePdfs, readJson, REPO_ROOT } from '../../support/fixtureFiles.js';

/**
 * End to end through the installed command: `budgetpdf import fixtures/seed` then `export`,
 * checked against the hand-checked records of the seed (fixtures/seed/*.expected.json).
 * Needs every stage of the pipeline; it fails until they all exist.
 */
type ExpectedProject = { seq: number; code: string | null; budget_total: string | null; indicators: unknown[] };
type Expected = { department: string; fiscal_year: number; is_draft: boolean; projects: ExpectedProject[] };

const seedPdfs = listFixturePdfs(['seed']);
const bin = join(REPO_ROOT, 'bin', 'budgetpdf.js');
const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-e2e-'));
const dbPath = join(dir, 'budget.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function budgetpdf(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 600_000 });
}

/** The printed decimal of 万元 as integer yuan, by string arithmetic: '1010.07' → 10100700. */
function wanYuanToYuan(printed: string): number {
  const [whole, fraction = ''] = printed.split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
}

describe('budgetpdf import fixtures/seed, then export', () => {
  it('has seed renderings to import', () => {
    expect(seedPdfs.length).toBeGreaterThanOrEqual(2);
  });

  it('imports every seed rendering with exit 0, its workers held to --max-heap-mb 256, and stores their projects as expected', () => {
    const run = budgetpdf('import', 'fixtures/seed', '--db', dbPath, '--ocr', 'never', '--max-heap-mb', '256');
    expect(run.stderr + run.stdout).toContain(
      `imported ${seedPdfs.length}, unchanged 0, replaced 0, failed 0 of ${seedPdfs.length}`,
    );
    expect(run.status).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    try {
      const documents = db
        .prepare('SELECT id, source_path, department, fiscal_year, is_draft FROM documents ORDER BY source_path')
        .all() as {
        id: number;
        source_path: string;
        department: string;
        fiscal_year: number;
        is_draft: number;
      }[];
      expect(documents.map((doc) => doc.source_path)).toEqual(seedPdfs.map((fixture) => fixture.pdfPath).sort());
      for (const doc of documents) {
        const fixture = seedPdfs.find((candidate) => candidate.pdfPath === doc.source_path)!;
        const expected = readJson(fixture.expectedPath) as Expected;
        expect([doc.department, doc.fiscal_year, doc.is_draft], doc.source_path).toEqual([
          expected.department,
          expected.fiscal_year,
          expected.is_draft ? 1 : 0,
        ]);
        const projects = db
          .prepare(
            `SELECT p.seq, p.code, p.budget_total_yuan, (SELECT count(*) FROM indicators i WHERE i.project_id = p.id) AS indicators
             FROM projects p WHERE p.document_id = ? ORDER BY p.seq`,
          )
          .all(doc.id);
        expect(projects, doc.source_path).toEqual(
          expected.projects.map((project) => ({
            seq: project.seq,
            code: project.code,
            budget_total_yuan: project.budget_total === null ? null : wanYuanToYuan(project.budget_total),
            indicators: project.indicators.length,
          })),
        );
      }
    } finally {
      db.close();
    }
  });

  it('skips unchanged documents when imported again and replaces them under --force, leaving the row counts unchanged', () => {
    const countRows = () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return ['documents', 'projects', 'indicators', 'spend_plan', 'repairs', 'findings'].map(
          (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
        );
      } finally {
        db.close();
      }
    };
    const before = countRows();
    const again = budgetpdf('import', 'fixtures/seed', '--db', dbPath, '--ocr', 'never');
    expect(again.stdout).toContain(`imported 0, unchanged ${seedPdfs.length}, replaced 0, failed 0`);
    expect(again.status).toBe(0);
    expect(countRows()).toEqual(before);
    const forced = budgetpdf('import', 'fixtures/seed', '--db', dbPath, '--ocr', 'never', '--force');
    expect(forced.stdout).toContain(`imported 0, unchanged 0, replaced ${seedPdfs.length}, failed 0`);
    expect(forced.status).toBe(0);
    expect(countRows()).toEqual(before);
  });

  it('exports the database to CSV files holding every project row', () => {
    const out = join(dir, 'csv');
    const run = budgetpdf('export', '--db', dbPath, '--out', out);
    expect(run.status).toBe(0);
    const projectsCsv = readFileSync(join(out, 'projects.csv'), 'utf8');
    const expectedCodes = seedPdfs.flatMap((fixture) =>
      (readJson(fixture.expectedPath) as Expected).projects.map((project) => project.code),
    );
    for (const code of expectedCodes) if (code) expect(projectsCsv).toContain(code);
    expect(projectsCsv.charCodeAt(0)).toBe(0xfeff);
  });
});
