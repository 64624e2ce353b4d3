/**
 * Adapter from a pdf.js 5.4 operator list to ruling segments and painted images.
 *
 * The only module that knows pdf.js's operator encoding. In pdf.js 5.4.296 the worker packs every
 * path into one `OPS.constructPath` op whose arguments are
 *   [paintOp, [buffer: Float32Array | null], minMax: Float32Array | null]
 * where `paintOp` is the painting operator (OPS.stroke, OPS.fill, OPS.endPath, ...) and `buffer`
 * holds DrawOPS codes followed by their coordinates in user space:
 *   0 moveTo x y · 1 lineTo x y · 2 curveTo x1 y1 x2 y2 x y · 3 closePath.
 * `re` arrives already expanded to moveTo/lineTo×3/closePath. The worker's optimiser may also fold
 * `q cm <path> S Q` (with a unit scale) into the path coordinates, which is transparent here.
 */
import type { PageImage, Ruling } from '../../model/index.js';

/** pdf.js OPS codes this adapter reads (pdfjs-dist 5.4.296, src/shared/util.js). */
export const PdfOps = {
  setLineWidth: 2,
  setGState: 9,
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
  clip: 29,
  eoClip: 30,
  beginText: 31,
  endText: 32,
  setLeading: 36,
  moveText: 40,
  setLeadingMoveText: 41,
  setTextMatrix: 42,
  nextLine: 43,
  showText: 44,
  showSpacedText: 45,
  nextLineShowText: 46,
  nextLineSetSpacingShowText: 47,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageMaskXObject: 83,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintImageXObjectRepeat: 88,
  paintSolidColorImageMask: 90,
  constructPath: 91,
} as const;

/** pdf.js DrawOPS codes inside a constructPath buffer. */
export const PathOps = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 3 } as const;

/** A 2-D affine matrix [a, b, c, d, e, f] as PDF writes it: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

/**
 * A filled shape is a ruling when its thinner side is below this. The direct-writer fixture draws
 * borders as 0.5pt filled rectangles; Word/WPS use 0.5–1.5pt; table shading is far thicker.
 */
export const FILLED_RULING_MAX_THICKNESS_PT = 2;
/** A ruling must be at least this long; shorter thin marks are dots, underline specks or bullets. */
export const RULING_MIN_LENGTH_PT = 2;
/**
 * A stroked segment counts as horizontal/vertical when its drift across is within this; some
 * writers round coordinates so that a "horizontal" border drifts by a fraction of a point.
 */
export const STROKE_AXIS_TOLERANCE_PT = 1;
/** Line width PDF uses for `0 w` (thinnest device line); given a visible width for ruling boxes. */
export const HAIRLINE_WIDTH_PT = 0.1;

