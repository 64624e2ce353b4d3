/**
 * Table rules in a page image: long dark horizontal/vertical runs (tolerating breaks, noise and
 * JPEG artefacts) → rule segments in pixels; the cells they enclose; the text lines outside them.
 */
import { z } from 'zod';
import { type BinaryImage, columnInkRuns, PixelBox } from './raster.js';

export const PixelRule = PixelBox.extend({ orientation: z.enum(['horizontal', 'vertical']) });
export type PixelRule = z.infer<typeof PixelRule>;

export const RuleOptions = z.object({
  /** Shortest rule; longer than a few CJK characters' strokes in a row (10.5pt text, seed tables). */
  minLengthPx: z.number(),
  /** Shortest vertical rule that closes a one-line row between two horizontal rules. */
  shortVerticalMinLengthPx: z.number(),
  /** Breaks in a printed/scanned rule bridged while following it (broken lines in 200 dpi JPEG scans). */
  maxGapPx: z.number(),
  /** Thicker dark runs are filled areas, not rules. */
  maxThicknessPx: z.number(),
  /** Collinear pieces closer than this are joined into one rule. */
  joinGapPx: z.number(),
});
export type RuleOptions = z.infer<typeof RuleOptions>;

/** Rule-detection constants in points, scaled by the image resolution. */
const RULE_MIN_LENGTH_PT = 30; // smallest table cell of the seed's month columns is ~45pt wide
/**
 * A shorter vertical piece is a rule only when both its ends meet a horizontal rule: the separators
 * inside a one-line row (预算数 | amount | 其中：财政资金 | …) are as short as the row, ~14–20pt.
 * Longer than the tallest glyph stroke of 10.5–12pt text.
 */
const RULE_SHORT_VERTICAL_MIN_LENGTH_PT = 12;
const RULE_MAX_GAP_PT = 1.2; // gaps in rules of the 200 dpi noisy fixtures
const RULE_MAX_THICKNESS_PT = 3; // 0.5–1.5pt rules plus blur and residual skew
const RULE_JOIN_GAP_PT = 8; // breaks left by noise or erased intersections
/**
 * Share of the rows just above or just below a horizontal rule that may be ink: a rule has the white
 * of its cells on both sides (crossing rules aside); the aligned bottoms of digits (`3265200.00`) have
 * the digits' bodies above them.
 */
const RULE_MAX_SIDE_INK_SHARE = 0.15;
/** Pixel rows looked at on each side of a horizontal rule. */
const RULE_SIDE_ROWS = 2;

/** The larger of the ink shares of the RULE_SIDE_ROWS rows above and below a horizontal box (one row off it). */
function sideInkShare(binary: BinaryImage, box: PixelBox): number {
  const share = (from: number, to: number) => {
    let ink = 0;
    let area = 0;
    for (let y = Math.max(0, from); y < Math.min(binary.heightPx, to); y++) {
      for (let x = box.x0; x < box.x1; x++) ink += binary.ink[y * binary.widthPx + x];
      area += box.x1 - box.x0;
    }
    return area === 0 ? 0 : ink / area;
  };
  // The row next to the rule is skipped: blur leaves it half inked along a real rule.
  return Math.max(
    share(box.top - 1 - RULE_SIDE_ROWS, box.top - 1),
    share(box.bottom + 1, box.bottom + 1 + RULE_SIDE_ROWS),
  );
}

/** Share of a rule's run that is ink (the rest: gaps of noise, at most RULE_MAX_GAP_PT each). */
const RULE_MIN_INK_SHARE = 0.85;

export function ruleOptionsForDpi(dpi: number): RuleOptions {
  const px = (pt: number) => Math.max(1, Math.round((pt * dpi) / 72));
  return {
    minLengthPx: px(RULE_MIN_LENGTH_PT),
    shortVerticalMinLengthPx: px(RULE_SHORT_VERTICAL_MIN_LENGTH_PT),
    maxGapPx: px(RULE_MAX_GAP_PT),
    maxThicknessPx: px(RULE_MAX_THICKNESS_PT),
    joinGapPx: px(RULE_JOIN_GAP_PT),
  };
}

