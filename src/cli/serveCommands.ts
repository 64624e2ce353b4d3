/**
 * The commands of the review workspace, registered by src/cli/main.ts:
 *
 *   budgetpdf serve [--db <file>] [--port N] [--host H]
 *   budgetpdf corrections export [--db <file>] [--out <file.json>]
 *   budgetpdf corrections import <file.json> [--db <file>]
 *   budgetpdf corrections check [--db <file>]
 *
 * Each returns an exit code (0 ok, 1 failed, 2 bad usage) and writes through the CLI's io.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { DEFAULT_DB_PATH } from '../batch/importPdfs.js';
import {
  CorrectionError,
  correctionsFileToDatabase,
  correctionsToProblemLines,
  databaseToCorrectionStatuses,
  databaseToCorrectionsFile,
  hasCorrectionTables,
} from '../stages/store/corrections.js';
import { openDatabase, withReadonlyDatabase } from '../stages/store/database.js';
import { DEFAULT_SERVE_HOST, DEFAULT_SERVE_PORT, startServer } from '../serve/server.js';
import {
  afterImportLines,
  type CommandIo,
  EXIT_OK,
  EXIT_FAILED,
  parseCommandValues,
  usageToExit,
} from './commandArgs.js';

export const SERVE_USAGE = `  budgetpdf serve [--db <file>] [--port N] [--host H]
      the review workspace in a browser (default http://${DEFAULT_SERVE_HOST}:${DEFAULT_SERVE_PORT}/): documents ranked by
      what needs review, each page with its cells beside the records, corrections and sign-off (docs/serve.md).
      Listens on ${DEFAULT_SERVE_HOST} unless --host; stops with Ctrl-C.
  budgetpdf corrections export [--db <file>] [--out <file.json>] | import <file.json> [--db <file>] | check [--db <file>]
      write reviewers' corrections and sign-offs to a JSON file (stdout without --out), merge such a file
      into a database (the newer correction of a field wins), or list corrections that no longer apply.
`;

/** Runs the workspace until SIGINT/SIGTERM. */
export async function serveCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parseServeArgs>;
  try {
    parsed = parseServeArgs(args);
  } catch (error) {
    return usageToExit(io, (error as Error).message);
  }
  if (parsed === 'help') {
    io.out(SERVE_USAGE);
    return EXIT_OK;
  }
  const server = await startServer(parsed);
  io.out(`budgetpdf serve: ${server.url} (database ${parsed.dbPath}); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return EXIT_OK;
}

function parseServeArgs(args: string[]) {
  const { values, positionals } = parseCommandValues('serve', args, {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  });
  if (values.help) return 'help' as const;
  if (positionals.length > 0)
    throw new Error(`serve takes no arguments besides options, got: ${positionals.join(' ')}`);
  const port = values.port === undefined ? DEFAULT_SERVE_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a port number 0–65535, not ${values.port}`);
  return { dbPath: values.db ?? DEFAULT_DB_PATH, port, host: values.host ?? DEFAULT_SERVE_HOST };
}

export async function correctionsCommand(args: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = args;
  let values: { db?: string; out?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseCommandValues('corrections', rest, {
      db: { type: 'string' },
      out: { type: 'string' },
    }));
  } catch (error) {
    return usageToExit(io, (error as Error).message);
  }
  if (values.help || action === '-h' || action === '--help') {
    io.out(SERVE_USAGE);
    return EXIT_OK;
  }
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  if (!existsSync(dbPath)) {
    io.err(`budgetpdf: database not found: ${dbPath}\n`);
    return EXIT_FAILED;
  }
  switch (action) {
    case 'export': {
      if (positionals.length > 0) return usageToExit(io, 'corrections export takes no file argument (use --out)');
      const file = await withReadonlyDatabase(dbPath, (db) => databaseToCorrectionsFile(db));
      const text = `${JSON.stringify(file, null, 2)}\n`;
      if (values.out) {
        await writeFile(values.out, text);
        io.out(`wrote ${file.corrections.length} corrections and ${file.signoffs.length} sign-offs to ${values.out}\n`);
      } else io.out(text);
      return EXIT_OK;
    }
    case 'import': {
      if (positionals.length !== 1) return usageToExit(io, 'corrections import needs exactly one JSON file');
      let input: unknown;
      try {
        input = JSON.parse(await readFile(positionals[0], 'utf8'));
      } catch (error) {
        io.err(`budgetpdf: cannot read ${positionals[0]}: ${(error as Error).message}\n`);
        return EXIT_FAILED;
      }
      const db = openDatabase(dbPath);
      try {
        const result = correctionsFileToDatabase(db, input);
        io.out(
          `corrections: ${result.added} added, ${result.replaced} replaced, ${result.keptNewer} kept (newer in the database); ${result.signoffs} sign-offs\n`,
        );
        const problems = correctionsToProblemLines(databaseToCorrectionStatuses(db));
        for (const line of problems) io.out(`  not applied: ${line}\n`);
      } catch (error) {
        if (error instanceof CorrectionError) {
          io.err(`budgetpdf: ${error.message}\n`);
          return EXIT_FAILED;
        }
        throw error;
      } finally {
        db.close();
      }
      return EXIT_OK;
    }
    case 'check': {
      const problems = await withReadonlyDatabase(dbPath, (db) =>
        correctionsToProblemLines(databaseToCorrectionStatuses(db)),
      );
      if (problems.length === 0) io.out('every correction applies\n');
      for (const line of problems) io.out(`not applied: ${line}\n`);
      return problems.length === 0 ? EXIT_OK : EXIT_FAILED;
    }
    default:
      return usageToExit(io, `corrections needs export, import or check, not ${action ?? 'nothing'}`);
  }
}

/**
 * After an import: how many corrections apply, and one line per correction that no longer applies
 * (an `import --force` that extracted something else there); nothing when there are none.
 */
export async function correctionsAfterImport(dbPath: string): Promise<string> {
  return afterImportLines(dbPath, (db) => {
    if (!hasCorrectionTables(db)) return '';
    const statuses = databaseToCorrectionStatuses(db);
    const problems = correctionsToProblemLines(statuses);
    const applied = statuses.filter((correction) => correction.status === 'applied').length;
    if (statuses.length === 0) return '';
    return [
      `corrections: ${applied} of ${statuses.length} apply${problems.length > 0 ? `; ${problems.length} no longer apply:` : ''}\n`,
      ...problems.map((line) => `  ${line}\n`),
    ].join('');
  });
}
