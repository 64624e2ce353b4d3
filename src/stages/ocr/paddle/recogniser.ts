/**
 * PP-OCR text-line recognition with onnxruntime-node: one greyscale line crop → text, a confidence
 * per character and overall, and each character's x range in the crop (from the CTC time steps it
 * was read at), so that a caller can give characters boxes.
 *
 * The steps are PaddleOCR's own (tools/infer/predict_rec.py, ppocr/postprocess/rec_postprocess.py):
 * resize to the model's height keeping the aspect, width at least REC_MIN_WIDTH_HEIGHTS heights,
 * (x/255 − 0.5)/0.5 on 3 equal channels, padded on the right with 0 (after normalising), then CTC
 * greedy decoding: arg-max per time step, repeats collapsed, class 0 the blank, class i the i-th
 * dictionary line, the last class a space.
 */
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { BudgetPdfError } from '../../../errors.js';
import type { GrayImage } from '../raster.js';
import { type PaddleRecModelFiles, PaddleRecModelName, paddleRecModelFiles, readKeys } from './models.js';

/** Input height of the PP-OCRv4/v5 rec models (`rec_image_shape` 3,48,320), used when the model leaves it dynamic. */
export const REC_DEFAULT_HEIGHT_PX = 48;
/** Narrowest input, in input heights: PaddleOCR pads every line to at least 320 × 48 (a ratio of 320/48). */
export const REC_MIN_WIDTH_HEIGHTS = 320 / 48;
/** Widest input, in input heights: a 1200pt-wide table row at 10pt is ~120 heights; beyond, the line is squeezed. */
export const REC_MAX_WIDTH_HEIGHTS = 160;
/** The value padding takes after normalising: PaddleOCR pads with zeros (mid grey), as the models were trained. */
const REC_PAD_VALUE = 0;

export const PaddleCharacter = z.object({
  text: z.string(),
  /** Softmax probability of the character, the highest over the time steps it was read at (0–1). */
  confidence: z.number(),
  /** Where its time steps fall in the crop passed in, in pixels (x1 exclusive). */
  x0: z.number(),
  x1: z.number(),
  /** First and last CTC time step of the character (the model reads one step per 8 input pixels). */
  firstStep: z.number().int(),
  lastStep: z.number().int(),
});
export type PaddleCharacter = z.infer<typeof PaddleCharacter>;

export const PaddleLineReading = z.object({
  text: z.string(),
  /** Mean of the characters' confidences, as PaddleOCR reports it (0–1); 0 when nothing was read. */
  confidence: z.number(),
  /** The lowest character confidence (0–1); 0 when nothing was read. */
  minConfidence: z.number(),
  characters: z.array(PaddleCharacter),
  /** Time steps the model gave for this line, and the width of the input it read them from, in input pixels. */
  timeSteps: z.number().int(),
  inputWidthPx: z.number().int(),
});
export type PaddleLineReading = z.infer<typeof PaddleLineReading>;

export const PaddleRecogniserOptions = z.object({
  model: PaddleRecModelName.default('ppocr-v4'),
  /** Threads onnxruntime uses inside one run; 1 by default, since documents are read in parallel already. */
  intraOpThreads: z.number().int().min(1).default(1),
});
export type PaddleRecogniserOptions = z.input<typeof PaddleRecogniserOptions>;

export type PaddleRecogniser = {
  readonly model: PaddleRecModelFiles;
  /** Input height of the model, in pixels. */
  readonly inputHeightPx: number;
  /** One line of text; runs are queued, one at a time per recogniser. */
  recogniseLine(line: GrayImage): Promise<PaddleLineReading>;
};

/**
 * The line crop as the model's input: resized to heightPx (aspect kept, area-averaged when shrinking), normalised, 3
 * channels, padded.
 */
