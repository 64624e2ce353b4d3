/**
 * OCR: a placed page image → PageText with source 'ocr'. Binarise, deskew, find the table rules,
 * recognise cell by cell with the rules erased (whole-page recognition of ruled tables misreads a
 * quarter of the Han characters, DESIGN.md §4), text outside tables line by line. Runs and rulings
 * come back in page points so the same layout stage builds the tables.
 */
import type { PageText, Ruling, TextRun } from '../../model/index.js';
import type { OcrLine, OcrPool, OcrSymbol, PageSegMode, RecogniseRequest } from './pool.js';
import { PROJECT_CODE_ALPHABET, codePassesCheck, isWholeCodeReading } from '../../vocabulary/projectCode.js';
import { type PlacedImage } from './pageImage.js';
import {
  type BinaryImage,
  type GrayImage,
  type PixelBox,
  binaryToSkewDeg,
  columnInkRuns,
  grayToBinary,
  grayToCrop,
  grayToDeskewed,
  grayToPadded,
  grayToScaled,
  otsuThreshold,
} from './raster.js';
import { binaryToRules, binaryToTextLineBoxes, ruleOptionsForDpi, rulesToCellBoxes, type PixelRule } from './rules.js';
import { nearestSpan, profileToLineRanges, stripReadingToCellLines, type LineRows } from './cellLines.js';
import { leadingComparatorGlyph, MISREAD_COMPARATOR_BEFORE_NUMBER } from './comparatorGlyph.js';
import { grayWithGapsInserted, linesWithoutGaps, touchingGlyphCuts } from './touchingGlyphs.js';

export { withOcrPool, type OcrPool } from './pool.js';
export { pageToPlacedImage, type PlacedImage } from './pageImage.js';

/** White border around each crop, in points: tesseract misreads glyphs touching the edge. */
const CROP_PADDING_PT = 3;
/** Pixels trimmed inside a cell's box, in points: the blurred fringe of its rules. */
const CELL_INSET_PT = 0.5;
/** A cell with fewer ink pixels than this share of its area is empty (JPEG speckle). */
const CELL_MIN_INK_SHARE = 0.002;
/** A line piece no wider than this many times its height is one character (`目` of a spaced `目 录`): PSM 10, as PSM 7 returned nothing. */
const SINGLE_CHARACTER_MAX_ASPECT = 1.3;
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

/** Text lines separated by rows without ink: 1 → the cell is read as a single line (PSM 7), more → as a block. */
function emptyRowBandCount(profile: Int32Array): number {
  let bands = 0;
  for (let y = 0; y < profile.length; y++) if (profile[y] > 0 && (y === 0 || profile[y - 1] === 0)) bands++;
  return bands;
}