/** Marks the long runs of ink along rows (horizontal) or columns (vertical). */
function binaryToRunMask(
  binary: BinaryImage,
  orientation: 'horizontal' | 'vertical',
  options: RuleOptions,
): Uint8Array {
  const { widthPx, heightPx, ink } = binary;
  const mask = new Uint8Array(ink.length);
  const lines = orientation === 'horizontal' ? heightPx : widthPx;
  const length = orientation === 'horizontal' ? widthPx : heightPx;
  const index =
    orientation === 'horizontal'
      ? (line: number, at: number) => line * widthPx + at
      : (line: number, at: number) => at * widthPx + line;
  // A run is a rule's when long and nearly solid: the bottoms of a row of digits (`3865200.00`) also
  // line up with gaps under maxGapPx, but leave much of the run white.
  const isRule = (start: number, lastInk: number, inked: number) =>
    lastInk - start + 1 >= options.minLengthPx && inked >= RULE_MIN_INK_SHARE * (lastInk - start + 1);
  for (let line = 0; line < lines; line++) {
    let start = -1;
    let lastInk = -1;
    let inked = 0;
    for (let at = 0; at <= length; at++) {
      const dark = at < length && ink[index(line, at)] === 1;
      if (dark) {
        if (start < 0 || at - lastInk - 1 > options.maxGapPx) {
          if (start >= 0 && isRule(start, lastInk, inked))
            for (let k = start; k <= lastInk; k++) mask[index(line, k)] = 1;
          start = at;
          inked = 0;
        }
        lastInk = at;
        inked++;
      } else if (at === length && start >= 0 && isRule(start, lastInk, inked)) {
        for (let k = start; k <= lastInk; k++) mask[index(line, k)] = 1;
      }
    }
  }
  return mask;
}

/** 4-connected components of mask == value; returns labels (0 = not in mask) and each component's box and size. */
function maskToComponents(
  mask: Uint8Array,
  widthPx: number,
  heightPx: number,
  value = 1,
): { labels: Int32Array; boxes: Array<PixelBox & { pixelCount: number }> } {
  const labels = new Int32Array(mask.length);
  const boxes: Array<PixelBox & { pixelCount: number }> = [];
  const stack = new Int32Array(mask.length);
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== value || labels[start] !== 0) continue;
    const label = boxes.length + 1;
    const box = { x0: widthPx, top: heightPx, x1: 0, bottom: 0, pixelCount: 0 };
    let sp = 0;
    stack[sp++] = start;
    labels[start] = label;
    while (sp > 0) {
      const i = stack[--sp];
      const x = i % widthPx;
      const y = (i - x) / widthPx;
      box.pixelCount++;
      if (x < box.x0) box.x0 = x;
      if (x + 1 > box.x1) box.x1 = x + 1;
      if (y < box.top) box.top = y;
      if (y + 1 > box.bottom) box.bottom = y + 1;
      if (x > 0 && mask[i - 1] === value && labels[i - 1] === 0) {
        labels[i - 1] = label;
        stack[sp++] = i - 1;
      }
      if (x + 1 < widthPx && mask[i + 1] === value && labels[i + 1] === 0) {
        labels[i + 1] = label;
        stack[sp++] = i + 1;
      }
      if (y > 0 && mask[i - widthPx] === value && labels[i - widthPx] === 0) {
        labels[i - widthPx] = label;
        stack[sp++] = i - widthPx;
      }
      if (y + 1 < heightPx && mask[i + widthPx] === value && labels[i + widthPx] === 0) {
        labels[i + widthPx] = label;
        stack[sp++] = i + widthPx;
      }
    }
    boxes.push(box);
  }
  return { labels, boxes };
}

