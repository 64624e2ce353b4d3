/**
 * The comparator (≥/≤) that opens a target cell: a marks-only line tesseract set apart is joined to
 * the number it opens, and a comparator misread as `<`, `之`… gets the glyph the image shows
 * (comparatorGlyph.ts).
 */
import type { CellCrop } from './cellCrops.js';
import { leadingComparatorGlyph, MISREAD_COMPARATOR_BEFORE_NUMBER } from './comparatorGlyph.js';
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
  if (first < 0 || !MISREAD_COMPARATOR_BEFORE_NUMBER.test(lines[first].text)) return lines;
  const firstLineRows = lineRanges?.[0]
    ? { ...box, top: box.top + lineRanges[0].start, bottom: box.top + lineRanges[0].end }
    : box;
  const glyph = leadingComparatorGlyph(binary, ruleMask, firstLineRows);
  if (glyph === null) return lines;
  const text = lines[first].text.replace(MISREAD_COMPARATOR_BEFORE_NUMBER, glyph);
  return lines.map((line, i) => (i === first ? { ...line, text } : line));
}
