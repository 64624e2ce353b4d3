import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BudgetPdfError } from '../../errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * How long a write waits for a database locked by another process (another `budgetpdf import`,
 * an analyst's SQLite browser holding a write lock) before giving up.
 */
export const BUSY_TIMEOUT_MS = 15_000;

const IN_MEMORY_PATH = ':memory:';

export type OpenDatabaseOptions = {
  /** How long to wait for another process's lock; BUSY_TIMEOUT_MS by default. */
  busyTimeoutMs?: number;
};

/** Opens (creating parent folders and the file if needed) and migrates a budget database. */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  if (path !== IN_MEMORY_PATH) mkdirSync(dirname(resolve(path)), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', path, `cannot open database: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (path !== IN_MEMORY_PATH) {
      db.pragma('journal_mode = WAL');
      // Under WAL, NORMAL syncs at checkpoints, not at every commit: a killed import still leaves a
      // consistent database (tests/batch/killResume.test.ts); only a power loss can drop the last
      // documents, which the next import then finds missing and imports again.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    migrateDatabase(db);
    return db;
  } catch (error) {
    db.close();
    throw databaseError(error, path);
  }
}

/** Runs `fn` with an open, migrated database and closes it afterwards, whatever happens. */
export async function withDatabase<T>(
  path: string,
  fn: (db: Db) => T | Promise<T>,
  options: OpenDatabaseOptions = {},
): Promise<T> {
  const db = openDatabase(path, options);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** The schema version a database has reached: `PRAGMA user_version`, 0 for a new file. */
export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every numbered migration above the database's `user_version`, each in its own transaction. */
export function migrateDatabase(db: Db): number {
  const current = schemaVersionOf(db);
  if (current > MIGRATIONS.length) {
    throw new BudgetPdfError(
      'unreadable_path',
      db.name,
      `database schema version ${current} is newer than this budgetpdf (${MIGRATIONS.length}); upgrade budgetpdf`,
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version += 1) {
    const sql = MIGRATIONS[version - 1];
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return MIGRATIONS.length;
}

/** SQLITE_BUSY after the busy timeout becomes a typed error; anything else passes through. */
export function databaseError(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new BudgetPdfError('database_locked', path, 'database is locked by another process (busy timeout passed)', {
      cause: error,
    });
  }
  return error;
}

/** Tables every budgetpdf database has since migration 1: a database without them is another program's. */
const BUDGET_TABLES = ['documents', 'projects', 'indicators', 'repairs', 'findings'] as const;

/**
 * Opens an existing budget database for reading only (`export`, `query`): never creates, migrates
 * or changes it (no journal-mode switch, no schema). Opened `mode=ro`; when that cannot read — a
 * WAL database whose folder or -shm file this user cannot write — opened again `immutable=1`
 * (SQLite then reads the file as it is, without locks: a concurrent import's uncheckpointed
 * commits are not seen). Refuses another program's SQLite file and a budgetpdf database of an
 * older schema (run `budgetpdf import` to upgrade it) or a newer one.
 */
export function openReadonlyDatabase(path: string): Db {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', path, `database not found: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!isFile) throw new BudgetPdfError('unreadable_path', path, 'database is not a regular file');
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', path, `cannot open database read-only: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    readonlyDatabaseToChecked(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Throws unless `db` is a budgetpdf database of this schema version. */
function readonlyDatabaseToChecked(db: Db, path: string): void {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const version = schemaVersionOf(db);
  if (version === 0 || BUDGET_TABLES.some((table) => !tables.has(table))) {
    throw new BudgetPdfError(
      'not_budget_database',
      path,
      'not a budgetpdf database (no budgetpdf schema in it); nothing was read or changed',
    );
  }
  if (version < MIGRATIONS.length) {
    throw new BudgetPdfError(
      'database_outdated',
      path,
      `database schema version ${version} is older than this budgetpdf (${MIGRATIONS.length}); run \`budgetpdf import --db ${path}\` (with any PDF) to upgrade it`,
    );
  }
  if (version > MIGRATIONS.length) {
    throw new BudgetPdfError(
      'database_outdated',
      path,
      `database schema version ${version} is newer than this budgetpdf (${MIGRATIONS.length}); upgrade budgetpdf`,
    );
  }
}

/** Runs `fn` with a budget database opened read-only (openReadonlyDatabase) and closes it afterwards. */
export async function withReadonlyDatabase<T>(path: string, fn: (db: Db) => T | Promise<T>): Promise<T> {
  const db = openReadonlyDatabase(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
