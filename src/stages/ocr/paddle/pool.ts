/**
 * The OCR pool with PP-OCR as its Han recogniser: an OcrPool (the interface the OCR stage reads
 * through) over a tesseract.js pool. A request for the first reading of Han text (chi_sim, no
 * whitelist) is cut into lines by projection (grayCellToLineCrops), each line is read by a PP-OCR
 * rec session and given back as OcrLine[] in the request image's pixels (paddleReadingToOcrLine),
 * the shape tesseract's reading has; every other request (eng, whitelisted re-reads of codes and
 * numbers) goes to tesseract. The OCR stage does not know which engine reads.
 */
import { availableParallelism } from 'node:os';
import { type OcrImage, type OcrLine, type OcrPool, type RecogniseRequest, withOcrPool } from '../pool.js';
import { type BinaryImage, grayToBinary, otsuThreshold } from '../raster.js';
import { grayCellToLineCrops } from './cellLineCrops.js';
import { paddleReadingToOcrLine } from './readingToOcrLine.js';
import { type PaddleRecogniser, type PaddleRecogniserOptions, withPaddleRecogniser } from './recogniser.js';

export type PaddleOcrPoolOptions = {
  /** tesseract.js chi_sim workers, and PP-OCR sessions (one onnxruntime thread each); one per core by default. */
  workers?: number;
  recycleAfterJobs?: number;
  model?: PaddleRecogniserOptions['model'];
  /** The PP-OCR sessions' options beyond the model (padding, batching, threads; bench/ocr.ts compares them). */
  recogniser?: Omit<PaddleRecogniserOptions, 'model'>;
  /**
   * Who reads the text outside the tables (title, goals, headings): PP-OCR (`paddle`, the default) or tesseract.js
   * (`tesseract`: the `hybrid` engine).
   */
  linesBy?: 'paddle' | 'tesseract';
};

/**
 * True for the requests PP-OCR reads: chi_sim without a whitelist (the first reading of Han text), of a table cell
 * unless lines outside the tables are PP-OCR's too.
 */
export function isPaddleRequest(
  request: Pick<RecogniseRequest, 'language' | 'charWhitelist' | 'region'>,
  linesBy: PaddleOcrPoolOptions['linesBy'] = 'paddle',
): boolean {
  if (request.region === 'line' && linesBy === 'tesseract') return false;
  return (request.language ?? 'chi_sim') === 'chi_sim' && !request.charWhitelist;
}

/** The ink inside a box of the image (a box with none is kept as it is: blank paper, which the OCR stage drops). */
function boxToInkBox<B extends { x0: number; top: number; x1: number; bottom: number }>(
  box: B,
  binary: BinaryImage,
): B {
  let x0 = Infinity;
  let x1 = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (let y = Math.max(0, box.top); y < Math.min(binary.heightPx, box.bottom); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(binary.widthPx, box.x1); x++) {
      if (binary.ink[y * binary.widthPx + x] !== 1) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x + 1);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y + 1);
    }
  }
  return x1 > x0 ? { ...box, x0, top, x1, bottom } : box;
}

/**
 * Symbol boxes shrunk to their glyph's ink and word boxes to their symbols', as tesseract's are:
 * PP-OCR's character spans run from one CTC spike to the next over the line's full height, where a
 * `：` covers a few per cent of its span and the OCR stage would drop it as blank paper.
 */
function lineToInkBoxes(line: OcrLine, binary: BinaryImage): OcrLine {
  const words = line.words.map((word) => {
    const symbols = word.symbols.map((symbol) => boxToInkBox(symbol, binary));
    return {
      ...word,
      symbols,
      x0: Math.min(...symbols.map((s) => s.x0)),
      top: Math.min(...symbols.map((s) => s.top)),
      x1: Math.max(...symbols.map((s) => s.x1)),
      bottom: Math.max(...symbols.map((s) => s.bottom)),
    };
  });
  return { ...line, words };
}

/**
 * An image read by PP-OCR: its lines by projection, each recognised, as OcrLines in the image's
 * pixels (symbols boxed on their ink), top to bottom; lines that read as nothing are left out
 * (tesseract gives none for them).
 */
export async function imageToPaddleLines(
  image: OcrImage,
  recogniser: Pick<PaddleRecogniser, 'recogniseLine'>,
): Promise<OcrLine[]> {
  const inkThreshold = otsuThreshold(image);
  const crops = grayCellToLineCrops(image, { inkThreshold });
  const readings = await Promise.all(crops.map((crop) => recogniser.recogniseLine(crop.image)));
  const binary = grayToBinary(image, inkThreshold);
  return readings
    .map((reading, i) => paddleReadingToOcrLine(reading, crops[i]))
    .filter((line) => line.text.trim() !== '')
    .map((line) => lineToInkBoxes(line, binary));
}

/** Runs fn with `count` PP-OCR recognisers open at once and releases them all. */
async function withPaddleRecognisers<T>(
  count: number,
  options: PaddleRecogniserOptions,
  fn: (recognisers: PaddleRecogniser[]) => Promise<T>,
  open: PaddleRecogniser[] = [],
): Promise<T> {
  if (open.length >= count) return fn(open);
  return withPaddleRecogniser(options, (recogniser) =>
    withPaddleRecognisers(count, options, fn, [...open, recogniser]),
  );
}

/**
 * Runs fn with a pool whose Han readings are PP-OCR's and whose restricted re-reads are tesseract's; always closes
 * both.
 */
export async function withPaddleOcrPool<T>(
  options: PaddleOcrPoolOptions,
  fn: (pool: OcrPool) => Promise<T>,
): Promise<T> {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  return withOcrPool({ workers: workerCount, recycleAfterJobs: options.recycleAfterJobs }, (tesseract) =>
    withPaddleRecognisers(workerCount, { ...options.recogniser, model: options.model }, (recognisers) => {
      // Each image goes to the session with the fewest images queued (a session runs one line at a time).
      const queued = recognisers.map(() => 0);
      const pool: OcrPool = {
        workerCount,
        async recognise(request) {
          if (!isPaddleRequest(request, options.linesBy)) return tesseract.recognise(request);
          const at = queued.indexOf(Math.min(...queued));
          queued[at]++;
          try {
            return await imageToPaddleLines(request.image, recognisers[at]);
          } finally {
            queued[at]--;
          }
        },
      };
      return fn(pool);
    }),
  );
}
