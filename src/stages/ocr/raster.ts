/**
 * Greyscale page images in memory: binarise, estimate skew, rotate, crop.
 * Pixels stay Uint8Array (one byte per pixel, 0 = black); no PNG round trips (docs/design.md §4).
 */
import { z } from 'zod';

export const GrayImage = z.object({
  widthPx: z.number().int().min(1),
  heightPx: z.number().int().min(1),
  gray: z.instanceof(Uint8Array),
});
export type GrayImage = z.infer<typeof GrayImage>;

/** Ink mask: 1 where the pixel is dark. */
export const BinaryImage = z.object({
  widthPx: z.number().int().min(1),
  heightPx: z.number().int().min(1),
  ink: z.instanceof(Uint8Array),
});
export type BinaryImage = z.infer<typeof BinaryImage>;

export const PixelBox = z.object({
  x0: z.number().int(),
  top: z.number().int(),
  x1: z.number().int(),
  bottom: z.number().int(),
});
/** A box in pixels, x1/bottom exclusive. */
export type PixelBox = z.infer<typeof PixelBox>;

/** Converts RGBA, RGB or 1-bit/8-bit grey pixel data (pdf.js ImageKind) to 8-bit grey. */
export function pixelsToGray(
  data: Uint8Array | Uint8ClampedArray,
  widthPx: number,
  heightPx: number,
  channels: 1 | 3 | 4,
): GrayImage {
  const n = widthPx * heightPx;
  const gray = new Uint8Array(n);
  if (channels === 1) gray.set(data.subarray(0, n));
  else {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      gray[i] = (data[j] * 77 + data[j + 1] * 150 + data[j + 2] * 29) >> 8;
    }
  }
  return { widthPx, heightPx, gray };
}

/** Otsu's threshold over the grey histogram: pixels <= threshold are ink. */
export function otsuThreshold(image: GrayImage): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < image.gray.length; i++) histogram[image.gray[i]]++;
  const total = image.gray.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v];
  let weightBelow = 0;
  let sumBelow = 0;
  let best = 127;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t];
    if (weightBelow === 0) continue;
    const weightAbove = total - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += t * histogram[t];
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sumAll - sumBelow) / weightAbove;
    const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

export function grayToBinary(image: GrayImage, threshold = otsuThreshold(image)): BinaryImage {
  const ink = new Uint8Array(image.gray.length);
  for (let i = 0; i < ink.length; i++) ink[i] = image.gray[i] <= threshold ? 1 : 0;
  return { widthPx: image.widthPx, heightPx: image.heightPx, ink };
}

/** Skew search range and steps in degrees; scans are rotated by up to a degree or two (issue 3). */
const SKEW_SEARCH_MAX_DEG = 3;
const SKEW_COARSE_STEP_DEG = 0.2;
const SKEW_FINE_STEP_DEG = 0.02;
/**
 * Ink pixels sampled every this many columns (every row, so the profile does not alias) for speed on 300 dpi A4 pages.
 */
const SKEW_SAMPLE_STEP_PX = 3;

/**
 * Projection-profile skew estimate: the angle (degrees, positive = content rotated clockwise
 * on screen, i.e. lines descend to the right) whose row profile of ink is sharpest.
 */
export function binaryToSkewDeg(binary: BinaryImage): number {
  const { widthPx, heightPx, ink } = binary;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < heightPx; y++) {
    for (let x = (y * 7) % SKEW_SAMPLE_STEP_PX; x < widthPx; x += SKEW_SAMPLE_STEP_PX) {
      if (ink[y * widthPx + x]) {
        xs.push(x - widthPx / 2);
        ys.push(y);
      }
    }
  }
  if (xs.length === 0) return 0;
  const margin = Math.ceil(widthPx * Math.tan((SKEW_SEARCH_MAX_DEG * Math.PI) / 180)) + 2;
  const bins = new Float64Array(heightPx + 2 * margin);
  const score = (angleDeg: number): number => {
    bins.fill(0);
    const slope = Math.tan((angleDeg * Math.PI) / 180);
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i] - xs[i] * slope) + margin]++;
    let sum = 0;
    for (let i = 1; i < bins.length; i++) sum += (bins[i] - bins[i - 1]) ** 2;
    return sum;
  };
  const search = (from: number, to: number, step: number): number => {
    let best = 0;
    let bestScore = -1;
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = score(a);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    return best;
  };
  const coarse = search(-SKEW_SEARCH_MAX_DEG, SKEW_SEARCH_MAX_DEG, SKEW_COARSE_STEP_DEG);
  return search(coarse - SKEW_COARSE_STEP_DEG, coarse + SKEW_COARSE_STEP_DEG, SKEW_FINE_STEP_DEG);
}

/**
 * Rotates about the centre by -skewDeg (undoing a skew estimated by binaryToSkewDeg),
 * bilinear, white outside. Same size as the input.
 */
