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
/**
 * Narrowest input the recogniser pads a line to, in pixels: 160, half PaddleOCR's 320 (REC_MIN_WIDTH_HEIGHTS at the
 * 48 px height). Measured in session 9 (issue 13): on the tuning scans and three scanned fixtures 160 used ~12 % less
 * CPU with the same exact fields (1108/1108) and rows, one Han error more (18 against 17: `Ⅱ类及以上` → `I类及以上`, one
 * more `溧` → `漂`); on the engine bench (bench/ocr.ts --engines, 3 rounds) the paddle engine at 320 took 1.08× the
 * tesseract.js path's time and at 160 0.80×, and the default must be no slower than tesseract.js. The ASCII bracket
 * it gives at 160 (`（试行）》` → `(试行）》`) is unified with its pair in the OCR stage (ocrTextToUnifiedBrackets).
 */
export const REC_MIN_WIDTH_PX = 160;
/** Input widths are multiples of this, in pixels (1: the resized width itself, as PaddleOCR). */
export const REC_WIDTH_STEP_PX = 1;
/** Most lines in one onnxruntime run. */
export const REC_MAX_BATCH_LINES = 1;
/** Most input columns (lines × input width) in one run: bounds the run's activations (~0.5 MB a column). */
export const REC_MAX_BATCH_INPUT_PX = 4096;
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
  /**
   * Narrowest input in pixels (REC_MIN_WIDTH_PX, 160; PaddleOCR pads every line to 320): short crops (amounts, one
   * glyph) cost as much as a line of this width.
   */
  minInputWidthPx: z.number().int().min(8).default(REC_MIN_WIDTH_PX),
  /** Input widths rounded up to a multiple of this, so that more lines share a width and batch. */
  inputWidthStepPx: z.number().int().min(1).default(REC_WIDTH_STEP_PX),
  /** Most lines one onnxruntime run reads (lines of the same input width, queued by any caller); 1: no batching. */
  maxBatchLines: z.number().int().min(1).default(REC_MAX_BATCH_LINES),
});
export type PaddleRecogniserOptions = z.input<typeof PaddleRecogniserOptions>;

export type PaddleRecogniser = {
  readonly model: PaddleRecModelFiles;
  /** Input height of the model, in pixels. */
  readonly inputHeightPx: number;
  /**
   * One line of text. Lines queue, one run at a time per recogniser; lines waiting with the same input width are read
   * in one run (up to maxBatchLines), whoever queued them: the readings are those of one line a run.
   */
  recogniseLine(line: GrayImage): Promise<PaddleLineReading>;
  /** The lines of a request (a cell, a strip) queued together, so that lines of the same width batch. */
  recogniseLines(lines: readonly GrayImage[]): Promise<PaddleLineReading[]>;
};

/** How the recogniser pads a line's input: the narrowest input and the step input widths are rounded up to. */
export const RecInputPadding = z.object({
  /** Narrowest input, in input pixels (REC_MIN_WIDTH_PX by default). */
  minWidthPx: z.number().int().min(1),
  /** Input widths are rounded up to a multiple of this (1: no rounding), so that lines share widths and can batch. */
  widthStepPx: z.number().int().min(1).default(1),
});
export type RecInputPadding = z.input<typeof RecInputPadding>;

/**
 * One axis of the resize, computed once per line rather than once per pixel: for each destination pixel, either a
 * bilinear sample point (upscaling: its span has no width) or the source pixels it averages, with their coverage.
 */
type AxisSamples = {
  /** 1 where the destination pixel is a bilinear sample at `at`. */
  point: Uint8Array;
  at: Float64Array;
  /** Destination pixel d averages source pixels pixel[first[d]] … pixel[first[d + 1] − 1], weighted by coverage. */
  first: Int32Array;
  pixel: Int32Array;
  coverage: Float64Array;
};

/** Source range [a, b) in pixels covered by destination pixel d at scale s (source px per destination px). */
function sourceSpan(d: number, s: number, size: number): [number, number] {
  if (s <= 1) {
    // Upscaling: a bilinear sample point, as a span of width 0.
    const centre = Math.min(size - 1, Math.max(0, (d + 0.5) * s - 0.5));
    return [centre, centre];
  }
  return [d * s, Math.min(size, (d + 1) * s)];
}

