/**
 * `npm run demo`: the whole job on a representative handful of the bundled fixtures, in about a
 * minute on two cores — text-layer documents from three producers, one whose text layer is garbled
 * and one scan (both read by OCR), stored in SQLite, exported to CSV and xlsx, one review page written —
 * then what was written and what to open next. `npm run demo:all` imports every good fixture
 * (fifteen scans: ~9 minutes on two cores).
 */
import { relative } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { defaultReviewDir } from '../../src/review/index.js';
import { withDatabase } from '../../src/stages/store/index.js';

const DB_PATH = 'out/budget.sqlite';
const CSV_DIR = 'out/csv';
const REPORT_PATH = 'out/import-report.csv';

/** One of each kind of input the pipeline meets; the scans are the slow ones (OCR, ~10 s a page). */
const DEMO_PDFS = [
  'fixtures/seed/seed-2022.direct.pdf', // text layer, printed straight to PDF
  'fixtures/invented/health-2024.lo-a4.pdf', // text layer, LibreOffice layout
  'fixtures/variants/transport-2021.wps-rot90.pdf', // text layer, WPS, pages rotated 90°
  'fixtures/phenomena/name-cut-at-page-break.direct.pdf', // a project name cut by a page break
  'fixtures/scanned/garbled-font-no-tounicode.pdf', // a text layer that reads as nonsense: OCR
  'fixtures/scanned/civil-2020-yuan.lo-b5.scan200.pdf', // a scan, amounts in 元: OCR
];
/** The page written by `budgetpdf review`: a text-layer document (a scan would be OCR'd a second time). */
const REVIEW_PDF = 'fixtures/invented/health-2024.lo-a4.pdf';
const REVIEW_DIR = defaultReviewDir(REVIEW_PDF);

async function run(argv: string[]): Promise<void> {
  process.stdout.write(`\n$ budgetpdf ${argv.join(' ')}\n`);
  const code = await runCli(argv);
  if (code !== 0) {
    process.stderr.write(`demo: budgetpdf ${argv[0]} exited with ${code}\n`);
    process.exit(code);
  }
}

const started = Date.now();
await run(['import', ...DEMO_PDFS, '--db', DB_PATH, '--report', REPORT_PATH]);
await run(['export', '--db', DB_PATH, '--out', CSV_DIR]);
await run(['export', '--db', DB_PATH, '--out', CSV_DIR, '--format', 'xlsx', '--headers', 'zh']);
await run(['review', REVIEW_PDF]);

const counts = await withDatabase(DB_PATH, (db) => ({
  documents: (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
  projects: (db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n,
  indicators: (db.prepare('SELECT count(*) AS n FROM indicators').get() as { n: number }).n,
  findings: (db.prepare('SELECT count(*) AS n FROM findings').get() as { n: number }).n,
}));
const seconds = Math.round((Date.now() - started) / 1000);
const reviewHtml = relative(process.cwd(), `${REVIEW_DIR}/review.html`);

process.stdout.write(`
Demo done in ${seconds} s. Written:
  ${DB_PATH}          ${counts.documents} documents, ${counts.projects} projects, ${counts.indicators} indicators, ${counts.findings} findings
  ${CSV_DIR}/             one CSV per table; indicators_flat.csv is the one to open in a spreadsheet
  ${CSV_DIR}/budget.xlsx  the same as one workbook, Chinese headers and review reasons (needs_review 是/否)
  ${REPORT_PATH}  one row per input file: status, pages, text source (text layer or OCR), seconds,
                          document id, projects, indicators, findings, rows to review
  ${reviewHtml}  the review page of ${REVIEW_PDF}

Next:
  open ${reviewHtml} in a browser: each page with the cells read and the findings to check
  npx budgetpdf query "SELECT department, fiscal_year, name, budget_total_wan FROM v_projects ORDER BY budget_total_wan DESC LIMIT 10"
  npx budgetpdf review fixtures/scanned/civil-2020-yuan.lo-b5.scan200.pdf   # a scan's review page (OCR'd again)
  npm run demo:all   # every good fixture, fifteen scans included (~9 minutes on two cores)
`);