export function multiplyMatrices(inner: Matrix, outer: Matrix): Matrix {
  // Apply `inner` first, then `outer` (the pdf.js Util.transform(outer, inner) convention).
  const [a1, b1, c1, d1, e1, f1] = inner;
  const [a2, b2, c2, d2, e2, f2] = outer;
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

export function applyMatrix(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

/** Scale a user-space length (line width) by the matrix: geometric mean of the axis scales. */
function scaleLength(m: Matrix, length: number): number {
  return length * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

type Point = { x: number; y: number };

type PageBox = { x0: number; top: number; x1: number; bottom: number };

type GraphicsState = { ctm: Matrix; lineWidthPt: number; clip: PageBox | null };

/**
 * Where a text-showing operator starts (its text origin in page points) and the clipping area it is painted in:
 * spreadsheet writers (LibreOffice Calc) print a merged cell cut by a page break on both pages, the whole label placed
 * in the whole merged area and clipped to the part on the page, so glyphs outside the clip are in the text layer but
 * not on the page.
 */
export type TextClip = { x: number; y: number; clip: PageBox };

export type PageGraphics = { rulings: Ruling[]; images: PageImage[]; textClips: TextClip[] };

const STROKE_OPS = new Set<number>([
  PdfOps.stroke,
  PdfOps.closeStroke,
  PdfOps.fillStroke,
  PdfOps.eoFillStroke,
  PdfOps.closeFillStroke,
  PdfOps.closeEOFillStroke,
]);
const FILL_OPS = new Set<number>([
  PdfOps.fill,
  PdfOps.eoFill,
  PdfOps.fillStroke,
  PdfOps.eoFillStroke,
  PdfOps.closeFillStroke,
  PdfOps.closeEOFillStroke,
]);

/** Splits a constructPath buffer into subpaths of device-space points (curves contribute their end point only). */
function bufferToSubpaths(
  buffer: ArrayLike<number>,
  ctm: Matrix,
): { points: Point[]; closed: boolean; curved: boolean }[] {
  const subpaths: { points: Point[]; closed: boolean; curved: boolean }[] = [];
  let current: { points: Point[]; closed: boolean; curved: boolean } | null = null;
  for (let i = 0; i < buffer.length; ) {
    const op = buffer[i++];
    if (op === PathOps.moveTo) {
      current = { points: [applyMatrix(ctm, buffer[i], buffer[i + 1])], closed: false, curved: false };
      subpaths.push(current);
      i += 2;
    } else if (op === PathOps.lineTo) {
      const p = applyMatrix(ctm, buffer[i], buffer[i + 1]);
      if (!current) {
        current = { points: [], closed: false, curved: false };
        subpaths.push(current);
      }
      current.points.push(p);
      i += 2;
    } else if (op === PathOps.curveTo) {
      const p = applyMatrix(ctm, buffer[i + 4], buffer[i + 5]);
      if (!current) {
        current = { points: [], closed: false, curved: false };
        subpaths.push(current);
      }
      current.points.push(p);
      current.curved = true;
      i += 6;
    } else if (op === PathOps.closePath) {
      if (current) {
        current.closed = true;
        // A closed subpath's current point returns to its start; a following lineTo starts there.
        current = { points: [current.points[0]], closed: false, curved: false };
        subpaths.push(current);
      }
    } else {
      break; // unknown code: the rest of the buffer cannot be decoded safely
    }
  }
  return subpaths.filter((s) => s.points.length > 1 || s.closed);
}

function segmentToRuling(a: Point, b: Point, lineWidthPt: number): Ruling | null {
  const dx = Math.abs(a.x - b.x);
  const dy = Math.abs(a.y - b.y);
  const half = Math.max(lineWidthPt, HAIRLINE_WIDTH_PT) / 2;
  if (dy <= STROKE_AXIS_TOLERANCE_PT && dx >= RULING_MIN_LENGTH_PT) {
    const y = (a.y + b.y) / 2;
    return {
      orientation: 'horizontal',
      x0: Math.min(a.x, b.x),
      x1: Math.max(a.x, b.x),
      top: y - half,
      bottom: y + half,
    };
  }
  if (dx <= STROKE_AXIS_TOLERANCE_PT && dy >= RULING_MIN_LENGTH_PT) {
    const x = (a.x + b.x) / 2;
    return { orientation: 'vertical', x0: x - half, x1: x + half, top: Math.min(a.y, b.y), bottom: Math.max(a.y, b.y) };
  }
  return null;
}

/** A filled area (bounding box in page points) that is thin in one direction is a ruling. */
export function filledBoxToRuling(box: { x0: number; top: number; x1: number; bottom: number }): Ruling | null {
  const width = box.x1 - box.x0;
  const height = box.bottom - box.top;
  if (height <= FILLED_RULING_MAX_THICKNESS_PT && width >= RULING_MIN_LENGTH_PT && width > height) {
    return { orientation: 'horizontal', ...box };
  }
  if (width <= FILLED_RULING_MAX_THICKNESS_PT && height >= RULING_MIN_LENGTH_PT && height > width) {
    return { orientation: 'vertical', ...box };
  }
  return null;
}

function pointsBox(points: Point[]): { x0: number; top: number; x1: number; bottom: number } {
  let x0 = Infinity;
  let top = Infinity;
  let x1 = -Infinity;
  let bottom = -Infinity;
  for (const p of points) {
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < top) top = p.y;
    if (p.y > bottom) bottom = p.y;
  }
  return { x0, top, x1, bottom };
}

function pathToRulings(paintOp: number, buffer: ArrayLike<number>, state: GraphicsState, out: Ruling[]): void {
  const isStroke = STROKE_OPS.has(paintOp);
  const isFill = FILL_OPS.has(paintOp);
  if (!isStroke && !isFill) return; // endPath (clip paths) and the like paint nothing
  const subpaths = bufferToSubpaths(buffer, state.ctm);
  const lineWidthPt = scaleLength(state.ctm, state.lineWidthPt);
  for (const subpath of subpaths) {
    if (isStroke) {
      const pts = subpath.points;
      for (let k = 1; k < pts.length; k++) {
        const r = segmentToRuling(pts[k - 1], pts[k], lineWidthPt);
        if (r) out.push(r);
      }
      if (subpath.closed && pts.length > 2) {
        const r = segmentToRuling(pts[pts.length - 1], pts[0], lineWidthPt);
        if (r) out.push(r);
      }
    }
    if (isFill && !isStroke && subpath.points.length >= 2) {
      const r = filledBoxToRuling(pointsBox(subpath.points));
      if (r) out.push(r);
    }
  }
}

/** The unit square under the CTM, as a page box: where an image (or 1×1 mask) lands. */
function unitSquareBox(ctm: Matrix): { x0: number; top: number; x1: number; bottom: number } {
  return pointsBox([applyMatrix(ctm, 0, 0), applyMatrix(ctm, 1, 0), applyMatrix(ctm, 0, 1), applyMatrix(ctm, 1, 1)]);
}

function intersectBoxes(a: PageBox | null, b: PageBox): PageBox {
  if (!a) return b;
  return {
    x0: Math.max(a.x0, b.x0),
    top: Math.max(a.top, b.top),
    x1: Math.min(a.x1, b.x1),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

const TEXT_SHOW_OPS = new Set<number>([
  PdfOps.showText,
  PdfOps.showSpacedText,
  PdfOps.nextLineShowText,
  PdfOps.nextLineSetSpacingShowText,
]);
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function readNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Walks an operator list with the CTM (starting at `pageMatrix`, the viewport transform that maps
 * user space to top-left/y-down page points) and returns the ruling segments and images painted.
 */
export function operatorListToGraphics(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  pageMatrix: Matrix,
): PageGraphics {
  const rulings: Ruling[] = [];
  const images: PageImage[] = [];
  const textClips: TextClip[] = [];
  let state: GraphicsState = { ctm: pageMatrix, lineWidthPt: 1, clip: null };
  const stack: GraphicsState[] = [];
  let inlineCount = 0;
  // A clip operator (W, W*) applies to the path painted next; pdf.js emits it before that path's constructPath.
  let clipPending = false;
  // Text state: line matrix, text matrix, leading; `positioned` while no glyph has been shown since the last move.
  let lineMatrix: Matrix = IDENTITY;
  let textMatrix: Matrix = IDENTITY;
  let leading = 0;
  let positioned = false;
  // Clipping paths cannot change inside a text object: its text is followed only when a clip is in effect at BT.
  let clippedText = false;
  const moveText = (tx: number, ty: number) => {
    if (!clippedText) return;
    lineMatrix = multiplyMatrices([1, 0, 0, 1, tx, ty], lineMatrix);
    textMatrix = lineMatrix;
    positioned = true;
  };

  const pushImage = (objectId: string, widthPx: number, heightPx: number, ctm: Matrix) => {
    images.push({ ...unitSquareBox(ctm), widthPx: Math.round(widthPx), heightPx: Math.round(heightPx), objectId });
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case PdfOps.save:
        stack.push(state);
        state = { ...state };
        break;
      case PdfOps.restore:
        state = stack.pop() ?? state;
        break;
      case PdfOps.transform:
        state = { ...state, ctm: multiplyMatrices(Array.from(args as number[]) as Matrix, state.ctm) };
        break;
      case PdfOps.setLineWidth:
        state = { ...state, lineWidthPt: readNumber(args?.[0], state.lineWidthPt) };
        break;
      case PdfOps.setGState: {
        const entries = (args?.[0] ?? []) as [string, unknown][];
        for (const entry of entries) {
          if (Array.isArray(entry) && entry[0] === 'LW')
            state = { ...state, lineWidthPt: readNumber(entry[1], state.lineWidthPt) };
        }
        break;
      }
      case PdfOps.paintFormXObjectBegin: {
        stack.push(state);
        const matrix = args?.[0] as ArrayLike<number> | null | undefined;
        state =
          matrix && matrix.length === 6
            ? { ...state, ctm: multiplyMatrices(Array.from(matrix) as Matrix, state.ctm) }
            : { ...state };
        break;
      }
      case PdfOps.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case PdfOps.constructPath: {
        const paintOp = args?.[0] as number;
        const buffer = (args?.[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
        if (buffer && typeof (buffer as { length?: unknown }).length === 'number') {
          pathToRulings(paintOp, buffer, state, rulings);
          if (clipPending) {
            const points = bufferToSubpaths(buffer, state.ctm).flatMap((subpath) => subpath.points);
            if (points.length > 0) state = { ...state, clip: intersectBoxes(state.clip, pointsBox(points)) };
          }
        }
        clipPending = false;
        break;
      }
      case PdfOps.clip:
      case PdfOps.eoClip:
        clipPending = true;
        break;
      case PdfOps.beginText:
        clippedText = state.clip !== null;
        lineMatrix = IDENTITY;
        textMatrix = IDENTITY;
        positioned = true;
        break;
      case PdfOps.setLeading:
        leading = readNumber(args?.[0], leading);
        break;
      case PdfOps.moveText:
        moveText(readNumber(args?.[0], 0), readNumber(args?.[1], 0));
        break;
      case PdfOps.setLeadingMoveText:
        leading = -readNumber(args?.[1], 0);
        moveText(readNumber(args?.[0], 0), readNumber(args?.[1], 0));
        break;
      case PdfOps.setTextMatrix: {
        if (!clippedText) break;
        const m = (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0]) ? args?.[0] : args) as ArrayLike<number>;
        if (m && m.length >= 6) {
          lineMatrix = Array.from({ length: 6 }, (_, k) => readNumber(m[k], IDENTITY[k])) as Matrix;
          textMatrix = lineMatrix;
          positioned = true;
        }
        break;
      }
      case PdfOps.nextLine:
        moveText(0, -leading);
        break;
      case PdfOps.paintSolidColorImageMask: {
        // A 1×1 opaque mask scaled by the CTM: some producers draw table rules this way.
        const r = filledBoxToRuling(unitSquareBox(state.ctm));
        if (r) rulings.push(r);
        break;
      }
      case PdfOps.paintImageXObject:
        pushImage(String(args?.[0]), readNumber(args?.[1], 0), readNumber(args?.[2], 0), state.ctm);
        break;
      case PdfOps.paintImageXObjectRepeat: {
        const [objId, scaleX, scaleY, positions] = (args ?? []) as [string, number, number, ArrayLike<number>];
        for (let k = 0; positions && k + 1 < positions.length; k += 2) {
          const m = multiplyMatrices([scaleX, 0, 0, scaleY, positions[k], positions[k + 1]], state.ctm);
          pushImage(String(objId), 0, 0, m);
        }
        break;
      }
      case PdfOps.paintInlineImageXObject:
      case PdfOps.paintImageMaskXObject: {
        const img = (args?.[0] ?? {}) as { data?: unknown; width?: number; height?: number };
        const id = typeof img.data === 'string' ? img.data : `inline-${inlineCount++}`;
        pushImage(id, readNumber(img.width, 0), readNumber(img.height, 0), state.ctm);
        break;
      }
      default:
        if (clippedText && TEXT_SHOW_OPS.has(fn)) {
          if (fn === PdfOps.nextLineShowText || fn === PdfOps.nextLineSetSpacingShowText) moveText(0, -leading);
          if (positioned && state.clip) {
            const origin = applyMatrix(state.ctm, textMatrix[4], textMatrix[5]);
            textClips.push({ x: origin.x, y: origin.y, clip: state.clip });
          }
          positioned = false;
        }
        break;
    }
  }
  return { rulings, images, textClips };
}
