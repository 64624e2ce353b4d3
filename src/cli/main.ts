import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportCsv } from '../stages/export/exportCsv.js';
import { exportXlsx, XLSX_FILE } from '../stages/export/exportXlsx.js';
import { exportFlatCsv, FLAT_CSV_FILE, FlatHeaderLanguage, filterToDocumentIds } from '../stages/export/flatCsv.js';
import { withReadonlyDatabase } from '../stages/store/database.js';
import { queryDatabase, type QueryFormat } from '../query/runQuery.js';
import { defaultReviewDir, reviewPdf } from '../review/reviewPdf.js';
import { importSummary, progressReporter, resultsToReportRows } from './importOutput.js';
import { writeReportCsv } from './reportCsv.js';
import { ensureOutputDirSync } from '../outputPaths.js';
import {
  DEFAULT_DB_PATH,
  DEFAULT_DOCUMENT_TIMEOUT_MS,
  EXTRACTION_WORKER_MAX_HEAP_MB,
  importPdfs,
} from '../batch/importPdfs.js';
import { MAX_PDF_BYTES } from '../batch/extractDocument.js';
import { OcrEngineName, OcrMode } from '../model/index.js';
import { defaultInspectDir, extractionToSummary, inspectPdf } from './inspect.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseCommandArgs, UsageError } from './commandArgs.js';
import { type CommandName, commandHelp, nearestOption } from './help.js';
import { ExportAs } from '../stages/export/corrected.js';
import { correctionsAfterImport, correctionsCommand, SERVE_USAGE, serveCommand } from './serveCommands.js';
import { compareCommand, HISTORY_USAGE, linksAfterImport, linksCommand } from './historyCommands.js';
import { importQueueOptionError, QUEUE_USAGE, queueCommand, workerCommand } from './queueCommands.js';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './commandArgs.js';

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

/**
 * The lowest --max-heap-mb taken: a worker's code and pdf.js alone hold ~50 MB and the largest
 * fixtures need 64–96 MB (see EXTRACTION_WORKER_MAX_HEAP_MB); a lower limit would fail ordinary
 * documents as worker_crashed.
 */
const MIN_WORKER_HEAP_MB = 128;

