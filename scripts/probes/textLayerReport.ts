/**
 * The layout path measured on the text-layer probes (no OCR): runs the pipeline with `--ocr never` on
 * every probes/<name>.<producer>.pdf (not the scans) and compares the document with
 * probes/<name>.expected.json, field by field, as the fixture tests do (support/expected.ts:
 * every field strictly, target_op/value/unit included).
 *
 *   tsx scripts/probes/textLayerReport.ts [--set probes|fixtures|all] [--out out/probes-text/<label>] [pdf ...]
 *   tsx scripts/probes/textLayerReport.ts --from-dumps out/ocr-accuracy/<label>   (scans, strictly, from the
 *     page texts an accuracyReport run dumped: the same strict comparison for OCR output)
 *
 * Per file and per set: exact-field rate (fields of the expected records reproduced; a missing entry
 * counts as all its fields missed, an extra entry as one miss), indicator-row precision/recall/F1
 * (rows aligned as in support/ocrAccuracy.ts) and the mismatches, written to the --out folder.
 * `--set fixtures` reads fixtures/{seed,invented,variants} for comparison (the fixtures the code was
 * tuned on).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { extractPdf, pageTextsToExtraction } from '../../src/pipeline.js';
import type { BudgetDocument, PageText } from '../../src/model/index.js';
import {
  compareWithExpected,
  parseExpectedDocument,
  type ExpectedDocument,
  type Mismatch,
} from '../../support/expected.js';
import { expectedPathFor } from '../../support/fixtureFiles.js';
import { measureOcrAccuracy, type OcrAccuracy } from '../../support/ocrAccuracy.js';

const SET_FOLDERS = {
  probes: ['probes'],
  fixtures: ['fixtures/seed', 'fixtures/invented', 'fixtures/variants', 'fixtures/tuning'],
} as const;
type InputSet = keyof typeof SET_FOLDERS | 'all';

/** Fields compareWithExpected checks per entry (support/expected.ts), to turn mismatches into a rate. */
const FIELDS_PER_DOCUMENT_HEAD = 4; // title, department, fiscal_year, is_draft
const FIELDS_PER_TOC_ENTRY = 2; // title, page
const FIELDS_OF_OVERALL_GOAL = 3; // body, seq, title
const FIELDS_PER_SUB_GOAL = 3; // seq, title, body
const FIELDS_PER_MEASURE = 2; // seq, body
const FIELDS_PER_PROJECT = 12 + 4 + 1; // identity, money, fund use, goal; 4 spend-plan months; headers
const FIELDS_PER_INDICATOR = 1 + 9; // seq + level1..basis

function fieldsCompared(want: ExpectedDocument): number {
  return (
    FIELDS_PER_DOCUMENT_HEAD +
    want.toc.length * FIELDS_PER_TOC_ENTRY +
    FIELDS_OF_OVERALL_GOAL +
    want.sub_goals.length * FIELDS_PER_SUB_GOAL +
    want.measures.length * FIELDS_PER_MEASURE +
    want.projects.reduce(
      (sum, project) => sum + FIELDS_PER_PROJECT + project.indicators.length * FIELDS_PER_INDICATOR,
      0,
    )
  );
}

