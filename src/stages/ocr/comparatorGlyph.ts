/**
 * `≥` and `≤` from the image. chi_sim reads the comparators that open targets (`≥90%`, `≤2小时`) as
 * `>`/`<` (dropping the bar) or as a Han look-alike (`之`, `全`, `着`), and the text alone cannot tell
 * `<` from `≤`. The glyph can: a comparator is a chevron over a bar (level, with white between, or
 * slanted parallel to the lower arm in some fonts), and the vertex points right for `≥`, left for `≤`.
 */
import type { BinaryImage, PixelBox } from './raster.js';

/** The bottom rows of the glyph searched for the bar, as a share of its height. */
const BAR_ROWS_SHARE = 0.25;
/** A slanted bar is looked for in the rows below this share of the glyph's height… */
const SLANTED_BAR_FROM_SHARE = 0.5;
/** …and is there when at least this share of the glyph's rows cross two strokes. */
const SLANTED_BAR_MIN_ROWS_SHARE = 0.15;
/** The blank row between chevron and bar is looked for below this share of the glyph's height. */
const GAP_SEARCH_FROM_SHARE = 0.4;
/** A bar: one row's ink run at least this share of the glyph's width. */
const BAR_MIN_WIDTH_SHARE = 0.7;
/** A comparator glyph's width for its height (a chevron over a bar: about square). */
const GLYPH_MIN_ASPECT = 0.35;
const GLYPH_MAX_ASPECT = 1.4;
/** Rows whose ink's mean x tells the arms' ends (top) from the vertex (middle), as shares of the height. */
const ARM_END_ROWS = [0, 0.15] as const;
const VERTEX_ROWS = [0.3, 0.45] as const;
/** The vertex lies at least this share of the width right (≥) or left (≤) of the arms' ends. */
const VERTEX_MIN_SHIFT_SHARE = 0.2;

const inked = (binary: BinaryImage, ruleMask: Uint8Array, x: number, y: number) =>
  binary.ink[y * binary.widthPx + x] === 1 && ruleMask[y * binary.widthPx + x] === 0;

/**
 * The comparator the first glyph of `rows` (a text line of a cell, page pixels) shows, or null when
 * it is no chevron over a bar (a plain `<`, a digit, a Han character).
 */
export function leadingComparatorGlyph(binary: BinaryImage, ruleMask: Uint8Array, box: PixelBox): '≥' | '≤' | null {
  const columnHasInk = (x: number) => {
    for (let y = box.top; y < box.bottom; y++) if (inked(binary, ruleMask, x, y)) return true;
    return false;
  };
  let x0 = box.x0;
  while (x0 < box.x1 && !columnHasInk(x0)) x0++;
  if (x0 >= box.x1) return null;
  let x1 = x0;
  while (x1 < box.x1 && columnHasInk(x1)) x1++;
  let top = box.bottom;
  let bottom = box.top;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = x0; x < x1; x++) {
      if (!inked(binary, ruleMask, x, y)) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y + 1);
    }
  }
  const width = x1 - x0;
  const height = bottom - top;
  if (height <= 0 || width < GLYPH_MIN_ASPECT * height || width > GLYPH_MAX_ASPECT * height) return null;

  if (
    !hasHorizontalBar(binary, ruleMask, { x0, x1, top, bottom }) &&
    !hasSlantedBar(binary, ruleMask, { x0, x1, top, bottom })
  )
    return null;

  const meanInkX = ([from, to]: readonly [number, number]) => {
    let sum = 0;
    let count = 0;
    for (
      let y = Math.floor(top + from * height);
      y < Math.max(Math.floor(top + to * height), Math.floor(top + from * height) + 1);
      y++
    ) {
      for (let x = x0; x < x1; x++) {
        if (!inked(binary, ruleMask, x, y)) continue;
        sum += x;
        count++;
      }
    }
    return count === 0 ? null : sum / count;
  };
  const armEnds = meanInkX(ARM_END_ROWS);
  const vertex = meanInkX(VERTEX_ROWS);
  if (armEnds === null || vertex === null) return null;
  if (vertex - armEnds >= VERTEX_MIN_SHIFT_SHARE * width) return '≥';
  if (armEnds - vertex >= VERTEX_MIN_SHIFT_SHARE * width) return '≤';
  return null;
}