export const USAGE = `budgetpdf — Chinese budget-performance PDFs (部门预算绩效文本) into SQLite and CSV

usage:
  budgetpdf import <pdf or folder>... [--db <file>] [--ocr auto|always|never] [--ocr-engine tesseract|paddle|hybrid] [--jobs N] [--max-heap-mb MB] [--timeout S] [--max-file-mb MB] [--force] [--report <file.csv>]
      extract every PDF (folders are walked for *.pdf, symlinks followed once) into the SQLite file (default ${DEFAULT_DB_PATH}),
      N documents at a time in worker threads (default: number of CPUs; never more than files, or than free
      memory holds); only regular files are read (a device or FIFO fails as not_regular_file); a file whose content is already
      stored is skipped as unchanged unless --force; --report writes one CSV row per file. A PDF with no
      project table (an indicator table, or one titled …绩效目标表/申报表/审批表) and no 部门整体支出绩效目标表 is refused as no_budget_tables:
      an ordinary 部门预算 or 部门决算 (收支总表, 项目支出表, 三公经费 …) is not imported, nor a 绩效自评表 (自评表 are skipped). Exit 0 when all were imported, 1 when any failed.
  budgetpdf export [--db <file>] [--out <folder>] [--no-bom] [--raw] [--headers en|zh] [--document <id|sha256|path>]... [--year <YYYY>]... [--format csv|xlsx] [--as corrected|extracted]
      one CSV per table into the folder (default ${DEFAULT_CSV_DIR}), UTF-8 with BOM unless --no-bom, and
      ${FLAT_CSV_FILE}: one row per indicator with its document and project, budget in 万元, needs_review;
      --headers zh gives it Chinese column headers, reasons and 是/否; --document and --year select the documents of
      every file. Text cells a spreadsheet would run as a formula (= + - @ …) get a leading ' unless --raw (values as
      stored, for scripts). --format xlsx writes one workbook (${XLSX_FILE}) instead: the flat sheet and a sheet per table.
      The database is opened read-only, never changed; one that is not a budgetpdf database is refused.
      --as extracted writes the values as extracted; by default reviewers' corrections are applied (budgetpdf serve).
  budgetpdf inspect <pdf> [--out <folder>] [--ocr auto|always|never] [--ocr-engine tesseract|paddle|hybrid] [--jobs N]
      run the pipeline without a database; write each stage's artefact as JSON and one SVG per page
      into the folder (default out/inspect/<name>) and print what each stage saw.
  budgetpdf query [--db <file>] [--csv [--bom] | --json] [--wide] "<SQL>"
      run one read-only SQL statement (tables, views v_documents, v_projects and v_indicators, text_search; see
      docs/sql.md) and print an aligned table (--wide: cells not cut), CSV or JSON. Statements that would write are
      refused; the database is opened read-only (a read-only file is fine) and must be a budgetpdf database of this
      version.
  budgetpdf review <pdf> [--out <folder>] [--ocr auto|always|never] [--ocr-engine tesseract|paddle|hybrid] [--jobs N]
      write a self-contained HTML page (default out/review/<name>/review.html): every page with the
      detected grid and cells drawn over it, repairs, findings and the extracted records beside it.
${SERVE_USAGE}${HISTORY_USAGE}${QUEUE_USAGE}
options:
  --db <file>        SQLite database (default ${DEFAULT_DB_PATH})
  --ocr <mode>       auto: OCR pages without a usable text layer (default); always; never
  --ocr-engine <e>   the recogniser of Han text on OCR pages: paddle (PP-OCRv4 on onnxruntime-node, default),
                     tesseract (tesseract.js) or hybrid (PP-OCR in table cells, tesseract outside the
                     tables); codes and numbers are re-read by tesseract under all three
  --jobs <N>         import: documents parsed at once, and OCR workers; inspect: OCR workers (default: number of CPUs)
  --timeout <S>      import: a document not done after S seconds fails alone as timeout (default ${DEFAULT_DOCUMENT_TIMEOUT_MS / 1000})
  --max-file-mb <MB> import: larger files fail as file_too_large (default ${MAX_PDF_BYTES / 1024 / 1024})
  --max-heap-mb <MB> import: heap limit of each worker thread (default ${EXTRACTION_WORKER_MAX_HEAP_MB}, ≥ ${MIN_WORKER_HEAP_MB}); a document that
                     needs more fails as worker_crashed. Lower bounds memory with many --jobs, at some CPU cost
  -h, --help         this text; \`budgetpdf <command> --help\`: the command's options and examples
  -V, --version      the version
exit codes: 0 ok, 1 a file or the command failed, 2 bad usage
`;

/** The package's version, from the package.json beside src/ or dist/. */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