/** How many compared fields a mismatch stands for: an absent entry misses all of its fields. */
function missedFields(mismatch: Mismatch, want: ExpectedDocument): number {
  if (mismatch.actual !== undefined || mismatch.expected === undefined) return 1;
  const path = mismatch.path;
  if (/\.indicators\[\d+\]$/.test(path)) return FIELDS_PER_INDICATOR;
  const project = /^projects\[seq=(\d+)\]$/.exec(path);
  if (project) {
    const found = want.projects.find((p) => p.seq === Number(project[1]));
    return FIELDS_PER_PROJECT + (found?.indicators.length ?? 0) * FIELDS_PER_INDICATOR;
  }
  if (/^toc\[/.test(path)) return FIELDS_PER_TOC_ENTRY;
  if (/^sub_goals\[/.test(path)) return FIELDS_PER_SUB_GOAL;
  if (/^measures\[/.test(path)) return FIELDS_PER_MEASURE;
  return 1;
}

type Measured = {
  pdfPath: string;
  checked: number;
  missed: number;
  extra: number;
  mismatches: Mismatch[];
  accuracy: OcrAccuracy;
};

function textLayerPdfs(set: InputSet): string[] {
  const folders = set === 'all' ? [...SET_FOLDERS.probes, ...SET_FOLDERS.fixtures] : [...SET_FOLDERS[set]];
  return folders.flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.endsWith('.pdf') && !/\.scan\d+/.test(name) && statSync(join(folder, name)).isFile())
          .sort()
          .map((name) => join(folder, name))
          .filter((path) => expectedPathFor(path) !== null)
      : [],
  );
}

async function measure(pdfPath: string): Promise<Measured> {
  const { document } = await extractPdf(new Uint8Array(readFileSync(pdfPath)), { sourcePath: pdfPath, ocr: 'never' });
  return documentToMeasured(pdfPath, document);
}

/**
 * A scan measured strictly from an accuracyReport dump (`<pdf>.json` with its OCR page texts): the pure half of
 * the pipeline runs again on the dumped page texts, so a change below the OCR is measured without OCR.
 */
function measureDump(dumpPath: string): Measured {
  const dump = JSON.parse(readFileSync(dumpPath, 'utf8')) as { pageTexts: PageText[]; expectedPath?: string };
  const pdfPath = join(dump.expectedPath ? dirname(dump.expectedPath) : 'probes', basename(dumpPath, '.json'));
  const pageTexts = dump.pageTexts;
  const { document } = pageTextsToExtraction({
    loaded: {
      sha256: '0'.repeat(64),
      sourcePath: pdfPath,
      pageCount: pageTexts.length,
      pages: pageTexts.map((page) => ({
        pageNumber: page.pageNumber,
        widthPt: page.widthPt,
        heightPt: page.heightPt,
        rotationDeg: 0,
        runs: [],
        rulings: [],
        images: [],
        textLayer: 'none' as const,
      })),
    },
    pageTexts,
  });
  return documentToMeasured(pdfPath, document);
}

function documentToMeasured(pdfPath: string, document: BudgetDocument): Measured {
  const expectedJson = JSON.parse(readFileSync(expectedPathFor(pdfPath)!, 'utf8')) as unknown;
  const want = parseExpectedDocument(expectedJson);
  const mismatches = compareWithExpected(document, expectedJson);
  const missed = mismatches.reduce(
    (sum, mismatch) => sum + (mismatch.expected === undefined ? 0 : missedFields(mismatch, want)),
    0,
  );
  const extra = mismatches.filter((mismatch) => mismatch.expected === undefined).length;
  return {
    pdfPath,
    checked: fieldsCompared(want),
    missed,
    extra,
    mismatches,
    accuracy: measureOcrAccuracy(document, expectedJson),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function line(label: string, files: Measured[]): string {
  const sum = (f: (m: Measured) => number) => files.reduce((total, file) => total + f(file), 0);
  const checked = sum((m) => m.checked);
  const missed = sum((m) => m.missed);
  const expectedRows = sum((m) => m.accuracy.indicatorRowsExpected);
  const actualRows = sum((m) => m.accuracy.indicatorRowsActual);
  const matchedRows = sum((m) => m.accuracy.indicatorRowsMatched);
  const recall = expectedRows === 0 ? 1 : matchedRows / expectedRows;
  const precision = actualRows === 0 ? 1 : matchedRows / actualRows;
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return [
    label.padEnd(44),
    `exact fields ${pct(checked === 0 ? 1 : 1 - missed / checked)} (${checked - missed}/${checked}, ${sum((m) => m.extra)} extra)`,
    `rows P ${pct(precision)} R ${pct(recall)} F1 ${pct(f1)}`,
    `projects ${sum((m) => m.accuracy.projectsFound)}/${sum((m) => m.accuracy.projectsExpected)}`,
  ].join(' | ');
}

async function main(args: string[]): Promise<void> {
  const setAt = args.indexOf('--set');
  const outAt = args.indexOf('--out');
  const dumpsAt = args.indexOf('--from-dumps');
  const set = (setAt >= 0 ? args[setAt + 1] : 'probes') as InputSet;
  if (!['probes', 'fixtures', 'all'].includes(set)) {
    console.error(`--set must be probes, fixtures or all, not ${set}`);
    process.exit(2);
  }
  const outDir = outAt >= 0 ? args[outAt + 1] : join('out/probes-text', new Date().toISOString().replace(/[:.]/g, '-'));
  const optionIndexes = new Set<number>();
  for (const at of [setAt, outAt, dumpsAt]) if (at >= 0) optionIndexes.add(at).add(at + 1);
  const explicit = args.filter((_, index) => !optionIndexes.has(index));
  const dumps =
    dumpsAt >= 0
      ? readdirSync(args[dumpsAt + 1])
          .filter((name) => name.endsWith('.pdf.json'))
          .sort()
          .map((name) => join(args[dumpsAt + 1], name))
      : [];
  const pdfs = dumpsAt >= 0 ? dumps : explicit.length > 0 ? explicit : textLayerPdfs(set);
  mkdirSync(outDir, { recursive: true });
  const measured: Measured[] = [];
  for (const pdfPath of pdfs) {
    const result = dumpsAt >= 0 ? measureDump(pdfPath) : await measure(pdfPath);
    measured.push(result);
    console.log(line(basename(pdfPath), [result]));
    writeFileSync(
      join(outDir, `${basename(pdfPath)}.json`),
      JSON.stringify(
        { pdfPath, checked: result.checked, missed: result.missed, mismatches: result.mismatches },
        null,
        1,
      ),
    );
  }
  for (const [label, prefix] of [
    ['PROBES text layer', 'probes/'],
    ['FIXTURES text layer', 'fixtures/'],
  ] as const) {
    const inSet = measured.filter((m) => m.pdfPath.startsWith(prefix));
    if (inSet.length > 0) console.log(line(label, inSet));
  }
  console.log(`mismatches in ${outDir}`);
}

await main(process.argv.slice(2));