/** Ink pixels (rules excluded) in each pixel row of a box, top to bottom. */
function inkRowProfile(binary: BinaryImage, box: PixelBox, ruleMask: Uint8Array): Int32Array {
  const profile = new Int32Array(Math.max(0, box.bottom - box.top));
  for (let y = box.top; y < box.bottom; y++) {
    let count = 0;
    for (let x = box.x0; x < box.x1; x++) {
      const i = y * binary.widthPx + x;
      if (binary.ink[i] === 1 && ruleMask[i] === 0) count++;
    }
    profile[y - box.top] = count;
  }
  return profile;
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

/** A recognised symbol whose box holds less ink than this share is read into blank space (`目 录` → `目有录`). */
const SYMBOL_MIN_INK_SHARE = 0.03;

/** Removes symbols that tesseract placed over blank paper: their box in the crop has (almost) no ink. */
export function linesWithoutBlankSymbols(lines: OcrLine[], crop: GrayImage, inkThreshold: number): OcrLine[] {
  const inkShare = (b: { x0: number; top: number; x1: number; bottom: number }) => {
    let ink = 0;
    let area = 0;
    for (let y = Math.max(0, b.top); y < Math.min(crop.heightPx, b.bottom); y++) {
      for (let x = Math.max(0, b.x0); x < Math.min(crop.widthPx, b.x1); x++) {
        area++;
        if (crop.gray[y * crop.widthPx + x] <= inkThreshold) ink++;
      }
    }
    return area === 0 ? 1 : ink / area;
  };
  return lines.map((line) => {
    let changed = false;
    const words = line.words.map((word) => {
      const symbols = word.symbols.filter((symbol) => inkShare(symbol) >= SYMBOL_MIN_INK_SHARE);
      if (symbols.length === word.symbols.length) return word;
      changed = true;
      return { ...word, symbols, text: symbols.map((symbol) => symbol.text).join('') };
    });
    if (!changed) return line;
    const kept = words.filter((word) => word.text !== '');
    return { ...line, words: kept, text: kept.map((word) => word.text).join(' ') };
  });
}

/** A glyph at most this wide for its ink height (its foot included), with an upright stem, may be a `1` (lone page numbers; chi_sim reads a lone 1 as 于/下). */
const ONE_MAX_WIDTH_SHARE = 0.8;
/** …whose middle rows (between flag and foot, 35–65 % of its height) hold nothing but the stem, at most this share of its height wide (not a 4 or a 7). */
const ONE_WAIST_MAX_WIDTH_SHARE = 0.3;
/** The stem of a `1`: one column inked over at least this share of the glyph's height. */
const ONE_STEM_MIN_HEIGHT_SHARE = 0.85;
/** …and the glyph at least this tall for the line piece (not a dash or a dot). */
const ONE_MIN_HEIGHT_SHARE = 0.6;

/** A line piece whose ink is nothing but narrow glyphs with a full-height stem reads as that many `1`s; null otherwise. */
export function thinStrokesToOnes(binary: BinaryImage, ruleMask: Uint8Array, box: PixelBox): string | null {
  const glyphs: Array<{ x0: number; x1: number; top: number; bottom: number; stem: number }> = [];
  for (let x = box.x0; x < box.x1; x++) {
    let count = 0;
    let top = Infinity;
    let bottom = -Infinity;
    for (let y = box.top; y < box.bottom; y++) {
      const i = y * binary.widthPx + x;
      if (binary.ink[i] === 1 && ruleMask[i] === 0) {
        count++;
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + 1);
      }
    }
    if (count === 0) continue;
    const last = glyphs[glyphs.length - 1];
    if (last && last.x1 === x) {
      last.x1 = x + 1;
      last.top = Math.min(last.top, top);
      last.bottom = Math.max(last.bottom, bottom);
      last.stem = Math.max(last.stem, count);
    } else glyphs.push({ x0: x, x1: x + 1, top, bottom, stem: count });
  }
  if (glyphs.length === 0) return null;
  const isOne = (g: (typeof glyphs)[number]) => {
    const height = g.bottom - g.top;
    if (height < ONE_MIN_HEIGHT_SHARE * (box.bottom - box.top) || g.x1 - g.x0 > ONE_MAX_WIDTH_SHARE * height || g.stem < ONE_STEM_MIN_HEIGHT_SHARE * height) return false;
    for (let y = Math.round(g.top + 0.35 * height); y < Math.round(g.top + 0.65 * height); y++) {
      let x0 = Infinity;
      let x1 = -Infinity;
      for (let x = g.x0; x < g.x1; x++) {
        const i = y * binary.widthPx + x;
        if (binary.ink[i] === 1 && ruleMask[i] === 0) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x + 1);
        }
      }
      if (x1 - x0 > ONE_WAIST_MAX_WIDTH_SHARE * height) return false;
    }
    return true;
  };
  return glyphs.every(isOne) ? '1'.repeat(glyphs.length) : null;
}

/** Characters of project codes (DESIGN.md §3 check alphabet): a code re-read with them cannot contain O, I, S or Z. */
export const CODE_CHARACTERS = PROJECT_CODE_ALPHABET;
/** Characters of amounts and percentages. */
export const NUMBER_CHARACTERS = '0123456789.,%';
/** Characters of a page number in the contents. */
export const DIGIT_CHARACTERS = '0123456789';
/** A code cell holds at least this many letters and digits (21-character codes, also when wrapped). */
const CODE_MIN_CHARS = 10;
/** …and at least this share of its characters are ASCII letters and digits. */
const CODE_MIN_ASCII_SHARE = 0.75;
/** An amount or percentage cell: at most this many characters (`2350.08`, `100%`, `12345678.00`)… */
const NUMBER_MAX_CHARS = 14;
/** …of which at least this share are digits, separators or %. */
const NUMBER_MIN_SHARE = 0.75;
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
  const total = [...text].length;
  const alphanumerics = (text.match(/[0-9A-Za-z]/g) ?? []).length;
  // O, I, l and | count as the digits they are misreadings of (`7O%`).
  const numeric = (text.match(/[0-9OoIl|.,，。%％]/g) ?? []).length;
  if (!/\d/.test(text) || (text.match(/[0-9OoIl|]/g) ?? []).length < 2) return null;
  // A code cell may come back with a Han misreading of a digit or two (200 dpi: `…1000和`, `…1000是`).
  if (alphanumerics >= CODE_MIN_CHARS && /[A-Za-z]/.test(text) && alphanumerics >= CODE_MIN_ASCII_SHARE * total) return CODE_CHARACTERS;
  // Amounts and percentages only when nothing but ASCII was read: `二 90%` is ≥90%, and a whitelist would drop the ≥.
  const asciiOnly = /^[0-9A-Za-z.,，。%％:：'"“”|()\[\]\-]+$/u.test(text);
  return asciiOnly && total <= NUMBER_MAX_CHARS && numeric >= NUMBER_MIN_SHARE * total ? NUMBER_CHARACTERS : null;
}