const HELP = commandHelp({
  dbPath: DEFAULT_DB_PATH,
  csvDir: DEFAULT_CSV_DIR,
  timeoutSeconds: DEFAULT_DOCUMENT_TIMEOUT_MS / 1000,
  maxFileMb: MAX_PDF_BYTES / 1024 / 1024,
  maxHeapMb: EXTRACTION_WORKER_MAX_HEAP_MB,
  minHeapMb: MIN_WORKER_HEAP_MB,
});

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
    if (command === '-h' || command === '--help') {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (command === 'help') {
      const topic = rest[0] as CommandName | undefined;
      io.out(topic && topic in HELP ? HELP[topic] : USAGE);
      return EXIT_OK;
    }
    if (command === '-V' || command === '--version' || command === 'version') {
      io.out(`budgetpdf ${packageVersion()}\n`);
      return EXIT_OK;
    }
    switch (command) {
      case 'import':
        return await importCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'inspect':
        return await inspectCommand(rest, io);
      case 'query':
        return await queryCommand(rest, io);
      case 'review':
        return await reviewCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'corrections':
        return await correctionsCommand(rest, io);
      case 'compare':
        return await compareCommand(rest, io);
      case 'links':
        return await linksCommand(rest, io);
      case 'worker':
        return await workerCommand(rest, io);
      case 'queue':
        return await queueCommand(rest, io);
      default: {
        const nearest = nearestOption(command, [
          'import',
          'export',
          'query',
          'review',
          'inspect',
          'serve',
          'corrections',
          'compare',
          'links',
          'worker',
          'queue',
          'help',
          'version',
        ]);
        throw new UsageError(`unknown command: ${command}${nearest ? `; did you mean ${nearest.slice(2)}?` : ''}`);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const oneLine = /^Unknown option/.test((error as Error).message);
      const hint = argv.length === 0 ? `\n${USAGE}` : oneLine ? '' : 'run `budgetpdf --help` for usage\n';
      io.err(`budgetpdf: ${(error as Error).message}\n${hint}`);
      return EXIT_USAGE;
    }
    io.err(`budgetpdf: ${(error as Error).message ?? String(error)}\n`);
    return EXIT_FAILED;
  }
}

function ocrOption(value: unknown) {
  const parsed = OcrMode.safeParse(value ?? 'auto');
  if (!parsed.success) throw new UsageError(`--ocr must be auto, always or never, not ${String(value)}`);
  return parsed.data;
}

function ocrEngineOption(value: unknown) {
  const parsed = OcrEngineName.safeParse(value ?? 'tesseract');
  if (!parsed.success)
    throw new UsageError(
      `--ocr-engine must be ${OcrEngineName.options.slice(0, -1).join(', ')} or ${OcrEngineName.options.at(-1)}, not ${String(value)}`,
    );
  return parsed.data;
}

function jobsOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs must be a whole number ≥ 1, not ${String(value)}`);
  return jobs;
}

function maxHeapOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const megabytes = Number(value);
  if (!Number.isInteger(megabytes) || megabytes < MIN_WORKER_HEAP_MB) {
    throw new UsageError(
      `--max-heap-mb must be a whole number of megabytes ≥ ${MIN_WORKER_HEAP_MB}, not ${String(value)}`,
    );
  }
  return megabytes;
}

function positiveNumberOption(value: unknown, name: string, unit: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new UsageError(`${name} must be a number of ${unit} > 0, not ${String(value)}`);
  return number;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('import', args, {
    db: { type: 'string' },
    ocr: { type: 'string' },
    'ocr-engine': { type: 'string' },
    jobs: { type: 'string' },
    'max-heap-mb': { type: 'string' },
    timeout: { type: 'string' },
    'max-file-mb': { type: 'string' },
    force: { type: 'boolean' },
    report: { type: 'string' },
    queue: { type: 'string' },
    collect: { type: 'boolean' },
  });
  if (parsed === 'help') {
    io.out(HELP.import);
    return EXIT_OK;
  }
  const { values, positionals } = parsed;
  const queueError = importQueueOptionError({ ...values, positionals: positionals.length });
  if (queueError) throw new UsageError(queueError);
  if (positionals.length === 0 && !values.queue) throw new UsageError('import needs at least one PDF or folder');
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  const ocr = ocrOption(values.ocr);
  const ocrEngine = ocrEngineOption(values['ocr-engine']);
  const jobs = jobsOption(values.jobs);
  const workerMaxHeapMb = maxHeapOption(values['max-heap-mb']);
  const timeoutSeconds = positiveNumberOption(values.timeout, '--timeout', 'seconds');
  const maxFileMb = positiveNumberOption(values['max-file-mb'], '--max-file-mb', 'megabytes');
  const progress = progressReporter(io);
  const collectOnly = values.collect ?? false;
  const results = values.queue
    ? await (await import('../queue/queueImport.js')).importPdfsViaQueue(positionals, {
        queueUrl: values.queue,
        dbPath,
        ocr,
        maxFileBytes: maxFileMb === undefined ? undefined : Math.floor(maxFileMb * 1024 * 1024),
        collectOnly,
        onProgress: progress,
      })
    : await importPdfs(positionals, {
        dbPath,
        ocr,
        ocrEngine,
        jobs,
        workerMaxHeapMb,
        documentTimeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
        maxFileBytes: maxFileMb === undefined ? undefined : Math.floor(maxFileMb * 1024 * 1024),
        force: values.force ?? false,
        onProgress: progress,
      });
  progress.finish();
  io.out(importSummary(results, dbPath));
  io.out(await correctionsAfterImport(dbPath));
  io.out(await linksAfterImport(dbPath));
  if (values.report) {
    await writeReportCsv(values.report, resultsToReportRows(results));
    io.out(`report: ${values.report}\n`);
  }
  return results.some((result) => result.status === 'failed') || (results.length === 0 && !collectOnly)
    ? EXIT_FAILED
    : EXIT_OK;
}

/** File extensions that say `--out` was given a file where a folder is meant. */
const FILE_LIKE_OUT = /^\.(csv|xlsx|xls|txt|json)$/i;

/** `--out` must name a folder: an existing file, or a new name that looks like one (out.xlsx), is refused. */
function outFolderOption(outDir: string): string {
  let isFile = false;
  try {
    isFile = !statSync(outDir).isDirectory();
  } catch {
    if (FILE_LIKE_OUT.test(extname(outDir))) {
      throw new UsageError(
        `--out names the folder export writes into, not a file: ${outDir} (use --out ${join(outDir, '..')} and find ${FLAT_CSV_FILE} or ${XLSX_FILE} there)`,
      );
    }
  }
  if (isFile)
    throw new UsageError(`--out must be a folder, but ${outDir} is a file (export writes several files into it)`);
  return outDir;
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('export', args, {
    db: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    'no-bom': { type: 'boolean' },
    headers: { type: 'string' },
    document: { type: 'string', multiple: true },
    year: { type: 'string', multiple: true },
    raw: { type: 'boolean' },
    as: { type: 'string' },
  });
  if (parsed === 'help') {
    io.out(HELP.export);
    return EXIT_OK;
  }
  const { values, positionals } = parsed;
  const as = ExportAs.safeParse(values.as ?? 'corrected');
  if (!as.success) throw new UsageError(`--as must be corrected or extracted, not ${String(values.as)}`);
  const headers = FlatHeaderLanguage.safeParse(values.headers ?? 'en');
  if (!headers.success) throw new UsageError(`--headers must be en or zh, not ${String(values.headers)}`);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`--format must be csv or xlsx, not ${format}`);
  const fiscalYears = (values.year ?? []).map((year) => {
    if (!/^\d{4}$/.test(year)) throw new UsageError(`--year must be a four-digit year, not ${year}`);
    return Number(year);
  });
  if (positionals.length > 0)
    throw new UsageError(`export takes no arguments besides options, got: ${positionals.join(' ')}`);
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  const outDir = outFolderOption(values.out ?? DEFAULT_CSV_DIR);
  if (!existsSync(dbPath)) {
    io.err(`budgetpdf: database not found: ${dbPath}\n`);
    return EXIT_FAILED;
  }
  const bom = !values['no-bom'];
  const raw = values.raw ?? false;
  const filter = { documents: values.document ?? [], fiscalYears };
  const files = await withReadonlyDatabase(dbPath, async (db) => {
    const documentIds = filterToDocumentIds(db, filter);
    if (format === 'xlsx') {
      ensureOutputDirSync(outDir);
      const path = join(outDir, XLSX_FILE);
      await exportXlsx(db, path, { headers: headers.data, documentIds, as: as.data });
      return [path];
    }
    const tables = await exportCsv(db, outDir, { bom, raw, documentIds, as: as.data });
    const flatPath = join(outDir, FLAT_CSV_FILE);
    await exportFlatCsv(db, flatPath, { bom, raw, headers: headers.data, as: as.data, filter });
    return [...tables, flatPath];
  });
  const names = files.map((file) => file.slice(outDir.length + 1)).join(', ');
  io.out(`wrote ${files.length} ${files.length === 1 ? 'file' : 'files'} to ${outDir}: ${names}\n`);
  return EXIT_OK;
}

/** The arguments of a command that reads one PDF without a database (`inspect`, `review`). */
function onePdfCommandArgs(
  args: string[],
  command: 'inspect' | 'review',
):
  | 'help'
  | {
      pdfPath: string;
      outDir: string | undefined;
      options: {
        ocr: ReturnType<typeof ocrOption>;
        ocrEngine: ReturnType<typeof ocrEngineOption>;
        ocrWorkers: ReturnType<typeof jobsOption>;
      };
    } {
  const parsed = parseCommandArgs(command, args, {
    out: { type: 'string' },
    ocr: { type: 'string' },
    'ocr-engine': { type: 'string' },
    jobs: { type: 'string' },
  });
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`${command} needs exactly one PDF`);
  return {
    pdfPath: positionals[0],
    outDir: values.out,
    options: {
      ocr: ocrOption(values.ocr),
      ocrEngine: ocrEngineOption(values['ocr-engine']),
      ocrWorkers: jobsOption(values.jobs),
    },
  };
}

async function inspectCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = onePdfCommandArgs(args, 'inspect');
  if (parsed === 'help') {
    io.out(HELP.inspect);
    return EXIT_OK;
  }
  const result = await inspectPdf(parsed.pdfPath, {
    ...parsed.options,
    outDir: parsed.outDir ?? defaultInspectDir(parsed.pdfPath),
  });
  io.out(extractionToSummary(result.extraction));
  io.out(`\nwrote ${result.files.length} files to ${result.outDir}\n`);
  if (result.svgError) io.err(`budgetpdf: page SVGs not written: ${result.svgError}\n`);
  return EXIT_OK;
}

async function queryCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('query', args, {
    db: { type: 'string' },
    csv: { type: 'boolean' },
    bom: { type: 'boolean' },
    json: { type: 'boolean' },
    wide: { type: 'boolean' },
  });
  if (parsed === 'help') {
    io.out(HELP.query);
    return EXIT_OK;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('query needs exactly one SQL statement (quote it)');
  if (values.csv && values.json) throw new UsageError('give --csv or --json, not both');
  if (values.bom && !values.csv) throw new UsageError('--bom goes with --csv (a byte-order mark for Excel)');
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  if (!existsSync(dbPath)) {
    io.err(`budgetpdf: database not found: ${dbPath}\n`);
    return EXIT_FAILED;
  }
  const format: QueryFormat = values.csv ? 'csv' : values.json ? 'json' : 'table';
  const output = await queryDatabase(dbPath, positionals[0], format, {
    bom: values.bom ?? false,
    wide: values.wide ?? false,
    onNotice: (notice) => io.err(`budgetpdf: ${notice}\n`),
  });
  io.out(output);
  return EXIT_OK;
}

async function reviewCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = onePdfCommandArgs(args, 'review');
  if (parsed === 'help') {
    io.out(HELP.review);
    return EXIT_OK;
  }
  const result = await reviewPdf(parsed.pdfPath, {
    ...parsed.options,
    outDir: parsed.outDir ?? defaultReviewDir(parsed.pdfPath),
  });
  io.out(
    `wrote ${result.htmlPath}: ${result.pageCount} pages, ${result.cellCount} cells, ${result.findingCount} findings\n`,
  );
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
