/**
 * The comparator (≥/≤) that opens a target cell: a marks-only line tesseract set apart is joined to
 * the number it opens, and a comparator misread as `<`, `之`… gets the glyph the image shows
 * (comparatorGlyph.ts).
 */
import type { CellCrop } from './cellCrops.js';
import { leadingComparatorGlyph, leadingGlyphGapShare, MISREAD_COMPARATOR_BEFORE_NUMBER } from './comparatorGlyph.js';
import type { OcrLine } from './pool.js';

/**
 * A line tesseract read as comparator-like marks only (`=-`, `二`, `≥`): a `≥`/`≤` it set apart from the number it
 * opens.
 */
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
    (line, index) =>
      index !== markIndex &&
      /^\s*\d/.test(line.text) &&
      line.top <= middle &&
      middle <= line.bottom &&
      line.x0 >= mark.x1 - height,
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
export function withComparatorFromImage(lines: OcrLine[], { binary, ruleMask, box, lineRanges }: CellCrop): OcrLine[] {
  const first = lines.findIndex((line) => line.text.trim() !== '');
  if (first < 0) return lines;
  const firstLineRows = lineRanges?.[0]
    ? { ...box, top: box.top + lineRanges[0].start, bottom: box.top + lineRanges[0].end }
    : box;
  let text = lines[first].text;
  if (MISREAD_COMPARATOR_BEFORE_NUMBER.test(text)) {
    const glyph = leadingComparatorGlyph(binary, ruleMask, firstLineRows);
    if (glyph !== null) text = text.replace(MISREAD_COMPARATOR_BEFORE_NUMBER, glyph);
  }
  text = comparatorWidthAndSpacing(text, leadingGlyphGapShare(binary, ruleMask, firstLineRows));
  if (text === lines[first].text) return lines;
  return lines.map((line, i) => (i === first ? { ...line, text } : line));
}

/** A comparator that opens a number, with the blank PP-OCR may read as a space after it. */
const COMPARATOR_BEFORE_NUMBER = /^(\s*)([<>=＜＞＝≥≤])(\s*)(?=\d)/u;
/**
 * The blank after a `<`, `>` or `=` (share of the line's ink height) from which it is the full-width form (`＞`,
 * centred in a square advance): 0.41–0.56 measured for `＜＞＝` in LibreOffice and WPS scans at 200 and 300 dpi, the
 * half-width forms stand closer to the digit.
 */
const FULL_WIDTH_COMPARATOR_MIN_GAP_SHARE = 0.38;
/**
 * The blank after a comparator from which a space was printed after it: without one, 0.21–0.48 (`≥`, `≤`) and up to
 * 0.56 (`＝`) measured in the same scans, where PP-OCR read a space from 0.36 on.
 */
const COMPARATOR_SPACE_MIN_GAP_SHARE = 0.65;
const HALF_TO_FULL_WIDTH: Readonly<Record<string, string>> = { '<': '＜', '>': '＞', '=': '＝' };
const FULL_TO_HALF_WIDTH: Readonly<Record<string, string>> = { '＜': '<', '＞': '>', '＝': '=' };

/**
 * The comparator opening a number as the image shows it: `<`/`>`/`=` in the width its blank after it says (the
 * recognisers read `＞` and `>` alike), and a space after it only when the blank is wide enough for one (PP-OCR reads
 * the square advance of a full-width `≥` as `≥ 95%`). A text with no blank measured is left as read.
 */
export function comparatorWidthAndSpacing(text: string, gapShare: number | null): string {
  const match = COMPARATOR_BEFORE_NUMBER.exec(text);
  if (!match || gapShare === null) return text;
  const [, lead, mark, space] = match;
  const fullWidth = gapShare >= FULL_WIDTH_COMPARATOR_MIN_GAP_SHARE;
  const width = fullWidth ? (HALF_TO_FULL_WIDTH[mark] ?? mark) : (FULL_TO_HALF_WIDTH[mark] ?? mark);
  const spacing = gapShare >= COMPARATOR_SPACE_MIN_GAP_SHARE ? (space === '' ? ' ' : space) : '';
  return `${lead}${width}${spacing}${text.slice(match[0].length)}`;
}
