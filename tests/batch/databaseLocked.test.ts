import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { runCli } from '../../src/cli/main.js';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../src/stages/store/database.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

const FIXTURES = ['fixtures/invented/health-2024.direct.pdf', 'fixtures/invented/eco-2023.direct.pdf'];

const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-locked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let locker: ChildProcess | null = null;
afterEach(() => {
  locker?.kill('SIGKILL');
  locker = null;
});

function archive(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const fixture of FIXTURES)
    copyFileSync(join(REPO_ROOT, fixture), join(folder, fixture.slice(fixture.lastIndexOf('/') + 1)));
  return folder;
}

/**
 * Another process (not a thread of ours) takes the database's write lock (BEGIN IMMEDIATE) and
 * holds it for `holdMs`; resolves once it holds it, with the time (Date.now()) it will have let go.
 */
async function holdWriteLock(dbPath: string, holdMs: number): Promise<{ released: Promise<number> }> {
  openDatabase(dbPath).close(); // created and migrated before, so the import only has to write
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(dbPath)}, { timeout: 0 });
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released ' + Date.now() + '\\n'); }, ${holdMs});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  locker = child;
  let output = '';
  const released = new Promise<number>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /released (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking: ${output}`)));
  });
  return { released };
}

describe('an import into a database locked by another process', () => {
  it('reports the file it waited for as database_locked after the busy timeout, the others too, and exits 1', async () => {
    const dbPath = join(dir, 'locked.sqlite');
    const input = archive('locked');
    await holdWriteLock(dbPath, BUSY_TIMEOUT_MS * 4); // longer than the import's wait: killed afterwards
    let out = '';
    const io = { out: (text: string) => void (out += text), err: () => undefined, isTty: false };
    const startedAt = Date.now();
    const code = await runCli(['import', input, '--db', dbPath, '--jobs', '2', '--ocr', 'never'], io);
    const waitedMs = Date.now() - startedAt;
    expect(code).toBe(1);
    expect(waitedMs).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS);
    expect(out).toContain(`imported 0, unchanged 0, replaced 0, failed ${FIXTURES.length} of ${FIXTURES.length}`);
    expect(out).toContain(`failed: ${FIXTURES.length} database_locked`);
    // One file waited out the busy timeout; the other was not made to wait again.
    expect(
      out.match(
        /\.pdf: database_locked: .*locked\.sqlite: database is locked by another process \(busy timeout passed\)\n/g,
      ),
    ).toHaveLength(2); // its line and the summary
    expect(
      out.match(
        /\.pdf: database_locked: not (stored|attempted): database locked by another process \(while storing .*\.pdf\)\n/g,
      ),
    ).toHaveLength(2);
    locker?.kill('SIGKILL');
    const db = openDatabase(dbPath);
    try {
      expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 90_000);

  it('waits for a lock released within the busy timeout and imports every file', async () => {
    const dbPath = join(dir, 'released.sqlite');
    const input = archive('released');
    const holdMs = 3_000;
    const busyTimeoutMs = 30_000;
    const { released } = await holdWriteLock(dbPath, holdMs);
    const startedAt = Date.now();
    const results = await importPdfs([input], { dbPath, ocr: 'never', jobs: 2, busyTimeoutMs });
    const finishedAt = Date.now();
    expect(results.map((result) => [result.status, result.errorCode])).toEqual(FIXTURES.map(() => ['imported', null]));
    // Nothing could be stored before the other process let go; the import did not give up meanwhile.
    expect(await released).toBeLessThanOrEqual(finishedAt);
    expect(finishedAt - startedAt).toBeLessThan(busyTimeoutMs);
    const db = openDatabase(dbPath);
    try {
      expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(FIXTURES.length);
    } finally {
      db.close();
    }
  }, 90_000);
});
