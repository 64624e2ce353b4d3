import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/stages/store/index.js';
import { tablesWithoutIds } from '../support/tablesWithoutIds.js';
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
