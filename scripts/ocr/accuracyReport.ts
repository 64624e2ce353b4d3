/**
 * OCR error analysis for developers: runs the pipeline on scanned PDFs, prints the figures of issue 3
 * per file (as tests/ocr/scannedFixtures.test.ts does) and writes every compared field, the exact-field
 * misses, the projects and the page texts as JSON, so that a change can be measured field by field.
 *
 *   tsx scripts/ocr/accuracyReport.ts [--out out/ocr-accuracy/<label>] [--set fixtures|probes|all] [--ocr-engine
 * tesseract|paddle] [pdf[:expected.json] ...]
 *   tsx scripts/ocr/accuracyReport.ts --compare out/ocr-accuracy/before out/ocr-accuracy/after
 *   tsx scripts/ocr/accuracyReport.ts --resegment out/ocr-accuracy/before --out out/ocr-accuracy/after
 *
 * Without PDFs it reads every fixtures/scanned/*.scanNNN.pdf with the `<name>.expected.json` beside
 * it; `--set probes` reads probes/*.scanNNN*.pdf instead (documents never used for tuning,
 * probes/README.md), `--set all` both. After the per-file rows it prints one summary line per set
 * (FIXTURES, PROBES) and per set and dpi: exact-field rate, indicator-row precision/recall/F1, Han
 * CER (edits over the Han characters of the text fields, other characters left out) and the mean
 * CER of the usual figures. --compare lists the fields whose CER changed between two earlier runs (+ better, - worse)
 * and
 * the exact-field misses of both. --resegment runs layout → normalise again on the page texts an
 * earlier run stored (no OCR: seconds, not minutes), to measure changes to the later stages; the
 * records are those of fixtures/scanned/<name>.expected.json. One OCR pool serves all files, of the
 * engine --ocr-engine names (DEFAULT_OCR_ENGINE, paddle, by default; docs/ocr-engines.md); the summaries give the
 * seconds per page too.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { extractPdf } from '../../src/pipeline.js';
import type { PageText } from '../../src/model/index.js';
import { layoutPage } from '../../src/stages/layout/index.js';
import { draftToDocument } from '../../src/stages/normalise/index.js';
import { repairDraft } from '../../src/stages/repair/index.js';
import { flowToDraft } from '../../src/stages/segment/index.js';
import { stitchPages } from '../../src/stages/stitch/index.js';
import { withOcrEnginePool } from '../../src/stages/ocr/enginePool.js';
import { DEFAULT_OCR_ENGINE, OcrEngineName } from '../../src/model/index.js';
import { editDistance, formatAccuracyRow, measureOcrAccuracy, type OcrAccuracy } from '../../support/ocrAccuracy.js';

type Dump = { accuracy: OcrAccuracy; expectedPath?: string };

/** Which scans to read without explicit inputs: the tuned fixtures, the untouched probes, or both. */
export const INPUT_SETS = ['fixtures', 'probes', 'all'] as const;
export type InputSet = (typeof INPUT_SETS)[number];
/** fixtures/tuning: former probes that served tuning (probes/README.md), read by this report, not by the tests. */
const SET_FOLDERS: Record<Exclude<InputSet, 'all'>, string[]> = {
  fixtures: ['fixtures/scanned', 'fixtures/tuning'],
  probes: ['probes'],
};

/** One measured file, for the summaries; seconds and pages when it was read (not resegmented). */
export type MeasuredFile = { pdfPath: string; accuracy: OcrAccuracy; seconds?: number; pages?: number };

const HAN = /\p{Script=Han}/u;
const hanOnly = (text: string | null) => [...(text ?? '')].filter((char) => HAN.test(char)).join('');

/**
 * Han characters of the expected text fields and the edits needed on them (non-Han characters dropped on both sides).
 */
export function hanErrors(accuracy: OcrAccuracy): { edits: number; chars: number } {
  let edits = 0;
  let chars = 0;
  for (const field of accuracy.fields) {
    const want = hanOnly(field.expected);
    if (want === '') continue;
    chars += [...want].length;
    edits += Math.min([...want].length, editDistance(want, hanOnly(field.actual)));
  }
  return { edits, chars };
}

/** The set a scan belongs to, by its folder. */
export function setOf(pdfPath: string): 'FIXTURES' | 'PROBES' {
  return /(^|\/)probes\//.test(pdfPath) ? 'PROBES' : 'FIXTURES';
}

export function dpiOfScan(pdfPath: string): number | null {
  const match = /\.scan(\d+)/.exec(basename(pdfPath));
  return match ? Number(match[1]) : null;
}

