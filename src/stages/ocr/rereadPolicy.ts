/**
 * Re-read policy of the OCR stage: which first readings of a cell or line piece are read again, with
 * which model and alphabet, and which reading is kept. Decisions only: the readers are in index.ts
 * (cells), codeCell.ts (project codes) and strips.ts (short pieces).
 */
import type { LineRows } from './cellLines.js';
import { type CellCrop, isTextInk } from './cellCrops.js';
import type { OcrLine } from './pool.js';
import { type GrayImage, columnInkRuns } from './raster.js';
import { leadingComparatorGlyph } from './comparatorGlyph.js';
import { PROJECT_CODE_ALPHABET } from '../../vocabulary/projectCode.js';

/** Characters of project codes (the check alphabet): a code re-read with them cannot contain O, I, S or Z. */
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
/**
 * A text line piece this short and below this confidence may be a page number misread as Han (contents of the seed
 * scans).
 */
const PAGE_NUMBER_MAX_CHARS = 2;
const PAGE_NUMBER_REREAD_BELOW_CONFIDENCE = 60;

/** The text of a reading, its lines joined without white space. */
export const readingText = (lines: OcrLine[]) =>
  lines
    .map((line) => line.text)
    .join('')
    .replace(/\s+/g, '');
/** The lowest confidence of a reading's words (100 for a reading without words). */
export const readingConfidence = (lines: OcrLine[]) =>
  Math.min(100, ...lines.flatMap((line) => line.words.map((word) => word.confidence)));

/**
 * The characters to re-read a crop with, or null: cells that read as a number or a project code
 * (ASCII digits and letters with separators, no Han) are read again restricted to their alphabet;
 * short, doubtful pieces of text lines again as digits.
 */