/** A number and one Han glyph: a count with its unit (`12座`), or a share whose `%` chi_sim read as Han (`40多`, `45%` → `43鸭`)… */
const NUMBER_THEN_HAN = /^\d{1,3}(?:\.\d+)?\p{Script=Han}$/u;
/**
 * …told apart by height: a Han unit stands taller than the digits before it (a full em against their
 * cap height), a `%` no taller. (eng cannot tell them: it reads 家 and 场 as `%` too.)
 */
const PERCENT_SIGN_MAX_HEIGHT_OVER_DIGITS = 1.12;
const PLAIN_PERCENT = /^\d{1,3}(?:\.\d+)?%$/;

/**
 * Whether a reading is a number followed by one glyph read as Han while the cell's ink is all of one
 * height: a `%` misread (a Han unit stands a full em, taller than the digits' cap height). Heights
 * come from the crop's ink split at blank columns (tesseract's symbol boxes are not tight): the
 * tallest piece against the shortest of those at least half as tall (a `%`'s rings are lower).
 */
export function isPercentSignReadAsHan(reading: OcrLine[], crop: GrayImage, inkThreshold: number): boolean {
  if (!NUMBER_THEN_HAN.test(readingText(reading))) return false;
  const heights = columnInkRuns(crop.widthPx, 0, crop.heightPx, (x, y) => crop.gray[y * crop.widthPx + x] <= inkThreshold).map((run) => run.bottom - run.top);
  const tallest = Math.max(...heights);
  const shortestTall = Math.min(...heights.filter((height) => height >= tallest / 2));
  return heights.length >= 2 && tallest <= PERCENT_SIGN_MAX_HEIGHT_OVER_DIGITS * shortestTall;
}

/**
 * A cell that read as a project code, read again with the code alphabet until a reading passes the
 * check character: eng, the first reading itself, chi_sim (each misses glyphs the others read: eng
 * dropped the `1` of a wrapped `1N`, chi_sim read `1H` as `1]`, `1W` as `1 下`), the cell's lines
 * side by side in one strip (a short wrapped line such as `1W` is read poorly in a block), then,
 * for crops upscaled from 200 dpi, eng and chi_sim at the scan's own resolution (upscaled wrapped
 * codes lost their last characters), and last eng and chi_sim on the crop with touching glyphs pulled
 * apart (a wrapped `1J` whose foot and hook touch reads as `U` otherwise: touchingGlyphs.ts). When
 * none passes (a code printed with a wrong check character passes in no reading): the first reading,
 * in that order, that is a whole code once confusables are mapped (a serif J read as `]`; eco-2023's
 * planted failing `…1J` read whole only with its glyphs apart), else eng's; the repair stage maps
 * confusables and reports the failing check.
 */
export async function codeCellReading(
  first: OcrLine[],
  request: RecogniseRequest,
  native: RecogniseRequest | null,
  scale: number,
  pool: OcrPool,
  stripOfLines: ((restrict: Pick<RecogniseRequest, 'charWhitelist' | 'language'>) => Promise<OcrLine[]>) | null = null,
  glyphsApart: ((restrict: Pick<RecogniseRequest, 'charWhitelist' | 'language'>) => Promise<OcrLine[]>) | null = null,
): Promise<OcrLine[]> {
  const restricted = { charWhitelist: CODE_CHARACTERS };
  const attempts: Array<() => Promise<OcrLine[]>> = [
    () => pool.recognise({ ...request, ...restricted, language: 'eng' }),
    async () => first,
    () => pool.recognise({ ...request, ...restricted }),
    ...(stripOfLines === null ? [] : [() => stripOfLines({ ...restricted, language: 'eng' })]),
    ...(native === null
      ? []
      : (['eng', 'chi_sim'] as const).map((language) => async () => linesScaled(await pool.recognise({ ...native, ...restricted, language }), scale))),
    ...(glyphsApart === null ? [] : (['eng', 'chi_sim'] as const).map((language) => () => glyphsApart({ ...restricted, language }))),
  ];
  const readings: OcrLine[][] = [];
  for (const attempt of attempts) {
    const reading = await attempt();
    if (codePassesCheck(readingText(reading))) return reading;
    readings.push(reading);
  }
  const whole = readings.find((reading) => isWholeCodeReading(readingText(reading)));
  if (whole !== undefined) return whole;
  return readings[0] === undefined || readingText(readings[0]) === '' ? first : readings[0];
}

