/**
 * OCR error analysis for developers: runs the pipeline on scanned PDFs, prints the figures of issue 3
 * per file (as tests/ocr/scannedFixtures.test.ts does) and writes every compared field, the exact-field
 * misses, the projects and the page texts as JSON, so that a change can be measured field by field.
 *
 *   tsx scripts/ocr/accuracyReport.ts [--out out/ocr-accuracy/<label>] [pdf[:expected.json] ...]
 *   tsx scripts/ocr/accuracyReport.ts --compare out/ocr-accuracy/before out/ocr-accuracy/after
 *   tsx scripts/ocr/accuracyReport.ts --resegment out/ocr-accuracy/before --out out/ocr-accuracy/after
 *
 * Without PDFs it reads every fixtures/scanned/*.scanNNN.pdf with the `<name>.expected.json` beside
 * it. --compare lists the fields whose CER changed between two earlier runs (+ better, - worse) and
 * the exact-field misses of both. --resegment runs layout → normalise again on the page texts an
 * earlier run stored (no OCR: seconds, not minutes), to measure changes to the later stages; the
 * records are those of fixtures/scanned/<name>.expected.json. One OCR pool serves all files.
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
import { withOcrPool } from '../../src/stages/ocr/pool.js';
import { formatAccuracyRow, measureOcrAccuracy, type OcrAccuracy } from '../../tests/ocr/accuracy.js';

type Dump = { accuracy: OcrAccuracy };

function expectedBeside(pdfPath: string): string {
  return join(dirname(pdfPath), `${basename(pdfPath).split('.')[0]}.expected.json`);
}

function defaultInputs(): string[] {
  const folder = 'fixtures/scanned';
  return readdirSync(folder)
    .filter((name) => /\.scan\d+\.pdf$/.test(name))
    .map((name) => join(folder, name))
    .filter((path) => existsSync(expectedBeside(path))); // ocr-small-table has its own test, not a record file
}

async function report(inputs: string[], outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await withOcrPool({}, async (ocrPool) => {
    for (const input of inputs) {
      const [pdfPath, expectedPath = expectedBeside(input)] = input.split(':');
      const started = performance.now();
      const extraction = await extractPdf(new Uint8Array(readFileSync(pdfPath)), { sourcePath: pdfPath, ocr: 'auto', ocrPool });
      const accuracy = measureOcrAccuracy(extraction.document, JSON.parse(readFileSync(expectedPath, 'utf8')));
      console.log(formatAccuracyRow(basename(pdfPath), accuracy, (performance.now() - started) / 1000 / extraction.loaded.pageCount));
      const dump = { accuracy, projects: extraction.document.projects, repairs: extraction.document.repairs, findings: extraction.document.findings, pageTexts: extraction.pageTexts };
      writeFileSync(join(outDir, `${basename(pdfPath)}.json`), JSON.stringify(dump, null, 1));
    }
  });
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
      console.log(`${field.cer < old.cer ? '+' : '-'} ${field.path} | ${field.expected} | ${old.actual ?? 'NULL'} → ${field.actual ?? 'NULL'}`);
    }
    console.log(`  CER better by ${better.toFixed(2)}, worse by ${worse.toFixed(2)} (summed over fields)`);
    const misses = (accuracy: OcrAccuracy) => accuracy.exactMisses.map((miss) => `${miss.path}: ${JSON.stringify(miss.actual)}`);
    console.log(`  exact misses before: ${JSON.stringify(misses(before))}`);
    console.log(`  exact misses after:  ${JSON.stringify(misses(after))}`);
  }
}

/** Layout → normalise again on the page texts of an earlier run's dumps. */
function resegment(fromDir: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(fromDir).filter((file) => file.endsWith('.pdf.json'))) {
    const pageTexts = (JSON.parse(readFileSync(join(fromDir, name), 'utf8')) as { pageTexts: PageText[] }).pageTexts;
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
    const accuracy = measureOcrAccuracy(document, JSON.parse(readFileSync(expectedBeside(join('fixtures/scanned', pdfName)), 'utf8')));
    console.log(formatAccuracyRow(pdfName, accuracy, NaN));
    writeFileSync(join(outDir, name), JSON.stringify({ accuracy, projects: document.projects, repairs: document.repairs, findings: document.findings, pageTexts }, null, 1));
  }
  console.log(`dumps in ${outDir}`);
}

const args = process.argv.slice(2);
if (args[0] === '--compare') {
  compare(args[1], args[2]);
} else if (args[0] === '--resegment') {
  resegment(args[1], args[args.indexOf('--out') + 1]);
} else {
  const outAt = args.indexOf('--out');
  const outDir = outAt >= 0 ? args[outAt + 1] : join('out/ocr-accuracy', new Date().toISOString().replace(/[:.]/g, '-'));
  const inputs = args.filter((_, index) => outAt < 0 || (index !== outAt && index !== outAt + 1));
  await report(inputs.length > 0 ? inputs : defaultInputs(), outDir);
}