export function rereadWhitelist(first: OcrLine[], isLine: boolean): string | null {
  const text = readingText(first);
  if (text === '') return null;
  if (isLine)
    return [...text].length <= PAGE_NUMBER_MAX_CHARS && readingConfidence(first) < PAGE_NUMBER_REREAD_BELOW_CONFIDENCE
      ? DIGIT_CHARACTERS
      : null;
  const total = [...text].length;
  const alphanumerics = (text.match(/[0-9A-Za-z]/g) ?? []).length;
  // O, I, l and | count as the digits they are misreadings of (`7O%`).
  const numeric = (text.match(/[0-9OoIl|.,，。%％]/g) ?? []).length;
  if (!/\d/.test(text) || (text.match(/[0-9OoIl|]/g) ?? []).length < 2) return null;
  // A code cell may come back with a Han misreading of a digit or two (200 dpi: `…1000和`, `…1000是`).
  if (alphanumerics >= CODE_MIN_CHARS && /[A-Za-z]/.test(text) && alphanumerics >= CODE_MIN_ASCII_SHARE * total)
    return CODE_CHARACTERS;
  // Amounts and percentages only when nothing but ASCII was read: `二 90%` is ≥90%, and a whitelist would drop the ≥.
  const asciiOnly = /^[0-9A-Za-z.,，。%％:：'"“”|()[\]-]+$/u.test(text);
  return asciiOnly && total <= NUMBER_MAX_CHARS && numeric >= NUMBER_MIN_SHARE * total ? NUMBER_CHARACTERS : null;
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
  return (
    /^[\d.,%]+$/.test(text) &&
    readingConfidence(first) >= PLAIN_NUMBER_KEEP_CONFIDENCE &&
    digits(text) > digits(readingText(reread))
  );
}

/**
 * A number and one Han glyph: a count with its unit (`12座`), or a share whose `%` chi_sim read as Han (`40多`, `45%` →
 * `43鸭`)…
 */
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
  const heights = columnInkRuns(
    crop.widthPx,
    0,
    crop.heightPx,
    (x, y) => crop.gray[y * crop.widthPx + x] <= inkThreshold,
  ).map((run) => run.bottom - run.top);
  const tallest = Math.max(...heights);
  const shortestTall = Math.min(...heights.filter((height) => height >= tallest / 2));
  return heights.length >= 2 && tallest <= PERCENT_SIGN_MAX_HEIGHT_OVER_DIGITS * shortestTall;
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

/**
 * Whether a cell's reading is an unsure short one that may be a small amount misread (see UNSURE_AMOUNT), with no
 * comparator in the image.
 */
export function isUnsureShortAmount(reading: OcrLine[], hasComparatorGlyph: () => boolean): boolean {
  const text = readingText(reading);
  if (!UNSURE_AMOUNT.test(text) || readingConfidence(reading) >= UNSURE_AMOUNT_BELOW_CONFIDENCE) return false;
  return !hasComparatorGlyph();
}

/** A short number cell (a weight `25`, a count `5`): at most this many digits… */
const SHORT_NUMBER_MAX_DIGITS = 3;
/** …each taking about this much ink width for the digits' height (a digit's advance over its cap height)… */
const DIGIT_WIDTH_PER_HEIGHT = 0.72;
/** …give or take this many digits' widths (a `1` is narrower, a kerned pair closer)… */
const DIGIT_COUNT_TOLERANCE = 0.75;
/**
 * …in ink of one line from this to this height, in points: the cap height of table print (10.5pt: ~7.5pt); a Han glyph
 * of such print stands a full em (~9.5pt), which is how a number that chi_sim read as Han (`25` → `为`) is told apart.
 */
const DIGIT_MIN_HEIGHT_PT = 4;
const DIGIT_MAX_HEIGHT_PT = 8.5;
/** A first reading of at most this many characters, all digits or Han, may be a short number misread. */
const SHORT_NUMBER_MAX_READ_CHARS = 2;

/**
 * How many digits the ink of a cell's crop image (at dpi) is wide, when it is one line of digit height: its width over
 * its height over DIGIT_WIDTH_PER_HEIGHT (fractional); null when the ink is taller or shorter than digits, or wider
 * than SHORT_NUMBER_MAX_DIGITS of them.
 */
export function inkWidthInDigits(image: GrayImage, inkThreshold: number, dpi: number): number | null {
  const runs = columnInkRuns(
    image.widthPx,
    0,
    image.heightPx,
    (x, y) => image.gray[y * image.widthPx + x] <= inkThreshold,
  );
  if (runs.length === 0) return null;
  const heightPx = Math.max(...runs.map((run) => run.bottom)) - Math.min(...runs.map((run) => run.top));
  const widthPx = runs[runs.length - 1].x1 - runs[0].x0;
  const heightPt = (heightPx * 72) / dpi;
  if (heightPt < DIGIT_MIN_HEIGHT_PT || heightPt > DIGIT_MAX_HEIGHT_PT) return null;
  const digits = widthPx / heightPx / DIGIT_WIDTH_PER_HEIGHT;
  return digits <= SHORT_NUMBER_MAX_DIGITS + DIGIT_COUNT_TOLERANCE ? digits : null;
}

/**
 * A short number the first reading missed (a weight `25` read `9`, `15` read `全`, `20` read as nothing): the reading is
 * empty or at most SHORT_NUMBER_MAX_READ_CHARS digits or Han, and the crop's ink (image at dpi) is one line of digit
 * height as wide as one to three digits (inkWidthInDigits). Such cells never reach the alphabet re-read
 * (rereadWhitelist wants two digits and no Han). eng's re-reading with the number alphabet must then read digits only,
 * as many as the ink is wide (within DIGIT_COUNT_TOLERANCE). Null when the cell is not such a miss.
 */
export function shortNumberMissPattern(
  first: OcrLine[],
  image: GrayImage,
  inkThreshold: number,
  dpi: number,
): RegExp | null {
  const chars = [...readingText(first)];
  if (chars.length > SHORT_NUMBER_MAX_READ_CHARS || !chars.every((char) => /[\d\p{Script=Han}]/u.test(char)))
    return null;
  const width = inkWidthInDigits(image, inkThreshold, dpi);
  if (width === null) return null;
  const fewest = Math.max(1, Math.ceil(width - DIGIT_COUNT_TOLERANCE));
  const most = Math.min(SHORT_NUMBER_MAX_DIGITS, Math.floor(width + DIGIT_COUNT_TOLERANCE));
  if (fewest > most) return null;
  // A reading of as many digits as the ink is wide is not a miss.
  if (/^\d+$/.test(chars.join('')) && chars.length >= fewest) return null;
  return new RegExp(`^\\d{${fewest},${most}}$`);
}

/**
 * What eng's re-reading of a cell with the number alphabet must read to replace the first reading:
 * a plain percentage for a share whose `%` was read as Han, a plain amount for a long amount whose
 * leading `1,` was, an amount with cents for an unsure short reading, as many digits as the ink holds for a short
 * number the reading missed (shortNumberMissPattern); null when the cell is not read
 * again. `image` is the cell's crop image (cellCropToImage). The image's comparator test runs at most once.
 */
export function numberRereadPattern(first: OcrLine[], image: GrayImage, crop: CellCrop): RegExp | null {
  if (isPercentSignReadAsHan(first, image, crop.inkThreshold)) return PLAIN_PERCENT;
  const shortNumber = shortNumberMissPattern(first, image, crop.inkThreshold, crop.dpi * crop.scale);
  if (shortNumber !== null) return shortNumber;
  let comparator: boolean | undefined;
  const hasComparatorGlyph = () =>
    (comparator ??= leadingComparatorGlyph(crop.binary, crop.ruleMask, crop.box) !== null);
  if (isAmountAfterMisreadGlyph(first, hasComparatorGlyph)) return PLAIN_AMOUNT;
  if (isUnsureShortAmount(first, hasComparatorGlyph)) return AMOUNT_WITH_CENTS;
  return null;
}

/**
 * A glyph at most this wide for its ink height (its foot included), with an upright stem, may be a `1` (lone page
 * numbers; chi_sim reads a lone 1 as 于/下).
 */
const ONE_MAX_WIDTH_SHARE = 0.8;
/**
 * …whose middle rows (between flag and foot, 35–65 % of its height) hold nothing but the stem, at most this share of
 * its height wide (not a 4 or a 7).
 */
const ONE_WAIST_MAX_WIDTH_SHARE = 0.3;
/** The stem of a `1`: one column inked over at least this share of the glyph's height. */
const ONE_STEM_MIN_HEIGHT_SHARE = 0.85;
/** …and the glyph at least this tall for the line piece (not a dash or a dot). */
const ONE_MIN_HEIGHT_SHARE = 0.6;

/**
 * A line piece whose ink is nothing but narrow glyphs with a full-height stem reads as that many `1`s; null otherwise.
 */
export function thinStrokesToOnes({ binary, ruleMask, box }: CellCrop): string | null {
  const glyphs: Array<{ x0: number; x1: number; top: number; bottom: number; stem: number }> = [];
  for (let x = box.x0; x < box.x1; x++) {
    let count = 0;
    let top = Infinity;
    let bottom = -Infinity;
    for (let y = box.top; y < box.bottom; y++) {
      if (isTextInk(binary, ruleMask, y * binary.widthPx + x)) {
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
    if (
      height < ONE_MIN_HEIGHT_SHARE * (box.bottom - box.top) ||
      g.x1 - g.x0 > ONE_MAX_WIDTH_SHARE * height ||
      g.stem < ONE_STEM_MIN_HEIGHT_SHARE * height
    )
      return false;
    for (let y = Math.round(g.top + 0.35 * height); y < Math.round(g.top + 0.65 * height); y++) {
      let x0 = Infinity;
      let x1 = -Infinity;
      for (let x = g.x0; x < g.x1; x++) {
        if (isTextInk(binary, ruleMask, y * binary.widthPx + x)) {
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

/**
 * About how many glyphs the ink of a cell's lines holds: each line's inked width over its inked
 * height (CJK glyphs are square; digits and Latin letters narrower, so this is an upper bound).
 */
function inkGlyphEstimate({ binary, ruleMask, box }: CellCrop, lineRanges: LineRows[]): number {
  let glyphs = 0;
  for (const range of lineRanges) {
    let x0 = Infinity;
    let x1 = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (let y = box.top + range.start; y < box.top + range.end; y++) {
      for (let x = box.x0; x < box.x1; x++) {
        if (!isTextInk(binary, ruleMask, y * binary.widthPx + x)) continue;
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

/**
 * A block reading this much shorter than the glyphs its ink holds, for at least this many glyphs, collapsed (a two-line
 * cell read as `人`).
 */
const COLLAPSED_MAX_SHARE = 0.5;
const COLLAPSED_MIN_GLYPHS = 3;

/**
 * Whether a multi-line cell's block reading collapsed: far fewer characters than the glyphs its lines' ink holds. The
 * cell is then read as a strip of its lines.
 */
export function isCollapsedReading(lines: OcrLine[], crop: CellCrop, lineRanges: LineRows[]): boolean {
  const glyphEstimate = inkGlyphEstimate(crop, lineRanges);
  return glyphEstimate >= COLLAPSED_MIN_GLYPHS && [...readingText(lines)].length < COLLAPSED_MAX_SHARE * glyphEstimate;
}