export function grayToDeskewed(image: GrayImage, skewDeg: number): GrayImage {
  if (Math.abs(skewDeg) < 1e-3) return image;
  const { widthPx, heightPx, gray } = image;
  const out = new Uint8Array(widthPx * heightPx).fill(255);
  const theta = (skewDeg * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cx = widthPx / 2;
  const cy = heightPx / 2;
  for (let y = 0; y < heightPx; y++) {
    const dy = y - cy;
    for (let x = 0; x < widthPx; x++) {
      const dx = x - cx;
      // source = rotate(dest) by +theta: content at (x, y) came from a point rotated by the skew.
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= widthPx || y0 + 1 >= heightPx) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * widthPx + x0;
      const top = gray[i] + (gray[i + 1] - gray[i]) * fx;
      const bottom = gray[i + widthPx] + (gray[i + widthPx + 1] - gray[i + widthPx]) * fx;
      out[y * widthPx + x] = top + (bottom - top) * fy;
    }
  }
  return { widthPx, heightPx, gray: out };
}

export function grayToCrop(image: GrayImage, box: PixelBox): GrayImage {
  const x0 = Math.max(0, box.x0);
  const top = Math.max(0, box.top);
  const x1 = Math.min(image.widthPx, box.x1);
  const bottom = Math.min(image.heightPx, box.bottom);
  const widthPx = Math.max(1, x1 - x0);
  const heightPx = Math.max(1, bottom - top);
  const gray = new Uint8Array(widthPx * heightPx).fill(255);
  for (let y = top; y < bottom; y++)
    gray.set(image.gray.subarray(y * image.widthPx + x0, y * image.widthPx + x1), (y - top) * widthPx);
  return { widthPx, heightPx, gray };
}

/** Adds a white border: tesseract reads glyphs that touch the image edge poorly. */
export function grayToPadded(image: GrayImage, paddingPx: number): GrayImage {
  const widthPx = image.widthPx + 2 * paddingPx;
  const heightPx = image.heightPx + 2 * paddingPx;
  const gray = new Uint8Array(widthPx * heightPx).fill(255);
  for (let y = 0; y < image.heightPx; y++) {
    gray.set(image.gray.subarray(y * image.widthPx, (y + 1) * image.widthPx), (y + paddingPx) * widthPx + paddingPx);
  }
  return { widthPx, heightPx, gray };
}

/** Bilinear scale by a factor (used to bring low-dpi crops to the size tesseract reads best). */
export function grayToScaled(image: GrayImage, factor: number): GrayImage {
  const widthPx = Math.max(1, Math.round(image.widthPx * factor));
  const heightPx = Math.max(1, Math.round(image.heightPx * factor));
  const gray = new Uint8Array(widthPx * heightPx);
  for (let y = 0; y < heightPx; y++) {
    const sy = Math.min(image.heightPx - 1, (y + 0.5) / factor - 0.5);
    const y0 = Math.max(0, Math.floor(sy));
    const y1 = Math.min(image.heightPx - 1, y0 + 1);
    const fy = Math.max(0, sy - y0);
    for (let x = 0; x < widthPx; x++) {
      const sx = Math.min(image.widthPx - 1, (x + 0.5) / factor - 0.5);
      const x0 = Math.max(0, Math.floor(sx));
      const x1 = Math.min(image.widthPx - 1, x0 + 1);
      const fx = Math.max(0, sx - x0);
      const a =
        image.gray[y0 * image.widthPx + x0] +
        (image.gray[y0 * image.widthPx + x1] - image.gray[y0 * image.widthPx + x0]) * fx;
      const b =
        image.gray[y1 * image.widthPx + x0] +
        (image.gray[y1 * image.widthPx + x1] - image.gray[y1 * image.widthPx + x0]) * fx;
      gray[y * widthPx + x] = a + (b - a) * fy;
    }
  }
  return { widthPx, heightPx, gray };
}

/**
 * Runs of columns holding ink between rows top and bottom, left to right, each with the rows its ink
 * spans (leader dots of a contents line, glyph heights in a cell).
 */
export function columnInkRuns(
  widthPx: number,
  top: number,
  bottom: number,
  isInk: (x: number, y: number) => boolean,
): PixelBox[] {
  const runs: PixelBox[] = [];
  let current: PixelBox | null = null;
  for (let x = 0; x < widthPx; x++) {
    let inkTop = -1;
    let inkBottom = -1;
    for (let y = top; y < bottom; y++) {
      if (!isInk(x, y)) continue;
      if (inkTop < 0) inkTop = y;
      inkBottom = y + 1;
    }
    if (inkTop < 0) {
      if (current !== null) runs.push(current);
      current = null;
    } else if (current !== null)
      current = {
        x0: current.x0,
        x1: x + 1,
        top: Math.min(current.top, inkTop),
        bottom: Math.max(current.bottom, inkBottom),
      };
    else current = { x0: x, x1: x + 1, top: inkTop, bottom: inkBottom };
  }
  if (current !== null) runs.push(current);
  return runs;
}

/** The image turned by 180° (a page fed upside down): pixel order reversed. */
export function grayToTurned180(image: GrayImage): GrayImage {
  return { widthPx: image.widthPx, heightPx: image.heightPx, gray: image.gray.slice().reverse() };
}