export function grayLineToRecInput(
  line: GrayImage,
  heightPx: number,
): { data: Float32Array; widthPx: number; resizedWidthPx: number } {
  const ratio = line.widthPx / line.heightPx;
  const resizedWidthPx = Math.max(
    1,
    Math.min(Math.ceil(heightPx * ratio), Math.round(heightPx * REC_MAX_WIDTH_HEIGHTS)),
  );
  const widthPx = Math.max(resizedWidthPx, Math.ceil(heightPx * REC_MIN_WIDTH_HEIGHTS));
  const plane = widthPx * heightPx;
  const data = new Float32Array(3 * plane).fill(REC_PAD_VALUE);
  const sx = line.widthPx / resizedWidthPx;
  const sy = line.heightPx / heightPx;
  for (let y = 0; y < heightPx; y++) {
    const [ya, yb] = sourceSpan(y, sy, line.heightPx);
    for (let x = 0; x < resizedWidthPx; x++) {
      const [xa, xb] = sourceSpan(x, sx, line.widthPx);
      const value = sampleGray(line, xa, xb, ya, yb);
      const normalised = (value / 255 - 0.5) / 0.5;
      const i = y * widthPx + x;
      data[i] = normalised;
      data[plane + i] = normalised;
      data[2 * plane + i] = normalised;
    }
  }
  return { data, widthPx, resizedWidthPx };
}

/** Source range [a, b) in pixels covered by destination pixel d at scale s (source px per destination px). */
function sourceSpan(d: number, s: number, size: number): [number, number] {
  if (s <= 1) {
    // Upscaling: a bilinear sample point, as a span of width 0.
    const centre = Math.min(size - 1, Math.max(0, (d + 0.5) * s - 0.5));
    return [centre, centre];
  }
  return [d * s, Math.min(size, (d + 1) * s)];
}

/** Bilinear value at a point (a span of width 0 on both axes) or the area mean over a span. */
function sampleGray(image: GrayImage, xa: number, xb: number, ya: number, yb: number): number {
  const { widthPx, gray } = image;
  if (xb - xa <= 0 && yb - ya <= 0) {
    const x0 = Math.floor(xa);
    const y0 = Math.floor(ya);
    const x1 = Math.min(widthPx - 1, x0 + 1);
    const y1 = Math.min(image.heightPx - 1, y0 + 1);
    const fx = xa - x0;
    const fy = ya - y0;
    const top = gray[y0 * widthPx + x0] + (gray[y0 * widthPx + x1] - gray[y0 * widthPx + x0]) * fx;
    const bottom = gray[y1 * widthPx + x0] + (gray[y1 * widthPx + x1] - gray[y1 * widthPx + x0]) * fx;
    return top + (bottom - top) * fy;
  }
  // Area mean with fractional coverage of the edge pixels; a zero-width axis samples its nearest pixel.
  const rangeOf = (a: number, b: number, size: number): Array<[number, number]> => {
    if (b - a <= 0) return [[Math.min(size - 1, Math.round(a)), 1]];
    const out: Array<[number, number]> = [];
    for (let p = Math.floor(a); p < Math.min(size, Math.ceil(b)); p++)
      out.push([p, Math.min(b, p + 1) - Math.max(a, p)]);
    return out;
  };
  let sum = 0;
  let weight = 0;
  for (const [y, wy] of rangeOf(ya, yb, image.heightPx)) {
    for (const [x, wx] of rangeOf(xa, xb, widthPx)) {
      sum += gray[y * widthPx + x] * wx * wy;
      weight += wx * wy;
    }
  }
  return weight > 0 ? sum / weight : 255;
}

/**
 * CTC greedy decoding of one line's class probabilities ([time steps × classes], row-major):
 * class 0 the blank, class i ≤ keys.length the i-th key, class keys.length + 1 a space. Character
 * x ranges are given in crop pixels: time step t covers input pixels [t, t+1) × inputWidth/steps,
 * of which the first resizedWidthPx show the crop (cropWidthPx wide).
 */