function joinCollinear(rules: PixelRule[], options: RuleOptions): PixelRule[] {
  const horizontal = rules[0]?.orientation !== 'vertical';
  const along0 = (r: PixelRule) => (horizontal ? r.x0 : r.top);
  const along1 = (r: PixelRule) => (horizontal ? r.x1 : r.bottom);
  const across = (r: PixelRule) => (horizontal ? (r.top + r.bottom) / 2 : (r.x0 + r.x1) / 2);
  const sorted = [...rules].sort((a, b) => across(a) - across(b) || along0(a) - along0(b));
  const joined: PixelRule[] = [];
  for (const rule of sorted) {
    const target = joined.find(
      (j) =>
        Math.abs(across(j) - across(rule)) <= options.maxThicknessPx &&
        along0(rule) <= along1(j) + options.joinGapPx &&
        along0(j) <= along1(rule) + options.joinGapPx,
    );
    if (target) {
      target.x0 = Math.min(target.x0, rule.x0);
      target.top = Math.min(target.top, rule.top);
      target.x1 = Math.max(target.x1, rule.x1);
      target.bottom = Math.max(target.bottom, rule.bottom);
    } else joined.push({ ...rule });
  }
  return joined;
}

/** Whether a vertical piece's end at y touches a horizontal rule spanning its x. */
function meetsHorizontal(horizontals: PixelRule[], x0: number, x1: number, y: number, tolerancePx: number): boolean {
  return horizontals.some(
    (h) =>
      h.x0 - tolerancePx <= x1 && x0 <= h.x1 + tolerancePx && h.top - tolerancePx <= y && y <= h.bottom + tolerancePx,
  );
}

/** Horizontal and vertical table rules in a (deskewed) binary page image, in pixels. */
export function binaryToRules(binary: BinaryImage, options: RuleOptions): { rules: PixelRule[]; ruleMask: Uint8Array } {
  const ruleMask = new Uint8Array(binary.ink.length);
  const rules: PixelRule[] = [];
  let horizontals: PixelRule[] = [];
  for (const orientation of ['horizontal', 'vertical'] as const) {
    const vertical = orientation === 'vertical';
    const minLengthPx = vertical
      ? Math.min(options.minLengthPx, options.shortVerticalMinLengthPx)
      : options.minLengthPx;
    const mask = binaryToRunMask(binary, orientation, { ...options, minLengthPx });
    const { labels, boxes } = maskToComponents(mask, binary.widthPx, binary.heightPx);
    const pieces: PixelRule[] = [];
    const kept = new Uint8Array(boxes.length + 1);
    /** Horizontal runs that are text (digit feet), not rules: neither a rule nor erased. */
    const textLike = new Uint8Array(boxes.length + 1);
    boxes.forEach((box, index) => {
      const thickness = vertical ? box.x1 - box.x0 : box.bottom - box.top;
      const length = vertical ? box.bottom - box.top : box.x1 - box.x0;
      if (thickness > options.maxThicknessPx || length < minLengthPx) return;
      if (!vertical && sideInkShare(binary, box) > RULE_MAX_SIDE_INK_SHARE) {
        textLike[index + 1] = 1;
        return;
      }
      const closesRow =
        length >= options.minLengthPx ||
        (meetsHorizontal(horizontals, box.x0, box.x1, box.top, options.maxThicknessPx) &&
          meetsHorizontal(horizontals, box.x0, box.x1, box.bottom - 1, options.maxThicknessPx));
      if (!closesRow) return;
      kept[index + 1] = 1;
      pieces.push({ x0: box.x0, top: box.top, x1: box.x1, bottom: box.bottom, orientation });
    });
    // Only pixels of accepted vertical rules are erased later (a short stroke of a glyph stays ink);
    // horizontal runs are erased even when too thick to be a rule (text touching it), unless text-like.
    for (let i = 0; i < mask.length; i++)
      if (mask[i] && (vertical ? kept[labels[i]] : !textLike[labels[i]])) ruleMask[i] = 1;
    const joined = joinCollinear(pieces, options);
    if (!vertical) horizontals = joined;
    rules.push(...joined);
  }
  return { rules, ruleMask };
}

/** Rule ends are extended by this much when closing cells (rules that stop short of their crossing rule). */
const CELL_RULE_EXTEND_PT = 4;
/** Smallest cell side; smaller enclosed areas are gaps between doubled rules. */
const CELL_MIN_SIDE_PT = 6;
/** An enclosed area filling less of its box than this is not a rectangular cell. */
const CELL_MIN_FILL_RATIO = 0.8;