/** White inserted between touching glyphs, in points (6 px at 200 dpi). */
const TOUCHING_GLYPH_GAP_PT = 2;

/**
 * A reader of the cell's crop with its touching glyphs pulled apart (touchingGlyphs.ts), lines in
 * the coordinates of the ordinary crop; null when no glyphs touch.
 */
function glyphsApartReader(
  gray: GrayImage,
  ruleMask: Uint8Array,
  binary: BinaryImage,
  box: PixelBox,
  lineRanges: LineRows[] | undefined,
  request: RecogniseRequest,
  paddingPx: number,
  scale: number,
  pool: OcrPool,
  dpi: number,
): ((restrict: Pick<RecogniseRequest, 'charWhitelist' | 'language'>) => Promise<OcrLine[]>) | null {
  const cuts = touchingGlyphCuts(binary, ruleMask, box, lineRanges).map((cut) => ({ x: cut.x - box.x0 + paddingPx, top: cut.top - box.top + paddingPx, bottom: cut.bottom - box.top + paddingPx }));
  if (cuts.length === 0) return null;
  const gapPx = Math.max(1, Math.round((TOUCHING_GLYPH_GAP_PT * dpi) / 72));
  let image: GrayImage | null = null;
  return async (restrict) => {
    if (image === null) {
      const apart = grayWithGapsInserted(cropForOcr(gray, ruleMask, box, paddingPx, 1), cuts, gapPx);
      image = scale === 1 ? apart : grayToScaled(apart, scale);
    }
    return linesScaled(linesWithoutGaps(linesScaled(await pool.recognise({ ...request, image, ...restrict }), 1 / scale), cuts, gapPx), scale);
  };
}

/** An amount opened by one Han glyph (`1,850,000.00` read as `十 850, 000. 00`): the glyph may be its leading `1,`… */
const AMOUNT_AFTER_ONE_HAN = /^\p{Script=Han}[\d,，.。]+$/u;
/** …when the amount is long (a target such as `≥90%` is short and keeps its comparator) … */
const AMOUNT_MIN_DIGITS = 5;
/** …and eng, re-reading with the number alphabet, reads a plain amount. */
const PLAIN_AMOUNT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/;

/** Whether a cell reads as a long amount after one Han glyph that shows no comparator (≥/≤) in the image. */
function isAmountAfterMisreadGlyph(reading: OcrLine[], hasComparatorGlyph: () => boolean): boolean {
  const text = readingText(reading);
  if (!AMOUNT_AFTER_ONE_HAN.test(text) || (text.match(/\d/g) ?? []).length < AMOUNT_MIN_DIGITS) return false;
  return !hasComparatorGlyph();
}

/**
 * A short amount chi_sim could not read (`1.00` → `di`, `1 工 00`, `荆 00`; `15.00` → `伍 .00`; the
 * direct writer's small digits at 200 dpi): an unsure reading of a few glyphs that ends in a digit
 * or is Latin letters only, with no `%` (percentages have their own test)…
 */