export function ctcProbabilitiesToReading(
  probabilities: Float32Array,
  timeSteps: number,
  classCount: number,
  keys: readonly string[],
  geometry: { inputWidthPx: number; resizedWidthPx: number; cropWidthPx: number },
): PaddleLineReading {
  if (classCount !== keys.length + 2) {
    throw new BudgetPdfError(
      'ocr_failed',
      null,
      `PP-OCR model has ${classCount} classes, its dictionary ${keys.length} characters (+ blank + space expected)`,
    );
  }
  const pxPerStep = geometry.inputWidthPx / timeSteps;
  const cropPxPerInputPx = geometry.cropWidthPx / geometry.resizedWidthPx;
  const toCropX = (inputX: number) => Math.min(geometry.cropWidthPx, inputX * cropPxPerInputPx);
  const characters: PaddleCharacter[] = [];
  let previous = 0;
  for (let t = 0; t < timeSteps; t++) {
    let best = 0;
    let bestP = -Infinity;
    const row = t * classCount;
    for (let c = 0; c < classCount; c++) {
      const p = probabilities[row + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best === previous) {
      const last = characters[characters.length - 1];
      last.lastStep = t;
      last.x1 = toCropX((t + 1) * pxPerStep);
      last.confidence = Math.max(last.confidence, bestP);
    } else if (best !== 0) {
      characters.push({
        text: best <= keys.length ? keys[best - 1] : ' ',
        confidence: bestP,
        x0: toCropX(t * pxPerStep),
        x1: toCropX((t + 1) * pxPerStep),
        firstStep: t,
        lastStep: t,
      });
    }
    previous = best;
  }
  const confidences = characters.map((character) => character.confidence);
  return {
    text: characters.map((character) => character.text).join(''),
    confidence: confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0,
    minConfidence: confidences.length ? Math.min(...confidences) : 0,
    characters,
    timeSteps,
    inputWidthPx: geometry.inputWidthPx,
  };
}

/** The model's fixed input height from the session metadata, or REC_DEFAULT_HEIGHT_PX when it is dynamic. */
function sessionInputHeightPx(session: ort.InferenceSession): number {
  const meta = session.inputMetadata[0];
  const shape = meta?.isTensor ? meta.shape : [];
  const height = shape[2];
  return typeof height === 'number' && height > 0 ? height : REC_DEFAULT_HEIGHT_PX;
}

/** Runs fn with a PP-OCR line recogniser (model and dictionary from npm) and always releases its session. */
export async function withPaddleRecogniser<T>(
  options: PaddleRecogniserOptions,
  fn: (recogniser: PaddleRecogniser) => Promise<T>,
): Promise<T> {
  const { model: name, intraOpThreads } = PaddleRecogniserOptions.parse(options);
  const model = paddleRecModelFiles(name);
  let session: ort.InferenceSession;
  let keys: string[];
  try {
    keys = await readKeys(model.keysPath);
    session = await ort.InferenceSession.create(model.modelPath, {
      intraOpNumThreads: intraOpThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new BudgetPdfError('ocr_failed', null, `cannot load the PP-OCR model ${model.modelPath}`, { cause: error });
  }
  const inputHeightPx = sessionInputHeightPx(session);
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  // One run at a time: a session's runs queue here rather than contend for the same threads.
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (line: GrayImage): Promise<PaddleLineReading> => {
    const input = grayLineToRecInput(line, inputHeightPx);
    const tensor = new ort.Tensor('float32', input.data, [1, 3, inputHeightPx, input.widthPx]);
    let output: ort.Tensor;
    try {
      output = (await session.run({ [inputName]: tensor }))[outputName] as ort.Tensor;
    } catch (error) {
      throw new BudgetPdfError(
        'ocr_failed',
        null,
        `PP-OCR recognition failed on a ${line.widthPx}×${line.heightPx} line`,
        { cause: error },
      );
    }
    const [, timeSteps, classCount] = output.dims as number[];
    const reading = ctcProbabilitiesToReading(output.data as Float32Array, timeSteps, classCount, keys, {
      inputWidthPx: input.widthPx,
      resizedWidthPx: input.resizedWidthPx,
      cropWidthPx: line.widthPx,
    });
    output.dispose();
    return reading;
  };

  const recogniser: PaddleRecogniser = {
    model,
    inputHeightPx,
    recogniseLine(line) {
      const result = queue.then(() => run(line));
      queue = result.catch(() => undefined);
      return result;
    },
  };
  try {
    return await fn(recogniser);
  } finally {
    await queue;
    await session.release();
  }
}