function axisSamples(destinationPx: number, scale: number, sourcePx: number): AxisSamples {
  const point = new Uint8Array(destinationPx);
  const at = new Float64Array(destinationPx);
  const first = new Int32Array(destinationPx + 1);
  const pixel: number[] = [];
  const coverage: number[] = [];
  for (let d = 0; d < destinationPx; d++) {
    const [a, b] = sourceSpan(d, scale, sourcePx);
    first[d] = pixel.length;
    at[d] = a;
    if (b - a <= 0) {
      // A zero-width span samples its nearest pixel in an area mean (when the other axis has a span).
      point[d] = 1;
      pixel.push(Math.min(sourcePx - 1, Math.round(a)));
      coverage.push(1);
      continue;
    }
    for (let p = Math.floor(a); p < Math.min(sourcePx, Math.ceil(b)); p++) {
      pixel.push(p);
      coverage.push(Math.min(b, p + 1) - Math.max(a, p));
    }
  }
  first[destinationPx] = pixel.length;
  return { point, at, first, pixel: Int32Array.from(pixel), coverage: Float64Array.from(coverage) };
}

/** Bilinear value at a point of the image. */
function bilinearGray(image: GrayImage, xa: number, ya: number): number {
  const { widthPx, gray } = image;
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

/** Area mean of destination pixel (x, y) over the source pixels of both axes, with their fractional coverage. */
function areaMeanGray(image: GrayImage, xs: AxisSamples, x: number, ys: AxisSamples, y: number): number {
  const { widthPx, gray } = image;
  let sum = 0;
  let weight = 0;
  for (let j = ys.first[y]; j < ys.first[y + 1]; j++) {
    const row = ys.pixel[j] * widthPx;
    const wy = ys.coverage[j];
    for (let i = xs.first[x]; i < xs.first[x + 1]; i++) {
      const wx = xs.coverage[i];
      sum += gray[row + xs.pixel[i]] * wx * wy;
      weight += wx * wy;
    }
  }
  return weight > 0 ? sum / weight : 255;
}

/** Width of the line resized to heightPx, aspect kept (squeezed beyond REC_MAX_WIDTH_HEIGHTS heights). */
export function lineToResizedWidthPx(line: Pick<GrayImage, 'widthPx' | 'heightPx'>, heightPx: number): number {
  const ratio = line.widthPx / line.heightPx;
  return Math.max(1, Math.min(Math.ceil(heightPx * ratio), Math.round(heightPx * REC_MAX_WIDTH_HEIGHTS)));
}

/** The input width of a line whose resized ink is resizedWidthPx wide: at least the minimum, rounded up to the step. */
export function resizedWidthToInputWidthPx(resizedWidthPx: number, padding: RecInputPadding): number {
  const { minWidthPx, widthStepPx } = RecInputPadding.parse(padding);
  return Math.max(minWidthPx, Math.ceil(resizedWidthPx / widthStepPx) * widthStepPx);
}

/**
 * The line crop as the model's input: resized to heightPx (aspect kept, area-averaged when shrinking), normalised, 3
 * channels, padded (to PaddleOCR's 320 px minimum unless padding says otherwise).
 */
export function grayLineToRecInput(
  line: GrayImage,
  heightPx: number,
  padding: RecInputPadding = { minWidthPx: Math.ceil(heightPx * REC_MIN_WIDTH_HEIGHTS) },
): { data: Float32Array; widthPx: number; resizedWidthPx: number } {
  const resizedWidthPx = lineToResizedWidthPx(line, heightPx);
  const widthPx = resizedWidthToInputWidthPx(resizedWidthPx, padding);
  const plane = widthPx * heightPx;
  const data = new Float32Array(3 * plane).fill(REC_PAD_VALUE);
  const xs = axisSamples(resizedWidthPx, line.widthPx / resizedWidthPx, line.widthPx);
  const ys = axisSamples(heightPx, line.heightPx / heightPx, line.heightPx);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < resizedWidthPx; x++) {
      const value =
        xs.point[x] === 1 && ys.point[y] === 1
          ? bilinearGray(line, xs.at[x], ys.at[y])
          : areaMeanGray(line, xs, x, ys, y);
      const normalised = (value / 255 - 0.5) / 0.5;
      const i = y * widthPx + x;
      data[i] = normalised;
      data[plane + i] = normalised;
      data[2 * plane + i] = normalised;
    }
  }
  return { data, widthPx, resizedWidthPx };
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
  const {
    model: name,
    intraOpThreads,
    minInputWidthPx,
    inputWidthStepPx,
    maxBatchLines,
  } = PaddleRecogniserOptions.parse(options);
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
  const padding = { minWidthPx: minInputWidthPx, widthStepPx: inputWidthStepPx };
  const plane = (widthPx: number) => 3 * inputHeightPx * widthPx;

  type Waiting = {
    line: GrayImage;
    inputWidthPx: number;
    resolve: (reading: PaddleLineReading) => void;
    reject: (error: unknown) => void;
  };
  // One run at a time: a session's runs queue here rather than contend for the same threads.
  const waiting: Waiting[] = [];
  let draining: Promise<void> | null = null;

  /** The oldest waiting line and the lines of its input width after it, up to the batch limits, out of the queue. */
  const nextBatch = (): Waiting[] => {
    const widthPx = waiting[0].inputWidthPx;
    const maxLines = Math.min(maxBatchLines, Math.max(1, Math.floor(REC_MAX_BATCH_INPUT_PX / widthPx)));
    const batch: Waiting[] = [];
    for (let i = 0; i < waiting.length && batch.length < maxLines; ) {
      if (waiting[i].inputWidthPx === widthPx) batch.push(...waiting.splice(i, 1));
      else i++;
    }
    return batch;
  };

  const run = async (batch: Waiting[]): Promise<PaddleLineReading[]> => {
    const widthPx = batch[0].inputWidthPx;
    const data = new Float32Array(batch.length * plane(widthPx));
    const resized = batch.map(({ line }, i) => {
      const input = grayLineToRecInput(line, inputHeightPx, padding);
      data.set(input.data, i * plane(widthPx));
      return input.resizedWidthPx;
    });
    const tensor = new ort.Tensor('float32', data, [batch.length, 3, inputHeightPx, widthPx]);
    let output: ort.Tensor;
    try {
      output = (await session.run({ [inputName]: tensor }))[outputName] as ort.Tensor;
    } catch (error) {
      const sizes = batch.map(({ line }) => `${line.widthPx}×${line.heightPx}`).join(', ');
      throw new BudgetPdfError('ocr_failed', null, `PP-OCR recognition failed on lines ${sizes}`, { cause: error });
    }
    const [, timeSteps, classCount] = output.dims as number[];
    const probabilities = output.data as Float32Array;
    const readings = batch.map(({ line }, i) =>
      ctcProbabilitiesToReading(
        probabilities.subarray(i * timeSteps * classCount, (i + 1) * timeSteps * classCount),
        timeSteps,
        classCount,
        keys,
        { inputWidthPx: widthPx, resizedWidthPx: resized[i], cropWidthPx: line.widthPx },
      ),
    );
    output.dispose();
    return readings;
  };

  const drain = async (): Promise<void> => {
    // Let the caller queue the rest of its lines first (recogniseLines, Promise.all over a request's lines).
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      const batch = nextBatch();
      try {
        const readings = await run(batch);
        for (const [i, item] of batch.entries()) item.resolve(readings[i]);
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    draining = null;
  };

  const recogniser: PaddleRecogniser = {
    model,
    inputHeightPx,
    recogniseLine(line) {
      return new Promise<PaddleLineReading>((resolve, reject) => {
        const inputWidthPx = resizedWidthToInputWidthPx(lineToResizedWidthPx(line, inputHeightPx), padding);
        waiting.push({ line, inputWidthPx, resolve, reject });
        draining ??= drain();
      });
    },
    recogniseLines(lines) {
      return Promise.all(lines.map((line) => recogniser.recogniseLine(line)));
    },
  };
  try {
    return await fn(recogniser);
  } finally {
    while (draining) await draining;
    await session.release();
  }
}