/** Cells: the areas enclosed by rules (spans follow from missing interior rules), in pixels, top-to-bottom. */
export function rulesToCellBoxes(rules: PixelRule[], widthPx: number, heightPx: number, dpi: number): PixelBox[] {
  const extendPx = Math.round((CELL_RULE_EXTEND_PT * dpi) / 72);
  const minSidePx = Math.round((CELL_MIN_SIDE_PT * dpi) / 72);
  const grid = new Uint8Array(widthPx * heightPx);
  for (const rule of rules) {
    const horizontal = rule.orientation === 'horizontal';
    const x0 = Math.max(0, rule.x0 - (horizontal ? extendPx : 1));
    const x1 = Math.min(widthPx, rule.x1 + (horizontal ? extendPx : 1));
    const top = Math.max(0, rule.top - (horizontal ? 1 : extendPx));
    const bottom = Math.min(heightPx, rule.bottom + (horizontal ? 1 : extendPx));
    for (let y = top; y < bottom; y++) grid.fill(1, y * widthPx + x0, y * widthPx + x1);
  }
  const { boxes } = maskToComponents(grid, widthPx, heightPx, 0);
  return boxes
    .filter((b) => b.x0 > 0 && b.top > 0 && b.x1 < widthPx && b.bottom < heightPx)
    .filter((b) => b.x1 - b.x0 >= minSidePx && b.bottom - b.top >= minSidePx)
    .filter((b) => b.pixelCount >= CELL_MIN_FILL_RATIO * (b.x1 - b.x0) * (b.bottom - b.top))
    .map(({ x0, top, x1, bottom }) => ({ x0, top, x1, bottom }))
    .sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

/** A row needs this many ink pixels to belong to a text line (speckle noise of the JPEG fixtures). */
const LINE_MIN_INK_PER_ROW_PX = 2;
/** Lines lower than this are noise (smallest text seen: 7.5pt footnotes, whose ink is ≥ 5pt tall). */
const LINE_MIN_HEIGHT_PT = 3;
/**
 * A horizontal gap wider than this many line heights splits a line into separate runs (unit code …
 * 单位：万元; headings set with wide letter-spacing, `目 录`, which tesseract read as `目有录` in one
 * piece). The layout stage joins the runs of a line again. Gaps between CJK characters are ~0.1 line
 * height, an ASCII space ~0.3, after `、` ~0.6 (`一、总体…` must stay one piece).
 */
const LINE_SPLIT_GAP_LINE_HEIGHTS = 0.9;
/**
 * A narrower gap splits too when the glyph before it is full width (a Han character, not `、` or `，`,
 * whose own blank side makes the gap after them ~0.6): the letter-spaced `目 录` of the seed scans (0.84).
 */
const SPACED_HEADING_GAP_LINE_HEIGHTS = 0.65;
/** …full width: an unbroken run of inked columns at least this many line heights wide (a `、` is ~0.3). */
const FULL_WIDTH_GLYPH_MIN_LINE_HEIGHTS = 0.5;

/** Text lines in the ink that is neither rule nor inside a cell, in pixels, top-to-bottom. */
export function binaryToTextLineBoxes(
  binary: BinaryImage,
  ruleMask: Uint8Array,
  cells: PixelBox[],
  dpi: number,
): PixelBox[] {
  const { widthPx, heightPx } = binary;
  const free = new Uint8Array(binary.ink.length);
  const ink = binary.ink;
  // Isolated ink pixels (no 4-neighbour in ink) are JPEG/scanner speckle, not text.
  for (let y = 1; y < heightPx - 1; y++) {
    for (let x = 1; x < widthPx - 1; x++) {
      const i = y * widthPx + x;
      if (ink[i] && !ruleMask[i] && (ink[i - 1] || ink[i + 1] || ink[i - widthPx] || ink[i + widthPx])) free[i] = 1;
    }
  }
  for (const cell of cells) {
    for (let y = Math.max(0, cell.top - 3); y < Math.min(heightPx, cell.bottom + 3); y++)
      free.fill(0, y * widthPx + Math.max(0, cell.x0 - 3), y * widthPx + Math.min(widthPx, cell.x1 + 3));
  }
  const minHeightPx = (LINE_MIN_HEIGHT_PT * dpi) / 72;
  const lines: PixelBox[] = [];
  let bandTop = -1;
  for (let y = 0; y <= heightPx; y++) {
    let count = 0;
    if (y < heightPx) for (let x = 0; x < widthPx; x++) count += free[y * widthPx + x];
    if (count >= LINE_MIN_INK_PER_ROW_PX) {
      if (bandTop < 0) bandTop = y;
    } else if (bandTop >= 0) {
      if (y - bandTop >= minHeightPx) lines.push(...bandToPieces(free, widthPx, bandTop, y));
      bandTop = -1;
    }
  }
  return lines;
}

/**
 * Leader dots of a contents line (`一、总体绩效目标……………3`): at least this many small marks in a
 * row, each at most LEADER_DOT_MAX_LINE_HEIGHTS of the line's height wide and tall, at most
 * LEADER_MAX_GAP_LINE_HEIGHTS apart. OCR reads them as a string of Han noise (`[有天和天和`) that
 * swallows the page number; they are blanked, so that title and page number are read as pieces.
 */
const LEADER_MIN_DOTS = 6;
const LEADER_DOT_MAX_LINE_HEIGHTS = 0.3;
const LEADER_MAX_GAP_LINE_HEIGHTS = 1.2;

/** Clears the columns of leader dots in a band (see LEADER_MIN_DOTS). */
function withoutLeaderDots(free: Uint8Array, widthPx: number, top: number, bottom: number, columns: Uint8Array): void {
  const heightPx = bottom - top;
  const isDot = (run: PixelBox) =>
    run.x1 - run.x0 <= LEADER_DOT_MAX_LINE_HEIGHTS * heightPx &&
    run.bottom - run.top <= LEADER_DOT_MAX_LINE_HEIGHTS * heightPx;
  const runs = columnInkRuns(widthPx, top, bottom, (x, y) => free[y * widthPx + x] === 1);
  let start = 0;
  for (let i = 0; i <= runs.length; i++) {
    const continues =
      i < runs.length &&
      isDot(runs[i]) &&
      (i === start || runs[i].x0 - runs[i - 1].x1 <= LEADER_MAX_GAP_LINE_HEIGHTS * heightPx);
    if (continues) continue;
    if (i - start >= LEADER_MIN_DOTS) columns.fill(0, runs[start].x0, runs[i - 1].x1);
    start = i < runs.length && isDot(runs[i]) ? i : i + 1;
  }
}

/**
 * Missing-glyph boxes (tofu: a producer without the font drew a hollow rectangle, `目□□□□录`): a column run at least this
 * share of the line tall, at most this share of its own height wide…
 */
const MISSING_GLYPH_MIN_LINE_HEIGHTS = 0.5;
const MISSING_GLYPH_MAX_ASPECT = 0.7;
/**
 * …whose rows have ink within this share of its width from both sides (but for a few, below), whose top and bottom rows are inked across
 * (all but this share), and whose inside (this share in from each side) holds no ink. A `0` or `口` fails: an oval's top
 * rows are inked in the middle only, 口 is as wide as tall, 目 and 日 have strokes inside. OCR reads such boxes as
 * glyphs of its own choosing (`0`, `叫`), which joins the characters around them into one piece; they are blanked.
 */
const MISSING_GLYPH_SIDE_WIDTHS = 0.25;
const MISSING_GLYPH_EDGE_GAP_SHARE = 0.2;
/**
 * Rows of the run that may lack ink at a side, as a share of its height: a speck of scan noise touching the box's top
 * or bottom (a dark-toned 300 dpi scan) lengthens its column run by rows that hold only the speck.
 */
const MISSING_GLYPH_ROWS_WITHOUT_SIDE_SHARE = 0.1;

function isMissingGlyphBox(free: Uint8Array, widthPx: number, run: PixelBox, lineHeightPx: number): boolean {
  const w = run.x1 - run.x0;
  const h = run.bottom - run.top;
  if (w < 3 || h < MISSING_GLYPH_MIN_LINE_HEIGHTS * lineHeightPx || w > MISSING_GLYPH_MAX_ASPECT * h) return false;
  const side = Math.max(1, Math.round(MISSING_GLYPH_SIDE_WIDTHS * w));
  const ink = (x: number, y: number) => free[y * widthPx + x] === 1;
  const inkedColumns = (y0: number, y1: number) => {
    let count = 0;
    for (let x = run.x0; x < run.x1; x++) {
      let any = false;
      for (let y = y0; y < y1 && !any; y++) any = ink(x, y);
      if (any) count++;
    }
    return count;
  };
  if (inkedColumns(run.top, run.top + side) < (1 - MISSING_GLYPH_EDGE_GAP_SHARE) * w) return false;
  if (inkedColumns(run.bottom - side, run.bottom) < (1 - MISSING_GLYPH_EDGE_GAP_SHARE) * w) return false;
  let rowsWithoutSide = 0;
  for (let y = run.top; y < run.bottom; y++) {
    let left = false;
    let right = false;
    for (let x = run.x0; x < run.x0 + side; x++) left ||= ink(x, y);
    for (let x = run.x1 - side; x < run.x1; x++) right ||= ink(x, y);
    if ((!left || !right) && ++rowsWithoutSide > MISSING_GLYPH_ROWS_WITHOUT_SIDE_SHARE * h) return false;
    if (y < run.top + side || y >= run.bottom - side) continue;
    for (let x = run.x0 + side; x < run.x1 - side; x++) if (ink(x, y)) return false;
  }
  return true;
}

/** Clears the columns of missing-glyph boxes in a band (see MISSING_GLYPH_MIN_LINE_HEIGHTS). */
function withoutMissingGlyphBoxes(
  free: Uint8Array,
  widthPx: number,
  top: number,
  bottom: number,
  columns: Uint8Array,
): void {
  for (const run of columnInkRuns(widthPx, top, bottom, (x, y) => free[y * widthPx + x] === 1))
    if (isMissingGlyphBox(free, widthPx, run, bottom - top)) columns.fill(0, run.x0, run.x1);
}

function bandToPieces(free: Uint8Array, widthPx: number, top: number, bottom: number): PixelBox[] {
  const columns = new Uint8Array(widthPx);
  for (let y = top; y < bottom; y++) for (let x = 0; x < widthPx; x++) if (free[y * widthPx + x]) columns[x] = 1;
  withoutLeaderDots(free, widthPx, top, bottom, columns);
  withoutMissingGlyphBoxes(free, widthPx, top, bottom, columns);
  const splitGapPx = (bottom - top) * LINE_SPLIT_GAP_LINE_HEIGHTS;
  const spacedGapPx = (bottom - top) * SPACED_HEADING_GAP_LINE_HEIGHTS;
  const fullWidthPx = (bottom - top) * FULL_WIDTH_GLYPH_MIN_LINE_HEIGHTS;
  const pieces: PixelBox[] = [];
  let x0 = -1;
  let lastInk = -1;
  let runStart = -1;
  for (let x = 0; x < widthPx; x++) {
    if (!columns[x]) continue;
    const gap = x - lastInk - 1;
    if (x0 >= 0 && gap > 0 && (gap >= splitGapPx || (gap >= spacedGapPx && lastInk + 1 - runStart >= fullWidthPx))) {
      pieces.push({ x0, top, x1: lastInk + 1, bottom });
      x0 = -1;
    }
    if (x0 < 0) x0 = x;
    if (gap > 0 || runStart < 0) runStart = x;
    lastInk = x;
  }
  if (x0 >= 0) pieces.push({ x0, top, x1: lastInk + 1, bottom });
  // A piece that is only a speck (a few pixels wide) is noise.
  return pieces.filter((p) => p.x1 - p.x0 >= (bottom - top) / 3);
}