type GlyphBox = { x0: number; x1: number; top: number; bottom: number };

/** `≥` with a level bar: a row of the bottom quarter inked across the glyph, white between it and the chevron. */
function hasHorizontalBar(binary: BinaryImage, ruleMask: Uint8Array, { x0, x1, top, bottom }: GlyphBox): boolean {
  const width = x1 - x0;
  const height = bottom - top;
  let barTop: number | null = null;
  for (let y = Math.floor(bottom - BAR_ROWS_SHARE * height); y < bottom && barTop === null; y++) {
    let run = 0;
    for (let x = x0; x < x1 && barTop === null; x++) {
      run = inked(binary, ruleMask, x, y) ? run + 1 : 0;
      if (run >= BAR_MIN_WIDTH_SHARE * width) barTop = y;
    }
  }
  if (barTop === null) return false;
  // The bar stands apart from the chevron (a `2`'s stroke runs into its foot): a blank row above it.
  let gapAboveBar = false;
  for (let y = barTop - 1; y >= top + GAP_SEARCH_FROM_SHARE * height && !gapAboveBar; y--) {
    let any = false;
    for (let x = x0; x < x1 && !any; x++) any = inked(binary, ruleMask, x, y);
    gapAboveBar = !any;
  }
  return gapAboveBar;
}

/**
 * `⩾` drawn with a slanted bar (AR PL UMing's ≥): under the chevron's lower arm runs a parallel
 * stroke, so rows of the glyph's lower part cross two separate strokes, where a plain `>` has one.
 */
function hasSlantedBar(binary: BinaryImage, ruleMask: Uint8Array, { x0, x1, top, bottom }: GlyphBox): boolean {
  const height = bottom - top;
  let twoStrokeRows = 0;
  for (let y = Math.floor(top + SLANTED_BAR_FROM_SHARE * height); y < bottom; y++) {
    let runs = 0;
    let inRun = false;
    for (let x = x0; x < x1; x++) {
      const ink = inked(binary, ruleMask, x, y);
      if (ink && !inRun) runs++;
      inRun = ink;
    }
    if (runs >= 2) twoStrokeRows++;
  }
  return twoStrokeRows >= SLANTED_BAR_MIN_ROWS_SHARE * height;
}

/** A cell reading opening with what a comparator is misread as, before a number: `<120`, `>6`, `之90%`, `全 5`. */
export const MISREAD_COMPARATOR_BEFORE_NUMBER = /^\s*([<>＜＞之全并着二=＝])\s*(?=\d)/u;

/**
 * The blank between the first glyph of `rows` (a text line of a cell, page pixels) and the ink after it, as a share
 * of the line's ink height; null when the line has no second glyph. A full-width comparator (`＞`, `＝`, the CJK
 * fonts' `≥`) is centred in a square advance, so it stands farther from the number it opens than a half-width `>`;
 * a space after it widens the blank again.
 */
export function leadingGlyphGapShare(binary: BinaryImage, ruleMask: Uint8Array, box: PixelBox): number | null {
  const columnHasInk = (x: number) => {
    for (let y = box.top; y < box.bottom; y++) if (inked(binary, ruleMask, x, y)) return true;
    return false;
  };
  let x0 = box.x0;
  while (x0 < box.x1 && !columnHasInk(x0)) x0++;
  let x1 = x0;
  while (x1 < box.x1 && columnHasInk(x1)) x1++;
  let next = x1;
  while (next < box.x1 && !columnHasInk(next)) next++;
  if (x0 >= box.x1 || next >= box.x1) return null;
  let top = box.bottom;
  let bottom = box.top;
  for (let y = box.top; y < box.bottom; y++)
    for (let x = x0; x < box.x1; x++)
      if (inked(binary, ruleMask, x, y)) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + 1);
        break;
      }
  return bottom > top ? (next - x1) / (bottom - top) : null;
}
