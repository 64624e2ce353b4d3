/**
 * Starts the workspace: opens the database twice — a writable handle, which first brings the schema
 * up to date (the corrections tables) and afterwards writes only corrections and sign-offs, and a
 * read-only handle for everything shown — and listens on 127.0.0.1 unless a host is given.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { BudgetPdfError } from '../errors.js';
import { type Db, openDatabase, openReadonlyDatabase } from '../stages/store/database.js';
import { createServeApp } from './app.js';
import { SourceFiles } from './sourceFile.js';
import { loadUiAssets } from './uiAssets.js';

export const DEFAULT_SERVE_PORT = 8765;
export const DEFAULT_SERVE_HOST = '127.0.0.1';
/** Bytes of randomness in the session token. */
const SESSION_TOKEN_BYTES = 24;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export type ServeOptions = { dbPath: string; port?: number; host?: string; baseDir?: string };
export type RunningServer = { url: string; port: number; token: string; close: () => Promise<void> };

/**
 * The database's two handles. A database of an older schema is migrated by the writable handle;
 * another program's SQLite file is refused before anything is written to it.
 */
export function openServeDatabases(dbPath: string): { dataDb: Db; writeDb: Db } {
  if (!existsSync(dbPath)) throw new BudgetPdfError('unreadable_path', dbPath, 'database not found');
  try {
    openReadonlyDatabase(dbPath).close();
  } catch (error) {
    if ((error as BudgetPdfError).code !== 'database_outdated') throw error;
  }
  const writeDb = openDatabase(dbPath);
  try {
    return { dataDb: openReadonlyDatabase(dbPath), writeDb };
  } catch (error) {
    writeDb.close();
    throw error;
  }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_SERVE_HOST;
  const { dataDb, writeDb } = openServeDatabases(options.dbPath);
  const token = randomBytes(SESSION_TOKEN_BYTES).toString('hex');
  const port = options.port ?? DEFAULT_SERVE_PORT;
  const loopback = LOOPBACK_HOSTS.includes(host);
  const allowedHosts: string[] = [];
  const app = createServeApp({
    dataDb,
    writeDb,
    token,
    files: new SourceFiles(options.baseDir),
    assets: loadUiAssets(),
    allowedHosts,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(started));
    started.once('error', reject);
  });
  const actualPort = (server.address() as AddressInfo).port;
  // Host headers a browser sends for this server; on a non-loopback --host any Host is taken.
  if (loopback)
    allowedHosts.push(...LOOPBACK_HOSTS.map((name) => `${name.includes(':') ? `[${name}]` : name}:${actualPort}`));
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    token,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      dataDb.close();
      writeDb.close();
    },
  };
}
