/**
 * OCR: a placed page image → PageText with source 'ocr'. Binarise, deskew, find the table rules,
 * recognise cell by cell with the rules erased (whole-page recognition of ruled tables misreads a
 * quarter of the Han characters, DESIGN.md §4), text outside tables line by line. Runs and rulings
 * come back in page points so the same layout stage builds the tables.
 */
import type { PageText, Ruling, TextRun } from '../../model/index.js';
import type { OcrLine, OcrPool, PageSegMode } from './pool.js';
import { type PlacedImage } from './pageImage.js';
import {
  type BinaryImage,
  type GrayImage,
  type PixelBox,
  binaryToSkewDeg,
  grayToBinary,
  grayToCrop,
  grayToDeskewed,
  grayToPadded,
  grayToScaled,
  otsuThreshold,
} from './raster.js';
import { binaryToRules, binaryToTextLineBoxes, ruleOptionsForDpi, rulesToCellBoxes, type PixelRule } from './rules.js';

export { withOcrPool, type OcrPool } from './pool.js';
export { pageToPlacedImage, type PlacedImage } from './pageImage.js';

/** White border around each crop, in points: tesseract misreads glyphs touching the edge. */
const CROP_PADDING_PT = 3;
/** Pixels trimmed inside a cell's box, in points: the blurred fringe of its rules. */
const CELL_INSET_PT = 0.5;
/** A cell with fewer ink pixels than this share of its area is empty (JPEG speckle). */
const CELL_MIN_INK_SHARE = 0.002;
/** Crops from scans below this resolution are upscaled to it: LSTM chi_sim reads 10.5pt text best at ~300 dpi. */
export const OCR_TARGET_DPI = 300;

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

/** Tesseract puts spaces between Han characters; they are not in the print. A space next to ASCII (205003 单位名) is kept. */
export function ocrTextToRunText(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, '').replace(/\s+/g, ' ').trim();
}

type PageFrame = { boxPt: PlacedImage['boxPt']; widthPx: number; heightPx: number };

function pixelBoxToPt(box: { x0: number; top: number; x1: number; bottom: number }, frame: PageFrame) {
  const sx = (frame.boxPt.x1 - frame.boxPt.x0) / frame.widthPx;
  const sy = (frame.boxPt.bottom - frame.boxPt.top) / frame.heightPx;
  return { x0: frame.boxPt.x0 + box.x0 * sx, top: frame.boxPt.top + box.top * sy, x1: frame.boxPt.x0 + box.x1 * sx, bottom: frame.boxPt.top + box.bottom * sy };
}

export function pixelRulesToRulings(rules: PixelRule[], frame: PageFrame): Ruling[] {
  return rules.map((rule) => ({ ...pixelBoxToPt(rule, frame), orientation: rule.orientation }));
}

/** Number of separate ink bands (text lines) in a box: 1 → single-line mode. */
function inkBandCount(binary: BinaryImage, box: PixelBox, ruleMask: Uint8Array): number {
  let bands = 0;
  let inBand = false;
  for (let y = box.top; y < box.bottom; y++) {
    let any = false;
    for (let x = box.x0; x < box.x1 && !any; x++) {
      const i = y * binary.widthPx + x;
      any = binary.ink[i] === 1 && ruleMask[i] === 0;
    }
    if (any && !inBand) bands++;
    inBand = any;
  }
  return bands;
}

function inkCount(binary: BinaryImage, box: PixelBox, ruleMask: Uint8Array): number {
  let count = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = y * binary.widthPx + x;
      if (binary.ink[i] === 1 && ruleMask[i] === 0) count++;
    }
  }
  return count;
}

/** Crop of the deskewed page with rule pixels (and a 1px fringe) painted white, padded and scaled for tesseract. */
function cropForOcr(gray: GrayImage, ruleMask: Uint8Array, box: PixelBox, paddingPx: number, scale: number): GrayImage {
  const crop = grayToCrop(gray, box);
  for (let y = 0; y < crop.heightPx; y++) {
    for (let x = 0; x < crop.widthPx; x++) {
      const py = y + box.top;
      const px = x + box.x0;
      let onRule = false;
      for (let dy = -1; dy <= 1 && !onRule; dy++) {
        for (let dx = -1; dx <= 1 && !onRule; dx++) {
          const qy = py + dy;
          const qx = px + dx;
          if (qy >= 0 && qx >= 0 && qy < gray.heightPx && qx < gray.widthPx) onRule = ruleMask[qy * gray.widthPx + qx] === 1;
        }
      }
      if (onRule) crop.gray[y * crop.widthPx + x] = 255;
    }
  }
  const padded = grayToPadded(crop, paddingPx);
  return scale === 1 ? padded : grayToScaled(padded, scale);
}

function linesToRuns(lines: OcrLine[], box: PixelBox, paddingPx: number, scale: number, frame: PageFrame, dpi: number): TextRun[] {
  const runs: TextRun[] = [];
  for (const line of lines) {
    const text = ocrTextToRunText(line.text);
    if (!text) continue;
    const pixel = {
      x0: box.x0 + line.x0 / scale - paddingPx,
      top: box.top + line.top / scale - paddingPx,
      x1: box.x0 + line.x1 / scale - paddingPx,
      bottom: box.top + line.bottom / scale - paddingPx,
    };
    const confidences = line.words.filter((w) => w.text.trim()).map((w) => w.confidence);
    runs.push({
      ...pixelBoxToPt(pixel, frame),
      text,
      fontSizePt: ((pixel.bottom - pixel.top) * 72) / dpi,
      confidence: confidences.length ? Math.min(...confidences) : line.confidence,
    });
  }
  return runs;
}

