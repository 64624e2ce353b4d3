import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exportCsv } from '../stages/export/exportCsv.js';
import { withDatabase } from '../stages/store/database.js';
import { DEFAULT_DB_PATH, importPdfs, OcrModeArg, type ImportProgress, type ImportResult } from './importPdfs.js';
import { defaultInspectDir, extractionToSummary, inspectPdf } from './inspect.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const DEFAULT_CSV_DIR = 'out/csv';

/** Where the CLI writes; tests pass their own. */
export type CliIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal: progress bars only then. */
  isTty: boolean;
  /** Terminal width for the progress line. */
  columns?: number;
};

export const USAGE = `budgetpdf — Chinese budget-performance PDFs (部门预算绩效文本) into SQLite and CSV

usage:
  budgetpdf import <pdf or folder>... [--db <file>] [--ocr auto|always|never] [--jobs N]
      extract every PDF (folders are walked for *.pdf) into the SQLite file (default ${DEFAULT_DB_PATH});
      importing a file again replaces it. Exit 0 when all were imported, 1 when any failed.
  budgetpdf export [--db <file>] [--out <folder>] [--no-bom]
      one CSV per table into the folder (default ${DEFAULT_CSV_DIR}), UTF-8 with BOM unless --no-bom.
  budgetpdf inspect <pdf> [--out <folder>] [--ocr auto|always|never] [--jobs N]
      run the pipeline without a database; write each stage's artefact as JSON and one SVG per page
      into the folder (default out/inspect/<name>) and print what each stage saw.

options:
  --db <file>        SQLite database (default ${DEFAULT_DB_PATH})
  --ocr <mode>       auto: OCR pages without a usable text layer (default); always; never
  --jobs <N>         OCR workers (default: number of CPUs)
  -h, --help         this text
exit codes: 0 ok, 1 a file or the command failed, 2 bad usage
`;

class UsageError extends Error {}

const defaultIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
});

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('no command given');
    if (command === '-h' || command === '--help' || command === 'help') {
      io.out(USAGE);
      return EXIT_OK;
    }
    switch (command) {
      case 'import':
        return await importCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'inspect':
        return await inspectCommand(rest, io);
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const hint = argv.length === 0 ? `\n${USAGE}` : 'run `budgetpdf --help` for usage\n';
      io.err(`budgetpdf: ${(error as Error).message}\n${hint}`);
      return EXIT_USAGE;
    }
    io.err(`budgetpdf: ${(error as Error).message ?? String(error)}\n`);
    return EXIT_FAILED;
  }
}

function ocrOption(value: unknown) {
  const parsed = OcrModeArg.safeParse(value ?? 'auto');
  if (!parsed.success) throw new UsageError(`--ocr must be auto, always or never, not ${String(value)}`);
  return parsed.data;
}

function jobsOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number ≥ 1, not ${String(value)}`);
  return jobs;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, ocr: { type: 'string' }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('import needs at least one PDF or folder');
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  const progress = progressReporter(io);
  const results = await importPdfs(positionals, {
    dbPath,
    ocr: ocrOption(values.ocr),
    ocrWorkers: jobsOption(values.jobs),
    onProgress: progress,
  });
  progress.finish();
  io.out(importSummary(results, dbPath));
  return results.some((result) => result.status === 'failed') || results.length === 0 ? EXIT_FAILED : EXIT_OK;
}

/** One line per file as it finishes; on a terminal also a progress bar on stderr. */
function progressReporter(io: CliIo): ((event: ImportProgress) => void) & { finish: () => void } {
  const barWidth = 24;
  let drawn = false;
  const clear = () => {
    if (drawn) io.err('\r\x1b[2K');
    drawn = false;
  };
  const report = (event: ImportProgress) => {
    if (event.phase === 'done') {
      clear();
      io.out(`${resultLine(event.result)}\n`);
    }
    if (!io.isTty) return;
    const done = event.phase === 'done' ? event.index + 1 : event.index;
    const filled = Math.round((done / event.total) * barWidth);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${done}/${event.total}`;
    const line = event.phase === 'start' ? `${bar} ${event.path}` : bar;
    const width = Math.max(20, (io.columns ?? 80) - 1);
    clear();
    io.err(line.length > width ? `${line.slice(0, width - 1)}…` : line);
    drawn = true;
  };
  return Object.assign(report, { finish: clear });
}

function resultLine(result: ImportResult): string {
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  if (result.status === 'failed') return `failed    ${result.path}: ${result.errorCode}: ${result.errorMessage}`;
  return `${result.status.padEnd(9)} ${result.path}  (${result.projectCount} projects, ${result.indicatorCount} indicators, ${result.findingCount} findings, ${result.textSource}, ${seconds} s)`;
}

export function importSummary(results: ImportResult[], dbPath: string): string {
  const count = (status: ImportResult['status']) => results.filter((result) => result.status === status).length;
  const lines = [
    '',
    `imported ${count('imported')}, replaced ${count('replaced')}, failed ${count('failed')} of ${results.length} into ${dbPath}`,
  ];
  if (results.length === 0) lines.push('no PDF given');
  const failed = results.filter((result) => result.status === 'failed');
  if (failed.length > 0) {
    lines.push('failed:');
    for (const result of failed) lines.push(`  ${result.path}: ${result.errorCode}: ${result.errorMessage}`);
  }
  return `${lines.join('\n')}\n`;
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, out: { type: 'string' }, 'no-bom': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError(`export takes no arguments besides options, got: ${positionals.join(' ')}`);
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  const outDir = values.out ?? DEFAULT_CSV_DIR;
  if (!existsSync(dbPath)) {
    io.err(`budgetpdf: database not found: ${dbPath}\n`);
    return EXIT_FAILED;
  }
  const files = await withDatabase(dbPath, (db) => exportCsv(db, outDir, { bom: !values['no-bom'] }));
  io.out(`wrote ${files.length} files to ${outDir}: ${files.map((file) => file.slice(outDir.length + 1)).join(', ')}\n`);
  return EXIT_OK;
}

async function inspectCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string' }, ocr: { type: 'string' }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError('inspect needs exactly one PDF');
  const pdfPath = positionals[0];
  const result = await inspectPdf(pdfPath, {
    outDir: values.out ?? defaultInspectDir(pdfPath),
    ocr: ocrOption(values.ocr),
    ocrWorkers: jobsOption(values.jobs),
  });
  io.out(extractionToSummary(result.extraction));
  io.out(`\nwrote ${result.files.length} files to ${result.outDir}\n`);
  if (result.svgError) io.err(`budgetpdf: page SVGs not written: ${result.svgError}\n`);
  return EXIT_OK;
}

/** True when this module is the program (`tsx src/cli/main.ts`, `node dist/cli/main.js`), not imported. */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await runCli(process.argv.slice(2));
}