/** One summary line over several measured files. */
export function summaryLine(label: string, files: MeasuredFile[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const sum = (f: (a: OcrAccuracy) => number) => files.reduce((total, file) => total + f(file.accuracy), 0);
  const checked = sum((a) => a.exactFieldsChecked);
  const misses = sum((a) => a.exactMisses.length);
  const expectedRows = sum((a) => a.indicatorRowsExpected);
  const actualRows = sum((a) => a.indicatorRowsActual);
  const matchedRows = sum((a) => a.indicatorRowsMatched);
  const recall = expectedRows === 0 ? 1 : matchedRows / expectedRows;
  const precision = actualRows === 0 ? 1 : matchedRows / actualRows;
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  const han = files
    .map((file) => hanErrors(file.accuracy))
    .reduce((a, b) => ({ edits: a.edits + b.edits, chars: a.chars + b.chars }), { edits: 0, chars: 0 });
  const meanCer = files.length === 0 ? 0 : sum((a) => a.meanCer) / files.length;
  return [
    label.padEnd(16),
    `${files.length} files`,
    `exact fields ${pct(checked === 0 ? 1 : 1 - misses / checked)} (${checked - misses}/${checked})`,
    `rows P ${pct(precision)} R ${pct(recall)} F1 ${pct(f1)} (${matchedRows}/${expectedRows} expected, ${actualRows} read)`,
    `Han CER ${pct(han.chars === 0 ? 0 : han.edits / han.chars)} (${han.edits}/${han.chars})`,
    `mean field CER ${pct(meanCer)}`,
    ...(files.every((file) => file.seconds !== undefined && file.pages)
      ? [
          `${(files.reduce((total, file) => total + file.seconds!, 0) / files.reduce((total, file) => total + file.pages!, 0)).toFixed(2)} s/page`,
        ]
      : []),
  ].join(' | ');
}

/** Summary lines per set and, within each set, per dpi. */
export function summaryLines(files: MeasuredFile[]): string[] {
  const lines: string[] = [];
  for (const set of ['FIXTURES', 'PROBES'] as const) {
    const inSet = files.filter((file) => setOf(file.pdfPath) === set);
    if (inSet.length === 0) continue;
    lines.push(summaryLine(set, inSet));
    const dpis = [...new Set(inSet.map((file) => dpiOfScan(file.pdfPath)))].sort((a, b) => (b ?? 0) - (a ?? 0));
    for (const dpi of dpis)
      lines.push(
        summaryLine(
          `${set} ${dpi ?? '?'} dpi`,
          inSet.filter((file) => dpiOfScan(file.pdfPath) === dpi),
        ),
      );
  }
  return lines;
}

function expectedBeside(pdfPath: string): string {
  return join(dirname(pdfPath), `${basename(pdfPath).split('.')[0]}.expected.json`);
}

function defaultInputs(set: InputSet): string[] {
  const folders = set === 'all' ? Object.values(SET_FOLDERS).flat() : SET_FOLDERS[set];
  return folders.flatMap(
    (folder) =>
      readdirSync(folder)
        .filter((name) => /\.scan\d+[-\w]*\.pdf$/.test(name))
        .sort()
        .map((name) => join(folder, name))
        .filter((path) => existsSync(expectedBeside(path))), // ocr-small-table has its own test, not a record file
  );
}

async function report(inputs: string[], outDir: string, engine: OcrEngineName): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const measured: MeasuredFile[] = [];
  console.log(`OCR engine: ${engine}`);
  await withOcrEnginePool({ engine }, async (ocrPool) => {
    for (const input of inputs) {
      const [pdfPath, expectedPath = expectedBeside(input)] = input.split(':');
      const started = performance.now();
      const extraction = await extractPdf(new Uint8Array(readFileSync(pdfPath)), {
        sourcePath: pdfPath,
        ocr: 'auto',
        ocrPool,
      });
      const accuracy = measureOcrAccuracy(extraction.document, JSON.parse(readFileSync(expectedPath, 'utf8')));
      const seconds = (performance.now() - started) / 1000;
      console.log(formatAccuracyRow(basename(pdfPath), accuracy, seconds / extraction.loaded.pageCount));
      measured.push({ pdfPath, accuracy, seconds, pages: extraction.loaded.pageCount });
      const dump = {
        accuracy,
        expectedPath,
        ocrEngine: engine,
        seconds,
        projects: extraction.document.projects,
        repairs: extraction.document.repairs,
        findings: extraction.document.findings,
        pageTexts: extraction.pageTexts,
      };
      writeFileSync(join(outDir, `${basename(pdfPath)}.json`), JSON.stringify(dump, null, 1));
    }
  });
  for (const line of summaryLines(measured)) console.log(line);
  console.log(`dumps in ${outDir}`);
}