const UNSURE_AMOUNT = /^(?:[^%％]{0,7}\d|[A-Za-z]{1,6})$/u;
const UNSURE_AMOUNT_BELOW_CONFIDENCE = 50;
/** …is taken from eng's re-reading only when that is an amount printed with cents: no other cell reads so by chance. */
const AMOUNT_WITH_CENTS = /^(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;

/** Whether a cell's reading is an unsure short one that may be a small amount misread (see UNSURE_AMOUNT), with no comparator in the image. */
export function isUnsureShortAmount(reading: OcrLine[], hasComparatorGlyph: () => boolean): boolean {
  const text = readingText(reading);
  if (!UNSURE_AMOUNT.test(text) || readingConfidence(reading) >= UNSURE_AMOUNT_BELOW_CONFIDENCE) return false;
  return !hasComparatorGlyph();
}

/**
 * What eng's re-reading of a cell with the number alphabet must read to replace the first reading:
 * a plain percentage for a share whose `%` was read as Han, a plain amount for a long amount whose
 * leading `1,` was, an amount with cents for an unsure short reading; null when the cell is not read
 * again. The image's comparator test runs at most once.
 */
function numberRereadPattern(first: OcrLine[], image: GrayImage, inkThreshold: number, binary: BinaryImage, ruleMask: Uint8Array, box: PixelBox): RegExp | null {
  if (isPercentSignReadAsHan(first, image, inkThreshold)) return PLAIN_PERCENT;
  let comparator: boolean | undefined;
  const hasComparatorGlyph = () => (comparator ??= leadingComparatorGlyph(binary, ruleMask, box) !== null);
  if (isAmountAfterMisreadGlyph(first, hasComparatorGlyph)) return PLAIN_AMOUNT;
  if (isUnsureShortAmount(first, hasComparatorGlyph)) return AMOUNT_WITH_CENTS;
  return null;
}

/** The restricted re-reading of a cell replaces the first one; for a line piece it must also be more confident. */
export function betterReading(first: OcrLine[], reread: OcrLine[], isLine: boolean): OcrLine[] {
  if (readingText(reread) === '') return first;
  if (isLine && readingConfidence(reread) <= readingConfidence(first)) return first;
  if (isConfidentPlainNumberWithMoreDigits(first, reread)) return first;
  return reread;
}

/** A first reading at least this confident that is already a plain number is not replaced by one with fewer digits. */
const PLAIN_NUMBER_KEEP_CONFIDENCE = 85;

/**
 * chi_sim read a plain number confidently and the restricted eng re-reading has fewer digits:
 * eng dropped a glyph of tightly kerned digits (`20%` → `0%`). An unsure first reading with a
 * digit too many (`25%` read `235%` at confidence 20) is still replaced.
 */
function isConfidentPlainNumberWithMoreDigits(first: OcrLine[], reread: OcrLine[]): boolean {
  const text = readingText(first);
  const digits = (value: string) => (value.match(/\d/g) ?? []).length;
  return /^[\d.,%]+$/.test(text) && readingConfidence(first) >= PLAIN_NUMBER_KEEP_CONFIDENCE && digits(text) > digits(readingText(reread));
}

/**
 * A line piece at most this many times as wide as it is tall is short: a page number of the contents,
 * a spaced heading's character. chi_sim reads such a piece alone poorly (seed scans: serif `1` → 于/下,
 * `7` → 革, `19` → 芍; PSM 10 forced `11` into one character) but well among others: read together.
 */
const SHORT_PIECE_MAX_ASPECT = 2.2;
/** White between the crops of a strip, in crop paddings (on top of each crop's own): a wide gap keeps the pieces apart. */
const STRIP_GAP_PADDINGS = 2;
/** Short pieces are read in one strip when a page has at least this many. */
const STRIP_MIN_PIECES = 2;

const isShortPiece = (box: PixelBox) => box.x1 - box.x0 <= SHORT_PIECE_MAX_ASPECT * (box.bottom - box.top);

/** Crops laid side by side (centred vertically, white between): one image, and each crop's x range and top in it. */
export function cropsToStrip(crops: GrayImage[], gapPx: number): { strip: GrayImage; spans: Array<{ x0: number; x1: number; top: number }> } {
  const heightPx = Math.max(...crops.map((crop) => crop.heightPx));
  const widthPx = crops.reduce((sum, crop) => sum + crop.widthPx, 0) + gapPx * (crops.length - 1);
  const gray = new Uint8Array(widthPx * heightPx).fill(255);
  const spans: Array<{ x0: number; x1: number; top: number }> = [];
  let x = 0;
  for (const crop of crops) {
    const top = Math.floor((heightPx - crop.heightPx) / 2);
    for (let y = 0; y < crop.heightPx; y++) gray.set(crop.gray.subarray(y * crop.widthPx, (y + 1) * crop.widthPx), (y + top) * widthPx + x);
    spans.push({ x0: x, x1: x + crop.widthPx, top });
    x += crop.widthPx + gapPx;
  }
  return { strip: { widthPx, heightPx, gray }, spans };
}

/** A strip symbol centred further than this many symbol widths outside every piece's ink is dropped (0: its centre must lie on a piece; seed contents read a `4` over the white before `11`). */
const STRIP_SYMBOL_MAX_OUTSIDE_WIDTHS = 0;

/** The symbols of a strip's reading given back to the piece (ink x range in the strip) holding each symbol's centre: one text and confidence per crop. */
export function stripLinesToPieces(lines: OcrLine[], spans: Array<{ x0: number; x1: number }>): Array<{ text: string; confidence: number } | null> {
  const pieces: Array<{ text: string; confidence: number } | null> = spans.map(() => null);
  const symbols = lines.flatMap((line) => line.words.flatMap((word) => word.symbols)).filter((symbol) => symbol.text.trim() !== '');
  // The last symbol of a word may come back with a box reaching the end of the strip (`0@554-1607`): its width is taken as the median.
  const widths = symbols.map((symbol) => symbol.x1 - symbol.x0).sort((a, b) => a - b);
  const medianWidth = widths[Math.floor(widths.length / 2)] ?? 0;
  for (const line of lines) {
    for (const word of line.words) {
      for (const symbol of word.symbols) {
        if (symbol.text.trim() === '') continue;
        const centre = symbol.x0 + Math.min(symbol.x1 - symbol.x0, medianWidth) / 2;
        const { index: at, distance } = nearestSpan(centre, spans);
        // A symbol centred in the white between pieces is read into blank paper (a `4` before `10`).
        if (at < 0 || distance > medianWidth * STRIP_SYMBOL_MAX_OUTSIDE_WIDTHS) continue;
        const piece = pieces[at];
        pieces[at] = piece ? { text: piece.text + symbol.text, confidence: Math.min(piece.confidence, symbol.confidence) } : { text: symbol.text, confidence: symbol.confidence };
      }
    }
  }
  return pieces;
}

/** A short piece's reading of Latin letters (and digits), at least one letter: `s`, `lz`, `l4`. */
const LATIN_SHORT_PIECE = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,3}$/;