/** Characters of project codes (DESIGN.md §3 check alphabet): a code re-read with them cannot contain O, I, S or Z. */
export const CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Characters of amounts and percentages. */
export const NUMBER_CHARACTERS = '0123456789.%';
/** Characters of a page number in the contents. */
export const DIGIT_CHARACTERS = '0123456789';
/** A code cell holds at least this many letters and digits (21-character codes, also when wrapped). */
const CODE_MIN_CHARS = 10;
/** A text line piece this short and below this confidence may be a page number misread as Han (contents of the seed scans). */
const PAGE_NUMBER_MAX_CHARS = 2;
const PAGE_NUMBER_REREAD_BELOW_CONFIDENCE = 60;

const readingText = (lines: OcrLine[]) => lines.map((line) => line.text).join('').replace(/\s+/g, '');
const readingConfidence = (lines: OcrLine[]) => Math.min(100, ...lines.flatMap((line) => line.words.map((word) => word.confidence)));

/**
 * The characters to re-read a crop with, or null: cells that read as a number or a project code
 * (ASCII digits and letters with separators, no Han) are read again restricted to their alphabet;
 * short, doubtful pieces of text lines again as digits.
 */
export function rereadWhitelist(first: OcrLine[], isLine: boolean): string | null {
  const text = readingText(first);
  if (text === '') return null;
  if (isLine) return [...text].length <= PAGE_NUMBER_MAX_CHARS && readingConfidence(first) < PAGE_NUMBER_REREAD_BELOW_CONFIDENCE ? DIGIT_CHARACTERS : null;
  if (!/^[0-9A-Za-z.,，。%％:：'"“”|()\-]+$/u.test(text) || (text.match(/\d/g) ?? []).length < 2) return null;
  const alphanumerics = (text.match(/[0-9A-Za-z]/g) ?? []).length;
  return alphanumerics >= CODE_MIN_CHARS && /[A-Za-z]/.test(text) ? CODE_CHARACTERS : NUMBER_CHARACTERS;
}

/** The restricted re-reading of a cell replaces the first one; for a line piece it must also be more confident. */
function betterReading(first: OcrLine[], reread: OcrLine[], isLine: boolean): OcrLine[] {
  if (readingText(reread) === '') return first;
  if (isLine && readingConfidence(reread) <= readingConfidence(first)) return first;
  return reread;
}

export type OcrPageReport = { skewDeg: number; cellCount: number; lineCount: number; recogniseCalls: number; seconds: number };

/** OCR of one page image into the PageText the layout stage reads. */
export async function placedImageToPageText(
  placed: PlacedImage,
  page: { pageNumber: number; widthPt: number; heightPt: number },
  pool: OcrPool,
): Promise<{ pageText: PageText; report: OcrPageReport }> {
  const started = performance.now();
  const { dpi } = placed;
  const threshold = otsuThreshold(placed.image);
  const skewDeg = binaryToSkewDeg(grayToBinary(placed.image, threshold));
  const gray = grayToDeskewed(placed.image, skewDeg);
  const binary = grayToBinary(gray, threshold);
  const { rules, ruleMask } = binaryToRules(binary, ruleOptionsForDpi(dpi));
  const cells = rulesToCellBoxes(rules, binary.widthPx, binary.heightPx, dpi);
  const lineBoxes = binaryToTextLineBoxes(binary, ruleMask, cells, dpi);
  const frame: PageFrame = { boxPt: placed.boxPt, widthPx: gray.widthPx, heightPx: gray.heightPx };
  const paddingPx = Math.round((CROP_PADDING_PT * dpi) / 72);
  const insetPx = Math.max(1, Math.round((CELL_INSET_PT * dpi) / 72));
  const scale = dpi < OCR_TARGET_DPI * 0.9 ? OCR_TARGET_DPI / dpi : 1;

  const jobs: Array<{ box: PixelBox; mode: PageSegMode; isLine: boolean }> = [];
  for (const cell of cells) {
    const box = { x0: cell.x0 + insetPx, top: cell.top + insetPx, x1: cell.x1 - insetPx, bottom: cell.bottom - insetPx };
    if (box.x1 <= box.x0 || box.bottom <= box.top) continue;
    if (inkCount(binary, box, ruleMask) < CELL_MIN_INK_SHARE * (box.x1 - box.x0) * (box.bottom - box.top)) continue;
    jobs.push({ box, mode: inkBandCount(binary, box, ruleMask) <= 1 ? '7' : '6', isLine: false });
  }
  for (const line of lineBoxes) jobs.push({ box: line, mode: '7', isLine: true });

  const results = await Promise.all(
    jobs.map(async ({ box, mode, isLine }) => {
      const image = cropForOcr(gray, ruleMask, box, paddingPx, scale);
      const request = { image, pageSegMode: mode, dpi: dpi * scale };
      const first = await pool.recognise(request);
      const whitelist = rereadWhitelist(first, isLine);
      const lines = whitelist === null ? first : betterReading(first, await pool.recognise({ ...request, charWhitelist: whitelist }), isLine);
      return linesToRuns(lines, box, paddingPx, scale, frame, dpi);
    }),
  );
  const pageText: PageText = {
    pageNumber: page.pageNumber,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    source: 'ocr',
    runs: results.flat(),
    rulings: pixelRulesToRulings(rules, frame),
  };
  return {
    pageText,
    report: { skewDeg, cellCount: cells.length, lineCount: lineBoxes.length, recogniseCalls: jobs.length, seconds: (performance.now() - started) / 1000 },
  };
}
