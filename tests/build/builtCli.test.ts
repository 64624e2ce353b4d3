import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/stages/store/index.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

/**
 * The package as a user gets it: tsc's output (here in a temporary outDir, so the checkout's dist/
 * is left alone), bin/budgetpdf.js and package.json beside it, node_modules linked. There is no
 * src/ in that layout, so the CLI and its extraction workers can only run from the built JS.
 */
const FIXTURES = ['fixtures/seed/seed-2022.direct.pdf', 'fixtures/invented/health-2024.direct.pdf'];

const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-built-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectedProjectCount(fixture: string): number {
  const expectedPath = join(REPO_ROOT, fixture.replace(/\.direct\.pdf$/, '.expected.json'));
  return (JSON.parse(readFileSync(expectedPath, 'utf8')) as { projects: unknown[] }).projects.length;
}

describe('the built package (tsc → dist/)', () => {
  it('imports fixtures through bin/budgetpdf.js with --jobs 2, extraction workers running from dist', () => {
    const pkg = join(dir, 'pkg');
    const build = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(REPO_ROOT, 'tsconfig.json'),
        '--outDir',
        join(pkg, 'dist'),
      ],
      {
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(build.stdout + build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(existsSync(join(pkg, 'dist/batch/extractionWorker.js'))).toBe(true);
    mkdirSync(join(pkg, 'bin'));
    copyFileSync(join(REPO_ROOT, 'bin/budgetpdf.js'), join(pkg, 'bin/budgetpdf.js'));
    copyFileSync(join(REPO_ROOT, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');

    const input = join(dir, 'in');
    mkdirSync(input);
    for (const fixture of FIXTURES)
      copyFileSync(join(REPO_ROOT, fixture), join(input, fixture.slice(fixture.lastIndexOf('/') + 1)));
    const dbPath = join(dir, 'built.sqlite');
    const run = spawnSync(
      process.execPath,
      [join(pkg, 'bin/budgetpdf.js'), 'import', input, '--db', dbPath, '--jobs', '2', '--ocr', 'never'],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `imported ${FIXTURES.length}, unchanged 0, replaced 0, failed 0 of ${FIXTURES.length}`,
    );

    const db = openDatabase(dbPath);
    try {
      const rows = db
        .prepare(
          'SELECT d.source_path AS path, count(p.id) AS projects FROM documents d JOIN projects p ON p.document_id = d.id GROUP BY d.id ORDER BY d.source_path',
        )
        .all();
      expect(rows).toEqual(
        FIXTURES.map((fixture) => ({
          path: join(input, fixture.slice(fixture.lastIndexOf('/') + 1)),
          projects: expectedProjectCount(fixture),
        })).sort((a, b) => (a.path < b.path ? -1 : 1)),
      );
    } finally {
      db.close();
    }
  }, 150_000);
});