/** Short line pieces of a page read together in one strip; a piece the strip leaves empty is read alone. */
async function shortPiecesToRuns(
  boxes: PixelBox[],
  gray: GrayImage,
  ruleMask: Uint8Array,
  paddingPx: number,
  scale: number,
  pool: OcrPool,
  frame: PageFrame,
  dpi: number,
  inkThreshold: number,
): Promise<TextRun[]> {
  const crops = boxes.map((box) => cropForOcr(gray, ruleMask, box, paddingPx, scale));
  const { strip, spans } = cropsToStrip(crops, STRIP_GAP_PADDINGS * paddingPx);
  const reading = linesWithoutBlankSymbols(await pool.recognise({ image: strip, pageSegMode: '7', dpi: dpi * scale }), strip, inkThreshold);
  const inkPx = paddingPx * scale;
  const pieces = stripLinesToPieces(reading, spans.map((span) => ({ x0: span.x0 + inkPx, x1: span.x1 - inkPx })));
  const runs: TextRun[] = [];
  for (const [i, box] of boxes.entries()) {
    let piece = pieces[i];
    // A short piece read as Latin letters in a Chinese document is a number misread (contents page
    // numbers at 200 dpi: 5 → s, 12 → lz): read again as digits, kept only when that gives digits.
    if (piece && LATIN_SHORT_PIECE.test(piece.text.trim())) {
      const digits = await pool.recognise({ image: crops[i], pageSegMode: '7', dpi: dpi * scale, charWhitelist: DIGIT_CHARACTERS });
      if (/^\d+$/.test(readingText(digits))) piece = { text: readingText(digits), confidence: readingConfidence(digits) };
    }
    if (piece === null) {
      const alone = await pool.recognise({ image: crops[i], pageSegMode: '7', dpi: dpi * scale });
      runs.push(...linesToRuns(alone, box, paddingPx, scale, frame, dpi));
      continue;
    }
    const text = ocrTextToRunText(piece.text);
    if (!text) continue;
    runs.push({ ...pixelBoxToPt(box, frame), text, fontSizePt: ((box.bottom - box.top) * 72) / dpi, confidence: piece.confidence });
  }
  return runs;
}

/** Lines read from a crop at scale 1, in the coordinates of the same crop scaled by `factor`. */
function linesScaled(lines: OcrLine[], factor: number): OcrLine[] {
  const box = <T extends OcrSymbol>(item: T): T => ({ ...item, x0: item.x0 * factor, top: item.top * factor, x1: item.x1 * factor, bottom: item.bottom * factor });
  return lines.map((line) => ({ ...box(line), words: line.words.map((word) => ({ ...box(word), symbols: word.symbols.map(box) })) }));
}

/**
 * About how many glyphs the ink of a cell's lines holds: each line's inked width over its inked
 * height (CJK glyphs are square; digits and Latin letters narrower, so this is an upper bound).
 */
function inkGlyphEstimate(binary: BinaryImage, ruleMask: Uint8Array, box: PixelBox, lineRanges: LineRows[]): number {
  let glyphs = 0;
  for (const range of lineRanges) {
    let x0 = Infinity;
    let x1 = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (let y = box.top + range.start; y < box.top + range.end; y++) {
      for (let x = box.x0; x < box.x1; x++) {
        const i = y * binary.widthPx + x;
        if (binary.ink[i] !== 1 || ruleMask[i] !== 0) continue;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x + 1);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + 1);
      }
    }
    if (x1 > x0) glyphs += (x1 - x0) / (bottom - top);
  }
  return glyphs;
}

/** A block reading this much shorter than the glyphs its ink holds, for at least this many glyphs, collapsed (a two-line cell read as `人`). */
const COLLAPSED_MAX_SHARE = 0.5;
const COLLAPSED_MIN_GLYPHS = 3;

function isCollapsedReading(lines: OcrLine[], glyphEstimate: number): boolean {
  return glyphEstimate >= COLLAPSED_MIN_GLYPHS && [...readingText(lines)].length < COLLAPSED_MAX_SHARE * glyphEstimate;
}

