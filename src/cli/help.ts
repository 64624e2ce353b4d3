/**
 * What `budgetpdf <command> --help` prints: usage, what the command does, its options and examples. And the
 * "did you mean" of an unknown option: the command's option nearest in edit distance.
 */

import { DEFAULT_OCR_ENGINE, OcrEngineName } from '../model/index.js';

export type CommandName = 'import' | 'export' | 'query' | 'review' | 'inspect';

export const COMMAND_NAMES: readonly CommandName[] = ['import', 'export', 'query', 'review', 'inspect'];

/** The OCR engines, the default marked (docs/ocr-engines.md). */
const ENGINE_CHOICES = OcrEngineName.options
  .map((engine) => (engine === DEFAULT_OCR_ENGINE ? `${engine} (default)` : engine))
  .join(', ');

/** An option this far (edits) from the one typed, or closer, is offered as "did you mean". */
const DID_YOU_MEAN_MAX_EDITS = 3;

export function commandHelp(defaults: {
  dbPath: string;
  csvDir: string;
  timeoutSeconds: number;
  maxFileMb: number;
  maxHeapMb: number;
  minHeapMb: number;
}): Record<CommandName, string> {
  return {
    import: `usage: budgetpdf import <pdf or folder>... [options]

Extracts every PDF given (folders are walked for *.pdf, symlinks followed once) into the SQLite file, one
transaction per document, N documents at a time in worker threads. A file whose content is already stored
is skipped as unchanged unless --force (then replaced, keeping its document id). A document whose department,
year and title are already stored under other content (another rendering, a scan, a draft and its final) is
imported and named in the summary: count it once with the view v_documents (latest = 1). A PDF with no
project table (绩效目标表) and no 部门整体支出绩效目标表, or with only self-evaluations (自评表), is refused as
no_budget_tables (one with only the department's table is imported with zero projects). The summary gives, per document, its id, projects,
indicators, department tables (部门整体表 n, with their indicators), findings and the indicator rows to review, and names the documents to review first.

options:
  --db <file>          SQLite database (default ${defaults.dbPath}), created if needed
  --ocr <mode>         auto: OCR pages without a usable text layer (default); always; never (refuse them)
  --ocr-engine <e>     ${ENGINE_CHOICES}: the recogniser of Han text on OCR pages
  --jobs <N>           documents parsed at once, and OCR workers (default: number of CPUs)
  --timeout <S>        a document not done after S seconds fails alone as timeout (default ${defaults.timeoutSeconds})
  --max-file-mb <MB>   larger files fail as file_too_large (default ${defaults.maxFileMb})
  --max-heap-mb <MB>   heap limit of each worker thread (default ${defaults.maxHeapMb}, ≥ ${defaults.minHeapMb})
  --force              import files whose content is already stored again (status replaced)
  --report <file.csv>  one CSV row per input file: document id, status, reason, pages, projects, indicators,
                       findings, needs_review rows, text source, seconds
  --queue <redis://host:port/db>
                       a distributed import: enqueue the files not yet stored for \`budgetpdf worker\` processes on
                       any machine sharing the files, and store each document they finish (this command stays the
                       only writer; stop and start it again at will). --jobs, --ocr-engine, --max-heap-mb and
                       --timeout are then the workers' options
  --collect            with --queue: enqueue nothing, store what the workers finish until nothing is left

examples:
  budgetpdf import pdfs/
  budgetpdf import 2024-卫健委.pdf 2024-教育局.pdf --db out/budget.sqlite --report out/import-report.csv
  budgetpdf import scans/ --ocr always --jobs 2 --timeout 3600
  budgetpdf import /mnt/archive/2024 --queue redis://queue-host:6379/0 --report out/import-report.csv

exit codes: 0 every file imported or unchanged, 1 a file failed (the others are kept) or none was found, 2 bad usage
`,
    export: `usage: budgetpdf export [options]

Writes the database's contents for spreadsheets and scripts into a folder. --format csv (the default): one
CSV per table (documents, dept_goals, measures, projects, spend_plan, indicators, repairs, findings) and
indicators_flat.csv, one row per indicator with its document, project, budget in 万元, page, source file,
needs_review and its reasons. --format xlsx: one workbook, budget.xlsx, with the flat sheet first and a sheet
per table; text cells stay text (95%, ≥98%, codes as printed), numbers are numbers, the header row is frozen.
--document and --year select the documents of every file written; one that matches nothing is an error.
The database is opened read-only and never changed.

options:
  --db <file>          SQLite database (default ${defaults.dbPath})
  --out <folder>       where to write (default ${defaults.csvDir}); a folder, never a file
  --format <f>         csv (default) or xlsx
  --headers <lang>     en (default) or zh: Chinese column headers, review reasons as Chinese sentences and
                       needs_review as 是/否 (the flat sheet; every sheet's headers in the workbook)
  --document <sel>     a document id, sha256 (or a prefix of ≥ 8 hex digits) or source path; repeatable
  --year <YYYY>        a fiscal year; repeatable
  --no-bom             CSV without the byte-order mark (Excel needs it to read Chinese as UTF-8)
  --raw                CSV text exactly as stored: no leading ' before text a spreadsheet would run as a formula

examples:
  budgetpdf export
  budgetpdf export --format xlsx --headers zh --out out/审计
  budgetpdf export --year 2024 --document 3 --out out/2024
  budgetpdf export --raw --no-bom --out out/for-scripts

exit codes: 0 written, 1 the database cannot be read or the selection matches nothing, 2 bad usage
`,
    query: `usage: budgetpdf query [options] "<SQL>"

Runs one read-only SQL statement against the database (tables, views v_documents, v_projects, v_indicators,
v_dept_target_indicators, the full-text table text_search; see docs/sql.md) and prints an aligned table, CSV or JSON. Statements that
would write are refused. text_search MATCH needs three characters or more (trigram index): a one- or
two-character MATCH is run as LIKE '%…%' instead, and a note on stderr says so.

options:
  --db <file>          SQLite database (default ${defaults.dbPath})
  --csv                CSV with a header row instead of a table
  --bom                with --csv: a byte-order mark first, so that Excel reads Chinese text as UTF-8
  --json               a JSON array of objects
  --wide               the table shows every cell whole (cells are cut at 48 columns otherwise)

examples:
  budgetpdf query "SELECT department, fiscal_year, count(*) FROM v_projects GROUP BY 1, 2"
  budgetpdf query --wide "SELECT name, goal FROM v_projects WHERE fiscal_year = 2024"
  budgetpdf query --csv --bom "SELECT * FROM v_indicators WHERE level1 = '满意度指标'" > 满意度.csv
  budgetpdf query "SELECT kind, body FROM text_search WHERE text_search MATCH '卫生'"

exit codes: 0 ok, 1 the statement or the database failed, 2 bad usage
`,
    review: `usage: budgetpdf review <pdf> [options]

Writes a self-contained HTML page: every page as an image with the detected grid and cells drawn over it,
repaired cells with before/after, findings linked to their place, and the extracted records beside it.
No database is used.

options:
  --out <folder>       where to write (default out/review/<name>/review.html)
  --ocr <mode>         auto (default), always or never
  --ocr-engine <e>     ${ENGINE_CHOICES}
  --jobs <N>           OCR workers (default: number of CPUs)

examples:
  budgetpdf review 2024-卫健委.pdf
  budgetpdf review scan.pdf --ocr always --out out/review/scan

exit codes: 0 written, 1 the PDF cannot be read, 2 bad usage
`,
    inspect: `usage: budgetpdf inspect <pdf> [options]

Runs the pipeline without a database and writes each stage's artefact as JSON (loaded, page texts, layouts,
flow, draft, repaired draft, document) and one SVG per page drawing rulings, cells and text runs; prints
what each stage saw.

options:
  --out <folder>       where to write (default out/inspect/<name>)
  --ocr <mode>         auto (default), always or never
  --ocr-engine <e>     ${ENGINE_CHOICES}
  --jobs <N>           OCR workers (default: number of CPUs)

examples:
  budgetpdf inspect 2024-卫健委.pdf
  budgetpdf inspect scan.pdf --ocr always --out out/inspect/scan

exit codes: 0 written, 1 the PDF cannot be read, 2 bad usage
`,
  };
}

/** Levenshtein distance between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The option of `known` nearest to `typed` (`--jbos` → `--jobs`), or null when none is close. */
export function nearestOption(typed: string, known: readonly string[]): string | null {
  const bare = typed.replace(/^-+/, '').split('=')[0];
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(bare, name);
    if (best === null || distance < best.distance) best = { name, distance };
  }
  if (best === null) return null;
  const limit = Math.min(DID_YOU_MEAN_MAX_EDITS, Math.max(1, Math.floor(best.name.length / 2)));
  return best.distance <= limit ? `--${best.name}` : null;
}