function compare(beforeDir: string, afterDir: string): void {
  for (const name of readdirSync(afterDir).filter((file) => file.endsWith('.json'))) {
    if (!existsSync(join(beforeDir, name))) continue;
    const before = (JSON.parse(readFileSync(join(beforeDir, name), 'utf8')) as Dump).accuracy;
    const after = (JSON.parse(readFileSync(join(afterDir, name), 'utf8')) as Dump).accuracy;
    const earlier = new Map(before.fields.map((field) => [field.path, field]));
    let better = 0;
    let worse = 0;
    console.log(`== ${name}: mean CER ${(before.meanCer * 100).toFixed(2)} % → ${(after.meanCer * 100).toFixed(2)} %`);
    for (const field of after.fields) {
      const old = earlier.get(field.path);
      if (!old || Math.abs(old.cer - field.cer) < 1e-9) continue;
      if (field.cer < old.cer) better += old.cer - field.cer;
      else worse += field.cer - old.cer;
      console.log(
        `${field.cer < old.cer ? '+' : '-'} ${field.path} | ${field.expected} | ${old.actual ?? 'NULL'} → ${field.actual ?? 'NULL'}`,
      );
    }
    console.log(`  CER better by ${better.toFixed(2)}, worse by ${worse.toFixed(2)} (summed over fields)`);
    const misses = (accuracy: OcrAccuracy) =>
      accuracy.exactMisses.map((miss) => `${miss.path}: ${JSON.stringify(miss.actual)}`);
    console.log(`  exact misses before: ${JSON.stringify(misses(before))}`);
    console.log(`  exact misses after:  ${JSON.stringify(misses(after))}`);
  }
}

/** Layout → normalise again on the page texts of an earlier run's dumps. */
function resegment(fromDir: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const measured: MeasuredFile[] = [];
  for (const name of readdirSync(fromDir).filter((file) => file.endsWith('.pdf.json'))) {
    const earlier = JSON.parse(readFileSync(join(fromDir, name), 'utf8')) as {
      pageTexts: PageText[];
      expectedPath?: string;
    };
    const pageTexts = earlier.pageTexts;
    const pdfName = name.slice(0, -'.json'.length);
    const stitched = stitchPages(pageTexts.map(layoutPage));
    const repaired = repairDraft(flowToDraft(stitched.flow));
    const document = draftToDocument(repaired.draft, {
      sha256: '0'.repeat(64),
      sourcePath: pdfName,
      pageCount: pageTexts.length,
      pageSources: pageTexts.map((page) => page.source),
      repairs: [...stitched.repairs, ...repaired.repairs],
    });
    // Dumps written before --set existed have no expectedPath: their records are in fixtures/scanned.
    const expectedPath = earlier.expectedPath ?? expectedBeside(join('fixtures/scanned', pdfName));
    const accuracy = measureOcrAccuracy(document, JSON.parse(readFileSync(expectedPath, 'utf8')));
    console.log(formatAccuracyRow(pdfName, accuracy, NaN));
    measured.push({ pdfPath: expectedPath.replace(/[^/]*$/, pdfName), accuracy });
    writeFileSync(
      join(outDir, name),
      JSON.stringify(
        {
          accuracy,
          expectedPath,
          projects: document.projects,
          repairs: document.repairs,
          findings: document.findings,
          pageTexts,
        },
        null,
        1,
      ),
    );
  }
  for (const line of summaryLines(measured)) console.log(line);
  console.log(`dumps in ${outDir}`);
}

const args = process.argv.slice(2);
if (args[0] === '--compare') {
  compare(args[1], args[2]);
} else if (args[0] === '--resegment') {
  resegment(args[1], args[args.indexOf('--out') + 1]);
} else {
  const outAt = args.indexOf('--out');
  const setAt = args.indexOf('--set');
  const engineAt = args.indexOf('--ocr-engine');
  const outDir =
    outAt >= 0 ? args[outAt + 1] : join('out/ocr-accuracy', new Date().toISOString().replace(/[:.]/g, '-'));
  const set = setAt >= 0 ? args[setAt + 1] : 'fixtures';
  if (!(INPUT_SETS as readonly string[]).includes(set)) {
    console.error(`--set must be one of ${INPUT_SETS.join(', ')}, not ${set}`);
    process.exit(2);
  }
  const engine = OcrEngineName.safeParse(engineAt >= 0 ? args[engineAt + 1] : DEFAULT_OCR_ENGINE);
  if (!engine.success) {
    console.error(`--ocr-engine must be one of ${OcrEngineName.options.join(', ')}, not ${args[engineAt + 1]}`);
    process.exit(2);
  }
  const optionIndexes = new Set<number>();
  for (const at of [outAt, setAt, engineAt]) if (at >= 0) optionIndexes.add(at).add(at + 1);
  const inputs = args.filter((_, index) => !optionIndexes.has(index));
  await report(inputs.length > 0 ? inputs : defaultInputs(set as InputSet), outDir, engine.data);
}
