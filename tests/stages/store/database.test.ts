import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetPdfError } from '../../../src/errors.js';
import {
  MIGRATIONS,
  migrateDatabase,
  openDatabase,
  schemaVersionOf,
  storeDocument,
  withDatabase,
  type Db,
} from '../../../src/stages/store/index.js';
import { sampleDocument } from './sampleDocument.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a process that holds the write lock of `path` for `holdMs`; resolves once it holds it. */
function holdWriteLock(path: string, holdMs: number): Promise<{ done: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, path, String(holdMs)], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ done });
    });
    child.on('error', reject);
  });
}

describe('openDatabase and withDatabase', () => {
  it('creates missing parent folders and the file, in WAL mode with foreign keys on', async () => {
    const path = join(dir, 'a', 'b', 'budget.sqlite');
    const settings = await withDatabase(path, (db) => ({
      journal: db.pragma('journal_mode', { simple: true }),
      foreignKeys: db.pragma('foreign_keys', { simple: true }),
      busyTimeoutMs: db.pragma('busy_timeout', { simple: true }),
    }));
    expect(existsSync(path)).toBe(true);
    expect(settings).toEqual({ journal: 'wal', foreignKeys: 1, busyTimeoutMs: 15000 });
  });

  it('closes the database when the callback throws', async () => {
    let seen: Db | undefined;
    await expect(
      withDatabase(join(dir, 'x.sqlite'), (db) => {
        seen = db;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seen?.open).toBe(false);
  });

  it('closes the database after an async callback has finished, not before', async () => {
    let seen: Db | undefined;
    const count = await withDatabase(join(dir, 'x.sqlite'), async (db) => {
      seen = db;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    });
    expect(count).toBe(0);
    expect(seen?.open).toBe(false);
  });
});

describe('migrateDatabase', () => {
  it('brings a new database to the last migration number in user_version, and is a no-op after', () => {
    const db = new Database(':memory:');
    expect(schemaVersionOf(db)).toBe(0);
    expect(migrateDatabase(db)).toBe(MIGRATIONS.length);
    expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(migrateDatabase(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).toEqual(tables);
    db.close();
  });

  it('refuses a database written by a newer schema', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrateDatabase(db)).toThrow(BudgetPdfError);
    db.close();
  });

  it('keeps the data of a file opened again', async () => {
    const path = join(dir, 'budget.sqlite');
    await withDatabase(path, (db) => storeDocument(db, sampleDocument(), { pipelineVersion: 't' }));
    const count = await withDatabase(
      path,
      (db) => (db.prepare('SELECT count(*) AS n FROM indicators').get() as { n: number }).n,
    );
    expect(count).toBe(4);
  });
});

describe('a database locked by another process', () => {
  it('is waited for while the other process holds the lock, then written', async () => {
    const path = join(dir, 'budget.sqlite');
    openDatabase(path).close();
    const { done } = await holdWriteLock(path, 700);
    const started = Date.now();
    const result = await withDatabase(path, (db) => storeDocument(db, sampleDocument(), { pipelineVersion: 't' }));
    expect(result.status).toBe('imported');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await done;
  });

  it('gives a database_locked error when the lock outlasts the busy timeout', async () => {
    const path = join(dir, 'budget.sqlite');
    openDatabase(path).close();
    const { done } = await holdWriteLock(path, 1500);
    const db = openDatabase(path, { busyTimeoutMs: 100 });
    try {
      let caught: unknown;
      try {
        storeDocument(db, sampleDocument(), { pipelineVersion: 't' });
      } catch (error) {
        caught = error;
      }
      expect((caught as BudgetPdfError).code).toBe('database_locked');
      expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
    } finally {
      db.close();
      await done;
    }
  });
});
