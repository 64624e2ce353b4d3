import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/stages/store/index.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

const SOURCES = [
  'fixtures/seed/seed-2022.lo-a4.pdf',
  'fixtures/invented/eco-2023.lo-a4.pdf',
  'fixtures/invented/health-2024.direct.pdf',
  'fixtures/phenomena/repeated-header.lo-a4.pdf',
];
/** Copies per source: each copy gets its own trailing comment, so its own sha256 and document. */
const COPIES = 4;
const BIN = join(REPO_ROOT, 'bin', 'budgetpdf.js');

/** Every contract table with ids and imported_at replaced by what they point at, rows sorted. */
function tablesWithoutIds(dbPath: string): Record<string, string[]> {
  const db = openDatabase(dbPath);
  try {
    const doc = 'd.sha256 AS doc, d.source_path';
    const queries: Record<string, string> = {
      documents:
        'SELECT sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source, pipeline_version FROM documents d',
      toc_entries: `SELECT ${doc}, t.seq, t.title, t.page FROM toc_entries t JOIN documents d ON d.id = t.document_id`,
      dept_goals: `SELECT ${doc}, g.kind, g.seq, g.title, g.body FROM dept_goals g JOIN documents d ON d.id = g.document_id`,
      measures: `SELECT ${doc}, m.seq, m.body FROM measures m JOIN documents d ON d.id = m.document_id`,
      projects: `SELECT ${doc}, p.seq, p.code, p.code_check_ok, p.name, p.unit_code, p.unit_name, p.amount_unit, p.budget_total_yuan,
                   p.budget_fiscal_yuan, p.budget_other_yuan, p.fund_use, p.goal, p.page_first, p.page_last, p.table_title
                 FROM projects p JOIN documents d ON d.id = p.document_id`,
      spend_plan: `SELECT ${doc}, p.seq AS project_seq, s.month, s.cumulative_pct FROM spend_plan s JOIN projects p ON p.id = s.project_id JOIN documents d ON d.id = p.document_id`,
      indicators: `SELECT ${doc}, p.seq AS project_seq, i.seq, i.level1, i.level2, i.level3, i.description, i.target_text, i.target_op,
                     i.target_value, i.target_unit, i.basis, i.page
                   FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id`,
      repairs: `SELECT ${doc}, p.seq AS linked_project_seq, r.page, r.kind, r.field, r.before, r.after, r.project_seq, r.confidence
                FROM repairs r JOIN documents d ON d.id = r.document_id LEFT JOIN projects p ON p.id = r.project_id`,
      findings: `SELECT ${doc}, p.seq AS linked_project_seq, f.severity, f.rule, f.message, f.project_seq, f.page
                 FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN projects p ON p.id = f.project_id`,
    };
    return Object.fromEntries(
      Object.entries(queries).map(([table, sql]) => [
        table,
        db
          .prepare(sql)
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

function documentCount(dbPath: string): number {
  try {
    const db = openDatabase(dbPath, { busyTimeoutMs: 1000 });
    try {
      return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an import killed with SIGKILL mid-batch', () => {
  it('leaves a consistent database, and running the same command again ends equal to an uninterrupted import', async () => {
    const archive = join(dir, 'archive');
    mkdirSync(archive);
    for (const source of SOURCES) {
      const bytes = readFileSync(join(REPO_ROOT, source));
      for (let copy = 1; copy <= COPIES; copy += 1) {
        writeFileSync(
          join(archive, `${basename(source, '.pdf')}.copy${copy}.pdf`),
          Buffer.concat([bytes, Buffer.from(`\n%copy ${copy}\n`)]),
        );
      }
    }
    const total = SOURCES.length * COPIES;
    const killedDb = join(dir, 'killed.sqlite');
    const args = [BIN, 'import', archive, '--db', killedDb, '--jobs', '2'];

    const child = spawn(process.execPath, args, { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Kill as soon as some, not all, documents are stored.
    let storedAtKill = 0;
    for (let waited = 0; waited < 120_000; waited += 25) {
      storedAtKill = documentCount(killedDb);
      if (storedAtKill >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const afterKill = documentCount(killedDb);
    expect(afterKill).toBeGreaterThanOrEqual(3);
    expect(afterKill).toBeLessThan(total);
    const check = openDatabase(killedDb);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    const resumed = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain(
      `imported ${total - afterKill}, unchanged ${afterKill}, replaced 0, failed 0 of ${total}`,
    );

    const fullDb = join(dir, 'full.sqlite');
    const full = spawnSync(process.execPath, [BIN, 'import', archive, '--db', fullDb, '--jobs', '2'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(full.status).toBe(0);
    const expected = tablesWithoutIds(fullDb);
    expect(expected.documents).toHaveLength(total);
    expect(expected.indicators.length).toBeGreaterThan(total * 10);
    expect(tablesWithoutIds(killedDb)).toEqual(expected);
  }, 240_000);
});