/** Gap between the line crops of a cell's strip, in crop paddings (each crop brings its own padding too). */
const CELL_STRIP_GAP_PADDINGS = 1;

/** A multi-line cell read as one strip of its lines (see cellLines.ts): lines in the cell crop's coordinates. */
async function cellLinesAsStrip(
  gray: GrayImage,
  ruleMask: Uint8Array,
  box: PixelBox,
  lineRanges: LineRows[],
  paddingPx: number,
  scale: number,
  pool: OcrPool,
  dpi: number,
  inkThreshold: number,
  restrict: Pick<RecogniseRequest, 'charWhitelist' | 'language'> = {},
): Promise<OcrLine[]> {
  const crops = lineRanges.map((range) => cropForOcr(gray, ruleMask, { ...box, top: box.top + range.start, bottom: box.top + range.end }, paddingPx, scale));
  const { strip, spans } = cropsToStrip(crops, Math.round(CELL_STRIP_GAP_PADDINGS * paddingPx * scale));
  // tesseract reads the white between the lines as `”` or `。`: symbols over blank paper are dropped.
  const reading = linesWithoutBlankSymbols(await pool.recognise({ image: strip, pageSegMode: '7', dpi: dpi * scale, ...restrict }), strip, inkThreshold);
  const placements = spans.map((span, i) => ({
    ...span,
    cellOffsetY: Math.round(lineRanges[i].start * scale),
    inkTop: (lineRanges[i].inkStart + paddingPx) * scale,
    inkBottom: (lineRanges[i].inkEnd + paddingPx) * scale,
  }));
  return stripReadingToCellLines(reading, placements);
}

/** A line tesseract read as comparator-like marks only (`=-`, `二`, `≥`): a `≥`/`≤` it set apart from the number it opens. */
const COMPARATOR_MARKS_ONLY = /^\s*([<>＜＞之全并着二=＝≥≤])[-—_=＝]?\s*$/u;

/**
 * Tesseract may set a comparator apart as a line of its own when it sits a little lower than the
 * digits after it (`≥1500 人⏎次` read as `1500 人`, `=-`, `次` in a 2° scan with JPEG artefacts): a
 * marks-only line beside (left of, level with) a line that opens with a digit is joined to it as
 * its first character, so that the comparator test of withComparatorFromImage sees it. Null: no change.
 */
export function comparatorLineJoined(lines: OcrLine[]): OcrLine[] | null {
  const markIndex = lines.findIndex((line) => COMPARATOR_MARKS_ONLY.test(line.text));
  if (markIndex < 0) return null;
  const mark = lines[markIndex];
  const middle = (mark.top + mark.bottom) / 2;
  const height = mark.bottom - mark.top;
  const numberIndex = lines.findIndex(
    (line, index) => index !== markIndex && /^\s*\d/.test(line.text) && line.top <= middle && middle <= line.bottom && line.x0 >= mark.x1 - height,
  );
  if (numberIndex < 0) return null;
  const number = lines[numberIndex];
  const joined: OcrLine = {
    ...number,
    text: `${COMPARATOR_MARKS_ONLY.exec(mark.text)![1]}${number.text.trimStart()}`,
    x0: Math.min(mark.x0, number.x0),
    top: Math.min(mark.top, number.top),
    bottom: Math.max(mark.bottom, number.bottom),
    confidence: Math.min(mark.confidence, number.confidence),
    words: [...mark.words, ...number.words],
  };
  return lines.flatMap((line, index) => (index === markIndex ? [] : index === numberIndex ? [joined] : [line]));
}

/**
 * A cell whose first line opens with a comparator's misreading (`<`, `之`…) before a number gets
 * the comparator its glyph shows (≥ or ≤); a plain `<` or `>` without a bar stays.
 */
function withComparatorFromImage(lines: OcrLine[], binary: BinaryImage, ruleMask: Uint8Array, box: PixelBox, lineRanges: LineRows[] | undefined): OcrLine[] {
  const first = lines.findIndex((line) => line.text.trim() !== '');
  if (first < 0 || !MISREAD_COMPARATOR_BEFORE_NUMBER.test(lines[first].text)) return lines;
  const firstLineRows = lineRanges?.[0] ? { ...box, top: box.top + lineRanges[0].start, bottom: box.top + lineRanges[0].end } : box;
  const glyph = leadingComparatorGlyph(binary, ruleMask, firstLineRows);
  if (glyph === null) return lines;
  const text = lines[first].text.replace(MISREAD_COMPARATOR_BEFORE_NUMBER, glyph);
  return lines.map((line, i) => (i === first ? { ...line, text } : line));
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

  const jobs: Array<{ box: PixelBox; mode: PageSegMode; isLine: boolean; lineRanges?: LineRows[] }> = [];
  for (const cell of cells) {
    const box = { x0: cell.x0 + insetPx, top: cell.top + insetPx, x1: cell.x1 - insetPx, bottom: cell.bottom - insetPx };
    if (box.x1 <= box.x0 || box.bottom <= box.top) continue;
    if (inkCount(binary, box, ruleMask) < CELL_MIN_INK_SHARE * (box.x1 - box.x0) * (box.bottom - box.top)) continue;
    const profile = inkRowProfile(binary, box, ruleMask);
    const lineRanges = profileToLineRanges(profile);
    jobs.push({ box, mode: emptyRowBandCount(profile) <= 1 ? '7' : '6', isLine: false, lineRanges: lineRanges.length <= 1 ? undefined : lineRanges });
  }
  const shortPieces = lineBoxes.filter(isShortPiece);
  const stripped = shortPieces.length >= STRIP_MIN_PIECES;
  for (const line of lineBoxes) {
    if (stripped && isShortPiece(line)) continue;
    const singleCharacter = line.x1 - line.x0 <= SINGLE_CHARACTER_MAX_ASPECT * (line.bottom - line.top);
    jobs.push({ box: line, mode: singleCharacter ? '10' : '7', isLine: true });
  }
  const stripRuns = stripped ? shortPiecesToRuns(shortPieces, gray, ruleMask, paddingPx, scale, pool, frame, dpi, threshold) : Promise.resolve([]);

  const results = await Promise.all(
    jobs.map(async ({ box, mode, isLine, lineRanges }) => {
      const image = cropForOcr(gray, ruleMask, box, paddingPx, scale);
      const request = { image, pageSegMode: mode, dpi: dpi * scale };
      let first = await pool.recognise(request);
      // A multi-line cell whose block reading collapsed is read again as one strip of its lines.
      if (lineRanges && isCollapsedReading(first, inkGlyphEstimate(binary, ruleMask, box, lineRanges))) {
        const strip = await cellLinesAsStrip(gray, ruleMask, box, lineRanges, paddingPx, scale, pool, dpi, threshold);
        if (readingText(strip).length > readingText(first).length) first = strip;
      }
      if (isLine) first = linesWithoutBlankSymbols(first, image, threshold);
      const whitelist = rereadWhitelist(first, isLine);
      let lines =
        whitelist === CODE_CHARACTERS
          ? await codeCellReading(
              first,
              request,
              scale === 1 ? null : { ...request, image: cropForOcr(gray, ruleMask, box, paddingPx, 1), dpi },
              scale,
              pool,
              lineRanges ? (restrict) => cellLinesAsStrip(gray, ruleMask, box, lineRanges, paddingPx, scale, pool, dpi, threshold, restrict) : null,
              glyphsApartReader(gray, ruleMask, binary, box, lineRanges, request, paddingPx, scale, pool, dpi),
            )
          : whitelist === null
            ? first
            : betterReading(first, await pool.recognise({ ...request, charWhitelist: whitelist, language: 'eng' }), isLine);
      // Misread shares and amounts are read again by eng with the number alphabet (numberRereadPattern).
      const latinPattern = isLine || whitelist !== null ? null : numberRereadPattern(first, image, threshold, binary, ruleMask, box);
      if (latinPattern !== null) {
        const latin = await pool.recognise({ ...request, charWhitelist: NUMBER_CHARACTERS, language: 'eng' });
        if (latinPattern.test(readingText(latin))) lines = latin;
      }
      if (isLine && whitelist === DIGIT_CHARACTERS && !/^\d+$/.test(readingText(lines))) {
        const ones = thinStrokesToOnes(binary, ruleMask, box);
        if (ones !== null) lines = lines.map((line, i) => (i === 0 ? { ...line, text: ones, words: [{ ...line, text: ones, symbols: [] }] } : { ...line, text: '', words: [] }));
      }
      if (!isLine) lines = withComparatorFromImage(comparatorLineJoined(lines) ?? lines, binary, ruleMask, box, lineRanges);
      return linesToRuns(lines, box, paddingPx, scale, frame, dpi);
    }),
  );
  const fromStrip = await stripRuns;
  const pageText: PageText = {
    pageNumber: page.pageNumber,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    source: 'ocr',
    runs: [...results.flat(), ...fromStrip],
    rulings: pixelRulesToRulings(rules, frame),
  };
  return {
    pageText,
    report: { skewDeg, cellCount: cells.length, lineCount: lineBoxes.length, recogniseCalls: jobs.length + (stripped ? 1 : 0), seconds: (performance.now() - started) / 1000 },
  };
}
